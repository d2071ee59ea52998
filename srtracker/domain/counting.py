"""Which report counts, which of its rows count, and what they realise (compliance.md).

Per-row work is kept to comparisons and one Decimal multiply-add: the check runs
over every row of every contract's counting report.
"""

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext
from fractions import Fraction
from typing import Any

from . import signoff
from .contracts import Clause, code_key
from .contributions import Contribution
from .periods import Period, edate

TYPE_NOT_ACCEPTED = "type_not_accepted"
INELIGIBLE_GROUP = "ineligible_group"
BEFORE_CLAUSE_START = "before_clause_start"
AFTER_DEADLINE = "after_deadline"
BELOW_MIN_HOURS = "below_min_hours"
ENDED_EARLY = "ended_early"
REJECTED_BY_BUREAU = signoff.REJECTED_BY_BUREAU
NOT_APPROVED = signoff.NOT_APPROVED
APPROVAL_LAPSED = signoff.APPROVAL_LAPSED
COUNTED_IN_OTHER_CONTRACT = "counted_in_other_contract"
EXCLUSION_REASONS = (
    TYPE_NOT_ACCEPTED,
    INELIGIBLE_GROUP,
    BEFORE_CLAUSE_START,
    AFTER_DEADLINE,
    BELOW_MIN_HOURS,
    ENDED_EARLY,
    REJECTED_BY_BUREAU,
    NOT_APPROVED,
    APPROVAL_LAPSED,
    COUNTED_IN_OTHER_CONTRACT,
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
    """A row of the counting report that does not count, and why."""

    row: Contribution
    reason: str


def counting_report(reports: Iterable[AcceptedReport], as_of: date) -> AcceptedReport | None:
    """The accepted report with the latest period ending on or before D; the newest upload wins."""
    ended = [r for r in reports if r.period.end <= as_of]
    return max(ended, key=lambda r: (r.period.end, r.newest)) if ended else None


def _refusals(refused: Mapping[str, str] | AbstractSet[str]) -> Mapping[str, str]:
    """A bare set of candidate keys reads as the bureau's rejections."""
    if isinstance(refused, Mapping):
        return refused
    return dict.fromkeys(refused, REJECTED_BY_BUREAU)


def exclusion_reason(
    clause: Clause,
    row: Contribution,
    reporting_date: date,
    refused: Mapping[str, str] | AbstractSet[str] = frozenset(),
    elsewhere: AbstractSet[int] = frozenset(),
) -> str | None:
    """The first condition of compliance.md "Which rows count" that the row fails, or None.

    ``refused`` gives condition 6's reason per candidate key (trimmed,
    casefolded; ``ClauseSignOff.refusals``), or is the set of keys the bureau
    rejected. ``elsewhere`` holds the row numbers whose every day the bureau
    gave to another contract (sign-off.md, the person ledger): excluded last.
    """
    _, excluded = split_rows(clause, (row,), reporting_date, refused, elsewhere)
    return excluded[0].reason if excluded else None


def split_rows(
    clause: Clause,
    rows: Iterable[Contribution],
    reporting_date: date,
    refused: Mapping[str, str] | AbstractSet[str] = frozenset(),
    elsewhere: AbstractSet[int] = frozenset(),
) -> tuple[tuple[Contribution, ...], tuple[Excluded, ...]]:
    """The clause's rows that count, and every other one with its reason, in row order:
    the conditions of compliance.md "Which rows count" in their order (exclusion_reason
    is this for one row). Conditions 1-5 on the row alone written out in the loop, the
    clause's terms looked up once: a million rows a check, a call a row saved."""
    counting, excluded = [], []
    refused = _refusals(refused)
    accepts, groups = clause.accepts, clause.eligible_groups
    start, deadline = clause.start, clause.deadline
    min_hours, min_months = clause.min_hours_per_week, clause.min_duration_months
    for row in rows:
        if row.type not in accepts:
            reason = TYPE_NOT_ACCEPTED
        elif groups and row.target_group not in groups:
            reason = INELIGIBLE_GROUP
        elif row.start_date < start:
            reason = BEFORE_CLAUSE_START
        elif row.start_date > deadline:
            reason = AFTER_DEADLINE
        elif min_hours is not None and (
            row.hours_per_week is None or row.hours_per_week < min_hours
        ):
            reason = BELOW_MIN_HOURS
        elif (
            min_months
            and row.end_date is not None
            and row.end_date <= reporting_date
            and row.end_date < edate(row.start_date, min_months) - _ONE_DAY
        ):
            reason = ENDED_EARLY
        else:
            reason = None
        if reason is None and refused:
            reason = refused.get(row.candidate_key)
        if reason is None and row.row in elsewhere:
            reason = COUNTED_IN_OTHER_CONTRACT
        if reason is None:
            counting.append(row)
        else:
            excluded.append(Excluded(row, reason))
    return tuple(counting), tuple(excluded)


def last_day(clause: Clause, row: Contribution, reporting_date: date) -> date:
    """A row's days end at the earliest of its end date, E and the clause's deadline."""
    last = min(reporting_date, clause.deadline)
    if row.end_date is not None and row.end_date < last:
        last = row.end_date
    return last


def counted_days(clause: Clause, row: Contribution, reporting_date: date) -> int:
    """Calendar days from the start to the earliest of end, E and deadline, both included."""
    return _days_until(min(reporting_date, clause.deadline), row)


def _days_until(last: date, row: Contribution) -> int:
    """counted_days with the earlier of E and the deadline worked out once per clause."""
    end = row.end_date
    if end is not None and end < last:
        last = end
    days = (last - row.start_date).days + 1
    return days if days > 0 else 0


def realised_persons(counting: Iterable[Contribution]) -> Fraction:
    return Fraction(len({row.candidate_key for row in counting}))


def realised_hours(
    clause: Clause,
    counting: Iterable[Contribution],
    reporting_date: date,
    cut: Mapping[int, int] | None = None,
) -> Fraction:
    """Sum of hours_per_week * days / 7, dividing once so the result stays exact.

    ``cut`` takes days off rows by row number: the days the bureau gave to
    another contract (sign-off.md, the bureau's decision on a double count).
    """
    return Fraction(week_days(clause, counting, reporting_date, cut)) / 7


def week_days(
    clause: Clause,
    counting: Iterable[Contribution],
    reporting_date: date,
    cut: Mapping[int, int] | None = None,
) -> Decimal:
    """Sum of hours_per_week * days, exact: seven times the realised hours. Sums of it
    over many clauses divide once (the export's totals per type and group)."""
    cut = cut or {}
    last = min(reporting_date, clause.deadline)
    total = Decimal(0)
    with localcontext(_EXACT):
        for row in counting:
            hours = row.hours_per_week
            if hours is not None:
                total += hours * (_days_until(last, row) - cut.get(row.row, 0))
    return total


def exact_context():
    """A context (``with exact_context():``) where Decimal sums and products of hours
    and days are exact, whatever the digits, as ``week_days`` computes them."""
    return localcontext(_EXACT)


def add_exact(first: Decimal, second: Decimal) -> Decimal:
    """``first + second`` without rounding, whatever the digits."""
    return _EXACT.add(first, second)


def rejected_by_clause(rejections: Iterable[tuple[str, str]]) -> Mapping[str, frozenset[str]]:
    """(clause code, candidate_ref) pairs as candidate keys per clause key."""
    grouped: dict[str, set[str]] = {}
    for clause_code, candidate_ref in rejections:
        grouped.setdefault(code_key(clause_code), set()).add(code_key(candidate_ref))
    return {code: frozenset(refs) for code, refs in grouped.items()}
