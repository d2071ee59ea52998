"""progress-report.md, "Cell values", as examples."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from srtracker.domain.numbers import read_number
from srtracker.domain.report_cells import (
    EPOCH_1904,
    looks_like_bsn,
    parse_date,
    text_of,
)
from srtracker.domain.report_columns import column_letter, column_name


@pytest.mark.parametrize(
    "value",
    [
        date(2026, 3, 1),
        datetime(2026, 3, 1, 10, 30),
        46082,
        46082.75,
        "2026-03-01",
        " 1-3-2026 ",
        "01/03/2026",
        "1/3/2026",
        "01-03-2026",
    ],
)
def test_dates_are_excel_dates_serial_numbers_iso_or_dutch_text(value):
    assert parse_date(value) == date(2026, 3, 1)


@pytest.mark.parametrize(
    "value",
    ["3/1/26", "1-3/2026", "31-2-2026", "2026-13-01", "maart 2026", "", True, 0, -5, "46082"],
)
def test_anything_else_is_not_a_date(value):
    assert parse_date(value) is None


def test_a_serial_number_follows_the_workbooks_1904_epoch():
    assert parse_date(44620, EPOCH_1904) == date(2026, 3, 1)


@pytest.mark.parametrize(
    "value, expected",
    [
        (32, "32"),
        (12.5, "12.5"),
        ("12,5", "12.5"),
        ("€ 1.250,00", "1250.00"),
        ("1,250.00", "1250.00"),
        ("1 250,5", "1250.5"),
        ("1.250.000", "1250000"),
        (" 7 ", "7"),
        ("-3,5", "-3.5"),
        ("\u20ac1250", "1250"),
    ],
)
def test_numbers_ignore_euro_signs_and_spaces_and_take_the_last_separator_as_decimal(
    value, expected
):
    assert read_number(value) == Decimal(expected)


@pytest.mark.parametrize(
    "value", ["twaalf", "1.2.3", "12,5.3,1", "1e3", "", True, date(2026, 1, 1), "NaN", float("inf")]
)
def test_text_that_is_not_a_number_is_no_number(value):
    assert read_number(value) is None


def test_a_whole_number_reference_is_read_as_its_digits():
    assert text_of(4711.0) == "4711"
    assert text_of("  K-12 ") == "K-12"


@pytest.mark.parametrize(
    "text",
    ["123456789", "12345678", "123.456.789", "1234 56 789", "12-34-56-78", "１２３４５６７８"],
)
def test_eight_or_nine_digits_could_be_a_bsn(text):
    assert looks_like_bsn(text)


@pytest.mark.parametrize("text", ["1234567", "1234567890", "K123456789", "4711"])
def test_other_references_are_not_taken_for_a_bsn(text):
    assert not looks_like_bsn(text)


@pytest.mark.parametrize(
    "header, name",
    [
        ("kandidaat", "candidate_ref"),
        (" Candidate_Ref ", "candidate_ref"),
        ("UREN_PER_WEEK", "hours_per_week"),
        ("\u00a0bedrag_eur\u00a0", "amount_eur"),
        ("opmerking", "note"),
        ("Kandidaatnummer", "bureau_ref"),
        (12, None),
    ],
)
def test_headers_match_trimmed_case_insensitively_in_english_or_dutch(header, name):
    assert column_name(header) == name


def test_column_letters_run_past_z():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
