"""The supplier's upload in the app: the form, the result, the feedback workbook."""

import io

import openpyxl
import pytest
from report_books import person, report

from srtracker.models import Contract, Report

GOOD = report(person("K-001"))
BAD = report(person("K-001", start="31-02-2026"), person("K-002", hours=75))


@pytest.fixture
def supplier(auth, spec_contract):
    auth.login("supplier")


def upload(client, data, period="2026-Q1", json=False):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        "/contracts/2026-HH-014/upload",
        headers=headers,
        data={"period": period, "workbook": (io.BytesIO(data), "voortgang.xlsx")},
        content_type="multipart/form-data",
        follow_redirects=not json,
    )


def test_the_upload_page_offers_the_started_periods(client, supplier):
    page = client.get("/contracts/2026-HH-014/upload").get_data(as_text=True)
    assert 'value="2026-Q1"' in page and "2026-Q4" in page


def test_an_accepted_upload_says_so(client, supplier):
    response = upload(client, GOOD)
    assert response.status_code == 200
    assert "geaccepteerd" in response.get_data(as_text=True)


def test_a_rejected_upload_lists_each_error_with_its_cell(client, supplier):
    response = upload(client, BAD)
    page = response.get_data(as_text=True)
    assert response.request.path.startswith("/reports/")
    assert "afgewezen" in page
    assert '<td data-label="Cel">E2</td>' in page and '<td data-label="Cel">G3</td>' in page
    assert "Download uw bestand met de fouten gemarkeerd" in page


def test_the_result_is_shown_at_the_reports_own_page_so_a_reload_sends_nothing(client, supplier):
    response = client.post(
        "/contracts/2026-HH-014/upload",
        data={"period": "2026-Q1", "workbook": (io.BytesIO(GOOD), "voortgang.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/reports/")


def test_a_rejected_report_offers_to_upload_a_corrected_file(client, supplier):
    page = upload(client, BAD).get_data(as_text=True)
    assert "Verbeterd bestand uploaden" in page
    assert "/contracts/2026-HH-014/upload?period=2026-Q1" in page


def test_the_json_answer_is_the_import_result(client, supplier):
    response = upload(client, BAD, json=True)
    assert response.status_code == 422
    assert [e["code"] for e in response.json["errors"]] == ["bad_date", "out_of_range"]


def test_the_feedback_workbook_marks_each_bad_cell_with_a_comment(client, supplier, conn):
    upload(client, BAD)
    report_id = Report.get().id
    response = client.get(f"/reports/{report_id}/annotated.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data))["Voortgang"]
    assert sheet["E2"].comment is not None and sheet["G3"].comment is not None
    assert sheet["A2"].comment is None


def test_the_report_page_shows_a_stored_result_in_words_not_codes(client, supplier, conn):
    upload(client, BAD)
    page = client.get(f"/reports/{Report.get().id}").get_data(as_text=True)
    assert '<td data-label="Cel">E2</td>' in page
    assert "bad_date" not in page


def test_an_upload_over_the_request_limit_is_refused_with_413(app, client, supplier, conn):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = upload(client, GOOD + b"\0" * 2000, json=True)
    assert response.status_code == 413
    assert response.json["errors"][0]["code"] == "too_large"
    assert Report.select().count() == 0


def test_the_template_downloads_as_xlsx(client, supplier):
    response = client.get("/contracts/2026-HH-014/template.xlsx?period=2026-Q1")
    assert response.status_code == 200
    assert {"Info", "Voortgang"} <= set(
        openpyxl.load_workbook(io.BytesIO(response.data)).sheetnames
    )


def test_an_archived_contract_takes_no_upload(client, supplier, conn):
    Contract.update(archived_at=Contract.created_at).execute()
    response = upload(client, GOOD)
    assert "gearchiveerd" in response.get_data(as_text=True)
    assert Report.select().count() == 0


def test_another_supplier_cannot_see_the_upload_page(client, auth, spec_contract):
    auth.login("other_supplier")
    assert client.get("/contracts/2026-HH-014/upload").status_code == 404


def test_a_reported_value_is_shown_escaped(client, supplier):
    response = upload(client, report(person("<b>x</b>", clause="<i>SR9</i>")))
    page = response.get_data(as_text=True)
    assert "<i>SR9</i>" not in page and "<b>x</b>" not in page


def test_a_file_not_kept_offers_no_download_and_serves_none(client, supplier, conn):
    response = upload(client, report(person("Jan Jansen")))
    page = response.get_data(as_text=True)
    assert "lijkt op een naam" in page and "niet bewaard" in page
    assert "annotated.xlsx" not in page
    report_id = Report.get().id
    assert client.get(f"/reports/{report_id}/annotated.xlsx").status_code == 404
    assert client.get(f"/reports/{report_id}/original.xlsx").status_code == 404


def test_an_upload_is_stored_as_one_and_the_history_says_so(client, supplier, conn):
    upload(client, GOOD)
    assert Report.get().channel == "upload"
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert '<td data-label="Hoe">geüpload</td>' in page
