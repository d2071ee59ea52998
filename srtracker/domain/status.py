"""Clause status and overdue reports (compliance.md, "Status" and "Flags")."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .contracts import Clause, Contract
from .periods import Period, contract_periods, due_date, parse_period
from .text import N_

NOT_STARTED = "not_started"
NOT_EVALUATED = "not_evaluated"
MET = "met"
FAILED = "failed"
NO_REPORT = "no_report"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
BEHIND = "behind"
STATUSES = (NOT_STARTED, NOT_EVALUATED, MET, FAILED, NO_REPORT, ON_TRACK, AT_RISK, BEHIND)
# How a status reads (Dutch msgids); pages, explanations and the export all use these.
STATUS_LABELS = {
    NOT_STARTED: N_("nog niet begonnen"),
    NOT_EVALUATED: N_("niet beoordeeld"),
    MET: N_("gehaald"),
    FAILED: N_("niet gehaald"),
    NO_REPORT: N_("geen rapportage"),
    ON_TRACK: N_("op schema"),
    AT_RISK: N_("risico"),
    BEHIND: N_("achter"),
}

DEFAULT_AT_RISK_RATIO = Decimal("0.8")


def clause_status(
    clause: Clause,
    as_of: date,
    reporting_date: date | None,
    realised: Fraction | None,
    expected: Fraction | None,
    deadline_report_overdue: bool,
    at_risk_ratio: Decimal = DEFAULT_AT_RISK_RATIO,
) -> str:
    """The first row of the status table that applies.

    ``realised``/``expected`` are None for a clause that cannot be valued yet
    (``euros``); a share of the invoiced turnover with nothing invoiced yet cannot be
    judged either (``Clause.awaiting_invoiced``). ``reporting_date`` (E) is None without a
    counting report;
    ``deadline_report_overdue`` says whether the period holding the deadline
    is among the overdue periods.
    """
    if as_of < clause.start:
        return NOT_STARTED
    if realised is None or expected is None or clause.awaiting_invoiced:
        return NOT_EVALUATED
    if realised >= Fraction(clause.target):
        return MET
    if as_of > clause.deadline and (
        (reporting_date is not None and reporting_date >= clause.deadline)
        or deadline_report_overdue
    ):
        return FAILED
    if reporting_date is None:
        return NO_REPORT
    if realised >= expected:
        return ON_TRACK
    if realised >= Fraction(at_risk_ratio) * expected:
        return AT_RISK
    return BEHIND


def overdue_periods(
    contract: Contract, accepted_period_keys: Iterable[str | Period], as_of: date
) -> tuple[Period, ...]:
    """Periods whose report was due before D with no accepted report for them or a later period.

    Due is the period end plus ``report_due_days``; overdue from the day after.
    Keys that do not name a period of the contract's frequency are ignored.
    """
    accepted = [
        key if isinstance(key, Period) else parse_period(contract.reporting, key)
        for key in accepted_period_keys
    ]
    latest = max((p.end for p in accepted if p is not None), default=None)
    return tuple(
        p
        for p in contract_periods(contract.reporting, contract.start, contract.end)
        if is_overdue(p, contract.report_due_days, latest, as_of)
    )


def covered(period: Period, latest_accepted_end: date | None) -> bool:
    """A report for the period or a later one was accepted: none is owed for it any more."""
    return latest_accepted_end is not None and latest_accepted_end >= period.end


def is_overdue(
    period: Period, report_due_days: int, latest_accepted_end: date | None, as_of: date
) -> bool:
    """The rule of compliance.md: due at the period end plus ``report_due_days``, overdue
    from the day after, unless covered. The check and the reporting calendar both ask here."""
    return not covered(period, latest_accepted_end) and due_date(period, report_due_days) < as_of
