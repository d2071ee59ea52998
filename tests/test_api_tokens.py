"""Personal API tokens (docs/api.md): made and revoked on the account page, shown once,
stored as a SHA-256, accepted by the API only and never by a page, and rate limited."""

import hashlib
import json
import logging
import re

import pytest
from api_helpers import bearer, make_tokens

from srtracker import create_app
from srtracker.api.models import ApiToken
from srtracker.db import db
from srtracker.logs import JsonFormatter
from srtracker.models import AuditLog
from tests.conftest import TEST_CONFIG

TOKEN = re.compile(r'<code class="token" id="new-token">(srt_[A-Za-z0-9_-]+)</code>')


def create_on_the_account_page(client, name="Mijn BI") -> tuple[int, str]:
    response = client.post("/account/tokens", data={"name": name})
    page = response.get_data(as_text=True)
    found = TOKEN.search(page)
    return response.status_code, found.group(1) if found else ""


def test_a_token_made_on_the_account_page_is_shown_once(client, auth):
    auth.login("supplier")
    status, token = create_on_the_account_page(client)
    assert status == 201 and token.startswith("srt_") and len(token) == 47
    later = client.get("/account").get_data(as_text=True)
    assert token not in later
    assert "Mijn BI" in later and token[:10] in later  # its name and first characters


def test_only_the_sha256_of_a_token_is_stored(client, auth, conn):
    auth.login("supplier")
    _status, token = create_on_the_account_page(client)
    stored = ApiToken.get()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    every_value = json.dumps([list(row) for row in ApiToken.select().tuples()], default=str)
    assert token not in every_value


def test_a_token_needs_a_name(client, auth, conn):
    auth.login("supplier")
    response = client.post("/account/tokens", data={"name": "   "})
    assert response.status_code == 422
    assert ApiToken.select().count() == 0


def test_creating_and_revoking_a_token_are_in_the_audit_log(client, auth, conn):
    auth.login("supplier")
    create_on_the_account_page(client, "Salarissysteem")
    client.post(f"/account/tokens/{ApiToken.get().id}/revoke")
    entries = [
        (e.action, json.loads(e.changes)["name"])
        for e in AuditLog.select().where(AuditLog.entity == "api_token").order_by(AuditLog.id)
    ]
    assert entries == [("create", "Salarissysteem"), ("revoke", "Salarissysteem")]


def test_a_revoked_token_is_refused_at_once(client, auth, spec_contract):
    auth.login("supplier")
    _status, token = create_on_the_account_page(client)
    api = client.application.test_client()
    assert api.get("/api/v1/contracts", headers=bearer(token)).status_code == 200
    with db.connection_context():
        token_id = ApiToken.get().id
    client.post(f"/account/tokens/{token_id}/revoke")
    refused = api.get("/api/v1/contracts", headers=bearer(token))
    assert refused.status_code == 401
    assert refused.json["code"] == "unauthorized"


def test_nobody_revokes_another_users_token(app, client, auth, users):
    tokens = make_tokens(app)
    with db.connection_context():
        theirs = ApiToken.get(ApiToken.name == "test other_supplier").id
    auth.login("supplier")
    client.post(f"/account/tokens/{theirs}/revoke")
    api = app.test_client()
    assert api.get("/api/v1/contracts", headers=bearer(tokens["other_supplier"])).status_code == 200


def test_the_account_page_notes_when_a_token_was_last_used(app, client, auth, users):
    tokens = make_tokens(app)
    app.test_client().get("/api/v1/contracts", headers=bearer(tokens["supplier"]))
    with db.connection_context():
        used = ApiToken.get(ApiToken.name == "test supplier").last_used_at
        unused = ApiToken.get(ApiToken.name == "test officer").last_used_at
    assert used is not None and unused is None


def test_a_token_is_never_accepted_for_a_page(app, users):
    tokens = make_tokens(app)
    page = app.test_client().get("/", headers=bearer(tokens["supplier"]))
    assert page.status_code in (302, 303) and "/login" in page.headers["Location"]


def test_a_session_cookie_is_never_accepted_by_the_api(client, auth, spec_contract):
    auth.login("supplier")
    assert client.get("/").status_code == 200  # signed in for the pages
    refused = client.get("/api/v1/contracts", headers={"Accept": "application/json"})
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"


def test_an_api_request_sets_no_cookie_and_needs_no_csrf_token(app, users, spec_contract):
    app.config["WTF_CSRF_ENABLED"] = True
    tokens = make_tokens(app)
    response = app.test_client().post(
        "/api/v1/contracts/2026-HH-014/clauses/SR1/reviews",
        headers=bearer(tokens["bureau"]),
        json={"candidate": "K-404", "decision": "approve"},
    )
    assert response.status_code == 422  # refused for the candidate, not for CSRF
    assert response.json["code"] == "unknown_candidate"
    assert "Set-Cookie" not in response.headers


def test_a_token_never_appears_in_the_logs(app, users, spec_contract, caplog):
    tokens = make_tokens(app)
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        client.get("/api/v1/contracts", headers=bearer(tokens["supplier"]))
        client.get("/api/v1/contracts", headers=bearer(tokens["supplier"][:-2] + "xx"))
        client.get(f"/api/v1/contracts?token={tokens['supplier']}", headers=bearer("srt_bad"))
    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert any('"path": "/api/v1/contracts"' in line for line in lines)
    for token in tokens.values():
        assert not any(token[4:20] in line for line in lines)


@pytest.fixture
def slow_app(app):
    app.config["API_REQUESTS_PER_MINUTE"] = 3
    return app


def test_a_token_over_its_rate_gets_429_with_retry_after(slow_app, users):
    tokens = make_tokens(slow_app)
    client = slow_app.test_client()
    answers = [
        client.get("/api/v1/contracts", headers=bearer(tokens["supplier"])) for _ in range(4)
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0].headers["RateLimit-Limit"] == "3"
    assert answers[2].headers["RateLimit-Remaining"] == "0"
    refused = answers[3]
    assert refused.mimetype == "application/problem+json"
    assert refused.json["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    other = client.get("/api/v1/contracts", headers=bearer(tokens["officer"]))
    assert other.status_code == 200  # per token


def test_the_rate_holds_across_web_workers(slow_app, users, database_url):
    """Two apps on one database stand for two gunicorn workers: they share the count."""
    tokens = make_tokens(slow_app)
    second = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
    second.config["API_REQUESTS_PER_MINUTE"] = 3
    workers = [slow_app.test_client(), second.test_client()]
    answers = [
        workers[i % 2].get("/api/v1/contracts", headers=bearer(tokens["supplier"])).status_code
        for i in range(4)
    ]
    assert answers == [200, 200, 200, 429]
