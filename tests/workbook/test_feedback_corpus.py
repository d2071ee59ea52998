"""The feedback workbook of every file in the corpus of real writers (tests/corpus).

For each file the package checks let through, the feedback workbook is built
with the file's own errors and a mark on every cell of its first two data
rows (cells under a merge included), reopened with openpyxl with each mark
where a spreadsheet shows it, and opened by LibreOffice. A file refused at
the package level (encrypted, far too many rows) is never opened: its
feedback is the list of its problems.
"""

import json
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from report_books import validate

from srtracker.domain.report_columns import column_letter
from srtracker.domain.report_rules import Issue, choose_data_sheet
from srtracker.workbook.annotate import clean_copy, feedback_workbook
from srtracker.workbook.reader import open_workbook

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ENTRIES = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
READABLE = [e["file"] for e in ENTRIES if e["kept"]]
REFUSED = [e["file"] for e in ENTRIES if not e["kept"]]


def marks_everywhere(data: bytes) -> list[Issue]:
    """The file's own errors, and an issue on each cell A-I of rows 2 and 3 of its data sheet."""
    with open_workbook(data) as reader:
        sheet = choose_data_sheet(reader.sheets)
    extra = [
        Issue(
            sheet, row, None, f"{column_letter(c)}{row}", "unknown_column", "", {}, "unknown_column"
        )
        for row in (2, 3)
        for c in range(9)
    ]
    return validate(data).errors + extra


def shown_at(sheet, reference: str) -> str:
    """The cell a spreadsheet shows for `reference`: the top-left cell of a merge over it."""
    for merged in sheet.merged_cells.ranges:
        if reference in merged:
            return merged.start_cell.coordinate
    return reference


@pytest.fixture(scope="module")
def feedback(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus-feedback")
    built = {}
    for name in READABLE:
        data = (CORPUS / name).read_bytes()
        issues = marks_everywhere(data)
        path = folder / name
        path.write_bytes(feedback_workbook(data, issues))
        built[name] = (path, issues)
    return built


@pytest.mark.parametrize("name", READABLE)
def test_every_issue_is_marked_where_a_spreadsheet_shows_it(feedback, name):
    path, issues = feedback[name]
    book = openpyxl.load_workbook(path)
    for issue in issues:
        sheet = book[issue.sheet]
        cell = sheet[shown_at(sheet, issue.cell)]
        assert cell.comment is not None and issue.describe() in cell.comment.text, issue.cell


@pytest.mark.parametrize("name", READABLE)
def test_the_marked_file_validates_as_the_original(feedback, name):
    path, _ = feedback[name]
    original = validate((CORPUS / name).read_bytes())
    again = validate(path.read_bytes())
    assert [(e.code, e.cell) for e in again.errors] == [(e.code, e.cell) for e in original.errors]
    assert again.contributions == original.contributions


@pytest.mark.parametrize("name", READABLE)
def test_the_clean_copy_validates_as_the_original_too(name):
    data = (CORPUS / name).read_bytes()
    original = validate(data)
    again = validate(clean_copy(data, marks_everywhere(data)))
    # A copy holds values, not formulas: a formula without a cached value is an empty cell.
    expected = [
        ("missing_value" if e.code == "formula_without_value" else e.code, e.cell)
        for e in original.errors
    ]
    assert [(e.code, e.cell) for e in again.errors] == expected
    assert again.contributions == original.contributions


def test_every_feedback_workbook_opens_in_libreoffice(feedback, libreoffice, tmp_path):
    paths = [path for path, _ in feedback.values()]
    converted = libreoffice.convert_all(paths, "pdf", tmp_path)
    assert [p.name for p, pdf in converted.items() if pdf is None] == []


@pytest.mark.parametrize("name", REFUSED)
def test_a_refused_file_is_never_opened_its_problems_are_listed(name):
    data = (CORPUS / name).read_bytes()
    errors = validate(data).errors
    book = openpyxl.load_workbook(BytesIO(feedback_workbook(data, errors)))
    assert book.sheetnames == ["Fouten"]
