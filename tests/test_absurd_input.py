"""Absurd input gets a clear 4xx, never a 500 (nor minutes of CPU), and stores nothing."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from werkzeug.test import encode_multipart

from srtracker.models import Contract, Milestone
from tests.conftest import AuthActions
from tests.contracts.test_officer_forms import NEW_CONTRACT, error_beside

HUGE = 2**63


@pytest.fixture
def officer(client, users):
    AuthActions(client).login("officer")
    return client


@pytest.mark.parametrize("typed", ["1e999999", "1e1000000", "9" * 5000, "1E-999999"])
@pytest.mark.parametrize("field", ["value_eur", "clause_target", "clause_min_hours_per_week"])
def test_an_absurd_number_is_refused_beside_its_field(officer, conn, field, typed):
    response = officer.post("/contracts/+new", data={**NEW_CONTRACT, field: typed})
    assert response.status_code == 422
    assert "Vul een getal in" in error_beside(response.get_data(as_text=True), field)
    assert Contract.select().count() == 0


@pytest.mark.parametrize("field", ["report_due_days", "clause_min_duration_months"])
def test_an_absurd_whole_number_is_refused(officer, conn, field):
    response = officer.post("/contracts/+new", data={**NEW_CONTRACT, field: "9" * 4000})
    assert response.status_code == 422
    assert Contract.select().count() == 0


def milestone_lines(count: int) -> str:
    return "\n".join(f"{1 + n % 28:02d}-{1 + n // 28 % 12:02d}-2026 1" for n in range(count))


def test_more_milestones_than_the_limit_are_refused_with_the_limit(officer, conn):
    response = officer.post(
        "/contracts/+new", data={**NEW_CONTRACT, "clause_milestones": milestone_lines(1000)}
    )
    assert response.status_code == 422
    assert "Schrijf ten hoogste 100 mijlpalen" in error_beside(
        response.get_data(as_text=True), "clause_milestones"
    )
    assert Milestone.select().count() == 0


def test_seventy_five_thousand_milestone_lines_are_too_large_a_form(officer, conn):
    response = officer.post(
        "/contracts/+new", data={**NEW_CONTRACT, "clause_milestones": milestone_lines(75_000)}
    )
    assert response.status_code == 413
    assert Milestone.select().count() == 0


def test_a_contract_file_with_too_many_milestones_is_refused(app):
    from srtracker.domain.contract_file import parse_contract

    clause = {
        "code": "SR1",
        "title": "t",
        "measure": "persons",
        "target": 5,
        "accepts": ["placement"],
        "start": date(2026, 1, 1),
        "deadline": date(2026, 12, 31),
        "milestone": [{"date": date(2026, 6, 1), "target": 1}] * 101,
    }
    data = {
        "contract": {
            "reference": "X-1",
            "title": "t",
            "buyer": "B",
            "supplier": "S",
            "value_eur": 1000,
            "start": date(2026, 1, 1),
            "end": date(2026, 12, 31),
            "reporting": "quarterly",
        },
        "clause": [clause],
    }
    contract, errors = parse_contract(data, app.config["REFERENCE"], 30)
    assert contract is None
    assert [e.key for e in errors] == ["clause[1].milestone"]


def post_form(client, url, data, multipart):
    """As a browser posts it: urlencoded, or multipart (built in memory, not spooled)."""
    if not multipart:
        return client.post(url, data=data)
    boundary, body = encode_multipart(MultiDict(data))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.mark.parametrize("multipart", [False, True])
def test_a_huge_form_field_is_refused_with_a_clear_page(officer, conn, multipart):
    response = post_form(
        officer, "/contracts/+new", {**NEW_CONTRACT, "title": "x" * (10 * 2**20)}, multipart
    )
    assert response.status_code == 413
    assert "een formulier mag samen hoogstens 500 kB" in response.get_data(as_text=True)
    assert Contract.select().count() == 0


def test_a_form_with_thousands_of_fields_is_refused(officer, conn):
    many = {f"extra{n}": "x" for n in range(5000)}
    response = post_form(officer, "/contracts/+new", {**NEW_CONTRACT, **many}, multipart=True)
    assert response.status_code == 413
    assert Contract.select().count() == 0


@pytest.mark.parametrize("url", ["/", "/audit/", "/outbox", "/bureau", "/bureau/flags"])
@pytest.mark.parametrize("page", [str(HUGE - 1), str(HUGE), "-5", "1e9", "x"])
def test_an_absurd_page_number_shows_a_page(client, users, url, page):
    AuthActions(client).login("admin")
    response = client.get(url, query_string={"page": page})
    assert response.status_code == 200, (url, page)


@pytest.mark.parametrize(
    "url",
    [
        f"/bureau/flags/{HUGE}",
        f"/reports/{HUGE}",
        f"/reports/{HUGE}/original.xlsx",
        f"/admin/users/{HUGE}/password",
        f"/bureau/flags/{10**30}",
    ],
)
def test_an_id_beyond_the_database_is_not_found(client, users, url):
    AuthActions(client).login("admin")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query", ["next=/%0d%0aSet-Cookie:x=1", "next=/%0aX", "next=/%5Cevil.example", "next=/%09x"]
)
def test_a_next_with_control_characters_or_a_backslash_goes_home(client, users, query):
    response = client.post(
        "/login",
        query_string=query,
        data={"email": "planning@thuiszorg-oost.nl", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
