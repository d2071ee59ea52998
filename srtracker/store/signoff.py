"""Sign-off's reads for the check: policies, approvals, ledgers and double-count decisions.

Each is one query whatever the number of contracts, keyed as the check's loader
keys its data (contract id, or reference where the domain speaks references).
"""

import json
from datetime import date

from peewee import fn

from ..domain.contracts import code_key
from ..domain.ledger import CountDecision as Decision
from ..domain.signoff import Approval, counting_policy
from ..models import (
    BureauBuyer,
    CandidateReview,
    Clause,
    Contract,
    CountDecision,
    Organisation,
)

VERIFIED = "verified"


def uses_bureau_ref(contract: Contract) -> bool:
    """Whether a bureau serving the contract's buyer numbers people (kandidaatnummer)."""
    return (
        BureauBuyer.select()
        .join(Organisation, on=(BureauBuyer.bureau == Organisation.id))
        .where((BureauBuyer.buyer == contract.buyer_id) & Organisation.uses_bureau_ref)
        .exists()
    )


def policies(where) -> dict[int, str]:
    """The counting policy per contract id: the contract's own, else its buyer's."""
    query = (
        Contract.select(Contract.id, Contract.counting, Organisation.counting_policy)
        .join(Organisation, on=(Contract.buyer == Organisation.id))
        .where(where)
        .tuples()
    )
    return {id_: counting_policy(buyer, own) for id_, own, buyer in query}


def approvals(where) -> dict[int, list[tuple[str, str, Approval]]]:
    """Active approvals (verified reviews that recorded a row) per contract id."""
    found: dict[int, list[tuple[str, str, Approval]]] = {}
    query = (
        CandidateReview.select(
            Clause.contract,
            Clause.code,
            CandidateReview.candidate_key,
            CandidateReview.approved_type,
            CandidateReview.approved_group,
            CandidateReview.approved_start,
        )
        .join(Clause)
        .join(Contract)
        .where(
            (CandidateReview.decision == VERIFIED)
            & CandidateReview.withdrawn_at.is_null()
            & CandidateReview.approved_type.is_null(False)
            & where
        )
        .tuples()
    )
    for contract_id, code, key, type_, group, start in query:
        if isinstance(start, str):
            start = date.fromisoformat(start)
        found.setdefault(contract_id, []).append((code, key, Approval(type_, group, start)))
    return found


def ledgers(where) -> dict[str, tuple[str, int]]:
    """Per contract reference its ledger: the bureau serving its buyer (the lowest id when
    several do), else the buyer itself (sign-off.md)."""
    bureau_of = dict(
        BureauBuyer.select(BureauBuyer.buyer, fn.MIN(BureauBuyer.bureau))
        .group_by(BureauBuyer.buyer)
        .tuples()
    )
    return {
        reference: ("bureau", bureau_of[buyer]) if buyer in bureau_of else ("buyer", buyer)
        for reference, buyer in Contract.select(Contract.reference, Contract.buyer)
        .where(where)
        .tuples()
    }


def count_decisions() -> list[Decision]:
    """Every stored double-count decision, as the domain reads them."""
    decisions = []
    query = (
        CountDecision.select(
            Contract.reference,
            Clause.code,
            CountDecision.bureau_ref,
            CountDecision.keeper,
            CountDecision.rows,
        )
        .join(Contract, on=(CountDecision.contract == Contract.id))
        .switch(CountDecision)
        .join(Clause, on=(CountDecision.clause == Clause.id))
        .tuples()
    )
    for reference, code, bureau_ref, keeper, rows in query:
        decisions.append(Decision(reference, code, bureau_ref, keeper, rows_from_json(rows)))
    return decisions


def rows_to_json(rows) -> str:
    return json.dumps(
        sorted(
            [contract, clause, start.isoformat(), end.isoformat() if end else None]
            for contract, clause, start, end in rows
        )
    )


def rows_from_json(text: str) -> frozenset:
    return frozenset(
        (
            code_key(contract),
            code_key(clause),
            date.fromisoformat(start),
            end and date.fromisoformat(end),
        )
        for contract, clause, start, end in json.loads(text)
    )


def running_contract_ids(buyer_id: int) -> list[int]:
    """The buyer's contracts that are not archived: what its policy decides."""
    return [
        id_
        for (id_,) in Contract.select(Contract.id)
        .where((Contract.buyer == buyer_id) & Contract.archived_at.is_null())
        .order_by(Contract.id)
        .tuples()
    ]


def set_counting_policy(buyer: Organisation, policy: str) -> None:
    Organisation.update(counting_policy=policy).where(Organisation.id == buyer.id).execute()


def set_evidence_settings(buyer: Organisation, files: bool, retention_days: int) -> None:
    Organisation.update(evidence_files=files, evidence_retention_days=retention_days).where(
        Organisation.id == buyer.id
    ).execute()


def set_uses_bureau_ref(bureau: Organisation, uses: bool) -> None:
    Organisation.update(uses_bureau_ref=uses).where(Organisation.id == bureau.id).execute()


def organisations(where) -> list[Organisation]:
    """Organisations for the settings page, by name."""
    return list(Organisation.select().where(where).order_by(Organisation.name_key))


def served_by(buyer_ids) -> dict[int, list[str]]:
    """Per buyer id, the names of the bureaus serving it."""
    found: dict[int, list[str]] = {}
    query = (
        BureauBuyer.select(BureauBuyer.buyer, Organisation.name)
        .join(Organisation, on=(BureauBuyer.bureau == Organisation.id))
        .where(BureauBuyer.buyer.in_(list(buyer_ids)))
        .order_by(Organisation.name_key)
        .tuples()
    )
    for buyer_id, name in query:
        found.setdefault(buyer_id, []).append(name)
    return found
