"""The check run again as of the same date over unchanged inputs reads its clauses back
(store.check_inputs); any change to what the check reads makes it work them out again."""

import json
from datetime import date
from decimal import Decimal

import pytest
from peewee import fn

from srtracker.db import db, is_sqlite, open_database
from srtracker.enforcement.models import EnforcementCase
from srtracker.models import (
    CandidateReview,
    CheckRun,
    Clause,
    ClauseStatus,
    Flag,
    Organisation,
    Report,
)
from srtracker.services import checks
from srtracker.services.flags import close_by_hand
from srtracker.store import check_inputs
from srtracker.store.checks import latest_check_run
from tests.compliance.test_check import add_report

# Columns that differ between two runs storing the same outcome: surrogate ids of the
# rows a run inserts, and the times it ran.
VOLATILE = {"id", "at", "started_at", "finished_at", "refreshed_at", "inputs", "result"}


@pytest.fixture
def demo(runner, conn):
    """The demo data: contracts with reports, reviews, a person ledger with a double count,
    follow-ups and enforcement cases; checked once more as of its date, worked out."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    as_of = checks.check_date()
    with runner.app.app_context():
        checks.run_check(as_of, "test", "test", checks.at_risk_ratio())
    return as_of


def run(app, as_of: date) -> dict:
    with app.app_context():
        document, stored = checks.run_check(as_of, "test", "test", checks.at_risk_ratio())
    assert stored
    return document


class WorkedOut(Exception):
    pass


def refuse(*args, **kwargs):
    raise WorkedOut


@pytest.fixture
def not_worked_out(monkeypatch):
    """A check that loads contracts fails: the check must read its clauses back."""
    monkeypatch.setattr(checks, "Loaded", refuse)


def stored_state(run_id: int) -> dict:
    """Every table's rows without ids and times, this run's id written as "run"."""
    state = {}
    for table in sorted(db.get_tables()):
        cursor = db.execute_sql(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        rows = [repr(sorted(_kept(names, row, run_id).items())) for row in cursor.fetchall()]
        state[table] = sorted(rows)
    return state


def _kept(names, row, run_id: int) -> dict:
    kept = {}
    for name, value in zip(names, row, strict=True):
        if name in VOLATILE:
            continue
        if isinstance(value, memoryview):  # PostgreSQL's bytea
            value = bytes(value)
        if name == "changes" and value:  # the audit entry's, naming the check run
            value = json.loads(value) if isinstance(value, str) else value
            if value.get("check_run") == run_id:
                value = {**value, "check_run": "run"}
        elif name in ("check_run_id", "opened_by_id") and value == run_id:
            value = "run"
        kept[name] = value
    if kept.get("entity") == "check_run" and kept.get("entity_id") == str(run_id):
        kept["entity_id"] = "run"
    return kept


def test_the_same_check_again_reads_its_clauses_back(app, demo, not_worked_out):
    assert latest_check_run().inputs is not None
    again = run(app, demo)
    assert again["flags_opened"] == [] and again["flags_resolved"] == []
    assert CheckRun.select().where(CheckRun.result.is_null(False)).count() == 1


def test_read_back_it_prints_and_stores_what_working_it_out_again_would(app, demo, monkeypatch):
    latest = latest_check_run().id
    with db.atomic() as savepoint:
        CheckRun.update(inputs=None).where(CheckRun.id == latest).execute()
        fresh = run(app, demo)
        fresh_state = stored_state(latest_check_run().id)
        savepoint.rollback()
    monkeypatch.setattr(checks, "Loaded", None)  # reading back loads nothing
    read_back = run(app, demo)
    assert read_back == fresh
    assert stored_state(latest_check_run().id) == fresh_state


def test_statuses_move_to_the_run_that_read_them_back(app, demo, not_worked_out):
    run(app, demo)
    assert {s.check_run_id for s in ClauseStatus.select()} == {latest_check_run().id}


def first(model):
    return model.select(model.id).order_by(model.id).scalar()


def an_accepted_upload():
    report = Report.get_by_id(first(Report))
    add_report(report.contract, "2026-Q2", rows=())


def a_rejected_candidate():
    review = CandidateReview.get_by_id(first(CandidateReview))
    CandidateReview.update(decision="rejected", withdrawn_at=None).where(
        CandidateReview.id == review.id
    ).execute()


CHANGES = {
    "a clause's target": lambda: (
        Clause.update(target=Clause.target + 1).where(Clause.id == first(Clause)).execute()
    ),
    "an accepted upload": an_accepted_upload,
    "a review": a_rejected_candidate,
    "a flag closed by hand": lambda: close_by_hand(
        Flag.select().where(Flag.state == "open").first().id, "resolved", "test", "test"
    ),
    "a stored status": lambda: (
        ClauseStatus.update(realised=123456)
        .where(ClauseStatus.clause == ClauseStatus.select(fn.MIN(ClauseStatus.clause)).scalar())
        .execute()
    ),
    "an enforcement case": lambda: (
        EnforcementCase.update(step="warned")
        .where(EnforcementCase.id == first(EnforcementCase))
        .execute()
    ),
    "a buyer's setting": lambda: (
        Organisation.update(uses_bureau_ref=~Organisation.uses_bureau_ref)
        .where(Organisation.id == first(Organisation))
        .execute()
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_change_to_an_input_works_the_check_out_again(app, demo, not_worked_out, change):
    CHANGES[change]()
    with pytest.raises(WorkedOut):
        run(app, demo)


def test_another_date_works_the_check_out_again(app, demo, not_worked_out):
    with pytest.raises(WorkedOut):
        run(app, date.fromordinal(demo.toordinal() + 1))


def test_another_setting_works_the_check_out_again(app, demo, not_worked_out):
    app.config["AT_RISK_RATIO"] = Decimal("0.7")
    with pytest.raises(WorkedOut):
        run(app, demo)


def test_every_table_but_those_the_check_never_reads_is_in_the_digest(conn, monkeypatch):
    read = []
    monkeypatch.setattr(check_inputs, "_table", lambda digest, table: read.append(table))
    check_inputs.inputs_key(date(2026, 8, 15), "")
    assert set(read) == set(db.get_tables()) - check_inputs.NOT_INPUTS
    assert check_inputs.NOT_INPUTS - set(db.get_tables()) == set()


def meanwhile(app, monkeypatch, statement: str, times: int = 1) -> list[str]:
    """Run the next check with ``statement`` committed by another connection once the
    check has loaded its contracts (the first ``times`` checks); the check's messages."""
    said, done = [], []

    def elsewhere(message: str) -> None:
        said.append(message)
        if message.startswith("loaded") and len(done) < times:
            other = open_database(app.config["DATABASE_URL"])
            with other.connection_context():
                other.execute_sql(statement)
            done.append(statement)

    original = checks.run_check

    def told(*args, **kwargs):
        return original(*args, **kwargs, progress=elsewhere)

    monkeypatch.setattr(checks, "run_check", told)
    return said


def postgresql_only():
    if is_sqlite():
        pytest.skip("SQLite's reads see no snapshot: the marker decides (the test above)")


def test_a_change_committed_while_the_check_runs_is_decided_by_the_next_one(app, demo, monkeypatch):
    latest = latest_check_run().id
    CheckRun.update(inputs=None).where(CheckRun.id == latest).execute()
    clause = first(Clause)
    meanwhile(app, monkeypatch, f"UPDATE clause SET target = target + 1 WHERE id = {clause}")
    run(app, demo)
    monkeypatch.undo()
    monkeypatch.setattr(checks, "Loaded", refuse)
    with pytest.raises(WorkedOut):
        run(app, demo)


def test_a_commit_to_no_input_while_the_check_runs_leaves_its_read_back(app, demo, monkeypatch):
    postgresql_only()
    CheckRun.update(inputs=None).where(CheckRun.id == latest_check_run().id).execute()
    meanwhile(app, monkeypatch, "ANALYZE contribution")
    run(app, demo)
    assert latest_check_run().inputs is not None


def test_a_commit_to_a_row_the_check_writes_makes_it_check_again(app, demo, monkeypatch):
    postgresql_only()
    CheckRun.update(inputs=None).where(CheckRun.id == latest_check_run().id).execute()
    clause = ClauseStatus.select(fn.MIN(ClauseStatus.clause)).scalar()
    said = meanwhile(
        app, monkeypatch, f"UPDATE clause_status SET realised = 7 WHERE clause_id = {clause}"
    )
    run(app, demo)
    assert "a change committed meanwhile to what the check writes: checking again" in said
    assert ClauseStatus.get(ClauseStatus.clause == clause).realised != 7
    assert latest_check_run().inputs is not None


def sqlite_only():
    if not is_sqlite():
        pytest.skip("PostgreSQL's columns hold only their own type; it hashes rows as text")


def key_with(statement: str) -> str:
    db.execute_sql(statement)
    return check_inputs.inputs_key(date(2026, 8, 15), "")


def test_a_real_in_a_number_column_is_digested_to_its_last_digit(app, demo):
    sqlite_only()
    clause = first(Clause)
    exact = key_with(f"UPDATE clause SET target = 0.1 + 0.2 WHERE id = {clause}")
    rounded = key_with(f"UPDATE clause SET target = 0.3 WHERE id = {clause}")
    assert exact != rounded


def test_a_real_and_the_text_of_its_digits_are_digested_apart(app, demo):
    sqlite_only()
    clause = first(Clause)
    real = key_with(f"UPDATE clause SET target = 0.5 WHERE id = {clause}")
    text = key_with(f'UPDATE clause SET target = \'["real","0.5"]\' WHERE id = {clause}')
    assert real != text


def test_a_blob_in_an_input_table_is_digested(app, demo):
    sqlite_only()
    organisation = first(Organisation)
    one = key_with(f"UPDATE organisation SET name = x'00ff' WHERE id = {organisation}")
    other = key_with(f"UPDATE organisation SET name = x'00fe' WHERE id = {organisation}")
    assert one != other
    assert key_with("SELECT 1") == other


def test_a_text_holding_a_line_break_and_quotes_is_digested(app, demo):
    organisation = first(Organisation)
    Organisation.update(name='a",\n"b').where(Organisation.id == organisation).execute()
    broken = check_inputs.inputs_key(date(2026, 8, 15), "")
    Organisation.update(name='a","b').where(Organisation.id == organisation).execute()
    assert check_inputs.inputs_key(date(2026, 8, 15), "") != broken
