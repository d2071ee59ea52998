"""progress-report.md: error values, both namespaces and date systems, numbers as typed."""

from datetime import date
from decimal import Decimal

import pytest
from report_books import found, header_cells, person, purchase, raw_package, report, validate
from report_books import sheet_rows_xml as rows_xml

from srtracker.domain.numbers import is_ambiguous_number, read_number

ROW = {"A": "K-001", "B": "SR1", "C": "placement", "D": "wajong", "E": 46027, "G": 32}


def book(**cells) -> bytes:
    return raw_package(rows_xml({1: header_cells(), 2: {**ROW, **cells}}))


@pytest.mark.parametrize(
    "shown", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]
)
def test_a_typed_error_value_is_error_value_naming_it(shown):
    result = validate(book(F=("e", shown)))
    assert found(result.errors) == [("error_value", 2, "end_date", "F2")]
    assert shown in result.errors[0].message


def test_a_formulas_cached_error_in_an_optional_column_is_not_read_as_empty():
    result = validate(book(F=("e", "#N/A", 'VLOOKUP("x",Z1:Z2,1,0)')))
    assert found(result.errors) == [("error_value", 2, "end_date", "F2")]


def test_an_error_in_a_required_cell_is_error_value_not_missing_value():
    result = validate(book(E=("e", "#REF!", "Blad2!A1")))
    assert found(result.errors) == [("error_value", 2, "start_date", "E2")]


def test_a_formula_without_cached_value_comes_before_error_value():
    result = validate(book(E=("e", "", "1/0")))
    assert found(result.errors) == [("formula_without_value", 2, "start_date", "E2")]


@pytest.mark.parametrize("flavour", ["transitional", "strict"])
def test_serial_dates_follow_the_1904_date_system_in_both_namespaces(flavour):
    data = raw_package(
        rows_xml({1: header_cells(), 2: {**ROW, "E": 44565}}), flavour=flavour, date1904=True
    )
    [row] = validate(data).contributions
    assert row.start_date == date(2026, 1, 5)


def test_a_strict_workbook_is_scanned_for_formulas_without_value():
    data = raw_package(
        rows_xml({1: header_cells(), 2: {**ROW, "G": ("n", "", "8*4")}}), flavour="strict"
    )
    assert found(validate(data).errors) == [("formula_without_value", 2, "hours_per_week", "G2")]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("24,5", "24.5"),
        ("24.5", "24.5"),
        ("€ 1.250", "1.25"),
        ("€ 1.250,00", "1250.00"),
        ("€\u00a01.250,50", "1250.50"),
        ("1,250.50", "1250.50"),
        ("1 250", "1250"),
        ("-3,5", "-3.5"),
        (12.5, "12.5"),
        (7, "7"),
    ],
)
def test_the_one_number_reader_reads_what_people_type(typed, expected):
    assert read_number(typed) == Decimal(expected)


@pytest.mark.parametrize(
    "typed", ["1e999999", "1e3", "NaN", "Infinity", "12,5 uur", "1" * 41, True]
)
def test_the_number_reader_refuses_what_is_not_a_typed_number(typed):
    assert read_number(typed) is None


@pytest.mark.parametrize(
    "typed, ambiguous",
    [
        ("1.250", True),
        ("€ 2,500", True),
        ("1.25", False),
        ("1.250,00", False),
        ("1250", False),
        (1.25, False),
    ],
)
def test_one_separator_before_exactly_three_digits_is_ambiguous(typed, ambiguous):
    assert is_ambiguous_number(typed) is ambiguous


def test_an_amount_like_1_250_is_read_as_1_25_with_an_ambiguous_number_warning():
    result = validate(report(purchase(amount="€ 1.250")))
    assert result.status == "accepted"
    assert result.contributions[0].amount_eur == Decimal("1.25")
    assert found(result.warnings) == [("ambiguous_number", 2, "amount_eur", "H2")]
    assert "1.25" in result.warnings[0].message


def test_hours_written_24_5_are_not_ambiguous():
    result = validate(report(person(hours="24,5")))
    assert result.contributions[0].hours_per_week == Decimal("24.5")
    assert result.warnings == []


@pytest.mark.parametrize("typed", ["2026-01-05", "5-1-2026", "05/01/2026", " 5-1-2026 "])
def test_dates_typed_as_text_in_a_text_column_are_read(typed):
    [row] = validate(report(person(start=typed))).contributions
    assert row.start_date == date(2026, 1, 5)
