"""Which report counts, which of its rows count, and what they realise (compliance.md).

Per-row work is kept to comparisons and one Decimal multiply-add: the check runs
over every row of every contract's counting report.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext
from fractions import Fraction
from typing import Any

from .contracts import Clause, code_key
from .contributions import Contribution
from .periods import Period, edate

TYPE_NOT_ACCEPTED = "type_not_accepted"
INELIGIBLE_GROUP = "ineligible_group"
BEFORE_CLAUSE_START = "before_clause_start"
AFTER_DEADLINE = "after_deadline"
BELOW_MIN_HOURS = "below_min_hours"
ENDED_EARLY = "ended_early"
REJECTED_BY_BUREAU = "rejected_by_bureau"
EXCLUSION_REASONS = (
    TYPE_NOT_ACCEPTED,
    INELIGIBLE_GROUP,
    BEFORE_CLAUSE_START,
    AFTER_DEADLINE,
    BELOW_MIN_HOURS,
    ENDED_EARLY,
    REJECTED_BY_BUREAU,
)

_ONE_DAY = timedelta(days=1)
# Unbounded precision: sums and products of Decimals are then exact, whatever
# digits the importer produced.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


@dataclass(frozen=True)
class AcceptedReport:
    """An accepted upload, as far as choosing the counting report needs it.

    ``newest`` orders uploads of the same period (larger is newer), e.g.
    ``(accepted_at, report_id)``; it plays no other part.
    """

    report_id: int
    period: Period
    newest: Any = 0


@dataclass(frozen=True)
class Excluded:
    row: Contribution
    reason: str


def counting_report(reports: Iterable[AcceptedReport], as_of: date) -> AcceptedReport | None:
    """The accepted report with the latest period ending on or before D; the newest upload wins."""
    ended = [r for r in reports if r.period.end <= as_of]
    return max(ended, key=lambda r: (r.period.end, r.newest)) if ended else None


def exclusion_reason(
    clause: Clause, row: Contribution, reporting_date: date, rejected: frozenset[str] = frozenset()
) -> str | None:
    """The first condition of compliance.md "Which rows count" that the row fails, or None.

    ``rejected`` holds the candidate keys (trimmed, casefolded) the bureau
    rejected for this clause.
    """
    if row.type not in clause.accepts:
        return TYPE_NOT_ACCEPTED
    if clause.eligible_groups and row.target_group not in clause.eligible_groups:
        return INELIGIBLE_GROUP
    if row.start_date < clause.start:
        return BEFORE_CLAUSE_START
    if row.start_date > clause.deadline:
        return AFTER_DEADLINE
    if clause.min_hours_per_week is not None and (
        row.hours_per_week is None or row.hours_per_week < clause.min_hours_per_week
    ):
        return BELOW_MIN_HOURS
    if (
        clause.min_duration_months
        and row.end_date is not None
        and row.end_date <= reporting_date
        and row.end_date < edate(row.start_date, clause.min_duration_months) - _ONE_DAY
    ):
        return ENDED_EARLY
    if rejected and row.candidate_key in rejected:
        return REJECTED_BY_BUREAU
    return None


def split_rows(
    clause: Clause,
    rows: Iterable[Contribution],
    reporting_date: date,
    rejected: frozenset[str] = frozenset(),
) -> tuple[tuple[Contribution, ...], tuple[Excluded, ...]]:
    """The clause's rows that count, and every other one with its reason, in row order."""
    counting, excluded = [], []
    for row in rows:
        reason = exclusion_reason(clause, row, reporting_date, rejected)
        if reason is None:
            counting.append(row)
        else:
            excluded.append(Excluded(row, reason))
    return tuple(counting), tuple(excluded)


def counted_days(clause: Clause, row: Contribution, reporting_date: date) -> int:
    """Calendar days from the start to the earliest of end, E and deadline, both included."""
    last = min(reporting_date, clause.deadline)
    if row.end_date is not None and row.end_date < last:
        last = row.end_date
    return max((last - row.start_date).days + 1, 0)


def realised_persons(counting: Iterable[Contribution]) -> Fraction:
    return Fraction(len({row.candidate_key for row in counting}))


def realised_hours(
    clause: Clause, counting: Iterable[Contribution], reporting_date: date
) -> Fraction:
    """Sum of hours_per_week * days / 7, dividing once so the result stays exact."""
    with localcontext(_EXACT):
        week_days = sum(
            (
                row.hours_per_week * counted_days(clause, row, reporting_date)
                for row in counting
                if row.hours_per_week is not None
            ),
            Decimal(0),
        )
    return Fraction(week_days) / 7


def rejected_by_clause(rejections: Iterable[tuple[str, str]]) -> Mapping[str, frozenset[str]]:
    """(clause code, candidate_ref) pairs as candidate keys per clause key."""
    grouped: dict[str, set[str]] = {}
    for clause_code, candidate_ref in rejections:
        grouped.setdefault(code_key(clause_code), set()).add(code_key(candidate_ref))
    return {code: frozenset(refs) for code, refs in grouped.items()}
