"""A rejected report comes back as the supplier's own workbook with each problem marked.

Built for every file the reader accepts: merged cells, Strict OOXML, pivot
tables, Mac Excel styles, pictures; where the file cannot be rewritten, a
clean copy with the same marks; where nothing can read it, a list.
"""

import zipfile
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from openpyxl.drawing.image import Image
from PIL import Image as PILImage
from report_books import person, report, rezip, validate, with_cached_values, xlsx

from srtracker.domain.report_messages_en import to_english
from srtracker.workbook.annotate import MARK, annotate, feedback_workbook, marked_format

HEADER = [
    "kandidaat",
    "verplichting",
    "soort",
    "doelgroep",
    "startdatum",
    "einddatum",
    "uren_per_week",
]
STRICT = [
    (
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    ),
    (
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
        b"http://purl.oclc.org/ooxml/drawingml/main",
    ),
]


def annotated(data, translate=None):
    errors = validate(data).errors
    out = annotate(data, errors) if translate is None else annotate(data, errors, translate)
    return openpyxl.load_workbook(BytesIO(out)), errors


def feedback(data):
    errors = validate(data).errors
    return feedback_workbook(data, errors), errors


def marks(book, sheet="Voortgang") -> dict:
    """cell -> comment text of every commented cell of `sheet`."""
    return {
        c.coordinate: c.comment.text for row in book[sheet].iter_rows() for c in row if c.comment
    }


def strict(data: bytes) -> bytes:
    """The package as Excel saves it as "Strict Open XML Spreadsheet" (its namespaces)."""

    def change(name, body):
        if not name.endswith((".xml", ".rels")):
            return body
        for transitional, strict_name in STRICT:
            body = body.replace(transitional, strict_name)
        if name == "xl/workbook.xml":
            body = body.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
        return body

    return rezip(data, change)


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
    book, _ = annotated(report(person(), header=HEADER[:4] + HEADER[5:]))
    assert "startdatum" in book["Voortgang"]["A1"].comment.text


def test_comments_can_be_english():
    book, _ = annotated(report(person(clause="SR9")), to_english)
    assert book["Voortgang"]["B2"].comment.text.startswith("This clause is not in the contract")


@pytest.mark.parametrize(
    ("current", "marked"),
    [
        ("General", f'"{MARK}"General;"{MARK}"-General;"{MARK}"0;"{MARK}"@'),
        ("d-m-yyyy", f'"{MARK}"d-m-yyyy;"{MARK}"-d-m-yyyy;"{MARK}"d-m-yyyy;"{MARK}"@'),
        ("0.00;[Red]-0.00", f'"{MARK}"0.00;[Red]"{MARK}"-0.00;"{MARK}"0.00;"{MARK}"@'),
        (
            "[$-413]d mmmm yyyy",
            f'[$-413]"{MARK}"d mmmm yyyy;[$-413]"{MARK}"d mmmm yyyy;[$-413]"{MARK}"d mmmm yyyy;"{MARK}"@',
        ),
        ('0;-0;0;"n.v.t."', f'"{MARK}"0;"{MARK}"-0;"{MARK}"0;"{MARK}""n.v.t."'),
        ('"a;b" 0', f'"{MARK}""a;b" 0;"{MARK}"-"a;b" 0;"{MARK}""a;b" 0;"{MARK}"@'),
        ("[h]:mm", f'"{MARK}"[h]:mm;"{MARK}"[h]:mm;"{MARK}"[h]:mm;"{MARK}"@'),
    ],
)
def test_the_marker_is_shown_before_every_kind_of_value_text_included(current, marked):
    assert marked_format(current) == marked
    assert marked_format(marked) == marked


def test_text_in_a_date_formatted_cell_shows_the_marker():
    def date_format(book):
        book["Voortgang"]["E2"].number_format = "dd-mm-yyyy"

    book, errors = annotated(
        xlsx({"Voortgang": [HEADER, person(start="31-02-2026")[:7]]}, setup=date_format)
    )
    assert [e.cell for e in errors] == ["E2"]
    assert book["Voortgang"]["E2"].number_format.endswith(f';"{MARK}"@')


def test_an_error_on_a_cell_covered_by_a_merge_is_marked_on_the_merges_top_left_cell():
    def merge(book):
        book["Voortgang"].merge_cells("D2:E2")

    data = xlsx({"Voortgang": [HEADER, person()[:7]]}, setup=merge)
    out, errors = feedback(data)
    assert [(e.code, e.cell) for e in errors] == [("missing_value", "E2")]
    book = openpyxl.load_workbook(BytesIO(out))
    assert "startdatum" in marks(book)["D2"] and book["Voortgang"].merged_cells.ranges


def test_a_strict_workbook_is_marked_in_its_own_file():
    data = strict(report(person(hours="veel"), person(ref="K-2")))
    out, errors = feedback(data)
    assert [e.cell for e in errors] == ["G2"]
    book = openpyxl.load_workbook(BytesIO(out))
    assert book.sheetnames == ["Voortgang"] and list(marks(book)) == ["G2"]
    assert book["Voortgang"]["A3"].value == "K-2"


MAC_STYLES = {
    "an empty fill": (b"<fill><patternFill /></fill>", b"<fill/>"),
    "an empty number format id": (b'<xf numFmtId="164"', b'<xf numFmtId=""'),
    "an empty font size": (b'<sz val="11" />', b'<sz val="" />'),
    "an empty colour": (b'<color theme="1" />', b'<color rgb="" />'),
}


@pytest.mark.parametrize("variant", MAC_STYLES)
def test_a_stylesheet_with_empty_attributes_is_marked_in_its_own_file(variant):
    old, new = MAC_STYLES[variant]
    data = rezip(
        report(person(hours="veel")),
        lambda name, body: body.replace(old, new) if name == "xl/styles.xml" else body,
    )
    with pytest.raises(Exception):  # noqa: B017 - whatever openpyxl raises on it
        openpyxl.load_workbook(BytesIO(data))
    out, _ = feedback(data)
    book = openpyxl.load_workbook(BytesIO(out))
    assert "Info" not in book.sheetnames and list(marks(book)) == ["G2"]
    assert [(e.code, e.cell) for e in validate(out).errors] == [("bad_number", "G2")]


def test_pictures_in_the_file_are_kept():
    def picture(book):
        png = BytesIO()
        PILImage.new("RGB", (40, 20), "red").save(png, format="PNG")
        book["Voortgang"].add_image(Image(BytesIO(png.getvalue())), "K1")

    out, _ = feedback(xlsx({"Voortgang": [HEADER, person(hours="veel")[:7]]}, setup=picture))
    names = zipfile.ZipFile(BytesIO(out)).namelist()
    assert [n for n in names if n.startswith("xl/media/")] and len(
        openpyxl.load_workbook(BytesIO(out))["Voortgang"]._images
    ) == 1


def test_formulas_keep_the_results_their_writer_cached():
    data = with_cached_values(
        report(person(hours="=3*8"), person(ref="K-2", start="32-1-2026")), b"24"
    )
    out, errors = feedback(data)
    assert [e.cell for e in errors] == ["E3"]
    assert openpyxl.load_workbook(BytesIO(out))["Voortgang"]["G2"].value == "=3*8"
    assert openpyxl.load_workbook(BytesIO(out), data_only=True)["Voortgang"]["G2"].value == 24
    assert [(e.code, e.cell) for e in validate(out).errors] == [("bad_date", "E3")]


def test_a_file_too_large_to_edit_in_memory_gets_a_clean_copy_with_the_same_marks():
    data = report(
        person(hours="veel"), person(ref="K-2", start="32-1-2026"), info={"contract": "2026-HH-014"}
    )
    errors = validate(data).errors
    book = openpyxl.load_workbook(BytesIO(feedback_workbook(data, errors, max_edit_bytes=0)))
    assert book.sheetnames == ["Voortgang", "Info"] and book.active.title == "Info"
    assert (
        set(marks(book)) == {"G2", "E3"}
        and book["Voortgang"]["G2"].fill.patternType == "lightTrellis"
    )
    assert book["Info"]["A1"].value == "contract" and "kopie" in book["Info"]["B3"].value
    again = BytesIO()
    book.save(again)
    assert [(e.code, e.cell) for e in validate(again.getvalue()).errors] == [
        (e.code, e.cell) for e in errors
    ]


def test_the_clean_copy_of_a_file_without_info_adds_one_with_the_note():
    data = report(person(hours="veel"), sheet="Blad1")
    errors = validate(data).errors
    book = openpyxl.load_workbook(BytesIO(feedback_workbook(data, errors, max_edit_bytes=0)))
    assert book.sheetnames == ["Info", "Blad1"] and "Blad1" in book["Info"]["B2"].value
    again = BytesIO()
    book.save(again)
    assert [e.cell for e in validate(again.getvalue()).errors] == ["G2"]


def test_a_stored_file_that_fails_the_package_checks_is_not_opened():
    data = report(person(hours="veel"))
    package = BytesIO(data)
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"macro")
    book = openpyxl.load_workbook(
        BytesIO(feedback_workbook(package.getvalue(), validate(data).errors))
    )
    assert book.sheetnames == ["Fouten"]
    assert [r[:2] for r in book.active.iter_rows(min_row=4, values_only=True)] == [
        ("Voortgang", "G2")
    ]


def pivot_fods() -> str:
    """A flat ODS with a data sheet and a DataPilot (pivot table) over it, for LibreOffice."""
    rows = [
        HEADER,
        ["K-001", "SR1", "placement", "wajong", "2026-01-05", "", "veel"],
        ["K-002", "SR1", "placement", "wajong", "2026-01-05", "", "24"],
    ]

    def cell(value):
        if value == "":
            return "<table:table-cell/>"
        if value[:4].isdigit() and value[4:5] == "-":
            return f'<table:table-cell office:value-type="date" office:date-value="{value}"><text:p>{value}</text:p></table:table-cell>'
        if value.isdigit():
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
<table:table table:name="Voortgang">{body}</table:table>
<table:table table:name="Draaitabel"><table:table-row><table:table-cell/></table:table-row></table:table>
<table:data-pilot-tables>
<table:data-pilot-table table:name="Draaitabel1" table:target-range-address="Draaitabel.A1:Draaitabel.B4">
<table:source-cell-range table:cell-range-address="Voortgang.A1:Voortgang.G3"/>
<table:data-pilot-field table:source-field-name="verplichting" table:orientation="row"/>
<table:data-pilot-field table:source-field-name="kandidaat" table:orientation="data" table:function="count"/>
</table:data-pilot-table>
</table:data-pilot-tables>
</office:spreadsheet></office:body></office:document>"""


def test_a_pivot_table_saved_by_libreoffice_is_kept(libreoffice, tmp_path):
    source = tmp_path / "draaitabel.fods"
    source.write_text(pivot_fods(), encoding="utf-8")
    data = libreoffice.convert(source, "xlsx", tmp_path / "xlsx").read_bytes()
    assert any("pivotTable" in n for n in zipfile.ZipFile(BytesIO(data)).namelist())
    out, errors = feedback(data)
    assert [e.cell for e in errors] == ["G2"]
    assert any("pivotTable" in n for n in zipfile.ZipFile(BytesIO(out)).namelist())
    assert list(marks(openpyxl.load_workbook(BytesIO(out)))) == ["G2"]
