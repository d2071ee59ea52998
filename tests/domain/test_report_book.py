"""validate_report takes any opened book: sheets, date1904 and rows(name), as plain data."""

from dataclasses import dataclass
from datetime import date

from report_books import CONTRACT, HEADER, PERIOD, REFERENCE, person

from srtracker.domain.report_cells import ErrorValue, SheetTooLarge
from srtracker.domain.report_rules import validate_report


@dataclass(frozen=True)
class Sheet:
    name: str
    visible: bool = True
    worksheet: bool = True


class Book:
    """Rows in memory, as a reader would yield them."""

    date1904 = False

    def __init__(self, **sheets):
        self.sheets = [Sheet(name) for name in sheets]
        self._rows = sheets

    def rows(self, name):
        rows = self._rows[name]
        if rows is SheetTooLarge:
            raise SheetTooLarge(name, rows=True)
        return iter(enumerate(rows, 1))


def validate(book):
    return validate_report(book, CONTRACT, PERIOD, REFERENCE, None, False)


def test_a_book_of_plain_rows_is_validated_without_any_workbook_reader():
    result = validate(Book(Voortgang=[HEADER, person(start=date(2026, 1, 5))]))
    assert result.status == "accepted"
    assert [c.candidate_ref for c in result.contributions] == ["K-001"]


def test_an_error_value_from_the_book_is_error_value():
    row = person()
    row[5] = ErrorValue("#N/A")
    [error] = validate(Book(Voortgang=[HEADER, row])).errors
    assert (error.code, error.cell) == ("error_value", "F2")


def test_a_sheet_the_book_refuses_as_too_large_is_too_many_rows():
    result = validate(Book(Voortgang=[HEADER, person()], Info=SheetTooLarge))
    assert [(e.code, e.sheet) for e in result.errors] == [("too_many_rows", "Info")]
    assert not result.keep_file
