"""The person ledger's reads and writes: double_counted flags and the bureau's count decisions."""

from datetime import date

from peewee import fn

from ..domain.contracts import code_key
from ..domain.flag_rules import Flag as DomainFlag
from ..domain.ledger import DOUBLE_COUNTED
from ..models import Clause, Contract, Contribution, CountDecision, Flag, Report, utcnow
from . import audit, signoff
from .checks import OPEN_STATES


def other_contract_ids(contract_id: int) -> list[int]:
    """Contracts sharing a person (bureau_ref) with the contract's accepted reports."""
    keys = (
        Contribution.select(Contribution.bureau_key)
        .join(Report)
        .where((Report.contract == contract_id) & Contribution.bureau_key.is_null(False))
        .distinct()
    )
    return [
        id_
        for (id_,) in Contract.select(Contract.id)
        .join(Report, on=(Report.contract == Contract.id))
        .join(Contribution, on=(Contribution.report == Report.id))
        .where(
            (Contribution.bureau_key.in_(keys))
            & (Contract.id != contract_id)
            & Contract.archived_at.is_null()
            & (Report.status == "accepted")
        )
        .distinct()
        .tuples()
    ]


def open_double_counts(where) -> list[DomainFlag]:
    other = Contract.alias()
    other_clause = Clause.alias()
    query = (
        Flag.select(
            Flag.id,
            Contract.reference,
            Clause.code,
            Flag.candidate,
            other.reference,
            other_clause.code,
        )
        .join(Contract, on=(Flag.contract == Contract.id))
        .switch(Flag)
        .join(Clause, on=(Flag.clause == Clause.id))
        .switch(Flag)
        .join(other, on=(Flag.other_contract == other.id))
        .switch(Flag)
        .join(other_clause, on=(Flag.other_clause == other_clause.id))
        .where((Flag.kind == DOUBLE_COUNTED) & Flag.state.in_(OPEN_STATES) & where)
        .tuples()
    )
    return [
        DomainFlag(reference, code, DOUBLE_COUNTED, None, id_, candidate, other_ref, other_code)
        for id_, reference, code, candidate, other_ref, other_code in query
    ]


def clause_id_of(reference: str, code: str) -> int | None:
    return (
        Clause.select(Clause.id)
        .join(Contract)
        .where(
            (Contract.reference_key == code_key(reference)) & (Clause.code_key == code_key(code))
        )
        .scalar()
    )


def store_double_counts(opened, resolved, as_of: date, actor: str, context: dict, run_id=None):
    """Store what ``decide`` found, in the caller's transaction, with its audit entries."""
    now = utcnow()
    entries = []
    for flag in opened:
        contract_id = Contract.get(Contract.reference_key == code_key(flag.contract)).id
        other_id = Contract.get(Contract.reference_key == code_key(flag.other_contract)).id
        row = Flag.create(
            contract=contract_id,
            clause=clause_id_of(flag.contract, flag.clause),
            kind=DOUBLE_COUNTED,
            state="open",
            opened_as_of=as_of,
            opened_by=run_id,
            opened_at=now,
            candidate=flag.candidate,
            other_contract=other_id,
            other_clause=clause_id_of(flag.other_contract, flag.other_clause),
        )
        entries.append(
            (
                "open",
                "flag",
                row.id,
                {
                    **context,
                    "state": [None, "open"],
                    "contract": flag.contract,
                    "clause": flag.clause,
                    "kind": DOUBLE_COUNTED,
                    "candidate": flag.candidate,
                },
                contract_id,
            )
        )
    for resolution in resolved:
        Flag.update(state="resolved", closed_at=now, closed_reason=resolution.reason).where(
            Flag.id == resolution.flag.id
        ).execute()
        entries.append(
            (
                "resolve",
                "flag",
                resolution.flag.id,
                {**context, "state": ["open", "resolved"], "reason": resolution.reason},
                Flag.get_by_id(resolution.flag.id).contract_id,
            )
        )
    if entries:
        audit.record_many(actor, entries, at=now)


def contracts_with(keys: set[str], contract_id: int) -> list[int]:
    return [
        id_
        for (id_,) in Contract.select(Contract.id)
        .join(Report, on=(Report.contract == Contract.id))
        .join(Contribution, on=(Contribution.report == Report.id))
        .where(
            Contribution.bureau_key.in_(sorted(keys))
            & (Contract.id != contract_id)
            & (Report.status == "accepted")
        )
        .distinct()
        .tuples()
    ]


def record_count_decision(
    flagged_clause: Clause, person: str, flagged, kept: str, rows, user_id, actor: str
) -> CountDecision:
    """The bureau's decision on a double count replaces the earlier one; its flags close."""
    CountDecision.delete().where(
        (CountDecision.clause == flagged_clause.id) & (CountDecision.person_key == person)
    ).execute()
    decision = CountDecision.create(
        contract=flagged_clause.contract.id,
        clause=flagged_clause.id,
        person_key=person,
        bureau_ref=flagged.bureau_ref,
        keeper=kept,
        rows=signoff.rows_to_json(rows),
        decided_by=user_id,
    )
    reason = f"decided by the bureau: {kept}"
    for flag in Flag.select().where(
        (Flag.kind == DOUBLE_COUNTED)
        & (Flag.clause == flagged_clause.id)
        & Flag.state.in_(OPEN_STATES)
        & (fn.LOWER(fn.TRIM(Flag.candidate)) == person)
    ):
        Flag.update(
            state="resolved", closed_at=utcnow(), closed_reason=reason, closed_by_hand=True
        ).where(Flag.id == flag.id).execute()
        audit.record(
            actor,
            "resolve",
            "flag",
            flag.id,
            {"state": [flag.state, "resolved"], "reason": reason},
            contract=flag.contract_id,
        )
    audit.record(
        actor,
        "decide_count",
        "count_decision",
        decision.id,
        {
            "contract": flagged.contract,
            "clause": flagged.clause,
            "candidate": flagged.bureau_ref,
            "keeper": kept,
        },
        contract=flagged_clause.contract.id,
    )
    return decision
