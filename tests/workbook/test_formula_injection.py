"""Text from a user comes back as text in every workbook the app writes, never a formula.

progress-report.md, "Storage": whatever its first character (= + - @, tab,
carriage return). Each payload goes through every writer (the template with
its Info sheet and pre-filled rows, the feedback workbook both ways, the
council export); the result is opened with openpyxl and its sheet XML read:
no <f> element anywhere, and the payload in a text cell (t="s" or inlineStr).
"""

import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from report_books import CONTRACT, PERIOD, REFERENCE, person, report, validate

from srtracker.domain.compliance import ClauseResult
from srtracker.domain.contributions import Contribution
from srtracker.exports.overview import ClauseLine, FlagLine, Overview, ReviewLine, Total
from srtracker.exports.workbook import write_overview
from srtracker.workbook.annotate import clean_copy, feedback_workbook, issue_list
from srtracker.workbook.cells import as_text as cells_text
from srtracker.workbook.cells import put
from srtracker.workbook.template import write_template

PAYLOADS = [
    '=HYPERLINK("http://x.example/?a","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    # XlsxWriter writes a text shaped like its own rich-string XML into the sheet as it is
    '<r><t>a</t></r></is></c><c r="B1"><f>1+1</f><v>2</v></c><c r="C1" t="inlineStr"><is><r><t>b</t></r>',
]
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
TEXT_CELL = re.compile(rb'<c [^>]*t="(s|inlineStr)"')


def sheet_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")}


def assert_text_everywhere(data: bytes, payload: str, where: list[tuple[str, str]]):
    """No formula in any sheet, and `payload` in each (sheet, cell) of `where` as text."""
    parts = sheet_parts(data)
    assert parts and [n for n, xml in parts.items() if FORMULA.search(xml)] == []
    book = openpyxl.load_workbook(BytesIO(data))
    assert [
        c.coordinate
        for s in book.worksheets
        for r in s.iter_rows()
        for c in r
        if c.data_type == "f"
    ] == []
    for sheet, reference in where:
        cell = book[sheet][reference]
        # XML reads a carriage return in text as a line feed: still text.
        assert (cell.value, cell.data_type) == (payload.replace("\r", "\n"), "s"), (
            sheet,
            reference,
        )
    text_cells = sum(len(TEXT_CELL.findall(xml)) for xml in parts.values())
    assert text_cells >= len(where)


def as_text(data: bytes) -> bytes:
    """The supplier's file with its payloads typed as text (the builder made them formulas)."""
    book = openpyxl.load_workbook(BytesIO(data))
    for cell in (c for row in book.active.iter_rows() for c in row if c.data_type == "f"):
        cell.data_type = "s"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_put_writes_text_as_text_with_the_quote_prefix():
    sheet = openpyxl.Workbook().active
    cell = put(sheet["A1"], "=1+1")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)
    assert put(sheet["A2"], "K-001").quotePrefix is False
    assert put(sheet["A3"], "bad\x00\x07text").value == "badtext"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_put_writes_text_as_text_in_a_streamed_sheet(payload):
    from srtracker.workbook.stream import Book, Style

    out = BytesIO()
    book = Book(out)
    sheet = book.sheet("Blad")
    put(sheet.cell(1, 1, Style(bold=True, fill="DDE4EE", wrap=True)), payload)
    put(sheet.cell(2, 1), payload)
    put(sheet.cell(2, 2), 3, "#,##0")
    book.close()
    assert_text_everywhere(out.getvalue(), payload, [("Blad", "A1"), ("Blad", "A2")])
    cells = openpyxl.load_workbook(BytesIO(out.getvalue()))["Blad"]
    quoted = cells_text(payload)[1]
    assert cells["A1"].quotePrefix is cells["A2"].quotePrefix is quoted and cells["A1"].font.b
    assert (cells["B2"].value, cells["B2"].number_format) == (3, "#,##0")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_template_writes_rows_and_info_as_text(payload):
    contract = replace(CONTRACT, title=payload, supplier=payload, buyer=payload)
    rows = [
        Contribution(
            2,
            payload,
            "SR1",
            "placement",
            date(2026, 1, 5),
            "wajong",
            None,
            Decimal(32),
            note=payload,
        )
    ]
    for lang, sheet in (("nl", "Voortgang"), ("en", "Progress")):
        data = write_template(contract, PERIOD, REFERENCE, rows, lang)
        assert_text_everywhere(
            data,
            payload,
            [(sheet, "A2"), (sheet, "I2"), ("Info", "B3"), ("Info", "B4"), ("Info", "B5")],
        )


def test_the_templates_pre_filled_rows_validate_back_to_the_same_text():
    rows = [
        Contribution(
            2, "+K-1", "SR1", "placement", date(2026, 1, 5), "wajong", None, Decimal(32), note="=1"
        )
    ]
    result = validate(
        write_template(CONTRACT, PERIOD, REFERENCE, rows), previous=rows, had_rows_before=True
    )
    assert result.status == "accepted" and result.contributions == rows


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_feedback_workbook_keeps_text_as_text(payload):
    reference = payload[0] + "K-1"
    data = as_text(report(person(ref=reference, hours="veel", note=payload)))
    errors = validate(data).errors
    assert [e.code for e in errors] == ["bad_number"]
    for built in (feedback_workbook(data, errors), clean_copy(data, errors)):
        assert_text_everywhere(built, payload, [("Voortgang", "I2")])
        cell = openpyxl.load_workbook(BytesIO(built))["Voortgang"]["A2"]
        assert (cell.value, cell.data_type) == (reference.replace("\r", "\n"), "s")


def test_the_list_of_problems_holds_no_formula():
    data = report(person(hours="veel"))
    errors = validate(data).errors
    assert not any(FORMULA.search(xml) for xml in sheet_parts(issue_list(errors)).values())


def overview(payload: str) -> Overview:
    contract = replace(CONTRACT, title=payload, supplier=payload)
    clause = replace(CONTRACT.clauses[0], title=payload)
    result = ClauseResult(
        contract.reference,
        clause,
        "on_track",
        Fraction(3),
        Fraction(2),
        "2026-Q1",
        date(2026, 3, 31),
        (),
        (),
    )
    return Overview(
        as_of=date(2026, 8, 15),
        made_at=datetime(2026, 8, 15, 9, 0),
        latest_check=date(2026, 8, 15),
        clauses={payload: [ClauseLine(contract, result, Fraction(1))]},
        flags=[
            FlagLine(
                payload, payload, payload, "behind", "2026-Q1", "open", date(2026, 8, 15), None
            )
        ],
        reviews=[
            ReviewLine(payload, payload, "SR1", payload, "verified", payload, datetime(2026, 8, 1))
        ],
        totals=[Total("placement", "wajong", 1, 1, Fraction(32))],
        type_labels={"placement": payload},
        group_labels={"wajong": payload},
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_council_export_writes_text_as_text(app, payload):
    with app.app_context():  # the export writes its time in [app] timezone
        data = write_overview(overview(payload))
    book = openpyxl.load_workbook(BytesIO(data))
    buyer = book.sheetnames[1]
    assert_text_everywhere(
        data,
        payload,
        [
            (buyer, "B2"),
            (buyer, "C2"),
            (buyer, "E2"),
            ("Signaleringen", "A2"),
            ("Signaleringen", "B2"),
            ("Totalen", "A2"),
            ("Beoordelingen", "D2"),
            ("Beoordelingen", "F2"),
        ],
    )


def council_report(payload: str):
    from srtracker.domain.enforcement import WARNING
    from srtracker.enforcement.council import Breakdown, BuyerYear, CaseLine, CouncilReport
    from srtracker.enforcement.council import ClauseLine as CouncilClause

    one = Decimal(1)
    return CouncilReport(
        2026,
        date(2026, 8, 15),
        buyers=[BuyerYear(payload, one, one, 1, quarters=[("2026-Q1", one, one)])],
        clauses=[
            CouncilClause(
                payload,
                payload,
                payload,
                payload,
                "SR1",
                payload,
                "persons",
                one,
                one,
                365,
                365,
                one,
                one,
                one,
                1,
                1,
                WARNING,
                None,
            )
        ],
        by_group=[Breakdown(payload, "wajong", 1, 1)],
        by_type=[Breakdown(payload, "placement", 1, 1)],
        cases=[CaseLine(payload, payload, "SR1", WARNING, date(2026, 5, 1), True, None, payload)],
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_council_report_writes_text_as_text(app, payload):
    from srtracker.enforcement.council_workbook import write_council_report

    labels = {"wajong": payload, "placement": payload}
    with app.app_context():
        data = write_council_report(council_report(payload), labels)
    book = openpyxl.load_workbook(BytesIO(data))
    shown = payload.replace("\r", "\n")
    where = [
        (sheet.title, cell.coordinate)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == shown
    ]
    assert len(where) >= 8
    assert_text_everywhere(data, payload, where)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_rows_of_a_clause_are_written_as_text(payload):
    from srtracker.workbook.clause_rows import clause_rows_workbook

    data = clause_rows_workbook(
        "SR1",
        ["rij", "kandidaat", "telt", "reden", "tekst"],
        [(2, payload, "ja", payload, payload)],
    )
    title = openpyxl.load_workbook(BytesIO(data)).sheetnames[0]
    assert_text_everywhere(data, payload, [(title, "B2"), (title, "D2"), (title, "E2")])


# The writers the tests above send every payload through; a new one must join them.
WRITERS = {
    "srtracker/workbook/clause_rows.py",
    "srtracker/workbook/template.py",
    "srtracker/workbook/annotate.py",
    "srtracker/exports/workbook.py",
    "srtracker/enforcement/council_workbook.py",
    "srtracker/workbook/stream.py",
}


def test_every_module_that_writes_a_workbook_is_tested_here():
    root = Path(__file__).resolve().parents[2]
    writers = {
        path.relative_to(root).as_posix()
        for path in (root / "srtracker").rglob("*.py")
        if re.search(r"\b(?:Workbook|Book)\(|xlsxwriter", path.read_text(encoding="utf-8"))
    }
    assert writers == WRITERS
