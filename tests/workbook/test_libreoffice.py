"""The workbooks the app writes open in LibreOffice Calc without repair.

`soffice --headless --convert-to pdf` loads each one as Calc does; a file it
must repair or cannot load gives no PDF. Each is opened with openpyxl too.
"""

from io import BytesIO

import openpyxl
import pytest
from report_books import CONTRACT, PERIOD, REFERENCE, person, report, validate, xlsx
from test_annotate import HEADER, MAC_STYLES, rezip, strict

from srtracker.domain.contributions import Contribution
from srtracker.workbook.annotate import clean_copy, feedback_workbook, issue_list
from srtracker.workbook.template import write_template

BAD = [person(hours="veel"), person(ref="K-2", start="32-1-2026")]


def merged():
    def merge(book):
        book["Voortgang"].merge_cells("D2:E2")

    return xlsx({"Voortgang": [HEADER, person()[:7]]}, setup=merge)


def mac_styles():
    old, new = MAC_STYLES["an empty fill"]
    return rezip(
        report(*BAD), lambda n, body: body.replace(old, new) if n == "xl/styles.xml" else body
    )


SUPPLIER_FILES = {
    "plain": lambda: report(*BAD),
    "merged": merged,
    "strict": lambda: strict(report(*BAD)),
    "mac_styles": mac_styles,
    "other_sheet_name": lambda: report(*BAD, sheet="Blad1"),
}
BUILDS = {
    "own_file": feedback_workbook,
    "clean_copy": clean_copy,
    "issue_list": lambda data, errors: issue_list(errors),
}


@pytest.fixture(scope="module")
def pdfs(libreoffice, tmp_path_factory):
    """Every feedback workbook of every supplier file, converted to PDF in one soffice run."""
    folder = tmp_path_factory.mktemp("feedback")
    sources = {}
    for supplier_file, make in SUPPLIER_FILES.items():
        data = make()
        errors = validate(data).errors
        assert errors
        for build, write in BUILDS.items():
            path = folder / f"{supplier_file}-{build}.xlsx"
            path.write_bytes(write(data, errors))
            sources[(supplier_file, build)] = path
    converted = libreoffice.convert_all(list(sources.values()), "pdf", folder / "pdf")
    return {key: (path, converted[path]) for key, path in sources.items()}


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("supplier_file", SUPPLIER_FILES)
def test_the_feedback_workbook_opens_in_libreoffice_and_openpyxl(pdfs, supplier_file, build):
    workbook, pdf = pdfs[(supplier_file, build)]
    openpyxl.load_workbook(workbook)
    assert pdf is not None, f"LibreOffice could not load {workbook.name}"


def test_the_template_opens_in_libreoffice_and_keeps_its_messages(libreoffice, tmp_path):
    rows = [
        Contribution(2, "=K-1", "SR1", "placement", PERIOD.start, "wajong", None, 32, note="+x")
    ]
    data = write_template(CONTRACT, PERIOD, REFERENCE, rows)
    source = tmp_path / "sjabloon.xlsx"
    source.write_bytes(data)
    saved = libreoffice.convert(source, "xlsx", tmp_path / "calc").read_bytes()
    ours = openpyxl.load_workbook(BytesIO(data))["Voortgang"].data_validations.dataValidation
    theirs = openpyxl.load_workbook(BytesIO(saved))["Voortgang"].data_validations.dataValidation
    as_calc_saves = {(v.promptTitle, v.prompt, v.errorTitle, v.error, v.errorStyle) for v in theirs}
    assert {
        (v.promptTitle, v.prompt, v.errorTitle, v.error, v.errorStyle) for v in ours
    } <= as_calc_saves
    sheet = openpyxl.load_workbook(BytesIO(saved))["Voortgang"]
    assert (sheet["A2"].value, sheet["I2"].value) == ("=K-1", "+x")


def test_the_streamed_workbooks_open_in_libreoffice(app, libreoffice, tmp_path):
    """The export, the council report (with its charts) and a clause's rows, written with
    XlsxWriter, each with a text that looks like a formula."""
    from test_formula_injection import council_report, overview

    from srtracker.enforcement.council_workbook import write_council_report
    from srtracker.exports.workbook import write_overview
    from srtracker.workbook.clause_rows import clause_rows_workbook

    payload = "=1+1"
    with app.app_context():
        books = {
            "export": write_overview(overview(payload)),
            "council": write_council_report(council_report(payload), {"wajong": payload}),
            "rows": clause_rows_workbook("SR1", ["rij", "kandidaat"], [(2, payload)]),
        }
    paths = []
    for name, data in books.items():
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(data)
        paths.append(path)
        openpyxl.load_workbook(path)
    converted = libreoffice.convert_all(paths, "pdf", tmp_path / "pdf")
    assert [p.name for p in paths if converted[p] is None] == []
