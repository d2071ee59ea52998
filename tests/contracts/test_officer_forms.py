"""The procurement officer's workspace: contracts and clauses made in the browser.

The forms apply the contract-file rules (parse_contract) and save like the loader.
"""

import json
import re
from datetime import date
from html import unescape

import pytest

from srtracker.models import AuditLog, Clause, Contract, Contribution, Milestone, Report, User
from srtracker.services.accounts import OrganisationChoice, add_user
from tests.conftest import PASSWORD, USERS

NEW_CONTRACT = {
    "reference": "2026-SC-101",
    "title": "Schoonmaak sporthallen",
    "supplier": "Schoon B.V.",
    "value_eur": "1.250.000,00",
    "start": "2026-01-01",
    "end": "2027-12-31",
    "reporting": "quarterly",
    "report_due_days": "30",
    "clause_code": "SR1",
    "clause_title": "Plaatsingen vanuit de bijstand",
    "clause_measure": "persons",
    "clause_target": "6",
    "clause_accepts": ["placement"],
    "clause_eligible_groups": ["participatiewet", "wajong"],
    "clause_min_hours_per_week": "24",
    "clause_min_duration_months": "6",
    "clause_milestones": "31-12-2026 2\n30-06-2027 4",
}

SECOND_CLAUSE = {
    "clause_code": "SR2",
    "clause_title": "Uren opleiding",
    "clause_measure": "hours",
    "clause_target": "1500,5",
    "clause_accepts": ["training", "internship"],
}


def error_beside(page: str, field: str) -> str:
    """The error text shown with a field (the macro's `<id>-error` paragraph)."""
    found = re.search(rf'<p class="field-error" id="{field}-error">(.*?)</p>', page, re.DOTALL)
    assert found, f"no error beside {field}"
    return unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def create(client, **changes):
    return client.post("/contracts/+new", data={**NEW_CONTRACT, **changes})


def refused_without_storing(response, conn):
    assert response.status_code == 422
    assert Contract.select().where(Contract.reference == NEW_CONTRACT["reference"]).count() == 0
    assert AuditLog.select().where(AuditLog.entity == "contract").count() == 0
    return response.get_data(as_text=True)


def add_accepted_report_with_a_row(clause_code: str):
    """An accepted report with one counted row on the clause, as an upload would leave it."""
    contract = Contract.get(Contract.reference == "2026-HH-014")
    report = Report.create(
        contract=contract,
        period="2026-Q1",
        period_end=date(2026, 3, 31),
        status="accepted",
        sha256="0" * 64,
    )
    Contribution.create(
        report=report,
        clause=Clause.get(Clause.code == clause_code),
        row=2,
        candidate_ref="K1",
        candidate_key="k1",
        type="training",
        target_group="ww",
        start_date=date(2026, 1, 5),
        hours_per_week=20,
    )


def test_an_officer_creates_a_contract_with_two_clauses_shown_on_index_and_detail(
    client, auth, conn
):
    auth.login("officer")
    response = create(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/contracts/2026-SC-101")
    assert client.post("/contracts/2026-SC-101/clauses/+new", data=SECOND_CLAUSE).status_code == 302

    contract = Contract.get(Contract.reference == "2026-SC-101")
    assert contract.buyer.name == "Gemeente Apeldoorn"
    assert contract.value_cents == 125_000_000
    assert [(c.code, c.target) for c in contract.clauses.order_by(Clause.position)] == [
        ("SR1", 6),
        ("SR2", 1500.5),
    ]
    sr1 = Clause.get(Clause.code == "SR1")
    assert (sr1.start, sr1.deadline) == (date(2026, 1, 1), date(2027, 12, 31))
    assert [(m.date, m.target) for m in Milestone.select().order_by(Milestone.date)] == [
        (date(2026, 12, 31), 2),
        (date(2027, 6, 30), 4),
    ]
    index = client.get("/").get_data(as_text=True)
    assert "Schoonmaak sporthallen" in index and "Uren opleiding" in index
    detail = client.get("/contracts/2026-SC-101").get_data(as_text=True)
    assert "Plaatsingen vanuit de bijstand" in detail and "Uren opleiding" in detail


def test_the_index_offers_a_new_contract_to_officers_only(client, auth):
    auth.login("officer")
    assert "Nieuw contract" in client.get("/").get_data(as_text=True)
    auth.login("supplier")
    assert "Nieuw contract" not in client.get("/").get_data(as_text=True)


def test_an_officer_cannot_choose_another_buyer(client, auth, conn):
    auth.login("officer")
    assert 'name="buyer"' not in client.get("/contracts/+new").get_data(as_text=True)
    create(client, buyer="Gemeente Elders")
    assert Contract.get().buyer.name == "Gemeente Apeldoorn"


def test_an_admin_types_the_buyer(client, auth, conn):
    auth.login("admin")
    assert create(client, buyer="Gemeente Zutphen").status_code == 302
    assert Contract.get().buyer.name == "Gemeente Zutphen"


def test_a_deadline_after_the_contract_end_is_shown_beside_the_deadline(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(create(client, clause_deadline="2028-06-30"), conn)
    assert (
        error_beside(page, "clause_deadline")
        == "Fout: ligt na het einde van het contract (31-12-2027)"
    )


def test_an_unreadable_milestone_line_is_named_beside_the_milestones(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(
        create(client, clause_milestones="31-12-2026 2\n2027-06-30 4"), conn
    )
    message = error_beside(page, "clause_milestones")
    assert "Regel 2 ('2027-06-30 4') is niet te lezen" in message
    assert "31-12-2026 4" in message


def test_a_milestone_date_that_does_not_exist_is_refused(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(create(client, clause_milestones="31-02-2027 4"), conn)
    assert "die datum bestaat niet" in error_beside(page, "clause_milestones")


def test_a_milestone_rule_names_the_line_it_was_typed_on(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(
        create(client, clause_milestones="31-12-2026 2\n\n30-06-2027 9"), conn
    )
    assert (
        error_beside(page, "clause_milestones")
        == "Fout: Regel 3 (doel): moet tussen 0 en het doel van de verplichting liggen"
    )


def test_unknown_reference_characters_are_shown_beside_the_reference(client, auth, conn):
    auth.login("officer")
    response = create(client, reference="2026/SC 101")
    page = refused_without_storing(response, conn)
    assert "gebruik 1-40 tekens" in error_beside(page, "reference")
    assert Contract.select().count() == 0


def test_an_end_before_the_start_is_shown_beside_the_end(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(create(client, end="2025-12-31"), conn)
    assert "moet na de startdatum van het contract liggen" in error_beside(page, "end")


def test_an_empty_required_field_and_a_bad_number_are_shown_beside_them(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(create(client, title=" ", clause_target="veel"), conn)
    assert error_beside(page, "title") == "Fout: Vul dit veld in."
    assert "Vul een getal in" in error_beside(page, "clause_target")


def test_a_dot_as_thousands_separator_alone_is_refused_as_ambiguous(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(create(client, value_eur="2.400"), conn)
    assert "Onduidelijk getal" in error_beside(page, "value_eur")


def test_a_clause_without_contribution_types_is_refused(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(create(client, clause_accepts=[]), conn)
    assert "noem minstens één soort bijdrage" in error_beside(page, "clause_accepts")


def test_errors_are_also_listed_in_the_summary(client, auth, conn):
    auth.login("officer")
    page = refused_without_storing(create(client, clause_deadline="2028-06-30"), conn)
    assert 'role="alert"' in page
    assert 'href="#clause_deadline"' in page


def test_an_existing_reference_is_refused_and_not_overwritten(client, auth, spec_contract, conn):
    auth.login("officer")
    response = create(client, reference="2026-hh-014 ")
    assert response.status_code == 422
    assert "Er bestaat al een contract met kenmerk 2026-hh-014" in error_beside(
        response.get_data(as_text=True), "reference"
    )
    assert Contract.get().title == "Hulp bij het huishouden, perceel Noord"
    assert Clause.select().count() == 2


def test_edit_changes_the_title_and_writes_an_audit_entry(client, auth, spec_contract, conn):
    auth.login("officer")
    page = client.get("/contracts/2026-HH-014/edit").get_data(as_text=True)
    assert 'value="Hulp bij het huishouden, perceel Noord"' in page
    response = client.post(
        "/contracts/2026-HH-014/edit",
        data={
            "title": "Hulp bij het huishouden, perceel Zuid",
            "supplier": "Thuiszorg Oost B.V.",
            "value_eur": "2400000",
            "start": "2026-01-01",
            "end": "2027-12-31",
            "reporting": "quarterly",
            "report_due_days": "30",
        },
    )
    assert response.status_code == 302
    assert Contract.get().title == "Hulp bij het huishouden, perceel Zuid"
    entry = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert (entry.actor, entry.action, entry.entity_id) == (
        f"user:{User.get(User.email == USERS['officer'][0]).id}",
        "update",
        "2026-HH-014",
    )
    assert json.loads(entry.changes)["title"][1] == "Hulp bij het huishouden, perceel Zuid"
    assert Clause.select().count() == 2


def test_an_edit_that_makes_a_clause_invalid_names_that_clause(client, auth, spec_contract, conn):
    auth.login("officer")
    response = client.post(
        "/contracts/2026-HH-014/edit",
        data={
            "title": "Hulp",
            "supplier": "Thuiszorg Oost B.V.",
            "value_eur": "2400000",
            "start": "2026-01-01",
            "end": "2027-06-30",
            "reporting": "quarterly",
        },
    )
    page = unescape(response.get_data(as_text=True))
    assert "Verplichting SR1, Deadline: ligt na het einde van het contract (30-06-2027)" in page
    assert Contract.get().title == "Hulp bij het huishouden, perceel Noord"


def test_reporting_cannot_change_after_an_accepted_report(client, auth, spec_contract, conn):
    add_accepted_report_with_a_row("SR2")
    auth.login("officer")
    response = client.post(
        "/contracts/2026-HH-014/edit",
        data={
            "title": "Hulp bij het huishouden, perceel Noord",
            "supplier": "Thuiszorg Oost B.V.",
            "value_eur": "2400000",
            "start": "2026-01-01",
            "end": "2027-12-31",
            "reporting": "monthly",
            "report_due_days": "30",
        },
    )
    assert response.status_code == 422
    assert "geaccepteerde rapportage (nu: quarterly)" in error_beside(
        response.get_data(as_text=True), "reporting"
    )
    assert Contract.get().reporting == "quarterly"


def test_a_clause_edit_changes_the_clause(client, auth, spec_contract, conn):
    auth.login("officer")
    page = client.get("/contracts/2026-HH-014/clauses/SR1/edit").get_data(as_text=True)
    assert "31-12-2026 4" in page
    response = client.post(
        "/contracts/2026-HH-014/clauses/SR1/edit",
        data={
            "clause_title": "Plaatsingen",
            "clause_measure": "persons",
            "clause_target": "12",
            "clause_accepts": ["placement"],
            "clause_milestones": "31-12-2026 5",
        },
    )
    assert response.status_code == 302
    sr1 = Clause.get(Clause.code == "SR1")
    assert (sr1.title, sr1.target, sr1.deadline) == ("Plaatsingen", 12, date(2027, 12, 31))
    assert Milestone.get(Milestone.clause == sr1).target == 5


def test_a_new_clause_with_a_code_in_use_is_refused(client, auth, spec_contract, conn):
    auth.login("officer")
    response = client.post(
        "/contracts/2026-HH-014/clauses/+new", data={**SECOND_CLAUSE, "clause_code": "sr1"}
    )
    assert "komt al voor" in error_beside(response.get_data(as_text=True), "clause_code")
    assert Clause.select().count() == 2


def test_a_clause_with_reported_rows_cannot_be_deleted(client, auth, spec_contract, conn):
    add_accepted_report_with_a_row("SR2")
    auth.login("officer")
    response = client.post("/contracts/2026-HH-014/clauses/SR2/delete", follow_redirects=True)
    assert (
        "verplichting SR2 heeft gerapporteerde regels en kan niet worden verwijderd"
        in response.get_data(as_text=True)
    )
    assert Clause.select().count() == 2


def test_a_clause_without_reported_rows_can_be_deleted(client, auth, spec_contract, conn):
    auth.login("officer")
    response = client.post("/contracts/2026-HH-014/clauses/SR2/delete", follow_redirects=True)
    assert "Verplichting SR2 is verwijderd." in response.get_data(as_text=True)
    assert [c.code for c in Clause.select()] == ["SR1"]
    assert AuditLog.select().order_by(AuditLog.id.desc()).get().action == "update"


def test_the_last_clause_cannot_be_deleted(client, auth, spec_contract, conn):
    auth.login("officer")
    client.post("/contracts/2026-HH-014/clauses/SR2/delete")
    response = client.post("/contracts/2026-HH-014/clauses/SR1/delete", follow_redirects=True)
    assert "is de enige van dit contract" in response.get_data(as_text=True)
    assert Clause.select().count() == 1


def test_archive_hides_the_contract_from_the_index(client, auth, spec_contract, conn):
    auth.login("officer")
    response = client.post("/contracts/2026-HH-014/archive", follow_redirects=True)
    assert "gearchiveerd" in response.get_data(as_text=True)
    assert Contract.get().archived_at is not None
    assert AuditLog.select().order_by(AuditLog.id.desc()).get().action == "archive"
    assert "2026-HH-014" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/contracts/+new"),
        ("post", "/contracts/+new"),
        ("get", "/contracts/2026-HH-014/edit"),
        ("post", "/contracts/2026-HH-014/archive"),
        ("get", "/contracts/2026-HH-014/clauses/+new"),
        ("get", "/contracts/2026-HH-014/clauses/SR1/edit"),
        ("post", "/contracts/2026-HH-014/clauses/SR1/delete"),
    ],
)
def test_a_supplier_gets_403(client, auth, spec_contract, conn, method, url):
    auth.login("supplier")
    assert getattr(client, method)(url).status_code == 403
    assert Contract.get().archived_at is None
    assert Clause.select().count() == 2


def test_an_officer_of_another_buyer_gets_404(client, auth, spec_contract, conn):
    zutphen = OrganisationChoice(name="Gemeente Zutphen")
    add_user("inkoper@zutphen.nl", "officer", PASSWORD, "test", organisation=zutphen, cost="test")
    client.post("/login", data={"email": "inkoper@zutphen.nl", "password": PASSWORD})
    assert client.get("/contracts/2026-HH-014/edit").status_code == 404
    assert client.post("/contracts/2026-HH-014/archive").status_code == 404
    assert Contract.get().archived_at is None


def test_the_detail_page_offers_clause_edit_delete_and_archive_to_officers(
    client, auth, spec_contract
):
    auth.login("officer")
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert "/contracts/2026-HH-014/clauses/SR1/edit" in page
    assert "/contracts/2026-HH-014/clauses/SR2/delete" in page
    assert "/contracts/2026-HH-014/archive" in page
    auth.login("supplier")
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert "/archive" not in page and "/delete" not in page


def test_deleting_a_clause_twice_only_says_it_is_gone(client, auth, spec_contract, conn):
    auth.login("officer")
    client.post("/contracts/2026-HH-014/clauses/SR2/delete")
    response = client.post("/contracts/2026-HH-014/clauses/SR2/delete", follow_redirects=True)
    assert response.status_code == 200
    assert "bestaat niet (meer)" in response.get_data(as_text=True)
    assert [c.code for c in Clause.select()] == ["SR1"]


def test_editing_an_unknown_clause_is_404(client, auth, spec_contract):
    auth.login("officer")
    assert client.get("/contracts/2026-HH-014/clauses/SR9/edit").status_code == 404


def test_archive_asks_first_and_says_what_will_happen(client, auth, spec_contract, conn):
    auth.login("officer")
    page = client.get("/contracts/2026-HH-014/archive").get_data(as_text=True)
    assert "Contract 2026-HH-014 archiveren?" in page
    assert "niet meer gecontroleerd" in page and "terugzetten" in page
    assert "Ja, contract 2026-HH-014 archiveren" in page
    assert Contract.get().archived_at is None


def test_deleting_a_clause_asks_first(client, auth, spec_contract, conn):
    auth.login("officer")
    page = client.get("/contracts/2026-HH-014/clauses/SR2/delete").get_data(as_text=True)
    assert "Verplichting SR2 verwijderen?" in page
    assert "Ja, verplichting SR2 verwijderen" in page
    assert Clause.select().count() == 2


@pytest.mark.parametrize("role", ["officer", "bureau"])
def test_an_archived_contract_can_be_brought_back(client, auth, spec_contract, conn, role):
    auth.login("officer")
    client.post("/contracts/2026-HH-014/archive")
    auth.login(role)
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert "Terugzetten uit het archief" in page
    assert "2026-HH-014" in client.get("/?archived=1").get_data(as_text=True)
    response = client.post("/contracts/2026-HH-014/unarchive", follow_redirects=True)
    assert "staat weer in de overzichten" in response.get_data(as_text=True)
    assert Contract.get().archived_at is None
    assert AuditLog.select().order_by(AuditLog.id.desc()).get().action == "unarchive"


def test_a_supplier_cannot_bring_a_contract_back(client, auth, spec_contract, conn):
    auth.login("officer")
    client.post("/contracts/2026-HH-014/archive")
    auth.login("supplier")
    assert client.post("/contracts/2026-HH-014/unarchive").status_code == 403
    assert "Terugzetten" not in client.get("/contracts/2026-HH-014").get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["/edit", "/clauses/+new", "/clauses/SR1/edit", "/clauses/SR1/delete"]
)
def test_an_archived_contract_cannot_be_edited(client, auth, spec_contract, conn, url):
    auth.login("officer")
    client.post("/contracts/2026-HH-014/archive")
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert "Contract bewerken" not in page and "/clauses/SR1/edit" not in page
    response = client.post(f"/contracts/2026-HH-014{url}", follow_redirects=True)
    assert "is gearchiveerd en kan niet worden gewijzigd" in response.get_data(as_text=True)
    assert Clause.select().count() == 2
