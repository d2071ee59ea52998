"""The bureau through the API: candidates awaiting approval, its decisions (the same service
as the review queue, re-checking at once), and flags with their history."""

from datetime import date

import pytest
from api_helpers import bearer, make_tokens
from report_books import person, report

from srtracker.db import db
from srtracker.models import Contract
from srtracker.services import decisions, evidence
from srtracker.services import flags as flag_service

API = "/api/v1"
REVIEWS = f"{API}/contracts/2026-HH-014/clauses/SR1/reviews"


@pytest.fixture
def pending(app, runner, users, spec_contract):
    """Apeldoorn counts on approval; one accepted report with two candidates under SR1."""
    with app.test_request_context(), db.connection_context():
        decisions.set_counting_policy("Gemeente Apeldoorn", "on_approval", "test")
    assert runner.invoke(args=["check", "--as-of", "2026-08-15"]).exit_code == 0
    tokens = make_tokens(app)
    sent = app.test_client().post(
        f"{API}/contracts/2026-HH-014/reports/2026-Q1",
        headers={**bearer(tokens["supplier"]), "Content-Type": "application/octet-stream"},
        data=report(person("K-001"), person("K-002", start="01-02-2026")),
    )
    assert sent.json["status"] == "accepted", sent.json
    return tokens


def sr1(client, token):
    figures = client.get(f"{API}/contracts/2026-HH-014/figures", headers=bearer(token)).json
    return next(c for c in figures["clauses"] if c["clause"] == "SR1")


def test_the_bureau_lists_the_candidates_awaiting_approval_oldest_first(client, pending):
    listed = client.get(f"{API}/reviews", headers=bearer(pending["bureau"])).json
    assert [
        (r["contract"], r["clause"], r["candidate_ref"], r["reason"]) for r in listed["reviews"]
    ] == [
        ("2026-HH-014", "SR1", "K-001", "not_approved"),
        ("2026-HH-014", "SR1", "K-002", "not_approved"),
    ]


def test_a_candidates_evidence_noted_by_the_bureau_is_listed_with_it(app, client, pending):
    with app.test_request_context(), db.connection_context():
        contract = Contract.get(Contract.reference == "2026-HH-014")
        evidence.record(contract, "K-002", "beschikking", date(2026, 8, 20), "", None, "test")
    listed = client.get(f"{API}/reviews", headers=bearer(pending["bureau"])).json
    assert [(r["candidate_ref"], r["evidence"]) for r in listed["reviews"]] == [
        ("K-001", []),
        ("K-002", [{"kind": "beschikking", "checked_on": "2026-08-20"}]),
    ]


def test_a_bureau_elsewhere_sees_no_reviews(client, pending):
    assert (
        client.get(f"{API}/reviews", headers=bearer(pending["other_bureau"])).json["reviews"] == []
    )


def test_an_approval_counts_at_once(client, pending):
    assert (
        sr1(client, pending["bureau"])["realised"],
        sr1(client, pending["bureau"])["pending"],
    ) == (0, 2)
    answer = client.post(
        REVIEWS,
        headers=bearer(pending["bureau"]),
        json={"candidate": "k-001 ", "decision": "approve"},
    )
    assert answer.status_code == 200
    assert answer.json == {
        "contract": "2026-HH-014",
        "clause": "SR1",
        "candidate": "k-001",
        "decision": "approve",
        "reason": None,
    }
    assert sr1(client, pending["supplier"])["realised"] == 1
    left = client.get(f"{API}/reviews", headers=bearer(pending["bureau"])).json["reviews"]
    assert [r["candidate_ref"] for r in left] == ["K-002"]


def test_a_rejection_with_its_reason_excludes_the_candidate(client, pending):
    client.post(
        REVIEWS,
        headers=bearer(pending["bureau"]),
        json={"candidate": "K-002", "decision": "reject", "reason": "geen doelgroepverklaring"},
    )
    assert sr1(client, pending["bureau"])["excluded"] == {
        "not_approved": 1,
        "rejected_by_bureau": 1,
    }


def test_withdrawing_nothing_is_refused_with_the_commands_code(client, pending):
    answer = client.post(
        REVIEWS,
        headers=bearer(pending["bureau"]),
        json={"candidate": "K-001", "decision": "withdraw"},
    )
    assert (answer.status_code, answer.json["code"]) == (422, "nothing_to_withdraw")


def test_a_supplier_cannot_review(client, pending):
    answer = client.post(
        REVIEWS,
        headers=bearer(pending["supplier"]),
        json={"candidate": "K-001", "decision": "approve"},
    )
    assert answer.status_code == 403


@pytest.fixture
def flagged(app, runner, users, spec_contract):
    """As of 2026-08-15 without any report, the 2026-Q1 report is overdue."""
    assert runner.invoke(args=["check", "--as-of", "2026-08-15"]).exit_code == 0
    return make_tokens(app)


def test_flags_of_a_contract_and_of_the_scope(client, flagged):
    mine = client.get(f"{API}/contracts/2026-HH-014/flags", headers=bearer(flagged["supplier"]))
    kinds = [(f["kind"], f["period"], f["state"]) for f in mine.json["flags"]]
    assert ("report_overdue", "2026-Q1", "open") in kinds
    scope = client.get(f"{API}/flags?kind=report_overdue", headers=bearer(flagged["bureau"])).json
    assert {f["period"] for f in scope["flags"]} >= {"2026-Q1"}
    assert client.get(f"{API}/flags", headers=bearer(flagged["other_bureau"])).json["total"] == 0


def test_a_flag_shows_its_history_oldest_first(app, client, flagged):
    listed = client.get(f"{API}/flags", headers=bearer(flagged["bureau"])).json["flags"]
    flag_id = listed[0]["id"]
    with app.test_request_context(), db.connection_context():
        flag_service.acknowledge(flag_id, "cli")
        flag_service.close_by_hand(flag_id, "waived", "afgesproken", "cli")
    shown = client.get(f"{API}/flags/{flag_id}", headers=bearer(flagged["bureau"])).json
    assert shown["state"] == "waived" and shown["closed_reason"] == "afgesproken"
    actions = [entry["action"] for entry in shown["history"]]
    assert actions[-2:] == ["acknowledge", "close"]
    closed = client.get(f"{API}/flags?state=all", headers=bearer(flagged["bureau"])).json
    assert flag_id in [f["id"] for f in closed["flags"]]
    assert flag_id not in [
        f["id"] for f in client.get(f"{API}/flags", headers=bearer(flagged["bureau"])).json["flags"]
    ]
