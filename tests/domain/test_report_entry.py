"""The browser's report form as plain data (issue 20): rows read back as the reader reads."""

from datetime import date
from decimal import Decimal

from srtracker.domain.contributions import Contribution
from srtracker.domain.figures import DUTCH, ENGLISH, NOTATION
from srtracker.domain.numbers import read_number
from srtracker.domain.report_cells import EPOCH_1900, parse_date
from srtracker.domain.report_entry import (
    MAX_ENTRY_ROWS,
    EntryRow,
    on_form,
    prefill,
    read_count,
    rows_from_form,
)
from srtracker.domain.report_rules import _issue

COLUMNS = ("candidate_ref", "clause", "start_date", "end_date", "hours_per_week", "amount_eur")


def prefilled(*rows, notation=DUTCH):
    token = NOTATION.set(notation)
    try:
        return prefill(rows, COLUMNS)
    finally:
        NOTATION.reset(token)


def test_a_prefilled_amount_has_no_thousands_mark_so_it_reads_back_the_same():
    purchase = Contribution(
        2, "INK-1", "SR3", "social_purchase", date(2026, 2, 1), amount_eur=Decimal("1250")
    )
    for notation in (DUTCH, ENGLISH):
        (row,) = prefilled(purchase, notation=notation)
        assert row.values["amount_eur"] == "1250"
        assert read_number(row.values["amount_eur"]) == Decimal(1250)


def test_prefilled_figures_and_dates_are_in_dutch_notation_and_read_back():
    person = Contribution(
        2,
        "K-1",
        "SR1",
        "placement",
        date(2026, 1, 5),
        end_date=date(2026, 3, 31),
        hours_per_week=Decimal("12.5"),
    )
    (row,) = prefilled(person)
    assert (row.values["start_date"], row.values["end_date"]) == ("05-01-2026", "31-03-2026")
    assert row.values["hours_per_week"] == "12,50"
    assert parse_date(row.values["end_date"], EPOCH_1900) == date(2026, 3, 31)
    assert read_number(row.values["hours_per_week"]) == Decimal("12.5")
    assert row.values["amount_eur"] == ""


def test_prefilled_rows_keep_the_previous_reports_order():
    later = Contribution(3, "K-2", "SR1", "placement", date(2026, 1, 5))
    earlier = Contribution(2, "K-1", "SR1", "placement", date(2026, 1, 5))
    assert [r.values["candidate_ref"] for r in prefilled(later, earlier)] == ["K-1", "K-2"]


def test_a_row_left_empty_or_marked_for_removal_is_not_kept():
    form = {
        "r1-candidate_ref": "K-1",
        "r2-candidate_ref": "  ",
        "r3-candidate_ref": "K-3",
        "r3-remove": "1",
    }
    rows = rows_from_form(form, 3, COLUMNS)
    assert [r.kept for r in rows] == [True, False, False]


def test_the_row_count_is_bounded():
    assert read_count("9999999") == MAX_ENTRY_ROWS
    assert read_count("-3") == 0 and read_count("x") == 0


def test_an_issue_of_a_workbook_row_is_placed_on_its_form_row_with_its_message():
    kept = [EntryRow(1, {}), EntryRow(3, {})]  # form row 2 was removed
    issue = _issue("overlap", "Voortgang", 3, "start_date", 4, other_row=2)
    moved = on_form(issue, kept, first_row=2)
    assert (moved.row, moved.cell, moved.code) == (3, None, "overlap")
    assert "rij 1" in moved.describe()
