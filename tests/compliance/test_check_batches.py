"""The stored check in batches on worker processes decides and stores what the check in
one process does (store.check_batches): the same ``check --json`` document and the same
rows in every table, over the demo's varied data (reports, reviews, a person ledger
with a double count, follow-ups, enforcement cases)."""

import json
from datetime import datetime

import pytest

from srtracker.db import db, is_sqlite, open_database
from srtracker.models import CheckRun, FollowUp
from srtracker.services import checks
from srtracker.store import check_batches
from srtracker.store.checks import Combined, latest_check_run
from srtracker.workers import Ahead
from tests.compliance.test_check_unchanged import run, stored_state

STARTED: list[Ahead] = []


class Watched(Ahead):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        STARTED.append(self)


@pytest.fixture
def demo(runner, conn):
    """The demo data, its check stored; its digest forgotten and its follow-ups gone, so
    the next check works everything out and creates the follow-ups again."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    CheckRun.update(inputs=None).execute()
    FollowUp.delete().execute()
    return checks.check_date()


@pytest.fixture
def decided(runner, demo):
    """The demo with its double count decided: the person ledger takes the days from one
    contract, which the check then checks again (``Combined.check`` reads its rows)."""
    with runner.app.app_context():
        document = run(runner.app, demo)
    (flag,) = [f for f in document["open_flags"] if f["kind"] == "double_counted"]
    args = [flag["contract"], flag["clause"], flag["candidate"], flag["other_contract"]]
    result = runner.invoke(args=["review", "count", *args])
    assert result.exit_code == 0, result.output
    CheckRun.update(inputs=None).execute()
    return demo


def in_batches(monkeypatch, size: int) -> None:
    """Every check forks, ``size`` contracts a batch, one worker beside this process."""
    monkeypatch.setattr(check_batches, "FORKS_FROM", 1)
    monkeypatch.setattr(check_batches, "BATCH_CONTRACTS", size)
    monkeypatch.setattr(check_batches, "WORKERS", 1)
    monkeypatch.setattr(check_batches, "CORES", 2)
    monkeypatch.setattr(check_batches, "Ahead", Watched)


def state() -> dict:
    """``stored_state``, the follow-ups' creation time (the check's clock) set aside."""
    FollowUp.update(created_at=datetime(2026, 1, 1)).execute()
    return stored_state(latest_check_run().id)


def in_one_process(app, as_of) -> tuple[dict, dict]:
    with db.atomic() as savepoint:
        document = run(app, as_of)
        stored = state()
        savepoint.rollback()
    return document, stored


def the_workers_checked_some() -> bool:
    return any(claimant >= 0 for claimant in STARTED[-1]._owner)


def every_batch_as_sent(monkeypatch) -> None:
    """The check's own batches too come as a worker sends its: checks without rows, and
    what was worked out of them (``check_batches.Sent``)."""
    monkeypatch.setattr(check_batches, "_here", lambda parent: False)


@pytest.mark.parametrize("size", [1, 3])
def test_checked_in_batches_it_prints_and_stores_what_one_process_does(
    app, demo, monkeypatch, size
):
    alone, alone_state = in_one_process(app, demo)
    in_batches(monkeypatch, size)
    assert run(app, demo) == alone
    assert state() == alone_state
    assert the_workers_checked_some()


def test_every_check_sent_without_its_rows_prints_and_stores_the_same(app, demo, monkeypatch):
    alone, alone_state = in_one_process(app, demo)
    assert FollowUp.select().count() == 0 and alone_state["follow_up"]
    in_batches(monkeypatch, 2)
    every_batch_as_sent(monkeypatch)
    assert run(app, demo) == alone
    assert state() == alone_state


def test_the_contracts_the_ledger_checks_again_are_read_in_the_parent(app, decided, monkeypatch):
    alone, alone_state = in_one_process(app, decided)
    in_batches(monkeypatch, 1)
    every_batch_as_sent(monkeypatch)
    again = []
    check = Combined.check
    monkeypatch.setattr(
        Combined, "check", lambda self, id_, *a, **k: again.append(id_) or check(self, id_, *a, **k)
    )
    assert run(app, decided) == alone
    assert state() == alone_state
    assert again and the_workers_checked_some()


def test_a_few_contracts_are_checked_without_forking(app, demo, monkeypatch):
    monkeypatch.setattr(check_batches, "WORKERS", 1)
    monkeypatch.setattr(check_batches, "CORES", 2)
    monkeypatch.setattr(check_batches, "Ahead", None)  # forking would fail
    active = check_batches.Contract.archived_at.is_null()
    assert check_batches.batches(active, check_batches.workers()) is None
    assert run(app, demo)["clauses"]


def test_on_postgresql_the_workers_read_in_the_check_s_snapshot(app, demo, monkeypatch):
    """A change another connection commits once the check has read (and exported its
    snapshot) is in none of what the workers read: the check decides as before it."""
    if is_sqlite():
        pytest.skip("SQLite's workers read in autocommit: the marker decides the digest")
    alone, _ = in_one_process(app, demo)
    in_batches(monkeypatch, 1)
    exported = check_batches._exported_snapshot

    def then_a_commit_elsewhere():
        snapshot = exported()
        other = open_database(app.config["DATABASE_URL"])
        with other.connection_context():
            other.execute_sql("UPDATE clause SET target = target + 1")
        return snapshot

    monkeypatch.setattr(check_batches, "_exported_snapshot", then_a_commit_elsewhere)
    assert run(app, demo) == alone
    assert the_workers_checked_some()


def command_check(runner, as_of) -> dict:
    result = runner.invoke(args=["check", "--as-of", as_of.isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_command_line_check_forks_a_worker_on_sqlite_and_stores_what_one_process_does(
    app, runner, demo, monkeypatch
):
    """``srtracker check`` runs no other thread, so on SQLite, with a core free, it checks
    beside one worker process (check_batches.COMMAND_WORKERS); the same check with every
    core busy stays in one process. Both print and store the same."""
    monkeypatch.setattr(check_batches, "FORKS_FROM", 1)
    monkeypatch.setattr(check_batches, "BATCH_CONTRACTS", 2)
    monkeypatch.setattr(check_batches, "CORES", 2)
    monkeypatch.setattr(check_batches, "Ahead", Watched)
    STARTED.clear()
    monkeypatch.setattr(check_batches, "_core_free", lambda: False)
    with db.atomic() as savepoint:
        alone = command_check(runner, demo)
        alone_state = state()
        savepoint.rollback()
    assert STARTED == []
    monkeypatch.setattr(check_batches, "_core_free", lambda: True)
    assert command_check(runner, demo) == alone
    assert state() == alone_state
    assert the_workers_checked_some() if is_sqlite() else STARTED == []


def test_the_scheduler_s_check_forks_no_worker(app, demo, monkeypatch):
    """The scheduler runs the check in a thread of its pool: a fork would leave in the
    worker any lock another thread held."""
    monkeypatch.setattr(check_batches, "FORKS_FROM", 1)
    monkeypatch.setattr(check_batches, "CORES", 2)
    monkeypatch.setattr(check_batches, "_core_free", lambda: True)
    monkeypatch.setattr(check_batches, "Ahead", None)  # forking would fail
    assert run(app, demo)["clauses"]
