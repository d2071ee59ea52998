"""The OpenAPI document names every route and validates; the API page reads it; every
error of the API is an RFC 9457 problem document with the spec's codes."""

import re

import pytest
from api_helpers import bearer, make_tokens
from openapi_spec_validator import validate

from srtracker.access import RULES
from srtracker.models import User

PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}


def api_routes(app) -> set[tuple[str, str]]:
    return {
        (
            rule.rule.removeprefix("/api/v1")
            .replace("<int:", "{")
            .replace("<", "{")
            .replace(">", "}"),
            method.lower(),
        )
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_the_openapi_document_validates(client):
    document = client.get("/api/v1/openapi.json").json
    validate(document)
    assert document["openapi"].startswith("3.")


def test_the_openapi_document_names_every_route(app, client):
    document = client.get("/api/v1/openapi.json").json
    named = {(path, method) for path, item in document["paths"].items() for method in item}
    assert named == api_routes(app)


def test_the_openapi_document_gives_each_route_its_roles(client):
    document = client.get("/api/v1/openapi.json").json
    upload = document["paths"]["/contracts/{reference}/reports/{period}"]["post"]
    assert "Roles: supplier, admin." in upload["description"]
    assert upload["security"] == [{"bearerAuth": []}]
    assert RULES["api.upload"] == ("supplier", "admin")


def test_the_api_page_lists_every_route_without_a_script(client):
    response = client.get("/api/v1/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    # The page's only script gives folding tables their roles (static/tables.js).
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/tables.js" defer>']
    assert "/api/v1/contracts/{reference}/figures" in page
    assert 'id="problem-rate_limited"' in page


def test_the_api_page_says_who_may_use_each_route_by_role_label(client):
    page = client.get("/api/v1/").get_data(as_text=True)
    upload = page[page.index('<tr id="upload">') : page.index("</tr>", page.index('id="upload"'))]
    assert "opdrachtnemer, beheerder" in upload
    assert "supplier" not in upload
    assert "iedereen, zonder sleutel" in page


def test_the_api_page_is_in_the_language_of_the_readers_session(app, client, auth, users, conn):
    User.update(language="en").where(User.id == users["bureau"].id).execute()
    auth.login("bureau")
    page = client.get("/api/v1/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Addresses" in page and "Adressen" not in page
    assert "supplier, admin" in page


def test_without_a_session_the_api_page_is_in_the_apps_language(app, users):
    page = app.test_client().get("/api/v1/", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert '<html lang="nl">' in text and "Adressen" in text


def test_each_problem_code_on_the_api_page_says_what_it_means(client):
    page = client.get("/api/v1/").get_data(as_text=True)
    assert (
        '<li id="problem-missing_reason"><code>missing_reason</code>: een afwijzing vraagt een '
        "reden</li>"
    ) in page
    assert '<li id="problem-rate_limited"><code>rate_limited</code>: Te veel vragen</li>' in page


def problem_of(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert PROBLEM_KEYS <= set(body), body
    assert (body["status"], body["code"]) == (status, code)
    assert body["type"] == f"/api/v1/#problem-{code}"
    return body


@pytest.fixture
def tokens(app, users, spec_contract):
    return make_tokens(app)


def test_no_token_is_401(client, spec_contract):
    response = client.get("/api/v1/contracts")
    problem_of(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_is_401(client, tokens):
    problem_of(
        client.get("/api/v1/contracts", headers=bearer("srt_" + "x" * 43)), 401, "unauthorized"
    )


def test_a_role_without_the_route_is_403(client, tokens):
    problem_of(client.get("/api/v1/reviews", headers=bearer(tokens["supplier"])), 403, "forbidden")


def test_a_contract_outside_ones_scope_is_404(client, tokens):
    response = client.get("/api/v1/contracts/2026-HH-014", headers=bearer(tokens["other_supplier"]))
    problem_of(response, 404, "not_found")


def test_an_unknown_address_is_404(client, tokens):
    problem_of(client.get("/api/v1/nothing", headers=bearer(tokens["admin"])), 404, "not_found")


def test_a_wrong_method_is_405_with_allow(client, tokens):
    response = client.delete("/api/v1/contracts", headers=bearer(tokens["admin"]))
    problem_of(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_a_bad_page_number_is_400(client, tokens):
    response = client.get("/api/v1/contracts?per_page=9999", headers=bearer(tokens["admin"]))
    problem_of(response, 400, "bad_request")


def test_a_review_without_a_json_body_is_400(client, tokens):
    response = client.post(
        "/api/v1/contracts/2026-HH-014/clauses/SR1/reviews",
        headers=bearer(tokens["bureau"]),
        data="approve",
    )
    problem_of(response, 400, "invalid_body")


def test_a_rejection_without_a_reason_is_422_with_the_commands_code(client, tokens):
    response = client.post(
        "/api/v1/contracts/2026-HH-014/clauses/SR1/reviews",
        headers=bearer(tokens["bureau"]),
        json={"candidate": "K-001", "decision": "reject"},
    )
    problem_of(response, 422, "missing_reason")


def test_an_upload_over_the_limit_is_413_and_stores_nothing(app, client, tokens):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post(
        "/api/v1/contracts/2026-HH-014/reports/2026-Q1",
        headers=bearer(tokens["supplier"]),
        data=b"PK" + b"0" * 5000,
        content_type="application/octet-stream",
    )
    problem_of(response, 413, "too_large")
    listing = client.get(
        "/api/v1/contracts/2026-HH-014/reports", headers=bearer(tokens["supplier"])
    )
    assert listing.json["reports"] == []


def test_a_period_not_of_the_contract_is_422(client, tokens):
    response = client.post(
        "/api/v1/contracts/2026-HH-014/reports/2030-Q1",
        headers=bearer(tokens["supplier"]),
        data=b"PK",
        content_type="application/octet-stream",
    )
    problem_of(response, 422, "unknown_period")


def test_too_many_requests_is_429(app, client, tokens):
    app.config["API_REQUESTS_PER_MINUTE"] = 1
    client.get("/api/v1/contracts", headers=bearer(tokens["admin"]))
    problem_of(
        client.get("/api/v1/contracts", headers=bearer(tokens["admin"])), 429, "rate_limited"
    )
