"""On PostgreSQL, db's bulk writes of many rows go through COPY into a temporary table:
the same rows, conflicts and RETURNING as one INSERT ... VALUES (issue 19)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from peewee import (
    BlobField,
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    IntegerField,
    Model,
    TextField,
)

from srtracker import db as database
from srtracker.db import bulk_insert, db, insert_returning, insert_rows, is_sqlite


class Sample(Model):
    number = IntegerField(unique=True)
    text = TextField(null=True)
    day = DateField(null=True)
    moment = DateTimeField(null=True)
    amount = DecimalField(max_digits=12, decimal_places=2, null=True)
    flag = BooleanField(null=True)
    data = BlobField(null=True)

    class Meta:
        database = db
        table_name = "copy_insert_sample"


FIELDS = [
    Sample.number,
    Sample.text,
    Sample.day,
    Sample.moment,
    Sample.amount,
    Sample.flag,
    Sample.data,
]
AWKWARD = ["tab\there", "back\\slash", "line\nbreak", "return\rhere", "\\N", "", "é ü ĳ", None]
ROWS = [
    (
        n,
        AWKWARD[n % len(AWKWARD)],
        date(2026, 1, 1 + n % 28) if n % 4 else None,
        datetime(2026, 2, 3, 4, 5, 6, n) if n % 5 else None,
        Decimal(f"{n}.{n % 100:02d}") if n % 6 else None,
        (n % 2 == 0) if n % 7 else None,
        bytes([n % 256, 0, 255]) if n % 9 else None,
    )
    for n in range(1, 60)
]


@pytest.fixture
def table(conn):
    if is_sqlite():
        pytest.skip("SQLite binds plain tuples in one executemany: no COPY")
    db.create_tables([Sample])
    yield
    db.drop_tables([Sample])


def stored():
    rows = Sample.select(*FIELDS).order_by(Sample.number).tuples()
    return [(*row[:6], None if row[6] is None else bytes(row[6])) for row in rows]


def through(monkeypatch, copy: bool) -> None:
    monkeypatch.setattr(database, "COPY_FROM", 1 if copy else 10**9)


@pytest.mark.parametrize("copy", [False, True])
def test_awkward_values_are_stored_as_given(table, monkeypatch, copy):
    through(monkeypatch, copy)
    insert_rows(Sample, FIELDS, ROWS)
    assert stored() == ROWS


def test_conflicting_rows_are_skipped_through_copy(table, monkeypatch):
    through(monkeypatch, True)
    insert_rows(Sample, FIELDS, ROWS[:30])
    insert_rows(Sample, FIELDS, ROWS[20:], conflict="ignore")
    assert stored() == ROWS


def test_conflicting_rows_are_updated_through_copy(table, monkeypatch):
    through(monkeypatch, True)
    insert_rows(Sample, FIELDS, ROWS)
    renamed = [(number, f"rij {number}", *rest) for number, _text, *rest in ROWS]
    insert_rows(Sample, FIELDS, renamed, (Sample.number, [Sample.text]))
    assert stored() == renamed


def test_returning_gives_each_inserted_row_through_copy(table, monkeypatch):
    through(monkeypatch, True)
    back = insert_returning(Sample, FIELDS, ROWS, [Sample.id, Sample.number])
    ids = dict(Sample.select(Sample.number, Sample.id).tuples())
    assert sorted(back) == sorted((ids[number], number) for number in ids)
    assert len(back) == len(ROWS)


def test_bulk_insert_counts_only_the_rows_it_inserted(table, monkeypatch):
    through(monkeypatch, True)
    assert bulk_insert(Sample, [Sample.number, Sample.text], [(1, "a"), (2, "b")]) == 2
    again = [(2, "b"), (3, "c")]
    assert bulk_insert(Sample, [Sample.number, Sample.text], again, conflict="ignore") == 1


def test_a_failing_copy_leaves_the_table_as_it_was(table, monkeypatch):
    through(monkeypatch, True)
    insert_rows(Sample, FIELDS, ROWS[:10])
    import psycopg2

    with pytest.raises(psycopg2.DataError):
        insert_rows(Sample, [Sample.number, Sample.day], [(100, date(2026, 1, 1)), (101, "x")])
    assert stored() == ROWS[:10]
    insert_rows(Sample, FIELDS, ROWS[10:])  # the temporary table went with the failure
    assert stored() == ROWS
