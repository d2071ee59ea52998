import datetime

import pytest
from peewee import DatabaseError

from srtracker import create_app
from srtracker.db import db
from srtracker.migrate import init_database, pending, upgrade
from srtracker.models import AuditLog, BaseModel, Clause, Contract


@pytest.fixture
def bare_app(empty_database_url):
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": empty_database_url})
    yield app
    if not db.is_closed():
        db.close()


def test_init_is_safe_to_run_twice(runner):
    result = runner.invoke(args=["init"])
    assert result.exit_code == 0
    assert "up to date" in result.output


def test_an_older_database_upgrades_with_its_data_intact(bare_app):
    with db.connection_context():
        upgrade("0001_initial")
        db.execute_sql(
            "INSERT INTO organisation (name, name_key, kind, created_at) VALUES "
            "('Gemeente A', 'gemeente a', 'buyer', '2026-01-01'), "
            "('B B.V.', 'b b.v.', 'supplier', '2026-01-01')"
        )
        db.execute_sql(
            "INSERT INTO contract (reference, reference_key, title, buyer_id, "
            'supplier_id, value_cents, start, "end", reporting, report_due_days, '
            "created_at, updated_at) VALUES ('OLD-1', 'old-1', 'Oud', 1, 2, 12345, "
            "'2026-01-01', '2026-12-31', 'quarterly', 30, '2026-01-01', '2026-01-01')"
        )
        db.execute_sql(
            "INSERT INTO clause (contract_id, code, code_key, title, measure, target, "
            "start, deadline, position) VALUES (1, 'SR1', 'sr1', 'P', 'persons', 500, "
            "'2026-01-01', '2026-12-31', 0)"
        )
        assert pending()[0] == "0002_reports_and_flags"
    init_database(bare_app)
    with db.connection_context():
        contract = Contract.get()
        assert (contract.reference, contract.value_cents, contract.archived_at) == (
            "OLD-1",
            12345,
            None,
        )
        assert Clause.get().target == 5
        assert pending() == []


def all_models(base=BaseModel):
    for model in base.__subclasses__():
        yield model
        yield from all_models(model)


def test_models_match_the_newest_migration(conn):
    for model in all_models():
        table = model._meta.table_name
        stored = {column.name for column in db.get_columns(table)}
        assert stored == {field.column_name for field in model._meta.sorted_fields}, table


def test_audit_log_refuses_updates_and_deletes(conn):
    AuditLog.create(actor="t", action="create", entity="x")
    with pytest.raises(DatabaseError, match="append-only"):
        AuditLog.update(actor="u").execute()
    with pytest.raises(DatabaseError, match="append-only"):
        AuditLog.delete().execute()


def test_init_mirrors_the_reference_data(conn):
    rows = {row[0] for row in db.execute_sql("SELECT code FROM target_group").fetchall()}
    assert {"participatiewet", "wajong", "other"} <= rows


def test_timestamps_are_stored_naive_utc(conn):
    entry = AuditLog.create(actor="t", action="create", entity="x")
    assert abs(entry.at - datetime.datetime.utcnow()) < datetime.timedelta(minutes=1)


def test_existing_audit_entries_get_the_contract_they_name(bare_app):
    with db.connection_context():
        upgrade("0009_portfolio")
        db.execute_sql(
            "INSERT INTO organisation (name, name_key, kind, created_at) VALUES "
            "('Gemeente A', 'gemeente a', 'buyer', '2026-01-01'), "
            "('B B.V.', 'b b.v.', 'supplier', '2026-01-01')"
        )
        db.execute_sql(
            "INSERT INTO contract (reference, reference_key, title, buyer_id, "
            'supplier_id, value_cents, start, "end", reporting, report_due_days, '
            "created_at, updated_at) VALUES ('OLD-1', 'old-1', 'Oud', 1, 2, 12345, "
            "'2026-01-01', '2026-12-31', 'quarterly', 30, '2026-01-01', '2026-01-01')"
        )
        db.execute_sql(
            "INSERT INTO flag (contract_id, kind, state, opened_as_of, opened_at, "
            "closed_reason, closed_by_hand) VALUES (1, 'behind', 'open', '2026-05-01', "
            "'2026-05-01', '', false)"
        )
        db.execute_sql(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, changes) VALUES "
            "('2026-01-01', 'cli', 'create', 'contract', 'OLD-1', '{}'), "
            "('2026-05-01', 'cli', 'open', 'flag', '1', '{}'), "
            "('2026-05-01', 'cli', 'create', 'user', '1', '{}')"
        )
    init_database(bare_app)
    with db.connection_context():
        assert [e.contract_id for e in AuditLog.select().order_by(AuditLog.id)] == [1, 1, None]
        with pytest.raises(DatabaseError, match="append-only"):
            AuditLog.update(actor="u").execute()


def test_files_of_refused_uploads_stored_before_are_deleted(bare_app):
    with db.connection_context():
        upgrade("0009_portfolio")
        db.execute_sql(
            "INSERT INTO organisation (name, name_key, kind, created_at) VALUES "
            "('Gemeente A', 'gemeente a', 'buyer', '2026-01-01'), "
            "('B B.V.', 'b b.v.', 'supplier', '2026-01-01')"
        )
        db.execute_sql(
            "INSERT INTO contract (reference, reference_key, title, buyer_id, "
            'supplier_id, value_cents, start, "end", reporting, report_due_days, '
            "created_at, updated_at) VALUES ('OLD-1', 'old-1', 'Oud', 1, 2, 12345, "
            "'2026-01-01', '2026-12-31', 'quarterly', 30, '2026-01-01', '2026-01-01')"
        )
        mark = db.param
        for sha, errors in (
            ("a" * 64, '[{"code": "macro_file", "sheet": null}]'),
            ("b" * 64, '[{"code": "bad_date", "sheet": "Voortgang"}]'),
        ):
            db.execute_sql(
                f"INSERT INTO stored_file (sha256, size, content, created_at) "
                f"VALUES ({mark}, 3, {mark}, '2026-01-01')",
                (sha, b"xyz"),
            )
            db.execute_sql(
                "INSERT INTO report (contract_id, period, period_end, status, sha256, file_id, "
                "filename, rows, errors, warnings, uploaded_at) VALUES (1, '2026-Q1', "
                f"'2026-03-31', 'rejected', {mark}, {mark}, 'x.xlsx', 0, {mark}, '[]', "
                "'2026-04-01')",
                (sha, sha, errors),
            )
    init_database(bare_app)
    with db.connection_context():
        files = db.execute_sql("SELECT file_id FROM report ORDER BY id").fetchall()
        assert [row[0] for row in files] == [None, "b" * 64]
        stored = db.execute_sql("SELECT sha256 FROM stored_file").fetchall()
        assert [row[0] for row in stored] == ["b" * 64]


def waiting(database) -> list[tuple]:
    return database.execute_sql(
        "SELECT contract_key, clause_key, candidate_key, reason, start_date "
        "FROM waiting_candidate ORDER BY contract_key, clause_key, candidate_key"
    ).fetchall()


def test_an_upgrade_that_adds_the_review_queue_fills_it_by_a_stored_check(empty_database_url):
    from tests.conftest import TEST_CONFIG

    app = create_app({**TEST_CONFIG, "DATABASE_URL": empty_database_url})
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    with db.connection_context():
        before = waiting(db)
        runs = db.execute_sql("SELECT count(*) FROM check_run").fetchone()[0]
        db.execute_sql("DROP TABLE waiting_candidate")
        db.execute_sql("DELETE FROM schema_migration WHERE name = '0141_waiting_candidates'")
    assert before, "the demo leaves candidates awaiting the bureau"
    assert init_database(app) == ["0141_waiting_candidates"]
    with db.connection_context():
        assert waiting(db) == before
        trigger = db.execute_sql("SELECT trigger FROM check_run ORDER BY id DESC").fetchone()
        assert (db.execute_sql("SELECT count(*) FROM check_run").fetchone()[0], trigger) == (
            runs + 1,
            ("upgrade",),
        )
    db.close()


def test_an_upgrade_of_a_database_never_checked_runs_no_check(bare_app):
    with db.connection_context():
        upgrade("0140_flag_queue_index")
    init_database(bare_app)
    with db.connection_context():
        assert db.execute_sql("SELECT count(*) FROM check_run").fetchone()[0] == 0
