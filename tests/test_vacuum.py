"""A stored check vacuums the read models the bureau's pages read by index alone, on
PostgreSQL (db.vacuum says why); inside a transaction nothing is."""

import pytest

from srtracker.db import db, is_sqlite, vacuum
from srtracker.models import Portfolio
from srtracker.services import checks


def vacuums() -> dict[str, int]:
    tables = [model._meta.table_name for model in checks.READ_BY_INDEX]
    rows = db.execute_sql(
        "SELECT relname, vacuum_count FROM pg_stat_user_tables WHERE relname = ANY(%s)", [tables]
    )
    return dict(rows.fetchall())


@pytest.fixture
def postgresql(conn):
    if is_sqlite():
        pytest.skip("SQLite keeps no visibility map: nothing to vacuum")


def test_a_stored_check_vacuums_each_table_the_pages_read_by_index_alone(
    postgresql, runner, spec_contract
):
    before = vacuums()
    with runner.app.app_context():
        _document, stored = checks.run_check(
            checks.check_date(), "test", "test", checks.at_risk_ratio()
        )
    assert stored
    after = vacuums()
    assert sorted(after) == sorted(m._meta.table_name for m in checks.READ_BY_INDEX)
    assert all(after[table] == before.get(table, 0) + 1 for table in after)


def test_inside_a_transaction_nothing_is_vacuumed(postgresql):
    before = vacuums()
    with db.atomic():
        vacuum(Portfolio)
    assert vacuums() == before
