"""Error pages are pages of the app: the user's language, what happened, where to go."""

import re

import pytest
from flask import abort

from srtracker.db import db
from srtracker.models import User


def test_unknown_page_is_a_dutch_page_with_navigation(client, auth):
    auth.login("officer")
    response = client.get("/no-such-page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<title>Pagina niet gevonden · srtracker</title>" in page
    assert 'aria-label="Hoofdmenu"' in page
    assert 'href="/"' in page
    assert "Not Found" not in page


def test_error_page_speaks_the_users_language(client, auth, users):
    with db.connection_context():
        User.update(language="en").where(User.id == users["officer"].id).execute()
    auth.login("officer")
    page = client.get("/no-such-page").get_data(as_text=True)
    assert "Page not found" in page
    assert "Pagina niet gevonden" not in page


def test_signed_out_visitor_is_pointed_to_the_login_page(client):
    page = client.get("/no-such-page").get_data(as_text=True)
    assert 'href="/login"' in page


def test_page_for_another_role_says_who_to_ask(client, auth):
    auth.login("supplier")
    response = client.get("/audit/")
    assert response.status_code == 403
    assert "Geen toegang tot deze pagina" in response.get_data(as_text=True)
    assert "beheerder" in response.get_data(as_text=True)


def test_opening_a_form_address_explains_the_button(client, auth):
    auth.login("officer")
    response = client.get("/logout")
    assert response.status_code == 405
    assert "gebruik de knop" in response.get_data(as_text=True)


@pytest.mark.parametrize("code", [400, 413, 429, 500])
def test_each_error_status_has_its_own_page(app, client, code):
    app.add_url_rule(f"/fail-{code}", f"fail{code}", lambda: abort(code))
    from srtracker.access import RULES

    RULES[f"fail{code}"] = "public"
    try:
        response = client.get(f"/fail-{code}")
    finally:
        del RULES[f"fail{code}"]
    page = response.get_data(as_text=True)
    assert response.status_code == code
    assert f"foutcode {code}" in page
    assert "<h1>" in page and "Naar de inlogpagina" in page


def test_an_unexpected_failure_shows_the_app_page_with_a_code_for_support(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken():
        raise RuntimeError("boom")

    app.add_url_rule("/broken", "broken", broken)
    from srtracker.access import RULES

    RULES["broken"] = "public"
    try:
        response = client.get("/broken")
    finally:
        del RULES["broken"]
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Er ging iets mis" in page
    assert "boom" not in page


def test_json_clients_get_json_errors(client, auth):
    auth.login("officer")
    response = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"] == 404


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    with client.get(response.headers["Location"]) as icon:
        assert icon.status_code == 200 and b"<svg" in icon.data


def test_logging_out_says_so(client, auth):
    auth.login("officer")
    page = client.post("/logout", follow_redirects=True).get_data(as_text=True)
    assert "U bent uitgelogd" in page


def test_a_page_with_errors_says_so_first_in_its_title(client, auth):
    auth.login("officer")
    page = client.post("/contracts/+new", data={}).get_data(as_text=True)
    assert "<title>Fout: Nieuw contract · srtracker</title>" in page
    assert 'class="notice notice-error error-summary" role="alert" tabindex="-1" autofocus' in page


def test_the_clause_page_leads_back_to_its_contract(client, auth, spec_contract):
    auth.login("officer")
    page = client.get("/contracts/2026-HH-014/clauses/SR1").get_data(as_text=True)
    assert 'aria-label="Kruimelpad"' in page and 'href="/contracts/2026-HH-014"' in page


def test_every_form_has_one_csrf_field_and_no_id_is_used_twice(client, auth, spec_contract):
    auth.login("officer")
    for url in ("/contracts/+new", "/contracts/2026-HH-014", "/contracts/2026-HH-014/archive"):
        page = client.get(url).get_data(as_text=True)
        forms = re.findall(r"<form\b.*?</form>", page, re.S)
        assert forms, url
        assert all(form.count('name="csrf_token"') == 1 for form in forms), url
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], url
