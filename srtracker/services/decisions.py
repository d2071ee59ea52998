"""The bureau's decisions on candidates as use cases: approve, reject, withdraw (sign-off.md).

A candidate is known to a review when the contract's counting report as of the
latest stored check's date (today before any check) has a row of it under the
clause; an approval records that row (the latest start among several).
"""

from flask import current_app

from ..db import write_transaction
from ..domain.contracts import code_key
from ..domain.ledger import BOTH, decision_rows, person_key
from ..domain.signoff import POLICIES, approval_of
from ..models import (
    CandidateReview,
    Clause,
    Contract,
    CountDecision,
    FollowUp,
    Organisation,
)
from ..store import audit, evidence, followups, signoff
from ..store import contracts as store_contracts
from ..store import ledger as store_ledger
from . import ledger
from . import reviews as service
from .checks import check_date, check_live, recheck


class ReviewRefused(Exception):
    """A decision that cannot be taken; ``code`` says why, the message in English."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def find_clause(reference: str, code: str) -> Clause:
    contract = Contract.get_or_none(
        (Contract.reference_key == code_key(reference)) & Contract.archived_at.is_null()
    )
    if contract is None:
        raise ReviewRefused("unknown_contract", f"unknown contract {reference}")
    clause = Clause.get_or_none(
        (Clause.contract == contract.id) & (Clause.code_key == code_key(code))
    )
    if clause is None:
        raise ReviewRefused("unknown_clause", f"contract {contract.reference} has no clause {code}")
    clause.contract = contract
    return clause


def candidate_rows(clause: Clause, candidate: str):
    """The candidate's rows under the clause in the counting report as of the review date."""
    check = check_live(clause.contract)
    result = next(r for r in check.clauses if code_key(r.code) == clause.code_key)
    key = service.candidate_key(candidate)
    rows = [r for r in result.counting if r.candidate_key == key]
    rows += [e.row for e in result.excluded if e.row.candidate_key == key]
    if not rows:
        raise ReviewRefused(
            "unknown_candidate",
            f"candidate {candidate.strip()} has no row under {clause.code} in the report that "
            "counts",
        )
    return rows


def approve(clause: Clause, candidate: str, note: str, user, actor: str) -> CandidateReview:
    """The bureau approves (verifies) the candidate; the approval records its row."""
    rows = candidate_rows(clause, candidate)
    with write_transaction():
        review = service.decide(
            clause,
            service.candidate_key(candidate),
            service.VERIFIED,
            note.strip(),
            user,
            actor,
            approval_of(rows),
        )
        evidence.on_decision(clause.contract.id, review.candidate_key, review.decided_at.date())
    return review


def reject(clause: Clause, candidate: str, reason: str, user, actor: str) -> CandidateReview:
    if not reason or not reason.strip():
        raise ReviewRefused("missing_reason", "a rejection needs a reason (--reason)")
    candidate_rows(clause, candidate)
    with write_transaction():
        review = service.decide(
            clause, service.candidate_key(candidate), service.REJECTED, reason.strip(), user, actor
        )
        evidence.on_decision(clause.contract.id, review.candidate_key, review.decided_at.date())
    return review


def decide_all(action: str, chosen: list[tuple[Clause, str]], reason: str, user, actor: str) -> int:
    """Approve or reject a selection (the review queue): all of it or, when one candidate is
    refused, none of it. The number decided."""
    decide = approve if action == "approve" else reject
    with write_transaction():
        for clause, candidate in chosen:
            decide(clause, candidate, reason, user, actor)
    return len(chosen)


def answer_follow_up(task: FollowUp, value: str, user, actor: str) -> FollowUp:
    """The bureau or the supplier says whether the person still works (no figure changes)."""
    with write_transaction():
        return followups.answer(task, value, user, actor)


def withdraw(clause: Clause, candidate: str, actor: str) -> CandidateReview:
    old = service.withdraw(clause, service.candidate_key(candidate), actor)
    if old is None:
        raise ReviewRefused(
            "nothing_to_withdraw", f"candidate {candidate.strip()} has no decision to withdraw"
        )
    return old


def decide_count(
    reference: str, code: str, bureau_ref: str, keeper: str, user, actor: str
) -> CountDecision:
    """The bureau's decision on a double count (sign-off.md): ``both``, or the contract that
    keeps the shared days. Taken on the rows that overlap now; the flag closes."""
    clause = find_clause(reference, code)
    person = person_key(bureau_ref)
    if person is None:
        raise ReviewRefused("unknown_candidate", "give the kandidaatnummer (bureau_ref)")
    mine = (clause.contract.reference_key, clause.code_key, person)
    found = [
        o
        for o in ledger.overlaps_of(clause.contract.id, check_date(), _ratio())
        if o.key == mine or (o.other.contract_key, o.other.clause_key, o.other.person) == mine
    ]
    if not found:
        raise ReviewRefused(
            "no_double_count",
            f"{bureau_ref.strip()} is not counted twice under {clause.code} of "
            f"{clause.contract.reference}",
        )
    partners = {o.other.contract_key if o.key == mine else o.flagged.contract_key for o in found}
    choice = code_key(keeper)
    if choice != BOTH and choice != clause.contract.reference_key and choice not in partners:
        raise ReviewRefused(
            "unknown_contract",
            f"choose both, {clause.contract.reference} or the other contract of the double count",
        )
    flagged = found[0].flagged
    with write_transaction():
        flagged_clause = find_clause(flagged.contract, flagged.clause)
        kept = BOTH if choice == BOTH else _reference_of(choice)
        decision = store_ledger.record_count_decision(
            flagged_clause,
            person,
            flagged,
            kept,
            decision_rows(found),
            user.id if user is not None else None,
            actor,
        )
        # Who keeps the shared days changes the figures of every contract involved.
        involved = {clause.contract.reference_key, flagged_clause.contract.reference_key}
        for key in sorted(involved | partners):
            recheck(Contract.get(Contract.reference_key == key).id, actor, "count_decision")
    return decision


def _reference_of(key: str) -> str:
    return Contract.get(Contract.reference_key == key).reference


def _ratio():
    return current_app.config["AT_RISK_RATIO"]


def _buyer(name: str) -> Organisation:
    found = store_contracts.find_organisation(name)
    if found is None:
        raise ReviewRefused("unknown_buyer", f"unknown buyer {name}")
    return found


def set_counting_policy(buyer: str, policy: str, actor: str) -> Organisation:
    """A buyer's counting policy (sign-off.md), set by the admin or the bureau serving it."""
    if policy not in POLICIES:
        raise ReviewRefused("unknown_policy", f"choose {' or '.join(POLICIES)}")
    found = _buyer(buyer)
    with write_transaction():
        old = found.counting_policy
        signoff.set_counting_policy(found, policy)
        audit.record(actor, "policy", "organisation", found.id, {"counting_policy": [old, policy]})
        # The policy decides what counts in every running contract of the buyer.
        for contract_id in signoff.running_contract_ids(found.id):
            recheck(contract_id, actor, "counting_policy")
    return Organisation.get_by_id(found.id)


def set_evidence_settings(buyer: str, files: bool, retention_days: int, actor: str) -> Organisation:
    """Whether a buyer keeps evidence files, and for how many days after the latest decision
    (sign-off.md "Evidence"). No figure depends on it, so nothing is re-checked."""
    if retention_days < 0:
        raise ReviewRefused("bad_retention", "the retention is a number of days, 0 or more")
    found = _buyer(buyer)
    with write_transaction():
        changes = {
            "evidence_files": [found.evidence_files, files],
            "evidence_retention_days": [found.evidence_retention_days, retention_days],
        }
        signoff.set_evidence_settings(found, files, retention_days)
        audit.record(actor, "update", "organisation", found.id, changes)
    return Organisation.get_by_id(found.id)


MAX_RETENTION_DAYS = 3650


def set_buyer_settings(
    buyer: str, policy: str, files: bool, retention_days: int, actor: str
) -> Organisation:
    """A buyer's sign-off settings as its page sets them, in one transaction: the counting
    policy (a change re-checks its contracts) and the evidence files with their retention."""
    if policy not in POLICIES:
        raise ReviewRefused("unknown_policy", f"choose {' or '.join(POLICIES)}")
    if not 0 <= retention_days <= MAX_RETENTION_DAYS:
        raise ReviewRefused("bad_retention", f"the retention is 0 to {MAX_RETENTION_DAYS} days")
    found = _buyer(buyer)
    with write_transaction():
        if found.counting_policy != policy:
            set_counting_policy(buyer, policy, actor)
        if (found.evidence_files, found.evidence_retention_days) != (files, retention_days):
            set_evidence_settings(buyer, files, retention_days, actor)
    return Organisation.get_by_id(found.id)


def set_bureau_numbering(bureau: str, uses: bool, actor: str) -> Organisation:
    """Whether a bureau gives people its own number (kandidaatnummer, sign-off.md): the
    templates of the buyers it serves then carry the column. No figure depends on it."""
    found = store_contracts.find_organisation(bureau)
    if found is None or found.kind != "bureau":
        raise ReviewRefused("unknown_bureau", f"unknown bureau {bureau}")
    if found.uses_bureau_ref != uses:
        with write_transaction():
            signoff.set_uses_bureau_ref(found, uses)
            changes = {"uses_bureau_ref": [found.uses_bureau_ref, uses]}
            audit.record(actor, "update", "organisation", found.id, changes)
    return Organisation.get_by_id(found.id)
