"""Reporting in the browser (issue 20): the cumulative report as a form, validated as an
upload, stored as one; without JavaScript."""

import hashlib
import io
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from report_books import person, report

from srtracker.models import Clause, ClauseStatus, Contribution, Report, StoredFile

URL = "/contracts/2026-HH-014/enter?period=2026-Q1"


@pytest.fixture
def supplier(auth, spec_contract):
    auth.login("supplier")


def row(number, ref="K-001", clause="SR1", kind="placement", group="wajong", **cells):
    values = {
        "candidate_ref": ref,
        "clause": clause,
        "type": kind,
        "target_group": group,
        "start_date": "05-01-2026",
        "hours_per_week": "32",
    }
    values.update(cells)
    return {f"r{number}-{name}": value for name, value in values.items() if value is not None}


def post(client, *rows, action="save", url=URL, count=None):
    data = {"count": str(count if count is not None else len(rows)), "action": action}
    for cells in rows:
        data.update(cells)
    return client.post(url, data=data)


def upload(client, data, period="2026-Q1"):
    return client.post(
        "/contracts/2026-HH-014/upload",
        data={"period": period, "workbook": (io.BytesIO(data), "voortgang.xlsx")},
        content_type="multipart/form-data",
    )


def field(page, name):
    """The value of a text field, or the chosen option of a list, on the page."""
    text = re.search(rf'<input type="text" id="{name}" name="{name}" value="([^"]*)"', page)
    if text:
        return text.group(1)
    select = re.search(rf'<select id="{name}".*?</select>', page, re.S)
    assert select, name
    chosen = re.search(r'<option value="([^"]*)" selected>', select.group(0))
    return chosen.group(1) if chosen else ""


def stored_rows(conn):
    report = Report.select().where(Report.status == "accepted").order_by(Report.id.desc()).get()
    return [
        (r.candidate_ref, r.clause.code, r.type, r.start_date, r.end_date, r.hours_per_week)
        for r in Contribution.select()
        .where(Contribution.report == report)
        .order_by(Contribution.row)
    ]


def test_the_contract_page_offers_the_supplier_to_report_in_the_browser(client, supplier):
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert "Rapporteren in de browser" in page
    assert "/contracts/2026-HH-014/enter?period=2026-Q1" in page


def test_the_officer_sees_no_browser_report(client, auth, spec_contract):
    auth.login("officer")
    assert "Rapporteren in de browser" not in client.get("/contracts/2026-HH-014").get_data(
        as_text=True
    )
    assert client.get(URL).status_code == 403


def test_another_supplier_cannot_see_the_form(client, auth, spec_contract):
    auth.login("other_supplier")
    assert client.get(URL).status_code == 404


def test_the_form_is_prefilled_with_the_previous_accepted_report_in_dutch_notation(
    client, supplier
):
    upload(client, report(person("K-001", hours=Decimal("12.5"), end=date(2026, 3, 31))))
    page = client.get("/contracts/2026-HH-014/enter?period=2026-Q2").get_data(as_text=True)
    assert field(page, "r1-candidate_ref") == "K-001"
    assert field(page, "r1-clause") == "SR1"
    assert field(page, "r1-type") == "placement"
    assert field(page, "r1-target_group") == "wajong"
    assert field(page, "r1-start_date") == "05-01-2026"
    assert field(page, "r1-end_date") == "31-03-2026"
    assert field(page, "r1-hours_per_week") == "12,50"
    assert field(page, "r2-candidate_ref") == "" and field(page, "r3-candidate_ref") == ""
    assert 'name="count" value="3"' in page


def test_a_prefilled_report_saved_unchanged_stores_the_same_rows(client, supplier, conn):
    upload(
        client,
        report(person("K-001", hours=Decimal("12.5")), person("K-002", end=date(2026, 3, 1))),
    )
    first = stored_rows(conn)
    page = client.get("/contracts/2026-HH-014/enter?period=2026-Q2").get_data(as_text=True)
    form = dict(re.findall(r'type="text" id="(r\d+-[a-z_]+)" name="[^"]*" value="([^"]*)"', page))
    for name in re.findall(r'<select id="(r\d+-[a-z_]+)"', page):
        form[name] = field(page, name)
    response = client.post(
        "/contracts/2026-HH-014/enter?period=2026-Q2", data={**form, "count": "4", "action": "save"}
    )
    assert response.status_code == 303
    assert stored_rows(conn) == first


def test_the_first_report_starts_from_empty_rows(client, supplier):
    page = client.get(URL).get_data(as_text=True)
    assert 'name="count" value="2"' in page
    assert field(page, "r1-candidate_ref") == ""


def test_the_lists_offer_the_clauses_their_accepted_types_and_the_target_groups(client, supplier):
    page = client.get(URL).get_data(as_text=True)
    types = re.search(r'<select id="r1-type".*?</select>', page, re.S).group(0)
    assert 'value="placement"' in types and 'value="training"' in types
    assert 'value="work_experience"' not in types  # no clause of this contract accepts it
    groups = re.search(r'<select id="r1-target_group".*?</select>', page, re.S).group(0)
    assert 'value="participatiewet"' in groups
    clauses = re.search(r'<select id="r1-clause".*?</select>', page, re.S).group(0)
    assert re.findall(r'value="(\w+)"', clauses) == ["SR1", "SR2"]


def test_a_date_is_typed_in_a_text_field_with_the_notation_as_hint(client, supplier):
    page = client.get(URL).get_data(as_text=True)
    assert '<input type="text" id="r1-start_date"' in page
    assert 'type="date"' not in page
    assert 'aria-describedby="hint-start_date"' in page and "dd-mm-jjjj" in page


def test_adding_a_row_shows_the_typed_rows_and_one_more_and_stores_nothing(client, supplier, conn):
    response = post(client, row(1), row(2, ref="K-002"), action="add")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="count" value="3"' in page
    assert field(page, "r2-candidate_ref") == "K-002"
    assert re.search(r'id="r3-candidate_ref" name="r3-candidate_ref" value=""[^>]*autofocus', page)
    assert Report.select().count() == 0


def test_an_accepted_report_is_stored_like_an_upload_with_a_generated_workbook(
    client, supplier, conn
):
    response = post(client, row(1), row(2, ref="K-002", start_date="1-2-2026"))
    assert response.status_code == 303
    stored = Report.get()
    assert (stored.status, stored.channel, stored.rows, stored.period) == (
        "accepted",
        "browser",
        2,
        "2026-Q1",
    )
    content = bytes(StoredFile.get(StoredFile.sha256 == stored.file_id).content)
    assert hashlib.sha256(content).hexdigest() == stored.sha256
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Voortgang"]
    assert [c.value for c in sheet[3]][:2] == ["K-002", "SR1"]
    assert stored_rows(conn) == [
        ("K-001", "SR1", "placement", date(2026, 1, 5), None, Decimal(32)),
        ("K-002", "SR1", "placement", date(2026, 2, 1), None, Decimal(32)),
    ]


def test_the_history_says_the_report_was_entered_in_the_browser(client, supplier):
    post(client, row(1))
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert '<td data-label="Hoe">ingevoerd in de browser</td>' in page


def test_changing_a_row_stores_the_change_and_supersedes_the_earlier_report(client, supplier, conn):
    post(client, row(1))
    post(client, row(1, hours_per_week="36,5"))
    assert [r.status for r in Report.select().order_by(Report.id)] == ["accepted", "accepted"]
    assert stored_rows(conn)[0][5] == Decimal("36.5")


def test_an_end_date_ends_a_contribution(client, supplier, conn):
    post(client, row(1))
    post(client, row(1, end_date="28-02-2026"))
    assert stored_rows(conn)[0][4] == date(2026, 2, 28)


def test_a_row_marked_for_removal_is_left_out(client, supplier, conn):
    post(client, row(1), {**row(2, ref="K-002"), "r2-remove": "1"})
    assert [r[0] for r in stored_rows(conn)] == ["K-001"]


def test_a_refused_row_shows_the_specs_message_by_its_field_and_stores_nothing(
    client, supplier, conn
):
    response = post(client, row(1), row(2, ref="K-002", start_date="31-02-2026"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert Report.select().count() == 0 and Contribution.select().count() == 0
    message = "Dit is geen datum. Schrijf de datum als dag-maand-jaar, bijvoorbeeld 1-3-2026."
    assert re.search(rf'<p class="field-error" id="r2-start_date-error">.*{message}</p>', page)
    assert 'aria-describedby="hint-start_date r2-start_date-error" aria-invalid="true"' in page
    assert field(page, "r2-start_date") == "31-02-2026"  # kept as typed


def test_the_error_summary_comes_first_takes_the_focus_and_links_each_field(client, supplier):
    page = post(client, row(1, hours_per_week="75")).get_data(as_text=True)
    assert "<title>Fout: Rapportage 2026-Q1 invoeren" in page
    summary = re.search(
        r'<div class="notice notice-error error-summary"[^>]*>(.*?)</div>', page, re.S
    )
    assert "autofocus" in re.search(
        r'<div class="notice notice-error error-summary"[^>]*>', page
    ).group(0)
    assert '<a href="#r1-hours_per_week">Regel 1, Uren per week</a>' in summary.group(1)
    assert page.index("error-summary") < page.index("<table")


def test_an_overlap_names_the_rows_of_the_form(client, supplier):
    page = post(
        client,
        row(1),
        {**row(2, ref="K-009"), "r2-remove": "1"},
        row(3, start_date="01-03-2026"),
    ).get_data(as_text=True)
    assert '<a href="#r3-start_date">Regel 3, Startdatum</a>' in page
    assert "overlapt in tijd met rij 1:" in page


def test_a_type_the_clause_does_not_accept_is_refused_with_its_code(client, supplier):
    page = post(client, row(1, clause="SR2")).get_data(as_text=True)
    assert 'id="r1-type-error"' in page and "SR2" in page


def test_a_possible_bsn_as_reference_is_refused_and_nothing_is_kept(client, supplier, conn):
    response = post(client, row(1, ref="123456782"))
    assert response.status_code == 422
    assert 'id="r1-candidate_ref-error"' in response.get_data(as_text=True)
    assert StoredFile.select().count() == 0


def test_a_cumulative_report_cannot_shrink_to_nothing(client, supplier, conn):
    post(client, row(1))
    response = post(client, {**row(1), "r1-remove": "1"}, url=URL)
    assert response.status_code == 422
    assert "Het rapport bevat geen regels" in response.get_data(as_text=True)
    assert Report.select().count() == 1


def test_an_accepted_report_rechecks_the_contract_on_every_surface(
    client, auth, supplier, conn, monkeypatch
):
    monkeypatch.setattr("srtracker.services.checks.today", lambda: date(2026, 4, 15))
    clause = Clause.get(Clause.code == "SR1")
    before = ClauseStatus.get(ClauseStatus.clause == clause).realised
    post(client, *(row(n, ref=f"K-{n:03}", group="participatiewet") for n in range(1, 4)))
    status = ClauseStatus.get(ClauseStatus.clause == clause)
    assert (before, status.realised, status.report_period) == (0, 3, "2026-Q1")
    contract_page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert re.search(r'data-label="Gerealiseerd" class="num">3</td>', contract_page)
    clause_page = client.get("/contracts/2026-HH-014/clauses/SR1").get_data(as_text=True)
    assert "K-003" in clause_page
    auth.logout()
    auth.login("bureau")
    dashboard = client.get("/bureau").get_data(as_text=True)
    assert re.search(r'data-label="Gerealiseerd" class="num">3</td>', dashboard)


def test_the_page_and_the_messages_are_in_english_for_an_english_user(client, supplier, conn):
    from srtracker.models import User

    User.update(language="en").where(User.role == "supplier").execute()
    page = post(client, row(1, start_date="31-02-2026")).get_data(as_text=True)
    assert "<title>Error: Enter the report of 2026-Q1" in page
    assert "Row 1, Start date" in page
    assert "This is not a date" in page


def test_an_archived_contract_offers_no_form(client, supplier, conn):
    from srtracker.models import Contract

    Contract.update(archived_at=date(2026, 6, 1)).execute()
    page = client.get(URL).get_data(as_text=True)
    assert "gearchiveerd" in page and "<table" not in page
    assert post(client, row(1)).status_code == 200
    assert Report.select().count() == 0


def test_the_form_has_a_csrf_token(client, supplier):
    assert 'name="csrf_token"' in client.get(URL).get_data(as_text=True)
