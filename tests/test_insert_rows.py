"""db.insert_rows on SQLite writes many rows a statement: the same rows, ids and conflicts
as one statement a row (issue 19)."""

import pytest
from peewee import IntegerField, Model, TextField

from srtracker import db as database
from srtracker.db import db, insert_rows, is_sqlite


class Sample(Model):
    number = IntegerField(unique=True)
    text = TextField(null=True)

    class Meta:
        database = db
        table_name = "insert_rows_sample"


ROWS = [(n, None if n % 3 else f"rij {n}") for n in range(1, 104)]


@pytest.fixture
def table(conn):
    if not is_sqlite():
        pytest.skip("PostgreSQL writes by execute_values or COPY: tests/test_copy_insert.py")
    db.create_tables([Sample], temporary=True)
    yield
    db.drop_tables([Sample])


def stored():
    return list(Sample.select(Sample.id, Sample.number, Sample.text).order_by(Sample.id).tuples())


def one_a_statement(rows, suffix=""):
    for row in rows:
        db.execute_sql(f"INSERT INTO insert_rows_sample (number, text) VALUES (?, ?){suffix}", row)


@pytest.mark.parametrize("per", [1, 7, 103, 500])
def test_rows_are_stored_in_order_with_their_ids(table, monkeypatch, per):
    one_a_statement(ROWS)
    expected = stored()
    Sample.delete().execute()  # the table empty again: rowids start at 1 again
    monkeypatch.setattr(database, "ROWS_PER_INSERT", per)
    insert_rows(Sample, [Sample.number, Sample.text], ROWS)
    assert stored() == expected
    assert [row[0] for row in expected] == list(range(1, len(ROWS) + 1))


def test_conflicting_rows_are_skipped_as_one_a_statement_skips_them(table, monkeypatch):
    monkeypatch.setattr(database, "ROWS_PER_INSERT", 10)
    twice = ROWS[:30] + ROWS[20:50]
    insert_rows(Sample, [Sample.number, Sample.text], twice, conflict="ignore")
    ours = [row[1:] for row in stored()]
    Sample.delete().execute()
    one_a_statement(twice, " ON CONFLICT DO NOTHING")
    assert ours == [row[1:] for row in stored()] == ROWS[:50]


def test_parameters_stay_within_sqlites_bound(table, monkeypatch):
    monkeypatch.setattr(database, "SQLITE_PARAMETERS", 9)  # 4 rows of 2 a statement
    insert_rows(Sample, [Sample.number, Sample.text], ROWS)
    assert [row[1:] for row in stored()] == ROWS


def test_a_none_parameter_is_stored_as_null_through_the_adapter_for_none(table):
    """db registers an adapter for None (sqlite3 would look for one on its protocol type,
    raising and clearing an AttributeError a parameter): None is still stored as NULL."""
    assert (type(None), database.sqlite3.PrepareProtocol) in database.sqlite3.adapters
    insert_rows(Sample, (Sample.number, Sample.text), [(1, None), (2, "rij 2")])
    assert stored() == [(1, 1, None), (2, 2, "rij 2")]
    typed = "SELECT typeof(text) FROM insert_rows_sample ORDER BY number"
    assert [t for (t,) in db.execute_sql(typed).fetchall()] == ["null", "text"]


@pytest.mark.parametrize("per", [1, 7, 500])
def test_a_column_empty_in_every_row_is_stored_null_as_when_bound(table, monkeypatch, per):
    """Written NULL in the statement instead of a bound None: the same rows and ids."""
    empty = [(n, None) for n in range(1, 104)]
    one_a_statement(empty)
    expected = stored()
    Sample.delete().execute()
    monkeypatch.setattr(database, "ROWS_PER_INSERT", per)
    insert_rows(Sample, [Sample.number, Sample.text], empty)
    assert stored() == expected
    typed = "SELECT DISTINCT typeof(text) FROM insert_rows_sample"
    assert db.execute_sql(typed).fetchall() == [("null",)]


class Loose(Model):
    text = TextField(null=True)

    class Meta:
        database = db
        table_name = "insert_rows_loose"


def test_rows_of_nothing_but_empty_columns_are_stored(table):
    db.create_tables([Loose], temporary=True)
    try:
        insert_rows(Loose, [Loose.text], [(None,), (None,)])
        assert list(Loose.select(Loose.id, Loose.text).order_by(Loose.id).tuples()) == [
            (1, None),
            (2, None),
        ]
    finally:
        db.drop_tables([Loose])


def test_an_empty_column_updates_a_conflicting_row_to_null(table):
    one_a_statement([(1, "rij 1"), (2, "rij 2")])
    insert_rows(
        Sample, [Sample.number, Sample.text], [(1, None), (2, None)], (Sample.number, [Sample.text])
    )
    assert [row[1:] for row in stored()] == [(1, None), (2, None)]
