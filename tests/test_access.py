"""Every route, for every role and for an anonymous visitor.

The expected answer follows from srtracker.access.RULES and from whose
contract it is; a route without a rule, or a rule removed, fails here.
"""

import hashlib

import pytest

from srtracker.access import PUBLIC, RULES
from srtracker.models import (
    Clause,
    Contract,
    EvidenceFile,
    Flag,
    FollowUp,
    Report,
    StoredFile,
    User,
)
from tests.api_helpers import bearer, make_tokens
from tests.conftest import SPEC_EXAMPLE, USERS, AuthActions
from tests.test_headers import assert_secure_response

VISITORS = [None, *USERS]
# Who can see the spec example contract (bought by Apeldoorn from Thuiszorg Oost).
IN_SCOPE = {"officer", "supplier", "bureau", "admin"}
OBJECT_ARGS = {"reference", "report_id", "flag_id", "file_id", "task_id", "buyer_id", "bureau_id"}


def endpoints(app):
    return sorted({rule.endpoint for rule in app.url_map.iter_rules()})


def test_every_route_has_an_access_rule(app):
    assert [e for e in endpoints(app) if e not in RULES] == []


def test_every_rule_names_an_existing_route(app):
    assert sorted(set(RULES) - set(endpoints(app))) == []


@pytest.fixture
def world(app, runner, users, tmp_path):
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    app.config["EVIDENCE_FOLDER"] = str(tmp_path)
    (tmp_path / "00").mkdir()
    (tmp_path / "00" / "evidence.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    from report_books import person, report

    with app.app_context():
        from srtracker.db import db

        with db.connection_context():
            data = report(person("K-001", start="31-02-2026"))
            sha = hashlib.sha256(data).hexdigest()
            StoredFile.create(sha256=sha, size=len(data), content=data)
            contract = Contract.get()
            rejected = Report.create(
                contract=contract,
                period="2026-Q1",
                period_end="2026-03-31",
                status="rejected",
                sha256=sha,
                file=sha,
                rows=1,
                errors='[{"sheet": "Voortgang", "row": 2, "column": '
                '"start_date", "cell": "E2", "code": "bad_date", '
                '"key": "bad_date", "params": {"row": 2, '
                '"cell": "E2"}}]',
            )
            flag = Flag.create(
                contract=contract,
                clause=Clause.get(Clause.code == "SR1"),
                kind="behind",
                opened_as_of="2026-08-15",
            )
            supplier = User.get(User.role == "supplier")
            stored = EvidenceFile.create(
                contract=contract,
                candidate_key="k-001",
                sha256="0" * 64,
                size=1,
                content_type="application/pdf",
                path="00/evidence.pdf",
                uploader_org=supplier.organisation_id,
            )
            task = FollowUp.create(
                clause=Clause.get(Clause.code == "SR1"),
                candidate_key="k-001",
                candidate_ref="K-001",
                end_date="2026-03-31",
                months=6,
                due="2026-09-30",
            )
            return {
                "reference": "2026-HH-014",
                "code": "SR2",
                "report_id": rejected.id,
                "flag_id": flag.id,
                "file_id": stored.id,
                "task_id": task.id,
                # sign-off settings: the buyer the bureau serves, and the bureau itself
                "buyer_id": contract.buyer_id,
                "bureau_id": User.get(User.role == "bureau").organisation_id,
                "user_id": User.get(User.role == "supplier").id,
                "step": "warn",
                "year": 2026,
                "period": "2026-Q1",
                "token_id": 1,
                "upload": data,
            }


def request_for(app, endpoint, world):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    url = rule.build({name: world[name] for name in rule.arguments}, append_unknown=False)[1]
    method = "GET" if "GET" in rule.methods else "POST"
    return method, url, rule.arguments


def expected(endpoint, visitor, arguments):
    rule = RULES[endpoint]
    if rule == PUBLIC:
        return "allowed"
    if visitor is None:
        return 401 if endpoint.startswith("api.") else "login"
    if visitor.removeprefix("other_") not in rule:
        return 403
    if arguments & OBJECT_ARGS and visitor not in IN_SCOPE:
        return 404
    return "allowed"


def api_request(endpoint, world) -> dict:
    """The API takes a token, never the session; its POSTs get a body to work on."""
    if endpoint == "api.upload":
        return {"data": world["upload"], "content_type": "application/octet-stream"}
    if endpoint == "api.review":
        return {"json": {"candidate": "K-001", "decision": "approve"}}
    return {}


@pytest.mark.parametrize("endpoint", sorted(e for e in RULES if e != "static"))
def test_each_visitor_gets_the_answer_the_rules_give(app, world, endpoint):
    if endpoint not in endpoints(app):
        pytest.fail(f"{endpoint} has a rule but no route")
    method, url, arguments = request_for(app, endpoint, world)
    api = endpoint.startswith("api.")
    tokens = make_tokens(app) if api else {}
    for visitor in VISITORS:
        client = app.test_client()
        kwargs = api_request(endpoint, world) if api else {}
        if api and visitor is not None:
            kwargs["headers"] = bearer(tokens[visitor])
        elif visitor is not None:
            AuthActions(client).login(visitor)
        response = client.open(url, method=method, **kwargs)
        want = expected(endpoint, visitor, arguments)
        where = f"{visitor or 'anonymous'} {method} {url}"
        assert_secure_response(response, where)
        if want == "login":
            assert response.status_code in (302, 303), where
            assert "/login" in response.headers["Location"], where
        elif want == "allowed":
            assert response.status_code < 400 or response.status_code == 422, (
                f"{where}: {response.status_code}"
            )
        else:
            assert response.status_code == want, f"{where}: {response.status_code}"
        response.close()


@pytest.mark.parametrize(
    "endpoint", sorted(e for e, rule in RULES.items() if e.startswith("api.") and rule != PUBLIC)
)
def test_a_session_never_authenticates_an_api_route(app, world, endpoint):
    """Only a token does, whoever is logged in (docs/api.md); /api/v1/ reads a session only
    for its language."""
    method, url, _arguments = request_for(app, endpoint, world)
    client = app.test_client()
    AuthActions(client).login("admin")
    response = client.open(url, method=method, **api_request(endpoint, world))
    assert response.status_code == 401, f"{method} {url}: {response.status_code}"
    assert response.mimetype == "application/problem+json"


# Scope of the audit log and the outbox: like the contracts. "bureau" serves only Apeldoorn
# (the spec example), "other_bureau" only Gemeente Elders (no contract at all here).
ELSEWHERE = SPEC_EXAMPLE.parent / "2025-GR-009_groenonderhoud-openbare-ruimte.toml"
SCOPED_PAGES = ["/audit/", "/audit/?entity=contract", "/outbox"]
SEES = {
    "bureau": {"2026-HH-014"},
    "other_bureau": set(),
    "admin": {"2026-HH-014", "2025-GR-009"},
}


@pytest.fixture
def two_municipalities(app, runner, users):
    """A contract in Apeldoorn and one in Ede, each with audit entries and a message."""
    for path in (SPEC_EXAMPLE, ELSEWHERE):
        assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0
    from srtracker.store.outbox import enqueue

    with app.app_context(), db_connection():
        for contract in Contract.select():
            enqueue(
                f"test.{contract.reference}",
                "reminder",
                [USERS["supplier"][0]],
                f"Herinnering {contract.reference}",
                "tekst",
                contract=contract.id,
            )
        enqueue("test.none", "reminder", [USERS["admin"][0]], "Zonder contract", "tekst")


def db_connection():
    from srtracker.db import db

    return db.connection_context()


@pytest.mark.parametrize("visitor", sorted(SEES))
@pytest.mark.parametrize("url", SCOPED_PAGES)
def test_audit_log_and_outbox_show_only_what_the_visitor_may_see(
    app, two_municipalities, visitor, url
):
    client = app.test_client()
    AuthActions(client).login(visitor)
    page = client.get(url).get_data(as_text=True)
    shown = {reference for reference in ("2026-HH-014", "2025-GR-009") if reference in page}
    assert shown == SEES[visitor]
    assert ("Zonder contract" in page) == (visitor == "admin" and "outbox" in url)


@pytest.mark.parametrize("visitor", ["bureau", "other_bureau"])
@pytest.mark.parametrize("url", [*SCOPED_PAGES, "/audit/?entity=user"])
def test_user_email_addresses_are_shown_to_the_admin_only(app, two_municipalities, visitor, url):
    client = app.test_client()
    AuthActions(client).login(visitor)
    page = client.get(url).get_data(as_text=True)
    assert [email for email, _org, _serves in USERS.values() if email in page] == []


def test_the_admin_sees_user_entries_with_their_email_addresses(app, two_municipalities):
    client = app.test_client()
    AuthActions(client).login("admin")
    page = client.get("/audit/?entity=user").get_data(as_text=True)
    assert USERS["bureau"][0] in page


@pytest.mark.parametrize("url", ["/audit/", "/outbox"])
def test_the_page_count_counts_only_what_the_visitor_may_see(
    app, two_municipalities, monkeypatch, url
):
    from srtracker.audit import views as audit_views
    from srtracker.notify import views as notify_views

    monkeypatch.setattr(audit_views, "PER_PAGE", 1)
    monkeypatch.setattr(notify_views, "PER_PAGE", 1)
    client = app.test_client()
    AuthActions(client).login("bureau")
    if url == "/audit/":
        # One entry of Apeldoorn's: its contract was created.
        page = client.get("/audit/?entity=contract").get_data(as_text=True)
    else:
        page = client.get(url).get_data(as_text=True)
    assert 'rel="next"' not in page
