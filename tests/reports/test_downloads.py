"""What a report's page offers for download, under names the app makes.

progress-report.md, "Storage": a file refused as not a workbook, for macros,
its size, a possible BSN or name is not offered back, nor a feedback
workbook built from it. A feedback workbook the page offers is always
there; the stored file goes through the package checks before anything
opens it.
"""

import io
import zipfile

import openpyxl
import pytest
from report_books import person, report

from srtracker.models import Report
from srtracker.workbook import annotate

BAD = report(person("K-001", start="31-02-2026"), person("K-002", hours=75))
LINK = "Download uw bestand met de fouten gemarkeerd"


@pytest.fixture
def supplier(auth, spec_contract):
    auth.login("supplier")


def upload(client, data, filename="Jan Jansen 123456782.xlsx"):
    return client.post(
        "/contracts/2026-HH-014/upload",
        data={"period": "2026-Q1", "workbook": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def with_macros(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return out.getvalue()


def disposition(response) -> str:
    return response.headers["Content-Disposition"]


def test_the_feedback_workbook_is_named_by_the_app_not_by_the_supplier(client, supplier, conn):
    upload(client, BAD)
    response = client.get(f"/reports/{Report.get().id}/annotated.xlsx")
    assert response.status_code == 200
    assert disposition(response) == "attachment; filename=2026-HH-014_2026-Q1_terugkoppeling.xlsx"


def test_the_original_and_the_template_are_named_by_the_app(client, supplier, conn):
    upload(client, BAD)
    original = client.get(f"/reports/{Report.get().id}/original.xlsx")
    assert original.data == BAD
    assert disposition(original) == "attachment; filename=2026-HH-014_2026-Q1_origineel.xlsx"
    template = client.get("/contracts/2026-HH-014/template.xlsx?period=2026-Q1")
    assert disposition(template) == "attachment; filename=2026-HH-014_2026-Q1_sjabloon.xlsx"


def test_a_macro_file_is_never_served_back(client, supplier, conn):
    page = upload(client, with_macros(BAD)).get_data(as_text=True)
    report_id = Report.get().id
    assert "macro" in page and LINK not in page
    assert LINK not in client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert client.get(f"/reports/{report_id}/original.xlsx").status_code == 404
    assert client.get(f"/reports/{report_id}/annotated.xlsx").status_code == 404


def test_a_file_that_may_hold_a_bsn_is_not_offered(client, supplier, conn):
    page = upload(client, report(person("123456782"))).get_data(as_text=True)
    report_id = Report.get().id
    assert LINK not in page
    assert client.get(f"/reports/{report_id}/original.xlsx").status_code == 404
    assert client.get(f"/reports/{report_id}/annotated.xlsx").status_code == 404


def test_an_accepted_report_has_no_feedback_workbook(client, supplier, conn):
    page = upload(client, report(person("K-001"))).get_data(as_text=True)
    assert LINK not in page
    assert client.get(f"/reports/{Report.get().id}/annotated.xlsx").status_code == 404


def test_a_stored_file_over_todays_limits_is_not_opened_but_its_problems_are_listed(
    app, client, supplier, conn, monkeypatch
):
    upload(client, BAD)
    app.config["REPORT_MAX_UNPACKED_BYTES"] = 1000

    def never(*args, **kwargs):
        raise AssertionError("opened a file that fails the package checks")

    monkeypatch.setattr(annotate, "load_workbook", never)
    monkeypatch.setattr(annotate, "open_workbook", never)
    report_id = Report.get().id
    assert LINK in client.get(f"/reports/{report_id}").get_data(as_text=True)
    response = client.get(f"/reports/{report_id}/annotated.xlsx")
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.data)).active.values)
    assert [row[1] for row in rows[3:]] == ["E2", "G3"]
    assert client.get(f"/reports/{report_id}/original.xlsx").status_code == 404


def test_a_file_openpyxl_cannot_rewrite_gets_a_clean_copy_not_a_404(
    client, supplier, conn, monkeypatch
):
    upload(client, BAD)

    def broken(*args, **kwargs):
        raise ValueError("unsupported")

    monkeypatch.setattr(annotate, "load_workbook", broken)
    response = client.get(f"/reports/{Report.get().id}/annotated.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book["Voortgang"]["E2"].comment is not None
    assert "kopie" in book["Info"]["B2"].value


def test_a_file_over_the_edit_limit_gets_the_clean_copy(app, client, supplier, conn, monkeypatch):
    upload(client, BAD)
    app.config["FEEDBACK_EDIT_MAX_BYTES"] = 0
    monkeypatch.setattr(annotate, "load_workbook", None)
    response = client.get(f"/reports/{Report.get().id}/annotated.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Info", "Voortgang"] and book["Voortgang"]["G3"].comment
