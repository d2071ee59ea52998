"""Every worked example quoted in a shipped table is recomputed from the shipped file.

A table's ``[[example]]`` entries quote the source and give the figure the quote implies
(docs/valuation.md, "Worked examples"); a later edit of a table that changes a published
figure fails here, naming the table and the quote.
"""

from datetime import date
from decimal import Decimal

import pytest

from srtracker.domain.contracts import Clause
from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.domain.valuation import value_rows
from srtracker.domain.valuation_tables import shipped_tables

EXAMPLES = [
    pytest.param(table, example, id=f"{table.id}-v{table.version}-{number}")
    for table in shipped_tables().tables.values()
    for number, example in enumerate(table.examples, start=1)
]


def clause_for(example) -> Clause:
    return Clause(
        "VOORBEELD",
        "Voorbeeld",
        "euros",
        Decimal(1),
        tuple(DEFAULT_REFERENCE.types),
        min(r.start_date for r in example.rows),
        date(2099, 12, 31),
    )


@pytest.mark.parametrize(("table", "example"), EXAMPLES)
def test_the_quoted_figure_is_the_computed_figure(table, example):
    valued = value_rows(table, clause_for(example), example.rows, example.as_of)
    assert valued.total == example.value, (
        f"{table.id} v{table.version}: {example.quote!r}: quoted {example.value}, "
        f"computed {valued.total} ({[r.text() for r in valued.rows]})"
    )


def test_every_table_shipped_from_issue_18_on_quotes_worked_examples():
    older = {("harlingen", 1), ("oost-nederland", 5), ("utrecht", 1), ("utrecht", 2)}
    for key, table in shipped_tables().tables.items():
        assert key in older or table.examples, f"{table.id} v{table.version} quotes no example"
