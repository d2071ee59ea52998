"""The quick pass over rows (a memo per column) finds exactly what the full checks find.

Valid rows with cells changed to ones that pass, fail, warn, are blank or may hold a BSN, repeated so that the
memo of each column is used; the same book validated with every row through check_row
must give the same result: status, rows, contributions, errors and warnings in order.
"""

from dataclasses import dataclass
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_books import CONTRACT, HEADER, PERIOD, REFERENCE, full_checks, validation_outcome

from srtracker.domain.report_cells import FORMULA_WITHOUT_VALUE, ErrorValue
from srtracker.domain.report_rules import validate_report

COLUMN_VALUES = [
    ["K-001", "K-002", "k-001", " K-003 ", "", "Jan Jansen", "123456782", "12.345.678", 4711.0],
    ["SR1", "SR2", "SR3", "sr1", "SR9", "", None, 1.0],
    ["placement", "training", "social_purchase", "Opleidingstraject", "x", "", True],
    ["wajong", "participatiewet", "", "nope", None],
    [
        date(2026, 1, 5),
        date(2025, 12, 1),
        date(2026, 2, 3),
        date(2026, 5, 1),
        "1-2-2026",
        "2026-02-30",
        46030.0,
        "",
        datetime(2026, 1, 6),
    ],
    [None, date(2026, 3, 1), date(2026, 1, 1), "", "31-3-2026"],
    [32.0, 24.0, 12.5, 16, 0.0, 61.0, "24,5", "", "abc", 12.345, 1.0, True, 1],
    [None, 1250.0, 0.0, -1.0, "1.250", "€ 2.500,00", "", 1002.25],
    [None, "", "bench", "BSN 123456782", "x" * 501, ErrorValue("#N/A"), FORMULA_WITHOUT_VALUE],
]
EXTRA = ["", None, "123456782", "vrij", 111222333.0]
VALID = [
    ["K-001", "SR1", "placement", "wajong", date(2026, 1, 5), None, 32.0, None, None, ""],
    [
        "K-002",
        "SR2",
        "training",
        "participatiewet",
        date(2026, 2, 3),
        date(2026, 3, 1),
        12.5,
        None,
        "bench",
        None,
    ],
    ["INK-1", "SR3", "social_purchase", None, date(2026, 2, 1), None, None, 1250.0, None, ""],
]


@st.composite
def row(draw):
    """A valid row with none, one or two cells changed to another value of their column."""
    cells = list(draw(st.sampled_from(VALID)))
    for column in draw(st.lists(st.integers(0, 9), max_size=2)):
        cells[column] = draw(st.sampled_from([*COLUMN_VALUES, EXTRA][column]))
    return cells


settled = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Sheet:
    name: str
    visible: bool = True
    worksheet: bool = True


class Book:
    date1904 = False

    def __init__(self, rows):
        self.sheets = [Sheet("Voortgang")]
        self._rows = rows

    def rows(self, name):
        return iter(enumerate(self._rows, 1))


def validate(rows, extra_column: bool):
    header = HEADER + (["vrij"] if extra_column else [])
    lines = [list(r) if extra_column else list(r[:-1]) for r in rows]
    return validate_report(Book([header, *lines]), CONTRACT, PERIOD, REFERENCE, None, False)


@settled
@given(st.lists(row(), min_size=1, max_size=40), st.booleans())
def test_the_quick_pass_finds_what_the_full_checks_find(rows, extra_column):
    quick = validation_outcome(validate(rows, extra_column))
    with full_checks():
        full = validation_outcome(validate(rows, extra_column))
    assert quick == full
