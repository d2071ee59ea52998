"""A streamed sheet written a row at a time (the export's large sheets) holds the same
bytes as one written cell by cell through XlsxWriter's own cell writing."""

import zipfile
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from io import BytesIO

import openpyxl

from srtracker.workbook.cells import put, put_streamed_row
from srtracker.workbook.stream import Book, Style

FORMATS = [None, "#,##0", "#,##0.00", "dd-mm-yyyy", None, None, None]
ROWS = [
    ["K-001", 3, Decimal("12.50"), date(2026, 3, 31), "plain text", None, 1.5],
    ["=1+1", 0, Decimal("-0.01"), datetime(2026, 8, 1, 9, 30), "+31 6", "@home", -7],
    ['a & b < c > d "e"', 10**15, Fraction(1, 3), None, " leading", "trailing ", True],
    ["two\nlines", 2.25, Decimal("1E+2"), date(1900, 3, 1), "_x0041_ escaped", "<r>x</r>", 0],
    ["bad\x00\x0bchars", -1.0e-7, 2**53, date(2026, 1, 1), "tab\there", "", False],
    [None, None, None, None, None, None, None],
    ["x" * 20000, 1, Decimal(0), date(2026, 12, 31), "line\r\nend", "é ü 漢字", 12345.678],
    ["K-002", 4, Decimal("3.10"), date(2027, 1, 1), "plain again", "last", 2],
    ["K-003", 2**53, -1.0e-7, datetime(2026, 1, 1, 0, 0, 1), "más", "漢字", 10**15],
]


def written(by_row: bool) -> bytes:
    out = BytesIO()
    book = Book(out)
    sheets = [book.sheet("Eerste"), book.sheet("Tweede")]
    for sheet in sheets:
        for column in range(1, 8):
            put(sheet.cell(1, column, Style(bold=True, fill="DDE4EE", wrap=True)), f"Kop {column}")
    for number, values in enumerate(ROWS, start=2):
        for sheet in sheets:  # two sheets written in turn
            if by_row:
                put_streamed_row(sheet, number, values, FORMATS)
            else:
                for column, (value, number_format) in enumerate(
                    zip(values, FORMATS, strict=True), 1
                ):
                    put(sheet.cell(number, column), value, number_format)
    for sheet in sheets:
        sheet.width(1, 20)
        sheet.freeze_header()
        sheet.filter(len(ROWS) + 1, 7)
    book.close()
    return out.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") or name == "xl/styles.xml"
        }


def test_rows_written_a_row_at_a_time_equal_those_written_cell_by_cell():
    assert parts(written(by_row=True)) == parts(written(by_row=False))


def test_rows_written_a_row_at_a_time_read_back_as_written():
    sheet = openpyxl.load_workbook(BytesIO(written(by_row=True)))["Tweede"]
    assert [c.value for c in sheet[2]] == [
        "K-001",
        3,
        12.5,
        datetime(2026, 3, 31),
        "plain text",
        None,
        1.5,
    ]
    assert (sheet["A3"].value, sheet["A3"].quotePrefix) == ("=1+1", True)
    assert sheet["A4"].value == 'a & b < c > d "e"' and sheet["E4"].value == " leading"
    assert sheet["A6"].value == "badchars" and sheet["A8"].value == "x" * 20000
    assert sheet["B3"].number_format == "#,##0" and sheet["D2"].number_format == "dd-mm-yyyy"
