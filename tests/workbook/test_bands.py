"""A large sheet is read a band of rows at a time, and gives what a whole read gives.

calamine holds a whole sheet at once; workbook.reader reads a sheet of more than four
times `_BAND_CELLS` cells in bands of rows, each from a copy of the package. These tests
make the band one row (`_BAND_CELLS = 1`), so that every file here is cut at every row, and
compare with the whole read: the same rows, numbers and values (a row's trailing empty
cells aside: a band reaches its own last column), and the same validation result.
"""

from pathlib import Path

import pytest
from report_books import (
    COL,
    HEADER,
    person,
    purchase,
    raw_package,
    report,
    rezip,
    sheet_rows_xml,
    validate,
    without_cached_values,
    xlsx,
)

from srtracker.domain.report_cells import SheetTooLarge
from srtracker.workbook import reader
from srtracker.workbook.reader import UnreadableWorkbook, open_workbook

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [*(ROOT / "tests" / "corpus").glob("*.xlsx"), *(ROOT / "sample_contracts").rglob("*.xlsx")]
)
WHOLE = 1 << 40


def trimmed(values: list) -> list:
    values = list(values)
    while values and values[-1] == "":
        values.pop()
    return values


def read(data: bytes, band_cells: int, monkeypatch) -> dict:
    """Every sheet's rows, each without its trailing empty cells; or the error raised."""
    monkeypatch.setattr(reader, "_BAND_CELLS", band_cells)
    try:
        with open_workbook(data) as book:
            return {
                sheet.name: [(n, trimmed(v)) for n, v in book.rows(sheet.name)]
                for sheet in book.sheets
            }
    except UnreadableWorkbook as error:
        return {"unreadable": str(error)}
    except SheetTooLarge as error:
        return {"too large": error.sheet}


@pytest.fixture
def bands(monkeypatch):
    """How many bands were read from copies of the package."""
    counted = []
    read_band = reader.CalamineReader._band_sheet

    def counting(self, *args):
        counted.append(1)
        return read_band(self, *args)

    monkeypatch.setattr(reader.CalamineReader, "_band_sheet", counting)
    return counted


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_corpus_file_and_sample_report_reads_the_same_in_bands(path, monkeypatch, bands):
    data = path.read_bytes()
    whole = read(data, WHOLE, monkeypatch)
    assert read(data, 1, monkeypatch) == whole
    rows = sum(len(r) for r in whole.values() if isinstance(r, list))
    assert len(bands) >= min(rows, 2)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_corpus_file_and_sample_report_validates_the_same_in_bands(path, monkeypatch):
    data = path.read_bytes()
    monkeypatch.setattr(reader, "_BAND_CELLS", WHOLE)
    whole = validate(data)
    monkeypatch.setattr(reader, "_BAND_CELLS", 1)
    assert validate(data) == whole


BOOKS = {
    "valid rows": report(*(person(f"K-{n:03d}") for n in range(1, 30)), purchase()),
    "a failing cell per row": report(*(person(f"K-{n}", hours="veel") for n in range(1, 9))),
    "a possible BSN outside the columns": xlsx(
        {"Voortgang": [HEADER, person(), [*person("K-002"), None, "111222333"], person("K-003")]}
    ),
    "title rows and blank rows": report(
        person(), [], [], person("K-002"), above=(["Voortgangsrapportage"], [])
    ),
    "formulas without a value": without_cached_values(
        report(person(), [*person("K-002")[:6], "=G2*2"], person("K-003"))
    ),
    "an Info sheet": report(person(), info={"contract": "2026-HH-014", "period": "2026-Q1"}),
}


@pytest.mark.parametrize("name", BOOKS)
def test_a_report_validates_the_same_in_bands(name, monkeypatch, bands):
    monkeypatch.setattr(reader, "_BAND_CELLS", WHOLE)
    whole = validate(BOOKS[name])
    monkeypatch.setattr(reader, "_BAND_CELLS", 1)
    assert validate(BOOKS[name]) == whole
    assert bands


def test_error_values_and_formulas_alone_in_a_row_come_in_their_place_between_bands(
    monkeypatch, bands
):
    data = without_cached_values(
        raw_package(
            sheet_rows_xml(
                {
                    1: {"A": "kandidaat", "B": "verplichting"},
                    2: {"A": "K-001", "C": 5},
                    3: {"B": ("e", "#N/A")},
                    4: {"A": "K-002"},
                    5: {"D": ("n", "", "A1*2")},
                    7: {"A": "K-003", "E": 1.5},
                }
            )
        )
    )
    whole = read(data, WHOLE, monkeypatch)
    assert [number for number, _ in whole["Voortgang"]] == [1, 2, 3, 4, 5, 7]
    assert read(data, 1, monkeypatch) == whole
    assert len(bands) >= 4


def test_a_sparse_sheet_is_renumbered_and_read_in_bands(monkeypatch, bands):
    rows = {1: {"A": "kandidaat"}, 3000: {"A": "K-001", "B": 2}, 9000: {"C": "x"}}
    rows |= {12000 + n: {"A": f"K-{n}", COL["note"]: "y"} for n in range(5)}
    data = raw_package(sheet_rows_xml(rows))
    whole = read(data, WHOLE, monkeypatch)
    assert [number for number, _ in whole["Voortgang"]] == sorted(rows)
    assert read(data, 1, monkeypatch) == whole
    assert len(bands) >= 2


def test_rows_without_their_number_stay_with_the_row_before(monkeypatch, bands):
    data = raw_package(
        '<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row>'
        '<row><c t="inlineStr"><is><t>b</t></is></c></row>'
        '<row><c><v>3</v></c></row><row r="6"><c><v>4</v></c></row><row><c><v>5</v></c></row>'
    )
    whole = read(data, WHOLE, monkeypatch)
    assert [number for number, _ in whole["Voortgang"]] == [1, 2, 3, 6, 7]
    assert read(data, 1, monkeypatch) == whole
    assert len(bands) == 2  # cut only before the rows that give their number


def test_prefixed_xml_reads_the_same_in_bands(monkeypatch, bands):
    plain = raw_package(sheet_rows_xml({n: {"A": f"K-{n}", "B": n} for n in range(1, 6)}))

    def prefixed(name, body):
        if name != "xl/worksheets/sheet1.xml":
            return body
        body = body.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=")
        body = body.replace(b"</worksheet>", b"</x:worksheet>")
        for tag in (b"sheetData", b"row", b"c", b"v", b"is", b"t"):
            body = body.replace(b"<" + tag + b">", b"<x:" + tag + b">")
            body = body.replace(b"<" + tag + b" ", b"<x:" + tag + b" ")
            body = body.replace(b"</" + tag + b">", b"</x:" + tag + b">")
        return body

    data = rezip(plain, prefixed)
    whole = read(data, WHOLE, monkeypatch)
    assert whole == read(plain, WHOLE, monkeypatch)
    assert read(data, 1, monkeypatch) == whole
    assert len(bands) == 5


def test_rows_out_of_order_across_bands_are_unreadable_and_refused(monkeypatch):
    data = raw_package(
        '<row r="5"><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>'
        '<row r="2"><c><v>2</v></c><c><v>2</v></c><c><v>2</v></c></row>'
    )
    assert read(data, WHOLE, monkeypatch) == {"Voortgang": [(2, [2.0] * 3), (5, [1.0] * 3)]}
    assert read(data, 1, monkeypatch) == {"unreadable": "rows out of order"}
    result = validate(data)
    assert [e.key for e in result.errors] == ["not_xlsx.corrupt"]
    assert not result.keep_file


def test_a_sheet_within_a_band_is_read_whole(bands):
    validate(BOOKS["valid rows"])
    assert bands == []


def test_a_band_holds_about_band_cells_cells_and_stays_within_band_area(monkeypatch, bands):
    data = BOOKS["valid rows"]  # a header and 30 rows of 6 cells: 189 cells
    monkeypatch.setattr(reader, "_BAND_CELLS", WHOLE)
    whole = validate(data)
    monkeypatch.setattr(reader, "_BAND_CELLS", 48)  # four bands' cells (192) hold it whole
    assert validate(data) == whole
    assert bands == []
    monkeypatch.setattr(reader, "_BAND_CELLS", 40)  # 40 cells at 189 / 31 a row: 6 rows
    assert validate(data) == whole
    assert len(bands) == 6
    monkeypatch.setattr(reader, "_BAND_AREA", 26 * 5)  # 5 rows of at most 26 columns
    bands.clear()
    assert validate(data) == whole
    assert len(bands) == 7
