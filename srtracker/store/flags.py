"""Writes of flags outside the check: the bureau's follow-up, and an import's resolutions.

Each function runs inside the caller's transaction (a service in srtracker/services/)
and writes its audit entry beside the change.
"""

from datetime import date

from ..compliance.models import FlagSuppression
from ..domain import flag_rules
from ..domain.periods import parse_period
from ..domain.status import covered
from ..models import Contract, Flag, utcnow
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
