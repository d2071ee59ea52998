"""Load one contract's reports for the progress chart, with the loaders of the stored check.

Five or six queries per contract page whatever the number of periods: the
contract, its accepted reports, the rows of each period's newest upload, and
the bureau's rejections, approvals and the counting policy. The figures come from domain.progress.
"""

from dataclasses import dataclass
from fractions import Fraction

from markupsafe import Markup

from ..domain.contracts import Clause as DomainClause
from ..domain.progress import (
    ProgressPoint,
    as_stored,
    period_reports,
    plan_line,
    progress_series,
)
from ..models import Clause, ClauseStatus, Contract
from ..store import signoff
from ..store.checks import accepted_reports, active_rejections, report_rows
from ..store.contracts import to_domain_many
from .chart import progress_svg


@dataclass(frozen=True)
class ClauseChart:
    clause: DomainClause
    points: list[ProgressPoint]
    svg: Markup


def contract_charts(contract_row: Contract) -> dict[str, ClauseChart]:
    """Per clause code (as stored), its progress points and their chart."""
    where = Contract.id == contract_row.id
    contract = to_domain_many(where)[contract_row.id]
    reports = accepted_reports(where, {contract_row.id: contract}).get(contract_row.id, [])
    codes = dict(
        Clause.select(Clause.id, Clause.code).where(Clause.contract == contract_row.id).tuples()
    )
    rows = report_rows([r.report_id for r in period_reports(reports)], codes)
    rejections = active_rejections(where).get(contract_row.id, ())
    series = progress_series(
        contract,
        reports,
        rows,
        rejections,
        signoff.approvals(where).get(contract_row.id, ()),
        signoff.policies(where).get(contract_row.id),
    )
    stored = {
        code: (period, None if realised is None else Fraction(realised))
        for code, period, realised in Clause.select(
            Clause.code, ClauseStatus.report_period, ClauseStatus.realised
        )
        .join(ClauseStatus)
        .where(Clause.contract == contract_row.id)
        .tuples()
    }
    series = as_stored(series, stored)
    return {
        clause.code: ClauseChart(
            clause,
            series[clause.code],
            progress_svg(clause, series[clause.code], plan_line(clause)),
        )
        for clause in contract.clauses
        if not clause.composite
    }  # a composite has no curve: its page lists its branches
