"""progress-report.md, "The workbook": a reader never allocates by the extent a sheet claims.

Memory follows the cells the file really holds: a sheet beyond the row or
column limit is refused as too_many_rows before calamine reads it, and a sheet
whose few rows are far apart is read from a renumbered copy.
"""

import pytest
from report_books import (
    HEADER,
    found,
    header_cells,
    person,
    raw_package,
    sheet_rows_xml,
    validate,
    xlsx,
)

from srtracker.domain.report_rules import Limits
from srtracker.workbook import reader

ROW = {"A": "K-001", "B": "SR1", "C": "placement", "D": "wajong", "E": 46027, "G": 32}


@pytest.fixture
def sheets_read(monkeypatch):
    """The height and width of every sheet calamine reads, as it allocates them."""
    heights = []
    real = reader._call

    def spy(action, *args):
        result = real(action, *args)
        if getattr(action, "__name__", "") == "get_sheet_by_name":
            heights.append((result.height, result.width))
        return result

    monkeypatch.setattr(reader, "_call", spy)
    return heights


def refused(data: bytes, limits=None):
    result = validate(data, limits=limits or Limits())
    assert (result.status, result.rows, result.keep_file) == ("rejected", 0, False)
    [error] = result.errors
    return error


def test_a_cell_at_xfd1048576_is_refused_before_the_sheet_is_read(sheets_read):
    data = raw_package(sheet_rows_xml({1: header_cells(), 1048576: {"XFD": 1}}))
    assert len(data) < 2000
    error = refused(data)
    assert (error.code, error.key, error.row, error.cell) == (
        "too_many_rows",
        "too_many_rows.columns",
        None,
        None,
    )
    assert "BH" in error.message
    assert sheets_read == []


def test_a_cell_in_column_all_at_row_50000_is_refused(sheets_read):
    data = raw_package(sheet_rows_xml({1: header_cells(), 2: ROW, 50000: {"ALL": "x"}}))
    assert refused(data).key == "too_many_rows.columns"
    assert sheets_read == []


def test_a_600000_row_report_is_refused_before_it_is_read(sheets_read):
    data = raw_package(
        sheet_rows_xml({1: header_cells()})
        + "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(2, 600_002)),
        compresslevel=1,
    )
    error = refused(data)
    assert (error.code, error.key) == ("too_many_rows", "too_many_rows.rows")
    assert "100.000" in error.message
    assert sheets_read == []


def test_one_far_away_row_is_read_by_its_cells_not_by_its_number(sheets_read):
    data = raw_package(sheet_rows_xml({1: header_cells(), 2: ROW, 90000: {"A": "K-002"}}))
    result = validate(data)
    assert sheets_read == [(3, 9)]
    assert ("missing_value", 90000, "clause", "B90000") in found(result.errors)


def test_a_claimed_dimension_is_ignored(sheets_read):
    data = raw_package(sheet_rows_xml({1: header_cells(), 2: ROW}), dimension="A1:XFD1048576")
    result = validate(data)
    assert result.status == "accepted", result.errors
    assert sheets_read == [(2, 9)]


def test_the_row_limit_counts_data_rows_below_the_title_and_header():
    rows = {1: {"A": "Voortgang 2026"}, 2: header_cells()}
    rows.update({n: {**ROW, "A": f"K-{n}"} for n in range(3, 8)})
    data = raw_package(sheet_rows_xml(rows))
    assert validate(data, limits=Limits(max_rows=5)).status == "accepted"
    assert refused(data, Limits(max_rows=4)).key == "too_many_rows.rows"


def test_the_column_limit_counts_columns_from_a():
    data = raw_package(sheet_rows_xml({1: header_cells(), 2: {**ROW, "J": "x"}}))
    assert validate(data, limits=Limits(max_columns=10)).status == "accepted"
    assert refused(data, Limits(max_columns=9)).key == "too_many_rows.columns"


def test_a_far_away_cell_on_another_sheet_is_refused_too(sheets_read):
    data = xlsx(
        {"Voortgang": [HEADER, person()], "Info": [["contract", "2026-HH-014"]]},
        setup=lambda book: book["Info"].cell(1048576, 16384, "x"),
    )
    error = refused(data)
    assert (error.key, error.sheet) == ("too_many_rows.columns", "Info")
    assert sheets_read == []


def test_cells_without_a_reference_are_counted_by_position():
    """The r attribute is optional: each cell then stands one right of the one before."""
    cells = "".join(f"<c><v>{n}</v></c>" for n in range(61))
    data = raw_package(sheet_rows_xml({1: header_cells(), 2: ROW}) + f'<row r="3">{cells}</row>')
    assert refused(data).key == "too_many_rows.columns"


def test_formatted_empty_cells_hold_nothing_and_pass_the_limits(sheets_read):
    """A border drawn down past the row limit or across to column XFD is formatting, not content."""
    styled = "".join(
        f'<row r="{n}"><c r="A{n}" s="1"/><c r="XFD{n}" s="1"/></row>' for n in range(3, 5003)
    )
    data = raw_package(sheet_rows_xml({1: header_cells(), 2: ROW}) + styled)
    result = validate(data, limits=Limits(max_rows=1000))
    assert result.status == "accepted", result.errors
    assert sheets_read == [(2, 9)]
