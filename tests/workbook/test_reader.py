"""The reader gives the row numbers and columns Excel shows, and flags uncalculated formulas."""

import zipfile
from datetime import date
from io import BytesIO

import pytest
from report_books import rezip, without_cached_values, xlsx

from srtracker.domain.report_cells import FORMULA_WITHOUT_VALUE
from srtracker.workbook.package import check_package
from srtracker.workbook.reader import _Inflated, _Scanner, open_workbook, scan_sheet


def placed(cells: dict, sheet="Voortgang") -> bytes:
    return xlsx(
        {sheet: []},
        setup=lambda book: [
            book[sheet].cell(row, column, value) for (row, column), value in cells.items()
        ],
    )


def read(data: bytes, sheet="Voortgang"):
    with open_workbook(data) as book:
        return list(book.rows(sheet))


def test_rows_keep_the_number_excel_shows_when_the_top_rows_and_columns_are_empty():
    data = placed({(4, 3): "kandidaat", (7, 5): date(2026, 3, 1)})
    assert read(data) == [
        (4, ["", "", "kandidaat", "", ""]),
        (7, ["", "", "", "", date(2026, 3, 1)]),
    ]


def test_a_formula_without_cached_value_is_flagged_and_one_with_a_value_is_read():
    data = without_cached_values(placed({(1, 1): 5, (2, 2): "=A1*2"}))
    assert read(data) == [(1, [5.0]), (2, ["", FORMULA_WITHOUT_VALUE])]


def test_the_scan_reads_prefixed_xml_and_shared_formulas_in_small_chunks():
    xml = (
        b'<x:sheetData><x:row r="3"><x:c r="B3"><x:f t="shared" si="0"/></x:c>'
        b'<x:c r="C3" t="str"><x:f>""</x:f><x:v></x:v></x:c>'
        b'<x:c r="D3"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData>'
    )

    class Dribble(BytesIO):
        def read(self, size=-1):
            return super().read(7)

    assert scan_sheet(Dribble(xml)).formulas_without_value == {(3, 1)}


@pytest.mark.parametrize(
    "prefix, segment",
    [
        (b"", b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row>'),
        (b"", b'<cols><col min="1" max="2"/></cols><sheetData><row r="1"><c r="A1"/></row>'),
        (b"", b'<row><c><v>1</v></c><c t="s"><v>2</v></c><c/><c r="D1"></c></row>'),
        (b"", b'<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><color rgb="FF0000"/>'),
        (b"", b'<row r="1"><c  r="A1"><v>1</v></c><c\tr="B1"><v>2</v></c></row>'),
        (b"x:", b'<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row>'),
        (b"x:", b'<x:row r="2"><x:c r="A2"/><x:c r="B2"><x:v>2</x:v></x:c></x:row>'),
        (b"", b""),
    ],
)
def test_the_scans_two_counts_of_cells_are_its_four(prefix, segment):
    """_cells takes two counts where every `<c` begins a cell with a reference; the
    same figures as counting each form of the cell tag."""
    scanner = _Scanner("Voortgang", 100, 60)
    scanner.prefix = prefix
    cell = b"<" + prefix + b"c"
    each_form = sum(segment.count(cell + end) for end in (b" ", b">", b"/>"))
    assert scanner._cells(segment) == (each_form, segment.count(cell + b' r="'))


@pytest.mark.parametrize(
    "segment, last_row",
    [
        (b'<row r="3"><c r="A3"><v>1</v></c></row><row r="7"><c r="A7"><v>1</v></c></row>', 7),
        (b'<row r="3"><c r="A3"><v>1</v></c></row><row><c><v>2</v></c></row>', 2),
        (b'<row><c><v>1</v></c></row><row r="5"><c r="A5"><v>2</v></c></row>', 5),
        (b"<row><c><v>1</v></c></row><row><c><v>2</v></c></row>", 2),
        (b"", 0),
    ],
)
def test_the_last_row_is_taken_from_the_last_row_element_with_or_without_attributes(
    segment, last_row
):
    scanner = _Scanner("Voortgang", 100, 60)
    scanner.prefix = b""
    scanner._rows(segment)
    assert scanner.scan.last_row == last_row


def test_sheets_report_their_visibility():
    data = xlsx({"Voortgang": [["x"]], "Lists": [["y"]]}, hidden=("Lists",))
    with open_workbook(data) as book:
        assert [(s.name, s.visible) for s in book.sheets] == [("Voortgang", True), ("Lists", False)]


def test_a_sheet_under_another_part_name_is_still_scanned():
    data = without_cached_values(placed({(1, 1): "=1+1"}))
    renamed = rezip(
        data, lambda name, body: body.replace(b"worksheets/sheet1.xml", b"worksheets/data.xml")
    )
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(renamed)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(
                info.filename.replace("sheet1.xml", "data.xml"), source.read(info.filename)
            )
    assert read(out.getvalue()) == [(1, [FORMULA_WITHOUT_VALUE])]


def test_a_sheet_the_package_check_kept_is_scanned_and_read_as_the_zipped_one():
    data = without_cached_values(placed({(1, 1): 5, (2, 2): "=A1*2", (3, 1): "tekst"}))
    keep: dict = {}
    check_package(data, 20 << 20, 200 << 20, keep=keep)
    assert "xl/worksheets/sheet1.xml" in keep
    with open_workbook(data) as book:
        scanned, rows = book.scan("Voortgang"), list(book.rows("Voortgang"))
    with open_workbook(data, inflated={k: list(v) for k, v in keep.items()}) as book:
        assert list(book.rows("Voortgang")) == rows
    with open_workbook(data, inflated=keep) as book:
        assert book.scan("Voortgang") == scanned
        assert "xl/worksheets/sheet1.xml" not in keep  # let go once scanned


@pytest.mark.parametrize("size", [1, 3, 4, 5, 7, 100])
def test_the_inflated_pieces_read_as_one_stream(size):
    pieces = [b"abcd", b"efgh", b"ij"]
    stream = _Inflated(list(pieces))
    read = list(iter(lambda: stream.read(size), b""))
    assert b"".join(read) == b"".join(pieces)
    assert all(len(chunk) == size for chunk in read[:-1])
