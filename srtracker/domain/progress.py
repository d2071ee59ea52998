"""Each clause's progress over time, for the chart on the contract page.

One point per reporting period that has an accepted report: the check of
compliance.md run as of that period's end, so E is the period's end and the
counting report is that period's newest upload. Realised and expected come from
``check_contract`` itself, so the chart can never disagree with the rules.

The bureau's rejections and approvals are the ones active now (a rejection holds for later
reports too, and no history of withdrawn ones is kept), so an old point may be
lower than the status stored back then if a candidate was rejected since.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .compliance import check_contract
from .contracts import Clause, Contract
from .contributions import Contribution
from .counting import AcceptedReport, counting_report
from .expectation import expected_at
from .periods import Period
from .signoff import Approval


@dataclass(frozen=True)
class ProgressPoint:
    period: str
    reporting_date: date
    realised: Fraction | None  # None for a clause that cannot be valued yet (euros)
    expected: Fraction | None
    target: Decimal


def period_reports(reports: Iterable[AcceptedReport]) -> list[AcceptedReport]:
    """The newest accepted upload of each period, oldest period first: the reports to load."""
    by_period: dict[Period, list[AcceptedReport]] = {}
    for report in reports:
        by_period.setdefault(report.period, []).append(report)
    newest = (counting_report(uploads, period.end) for period, uploads in sorted(by_period.items()))
    return [report for report in newest if report is not None]


def progress_series(
    contract: Contract,
    reports: Iterable[AcceptedReport],
    rows: Mapping[int, Sequence[Contribution]],
    rejections: Iterable[tuple[str, str]],
    approvals: Iterable[tuple[str, str, Approval]] = (),
    policy: str | None = None,
) -> dict[str, list[ProgressPoint]]:
    """Per clause code, a point per period with an accepted report, in period order.

    ``rows`` holds the rows of (at least) each ``period_reports(reports)`` report
    by report id; ``rejections`` the bureau's active (clause code, candidate_ref),
    ``approvals`` its active approvals and ``policy`` the contract's counting policy
    (sign-off.md), as the check takes them.
    """
    reports, rejections, approvals = tuple(reports), tuple(rejections), tuple(approvals)
    series: dict[str, list[ProgressPoint]] = {c.code: [] for c in contract.clauses}
    for report in period_reports(reports):
        end = report.period.end
        check = check_contract(
            contract,
            reports,
            rows.get(report.report_id, ()),
            rejections,
            end,
            approvals=approvals,
            policy=policy,
        )
        for result in check.clauses:
            series[result.code].append(
                ProgressPoint(
                    report.period.key, end, result.realised, result.expected, result.target
                )
            )
    return series


def as_stored(
    series: dict[str, list[ProgressPoint]], stored: Mapping[str, tuple[str | None, Fraction | None]]
) -> dict[str, list[ProgressPoint]]:
    """Each clause's point of its counting report with the realised figure the check stored
    (``stored``: clause code -> (report period, realised)): only the check applies the person
    ledger (days given to another contract, the cap across contracts), as of its date."""
    return {
        code: [
            replace(point, realised=stored[code][1])
            if code in stored
            and stored[code][0] == point.period
            and stored[code][1] is not None
            and point.realised is not None
            else point
            for point in points
        ]
        for code, points in series.items()
    }


def plan_line(clause: Clause) -> list[tuple[date, Fraction]]:
    """The expected curve as points: start, each milestone, deadline (for drawing it whole)."""
    days = sorted({clause.start, *(m.date for m in clause.milestones), clause.deadline})
    return [(day, expected_at(clause, day)) for day in days]
