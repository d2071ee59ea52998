"""The compliance check of one contract as of a date D (compliance.md).

The DB layer loads, per contract, its accepted reports, picks the counting
report with ``counting_report`` and loads only that report's rows, then calls
``check_contract`` and stores what it returns. Everything here is exact
(Fraction and Decimal); round only to show.
"""
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .contracts import Clause
from .contracts import Contract
from .contracts import code_key
from .contributions import Contribution
from .counting import AcceptedReport
from .counting import Excluded
from .counting import counting_report
from .counting import realised_hours
from .counting import realised_persons
from .counting import rejected_by_clause
from .counting import split_rows
from .expectation import expected_at
from .periods import Period
from .periods import period_containing
from .status import DEFAULT_AT_RISK_RATIO
from .status import clause_status
from .status import overdue_periods

Valuation = Callable[[Clause, tuple[Contribution, ...], date], Fraction | Decimal]
"""Realised euros of a clause from its counting rows at E; the seam for the valuation issue."""


@dataclass(frozen=True)
class ClauseResult:
    contract: str
    clause: Clause
    status: str
    realised: Fraction | None
    expected: Fraction | None
    report_period: str | None
    reporting_date: date | None
    counting: tuple[Contribution, ...]
    excluded: tuple[Excluded, ...]

    @property
    def code(self) -> str:
        return self.clause.code

    @property
    def measure(self) -> str:
        return self.clause.measure

    @property
    def target(self) -> Decimal:
        return self.clause.target


@dataclass(frozen=True)
class ContractCheck:
    contract: str
    as_of: date
    counting: AcceptedReport | None
    overdue: tuple[Period, ...]
    clauses: tuple[ClauseResult, ...]


def realised_at(clause: Clause, counting: tuple[Contribution, ...], reporting_date: date,
                valuation: Valuation | None = None) -> Fraction | None:
    """Realised in the clause's measure; None for euros until a valuation is plugged in."""
    if clause.measure == "persons":
        return realised_persons(counting)
    if clause.measure == "hours":
        return realised_hours(clause, counting, reporting_date)
    return None if valuation is None else Fraction(valuation(clause, counting, reporting_date))


def check_contract(contract: Contract, reports: Iterable[AcceptedReport],
                   rows: Iterable[Contribution], rejections: Iterable[tuple[str, str]],
                   as_of: date, at_risk_ratio: Decimal = DEFAULT_AT_RISK_RATIO,
                   valuation: Valuation | None = None) -> ContractCheck:
    """Every clause of one (non-archived) contract as of D.

    ``reports`` are the contract's accepted uploads, ``rows`` the rows of
    ``counting_report(reports, as_of)`` (ignored when none counts), and
    ``rejections`` the bureau's active (clause code, candidate_ref) rejections.
    """
    reports = tuple(reports)
    report = counting_report(reports, as_of)
    reporting_date = report.period.end if report else None
    overdue = overdue_periods(contract, (r.period for r in reports), as_of)
    overdue_keys = {p.key for p in overdue}
    rows_by_clause: dict[str, list[Contribution]] = {}
    if report is not None:
        for row in rows:
            rows_by_clause.setdefault(code_key(row.clause), []).append(row)
    rejected = rejected_by_clause(rejections)
    results = []
    for clause in contract.clauses:
        key = code_key(clause.code)
        counting, excluded = (), ()
        if report is not None:
            counting, excluded = split_rows(clause, rows_by_clause.get(key, ()), reporting_date,
                                            rejected.get(key, frozenset()))
        realised = expected = None
        if clause.measure != "euros" or valuation is not None:
            realised = (Fraction(0) if report is None
                        else realised_at(clause, counting, reporting_date, valuation))
            expected = expected_at(clause, reporting_date)
        deadline_overdue = period_containing(contract.reporting, clause.deadline).key in overdue_keys
        status = clause_status(clause, as_of, reporting_date, realised, expected,
                               deadline_overdue, at_risk_ratio)
        results.append(ClauseResult(contract.reference, clause, status, realised, expected,
                                    report.period.key if report else None, reporting_date,
                                    counting, excluded))
    return ContractCheck(contract.reference, as_of, report, overdue, tuple(results))
