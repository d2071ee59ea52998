"""A rejected report comes back as the supplier's own workbook with each problem marked."""

from datetime import date
from io import BytesIO

import openpyxl
from report_books import person, report, validate

from srtracker.domain.report_messages_en import to_english
from srtracker.workbook.annotate import MARK, annotate


def annotated(data, translate=None):
    errors = validate(data).errors
    out = annotate(data, errors) if translate is None else annotate(data, errors, translate)
    return openpyxl.load_workbook(BytesIO(out)), errors


def test_a_bad_cell_gets_a_fill_a_text_marker_and_a_comment_saying_what_to_change():
    book, _ = annotated(report(person(), person(ref="K-2", start="32-1-2026")))
    cell = book["Voortgang"]["E3"]
    assert cell.fill.patternType == "lightTrellis"
    assert cell.number_format.startswith(f'"{MARK}"')
    assert "bijvoorbeeld 1-3-2026" in cell.comment.text
    assert book["Voortgang"]["E2"].comment is None


def test_the_marked_file_keeps_its_values_and_validates_the_same():
    data = report(person(hours="veel"), person(ref="K-2", start=date(2026, 4, 1)))
    book, errors = annotated(data)
    again = BytesIO()
    book.save(again)
    assert [(e.code, e.cell) for e in validate(again.getvalue()).errors] == [
        (e.code, e.cell) for e in errors
    ]


def test_a_file_level_error_goes_on_the_top_cell_of_its_sheet_or_header_row():
    book, _ = annotated(
        report(
            person(),
            header=[
                "kandidaat",
                "verplichting",
                "soort",
                "doelgroep",
                "einddatum",
                "uren_per_week",
            ],
        )
    )
    assert "startdatum" in book["Voortgang"]["A1"].comment.text


def test_comments_can_be_english():
    book, _ = annotated(report(person(clause="SR9")), to_english)
    assert book["Voortgang"]["B2"].comment.text.startswith("This clause is not in the contract")
