"""The bureau verifies, rejects and withdraws candidates on the clause explanation page."""

import json
import re
from datetime import date

import pytest

from srtracker.models import AuditLog, CandidateReview, User
from srtracker.services import checks
from srtracker.store.contracts import find
from tests.compliance.test_check import HH014, add_report, check
from tests.conftest import AuthActions

SR1 = "/contracts/2026-HH-014/clauses/SR1"
SR2 = "/contracts/2026-HH-014/clauses/SR2"


@pytest.fixture
def hh014(runner, conn, users, monkeypatch):
    """The spec example with its Q1 report, on 2026-08-15."""
    assert runner.invoke(args=["load-contracts", str(HH014)]).exit_code == 0
    add_report(find("2026-HH-014"), "2026-Q1")
    monkeypatch.setattr(checks, "today", lambda: date(2026, 8, 15))


@pytest.fixture
def bureau(client, auth, hh014):
    auth.login("bureau")
    return client


def post(client, url, candidate, note=None):
    data = {"candidate": candidate} if note is None else {"candidate": candidate, "note": note}
    return client.post(url, data=data)


def active() -> list[tuple]:
    return sorted(
        (r.clause.code, r.candidate_key, r.decision, r.reason)
        for r in CandidateReview.select().where(CandidateReview.withdrawn_at.is_null())
    )


def entries(action) -> list[dict]:
    return [
        json.loads(e.changes) | {"actor": e.actor}
        for e in AuditLog.select().where(
            (AuditLog.action == action) & (AuditLog.entity == "candidate_review")
        )
    ]


def figure(page: str, label_id: str = "verified") -> str:
    return re.search(rf'id="{label_id}">([^<]*)<', page).group(1)


def section(page: str, heading_id: str) -> str:
    return page.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def test_verifying_notes_the_evidence_and_is_audited(bureau, users):
    response = post(bureau, f"{SR1}/reviews/verify", " k-001 ", "doelgroepverklaring UWV gezien")
    assert response.status_code == 303 and response.headers["Location"].endswith(SR1)
    assert active() == [("SR1", "k-001", "verified", "doelgroepverklaring UWV gezien")]
    bureau_user = User.get(User.email == "adviseur@srbureau.nl")
    assert entries("verify") == [
        {
            "actor": f"user:{bureau_user.id}",
            "contract": "2026-HH-014",
            "clause": "SR1",
            "candidate": "k-001",
            "decision": [None, "verified"],
            "reason": [None, "doelgroepverklaring UWV gezien"],
            "replaces": None,
        }
    ]
    page = bureau.get(SR1).get_data(as_text=True)
    assert "geverifieerd" in page and "doelgroepverklaring UWV gezien" in page
    assert figure(page) == "1"


def test_a_rejected_candidate_stops_counting_until_the_rejection_is_withdrawn(bureau, runner):
    assert (
        post(bureau, f"{SR1}/reviews/reject", "K-001", "doelgroep niet aangetoond").status_code
        == 303
    )
    assert active() == [("SR1", "k-001", "rejected", "doelgroep niet aangetoond")]
    assert entries("reject")[0]["decision"] == [None, "rejected"]

    page = bureau.get(SR1).get_data(as_text=True)
    assert "K-001" in section(page, "excluded")
    assert "kandidaat afgewezen door het bureau voor deze verplichting" in section(page, "excluded")
    assert "K-001" not in section(page, "counting")
    sr1 = next(c for c in check(runner)["clauses"] if c["clause"] == "SR1")
    assert sr1["realised"] == 2

    assert post(bureau, f"{SR1}/reviews/withdraw", "k-001").status_code == 303
    assert active() == []
    assert entries("withdraw")[0]["decision"] == ["rejected", None]
    page = bureau.get(SR1).get_data(as_text=True)
    assert "K-001" in section(page, "counting") and "K-001" not in section(page, "excluded")
    sr1 = next(c for c in check(runner, "2026-08-16")["clauses"] if c["clause"] == "SR1")
    assert sr1["realised"] == 3


def test_a_rejection_holds_for_a_later_report(bureau, runner):
    post(bureau, f"{SR1}/reviews/reject", "K-002", "doelgroep niet aangetoond")
    add_report(find("2026-HH-014"), "2026-Q2")
    document = check(runner, "2026-08-15")
    sr1 = next(c for c in document["clauses"] if c["clause"] == "SR1")
    assert (sr1["report_period"], sr1["realised"]) == ("2026-Q2", 2)


def test_a_new_decision_replaces_the_active_review(bureau):
    post(bureau, f"{SR1}/reviews/verify", "K-002", "UWV-verklaring gezien")
    post(bureau, f"{SR1}/reviews/reject", "K-002", "verklaring bleek van een ander")
    assert active() == [("SR1", "k-002", "rejected", "verklaring bleek van een ander")]
    assert CandidateReview.select().count() == 2
    assert entries("reject")[0]["decision"] == ["verified", "rejected"]
    assert entries("reject")[0]["reason"] == [
        "UWV-verklaring gezien",
        "verklaring bleek van een ander",
    ]


def test_a_rejection_needs_a_reason_and_a_listed_candidate(bureau):
    response = post(bureau, f"{SR1}/reviews/reject", "K-001", "   ")
    assert response.status_code == 303
    page = bureau.get(SR1).get_data(as_text=True)
    assert "Geef de reden van de afwijzing" in page
    post(bureau, f"{SR1}/reviews/verify", "K-010", "gezien")  # K-010 is under SR2
    post(bureau, f"{SR1}/reviews/verify", "K-999", "gezien")
    assert active() == [] and entries("verify") == [] and entries("reject") == []
    assert "staat niet in de rapportage die meetelt" in bureau.get(SR1).get_data(as_text=True)


def test_withdrawing_without_a_review_changes_nothing(bureau):
    assert post(bureau, f"{SR1}/reviews/withdraw", "K-001").status_code == 303
    assert entries("withdraw") == []


def test_the_verified_figure_for_persons_counts_verified_counting_candidates(bureau):
    post(bureau, f"{SR1}/reviews/verify", "K-001", "UWV gezien")
    post(bureau, f"{SR1}/reviews/verify", "K-003", "UWV gezien")
    post(bureau, f"{SR1}/reviews/verify", "K-004", "UWV gezien")  # excluded: ineligible group
    assert figure(bureau.get(SR1).get_data(as_text=True)) == "2"


def test_the_verified_figure_for_hours_sums_the_rows_of_verified_candidates(bureau):
    # K-011: 14 hours a week from 2026-03-04 to E (2026-03-31), 28 days: 14 * 28 / 7 = 56.
    post(bureau, f"{SR2}/reviews/verify", "K-011", "stagecontract gezien")
    assert figure(bureau.get(SR2).get_data(as_text=True)) == "56"
    # K-010: 8 hours a week over 56 days: 64 more.
    post(bureau, f"{SR2}/reviews/verify", "K-010", "opleidingscontract gezien")
    assert figure(bureau.get(SR2).get_data(as_text=True)) == "120"


def test_the_page_offers_review_buttons_only_to_the_bureau(app, bureau):
    assert "/reviews/reject" in bureau.get(SR1).get_data(as_text=True)
    supplier = app.test_client()
    AuthActions(supplier).login("supplier")
    page = supplier.get(SR1).get_data(as_text=True)
    assert "/reviews/" not in page and 'id="verified"' in page


@pytest.mark.parametrize(
    "who, status",
    [("supplier", 403), ("officer", 403), ("other_bureau", 404), ("other_supplier", 403)],
)
def test_only_the_bureau_of_the_contract_and_admin_can_review(client, auth, hh014, who, status):
    auth.login(who)
    for action in ("verify", "reject", "withdraw"):
        response = post(client, f"{SR1}/reviews/{action}", "K-001", "gezien")
        assert response.status_code == status, action
    assert active() == []


def test_admin_can_review(client, auth, hh014):
    auth.login("admin")
    post(client, f"{SR1}/reviews/reject", "K-001", "niet aangetoond")
    assert active() == [("SR1", "k-001", "rejected", "niet aangetoond")]
