"""The bureau's review of a candidate: verify, reject or withdraw, and re-check the contract."""

from ..db import write_transaction
from ..domain.signoff import Approval
from ..models import CandidateReview, Clause
from ..store import reviews as store
from ..store.reviews import DECISIONS, REJECTED, VERIFIED, candidate_key
from .checks import recheck

__all__ = ["DECISIONS", "REJECTED", "VERIFIED", "candidate_key", "decide", "withdraw"]


def decide(
    clause: Clause,
    key: str,
    decision: str,
    reason: str,
    user,
    actor: str,
    approval: Approval | None = None,
) -> CandidateReview:
    """Record a decision (the candidate's active review is withdrawn first); a rejection or
    an approval changes what counts, so the contract is re-checked in the same transaction.

    ``approval`` is what an approval records of the candidate's row (sign-off.md)."""
    with write_transaction():
        review = store.decide(clause, key, decision, reason, user, actor, approval)
        recheck(clause.contract_id, actor, "review")
    return review


def withdraw(clause: Clause, key: str, actor: str) -> CandidateReview | None:
    """Withdraw the candidate's active review; None when there was none."""
    with write_transaction():
        old = store.withdraw(clause, key, actor)
        if old is not None:
            recheck(clause.contract_id, actor, "review")
    return old
