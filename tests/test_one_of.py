"""db.one_of: ``field IN ids`` with the ids as one parameter, on both databases."""

import pytest
from peewee import IntegerField, Model

from srtracker.db import db, insert_rows, one_of


class Numbered(Model):
    number = IntegerField()

    class Meta:
        database = db
        table_name = "one_of_sample"


@pytest.fixture
def numbered(conn):
    db.create_tables([Numbered])
    insert_rows(Numbered, [Numbered.id, Numbered.number], [(n, n * 10) for n in range(1, 50001)])
    yield
    db.drop_tables([Numbered])


def numbers(ids) -> list[int]:
    query = Numbered.select(Numbered.number).where(one_of(Numbered.id, ids))
    return sorted(n for (n,) in query.tuples())


def test_one_of_matches_exactly_the_ids_given(numbered):
    assert numbers([3, 1, 49999, 70000]) == [10, 30, 499990]


def test_one_of_no_ids_matches_nothing(numbered):
    assert numbers([]) == []


def test_one_of_takes_any_iterable_of_ids(numbered):
    assert numbers({2, 4}) == [20, 40]


def test_one_of_takes_more_ids_than_a_statement_takes_parameters(numbered):
    assert len(numbers(range(1, 40001))) == 40000


def test_one_of_works_in_an_update(numbered):
    Numbered.update(number=0).where(one_of(Numbered.id, [5, 6])).execute()
    assert numbers([5, 6, 7]) == [0, 0, 70]
