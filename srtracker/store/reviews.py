"""The bureau's reviews of candidates under a clause: decide, withdraw, load.

A review is 'verified' (the bureau saw evidence, noted in ``reason``) or
'rejected' (with its reason; the check then excludes the candidate from the
clause, also in later reports, until the rejection is withdrawn). At most one
review per (clause, candidate key) is active: a new decision withdraws the
active one in the same transaction, and a partial unique index guards it.
Only candidate keys are stored, never names.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ..domain.compliance import ClauseResult
from ..domain.contracts import code_key
from ..domain.signoff import Approval, ClauseSignOff
from ..domain.verification import verified_figure
from ..models import CandidateReview, Clause, Contract, utcnow
from . import audit

VERIFIED = "verified"
REJECTED = "rejected"
DECISIONS = (VERIFIED, REJECTED)
ACTIONS = {VERIFIED: "verify", REJECTED: "reject"}
NOT_WITHDRAWN = CandidateReview.withdrawn_at.is_null()


def candidate_key(candidate_ref: str) -> str:
    """How candidates are matched (compliance.md): trimmed, case-insensitive, as the check does."""
    return code_key(candidate_ref)


def _active(clause: Clause, key: str) -> CandidateReview | None:
    return (
        CandidateReview.select()
        .where(
            (CandidateReview.clause == clause.id)
            & (CandidateReview.candidate_key == key)
            & NOT_WITHDRAWN
        )
        .first()
    )


def _subject(clause: Clause, key: str) -> dict:
    return {"contract": clause.contract.reference, "clause": clause.code, "candidate": key}


def decide(
    clause: Clause,
    key: str,
    decision: str,
    reason: str,
    user,
    actor: str,
    approval: Approval | None = None,
) -> CandidateReview:
    """Record a decision; the candidate's active review, if any, is withdrawn first.

    ``approval`` is what a verification (an approval) records of the candidate's row
    (sign-off.md): under ``on_approval`` the candidate counts while its row keeps it.
    """
    if decision not in DECISIONS:
        raise ValueError(f"a review is verified or rejected, not {decision!r}")
    old = _active(clause, key)
    now = utcnow()
    if old is not None:
        CandidateReview.update(withdrawn_at=now).where(CandidateReview.id == old.id).execute()
    review = CandidateReview.create(
        clause=clause.id,
        candidate_key=key,
        decision=decision,
        reason=reason,
        decided_by=user.id if user is not None else None,
        decided_at=now,
        approved_type=approval and approval.type,
        approved_group=approval and approval.target_group,
        approved_start=approval and approval.start_date,
    )
    audit.record(
        actor,
        ACTIONS[decision],
        "candidate_review",
        review.id,
        {
            **_subject(clause, key),
            "decision": [old.decision if old else None, decision],
            "reason": [old.reason if old else None, reason],
            "replaces": old.id if old else None,
        },
        contract=clause.contract_id,
    )
    return review


def withdraw(clause: Clause, key: str, actor: str) -> CandidateReview | None:
    """Withdraw the candidate's active review; None when there was none."""
    old = _active(clause, key)
    if old is None:
        return None
    CandidateReview.update(withdrawn_at=utcnow()).where(CandidateReview.id == old.id).execute()
    audit.record(
        actor,
        "withdraw",
        "candidate_review",
        old.id,
        {
            **_subject(clause, key),
            "decision": [old.decision, None],
            "reason": [old.reason, None],
        },
        contract=clause.contract_id,
    )
    return old


def active_reviews(where) -> dict[tuple[int, str], dict[str, CandidateReview]]:
    """Active reviews of the contracts matching ``where``, by (contract id, clause code) and key.

    One query whatever the number of contracts, as the check loads its rejections.
    """
    found: dict[tuple[int, str], dict[str, CandidateReview]] = {}
    query = (
        CandidateReview.select(CandidateReview, Clause.contract, Clause.code)
        .join(Clause)
        .join(Contract)
        .where(NOT_WITHDRAWN & where)
        .order_by(CandidateReview.id)
    )
    for review in query:
        found.setdefault((review.clause.contract_id, review.clause.code), {})[
            review.candidate_key
        ] = review
    return found


def verified_keys(reviews: Iterable[CandidateReview]) -> frozenset[str]:
    return frozenset(r.candidate_key for r in reviews if r.decision == VERIFIED)


@dataclass(frozen=True)
class ClauseReviews:
    """What the explanation page shows of the reviews under one clause."""

    by_key: dict[str, CandidateReview]
    verified: Fraction | None
    sign_off: ClauseSignOff | None = None
    rows: tuple = ()

    def of(self, candidate_ref: str) -> CandidateReview | None:
        return self.by_key.get(candidate_key(candidate_ref))

    def state_of(self, candidate_ref: str) -> str:
        """approved, pending, lapsed or rejected (sign-off.md: what the supplier sees)."""
        sign_off = self.sign_off or ClauseSignOff()
        return sign_off.state(candidate_key(candidate_ref), self.rows)


def clause_reviews(contract: Contract, result: ClauseResult) -> ClauseReviews:
    """The active reviews under the clause of ``result`` and its verified figure."""
    by_key = {
        r.candidate_key: r
        for r in CandidateReview.select()
        .join(Clause)
        .where(
            (Clause.contract == contract.id)
            & (Clause.code_key == code_key(result.code))
            & NOT_WITHDRAWN
        )
    }
    approved = {
        r.candidate_key: Approval(r.approved_type, r.approved_group, _day(r.approved_start))
        for r in by_key.values()
        if r.decision == VERIFIED and r.approved_type is not None
    }
    rejected = frozenset(k for k, r in by_key.items() if r.decision == REJECTED)
    rows = (*result.counting, *(e.row for e in result.excluded))
    return ClauseReviews(
        by_key,
        verified_figure(result, verified_keys(by_key.values())),
        ClauseSignOff(result.policy, rejected, approved),
        rows,
    )


def _day(value):
    return date.fromisoformat(value) if isinstance(value, str) else value
