"""Enforcement cases in the database: read them as domain cases, write a step with its audit entry.

The check and the bureau's steps both come through ``write_case``, so every step
has its row in ``EnforcementStep`` (the supplier's page and the council report read
those) and its entry in the audit log, in the transaction of the change.
"""

from datetime import date
from decimal import Decimal

from peewee import fn

from ..domain import enforcement as rules
from ..enforcement.models import EnforcementCase, EnforcementStep
from ..models import Clause, Contract, utcnow
from . import audit


def _euros(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents).scaleb(-2)


def _cents(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount * 100)


def _date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def as_case(row: EnforcementCase) -> rules.Case:
    return rules.Case(
        row.step,
        _date(row.opened_on),
        _date(row.since),
        _date(row.remedial_until),
        _euros(row.amount_cents),
        row.reason,
        row.id,
    )


def latest_cases(where) -> dict[int, rules.Case]:
    """The latest case (open or ended) of each clause of the contracts matching ``where``."""
    latest = (
        EnforcementCase.select(fn.MAX(EnforcementCase.id))
        .join(Clause)
        .join(Contract)
        .where(where)
        .group_by(EnforcementCase.clause)
    )
    return {
        row.clause_id: as_case(row)
        for row in EnforcementCase.select().where(EnforcementCase.id.in_(latest))
    }


def imposed_amounts(where) -> dict[int, list[Decimal]]:
    """Every amount imposed so far, per contract id (the cap counts them)."""
    found: dict[int, list[Decimal]] = {}
    query = (
        EnforcementCase.select(Clause.contract, EnforcementCase.amount_cents)
        .join(Clause)
        .join(Contract)
        .where((EnforcementCase.step == rules.IMPOSED) & where)
        .tuples()
    )
    for contract_id, cents in query:
        found.setdefault(contract_id, []).append(_euros(cents))
    return found


def write_case(
    clause_id: int,
    before: rules.Case | None,
    after: rules.Case,
    actor: str,
    context: dict,
    new_step: bool = True,
) -> int:
    """Store the case after a step (or, with ``new_step`` False, its recomputed amount).

    A case whose ``before`` is None or ended is a new case. Returns the case id.
    """
    now = utcnow()
    fields = dict(
        step=after.step,
        since=after.since,
        remedial_until=after.remedial_until,
        amount_cents=_cents(after.amount),
        reason=after.reason,
        updated_at=now,
    )
    if before is None or not before.is_open or before.id is None:
        case_id = EnforcementCase.create(clause=clause_id, opened_on=after.opened_on, **fields).id
        old_step = None
    else:
        case_id = before.id
        EnforcementCase.update(**fields).where(EnforcementCase.id == case_id).execute()
        old_step = before.step
    changes = {
        **context,
        "step": [old_step, after.step],
        "since": after.since,
        "remedial_until": after.remedial_until,
        "amount": after.amount,
    }
    if before is not None and before.amount != after.amount and old_step is not None:
        changes["amount"] = [before.amount, after.amount]
    if after.reason and new_step:
        changes["reason"] = after.reason
    if new_step:
        EnforcementStep.create(
            case=case_id,
            step=after.step,
            on=after.since,
            remedial_until=after.remedial_until,
            amount_cents=_cents(after.amount),
            reason=after.reason,
            actor=actor,
            at=now,
        )
    contract = Clause.select(Clause.contract).where(Clause.id == clause_id).scalar()
    audit.record(
        actor,
        after.step if new_step else "amount",
        "enforcement_case",
        case_id,
        changes,
        contract=contract,
    )
    return case_id


def steps_of(clause_ids) -> dict[int, list[EnforcementStep]]:
    """Every step of the cases of these clauses, oldest first, per clause id."""
    found: dict[int, list[EnforcementStep]] = {}
    if not clause_ids:
        return found
    query = (
        EnforcementStep.select(EnforcementStep, EnforcementCase)
        .join(EnforcementCase)
        .where(EnforcementCase.clause.in_(list(clause_ids)))
        .order_by(EnforcementStep.id)
    )
    for step in query:
        found.setdefault(step.case.clause_id, []).append(step)
    return found
