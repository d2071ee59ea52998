"""Writes of flags outside the check: the bureau's follow-up, and an import's resolutions.

Each function runs inside the caller's transaction (a service in srtracker/services/)
and writes its audit entry beside the change.
"""

from datetime import date

from peewee import JOIN, Case, fn

from ..compliance.models import FlagSuppression
from ..db import db
from ..domain import flag_rules
from ..domain.periods import parse_period
from ..domain.status import covered
from ..models import Clause, Contract, Flag, Organisation, utcnow
from . import audit
from .checks import OPEN_STATES

HAND_CLOSED_STATES = ("resolved", "waived")


class FlagClosed(ValueError):
    """The flag is no longer open or acknowledged: nothing was changed."""


def _rule_flag(row: Flag) -> flag_rules.Flag:
    return flag_rules.Flag(
        row.contract.reference,
        row.clause.code if row.clause else None,
        row.kind,
        row.period,
        row.id,
    )


def queue_counts(where) -> dict[tuple[str, str], int]:
    """Open and acknowledged flags per (kind, state) of the contracts matching ``where``
    (a condition on Contract): every total the queue's filters of kind and state need."""
    return {
        (kind, state): count
        for kind, state, count in Flag.select(Flag.kind, Flag.state, fn.COUNT(Flag.id))
        .join(Contract)
        .where(Flag.state.in_(OPEN_STATES) & where)
        .group_by(Flag.kind, Flag.state)
        .tuples()
    }


def queue_order(where, order: tuple[str, ...]) -> list[tuple[int, str, str, str, int]]:
    """(id, kind, state, the contract's reference_key and buyer id) of the open and
    acknowledged flags of the contracts matching ``where`` (a condition on Contract), in
    queue order: the kinds in ``order`` then any other, each oldest first (opened_as_of,
    id). Narrow rows (the partial index flag_queue, migrations/0140, holds the flag's
    columns), so the page's own rows are read by id, and the filters of buyer and reference
    can narrow the whole queue without another query (bureau/flag_pages.Queue)."""
    rank = Case(Flag.kind, [(k, n) for n, k in enumerate(order)], len(order))
    query = (
        Flag.select(Flag.id, Flag.kind, Flag.state, Contract.reference_key, Contract.buyer)
        .join(Contract)
        .where(Flag.state.in_(OPEN_STATES) & where)
        .order_by(rank, Flag.opened_as_of, Flag.id)
    )
    return db.execute_sql(*query.sql()).fetchall()  # plain values: no converter per cell


def newest_id() -> int:
    """The newest flag's id (0 for none): it moves with every flag opened."""
    return Flag.select(fn.MAX(Flag.id)).scalar() or 0


def queue_rows(ids: list[int]) -> list[tuple]:
    """The flags ``ids`` in the order given, as named tuples of what the queue shows: id,
    kind, state, period, opened_as_of, remedial_deadline, reference, archived_at (the
    contract's), buyer (its name) and clause (its code; None for a report_overdue flag).
    Plain rows: reading 50 flags with their contract, buyer and clause as models took a
    fifth of the page's time."""
    buyer = Organisation.alias()
    query = (
        Flag.select(
            Flag.id,
            Flag.kind,
            Flag.state,
            Flag.period,
            Flag.opened_as_of,
            Flag.remedial_deadline,
            Contract.reference,
            Contract.archived_at,
            buyer.name.alias("buyer"),
            Clause.code.alias("clause"),
        )
        .join(Contract)
        .join(buyer, on=(Contract.buyer == buyer.id))
        .switch(Flag)
        .join(Clause, JOIN.LEFT_OUTER)
        .where(Flag.id.in_(ids))
        .namedtuples()
    )
    found = {row.id: row for row in query} if ids else {}
    return [found[i] for i in ids if i in found]


def _contract_of(flag_id: int) -> int:
    """The flag's contract: the audit entry is seen by who may see that contract."""
    return Flag.select(Flag.contract).where(Flag.id == flag_id).scalar()


def close_by_hand(flag_id: int, state: str, reason: str, actor: str) -> Flag:
    """Resolved or waived by the bureau, with the suppression that keeps it closed."""
    if state not in HAND_CLOSED_STATES:
        raise ValueError(f"a flag is closed as resolved or waived, not {state!r}")
    flag = Flag.get_by_id(flag_id)
    if flag.state not in OPEN_STATES:
        raise FlagClosed(f"flag {flag_id} is already {flag.state}")
    old = flag.state
    Flag.update(state=state, closed_at=utcnow(), closed_reason=reason, closed_by_hand=True).where(
        Flag.id == flag.id
    ).execute()
    suppression = flag_rules.suppression_for(_rule_flag(flag))
    FlagSuppression.create(
        contract=flag.contract_id,
        clause=flag.clause_id,
        kind=suppression.kind,
        period=suppression.period,
        flag=flag.id,
    )
    audit.record(
        actor,
        "close",
        "flag",
        flag.id,
        {"state": [old, state], "reason": reason, "by_hand": True},
        contract=flag.contract_id,
    )
    return Flag.get_by_id(flag_id)


def acknowledge(flag_id: int, actor: str) -> bool:
    """Open -> acknowledged; False when the flag was not open."""
    changed = (
        Flag.update(state="acknowledged")
        .where((Flag.id == flag_id) & (Flag.state == "open"))
        .execute()
    )
    if changed:
        audit.record(
            actor,
            "acknowledge",
            "flag",
            flag_id,
            {"state": ["open", "acknowledged"]},
            contract=_contract_of(flag_id),
        )
    return bool(changed)


def add_comment(
    flag_id: int, author_id: int, text: str, actor: str, for_supplier: bool = False
) -> int:
    """A comment of the bureau; ``for_supplier``: the supplier sees it on its contract page."""
    from ..bureau.models import FlagComment  # importing bureau at load would import its pages

    comment = FlagComment.create(
        flag=flag_id, author=author_id, text=text, for_supplier=for_supplier
    )
    audit.record(
        actor,
        "comment",
        "flag",
        flag_id,
        {"comment": comment.id, "text": text, "for_supplier": for_supplier},
        contract=_contract_of(flag_id),
    )
    return comment.id


def set_remedial_deadline(flag_id: int, new: date | None, actor: str) -> tuple[Flag, bool]:
    """The flag as it was, and whether the deadline changed (only an open flag's does)."""
    current = Flag.get_by_id(flag_id)
    changed = current.state in OPEN_STATES and current.remedial_deadline != new
    if changed:
        Flag.update(remedial_deadline=new).where(Flag.id == flag_id).execute()
        audit.record(
            actor,
            "remedial_deadline",
            "flag",
            flag_id,
            {"remedial_deadline": [current.remedial_deadline, new]},
            contract=current.contract_id,
        )
    return current, changed


def resolve_overdue_up_to(contract_row: Contract, period_end: date, actor: str) -> list[int]:
    """Resolve report_overdue flags up to the period just accepted (an import's own answer).

    Returns the ids of the flags resolved.
    """
    resolved = []
    for flag in Flag.select().where(
        (Flag.contract == contract_row.id)
        & (Flag.kind == flag_rules.REPORT_OVERDUE)
        & Flag.state.in_(OPEN_STATES)
    ):
        period = parse_period(contract_row.reporting, flag.period or "")
        if period is None or not covered(period, period_end):
            continue
        reason = f"report for {flag.period} or a later period accepted"
        Flag.update(state="resolved", closed_at=utcnow(), closed_reason=reason).where(
            Flag.id == flag.id
        ).execute()
        audit.record(
            actor,
            "resolve",
            "flag",
            flag.id,
            {"state": [flag.state, "resolved"], "reason": reason, "trigger": "import"},
            contract=contract_row.id,
        )
        resolved.append(flag.id)
    return resolved
