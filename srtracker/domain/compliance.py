"""The compliance check of one contract as of a date D (compliance.md).

The DB layer loads, per contract, its accepted reports, picks the counting
report with ``counting_report`` and loads only that report's rows, then calls
``check_contract`` and stores what it returns. Everything here is exact
(Fraction and Decimal); round only to show.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .composite import branches_met, composite_status, evaluation_order
from .contracts import Clause, Contract, code_key
from .contributions import Contribution
from .counting import (
    AcceptedReport,
    Excluded,
    counting_report,
    realised_hours,
    realised_persons,
    rejected_by_clause,
    split_rows,
)
from .expectation import expected_at
from .periods import Period, period_containing
from .status import DEFAULT_AT_RISK_RATIO, clause_status, overdue_periods
from .valuation import ClauseValuation, valuation_for

Valuation = Callable[
    [Clause, tuple[Contribution, ...], date], "Fraction | Decimal | ClauseValuation"
]
"""Realised euros of a clause from its counting rows at E.

A ``ClauseValuation`` (valuation.TableValuation) also explains each row's value;
without a hook, a contract that pins a valuation table is valued by that table.
"""


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
    valuation: ClauseValuation | None = None  # euros: each counting row's value
    branches: tuple["ClauseResult", ...] = ()  # all_of / any_of: the branches' results
    # Realised at E' = the earlier of E and the deadline: what an amount due is judged on
    # (enforcement.md); equal to ``realised`` unless E lies after the deadline.
    realised_by_deadline: Fraction | None = None

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


def realised_at(
    clause: Clause,
    counting: tuple[Contribution, ...],
    reporting_date: date,
    valuation: Valuation | None = None,
) -> Fraction | None:
    """Realised in the clause's measure; None for euros without a valuation, and for a
    composite (its realised follows from its branches' statuses)."""
    if clause.measure == "persons":
        return realised_persons(counting)
    if clause.measure == "hours":
        return realised_hours(clause, counting, reporting_date)
    if clause.composite or valuation is None:
        return None
    return euros(valuation(clause, counting, reporting_date))


def euros(valued: "Fraction | Decimal | ClauseValuation") -> Fraction:
    """What a valuation hook returned, as the realised figure."""
    return Fraction(valued.total if isinstance(valued, ClauseValuation) else valued)


def _realised_by_deadline(clause: Clause, rows, rejected, valuation) -> Fraction | None:
    """Realised with the rows and their exclusion reasons judged at the deadline (E')."""
    counting, _excluded = split_rows(clause, rows, clause.deadline, rejected)
    if clause.measure == "euros":
        return euros(valuation(clause, counting, clause.deadline))
    return realised_at(clause, counting, clause.deadline)


def check_contract(
    contract: Contract,
    reports: Iterable[AcceptedReport],
    rows: Iterable[Contribution],
    rejections: Iterable[tuple[str, str]],
    as_of: date,
    at_risk_ratio: Decimal = DEFAULT_AT_RISK_RATIO,
    valuation: Valuation | None = None,
) -> ContractCheck:
    """Every clause of one (non-archived) contract as of D.

    ``reports`` are the contract's accepted uploads, ``rows`` the rows of
    ``counting_report(reports, as_of)`` (ignored when none counts), and
    ``rejections`` the bureau's active (clause code, candidate_ref) rejections.
    Without ``valuation``, euros clauses are valued by the contract's pinned table
    (none: ``not_evaluated``). Composite clauses are decided after their branches.
    """
    if valuation is None:
        valuation = valuation_for(contract)
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
    period_key = report.period.key if report else None
    results: dict[str, ClauseResult] = {}
    for clause in contract.clauses:
        key = code_key(clause.code)
        counting, excluded = (), ()
        if report is not None:
            counting, excluded = split_rows(
                clause, rows_by_clause.get(key, ()), reporting_date, rejected.get(key, frozenset())
            )
        if clause.composite:
            results[key] = ClauseResult(
                contract.reference,
                clause,
                "",
                None,
                None,
                period_key,
                reporting_date,
                counting,
                excluded,
            )
            continue
        realised = expected = valued = None
        if clause.measure != "euros" or valuation is not None:
            realised, expected = Fraction(0), expected_at(clause, reporting_date)
            if report is not None and clause.measure == "euros":
                valued = valuation(clause, counting, reporting_date)
                realised = euros(valued)
            elif report is not None:
                realised = realised_at(clause, counting, reporting_date)
        deadline_overdue = (
            period_containing(contract.reporting, clause.deadline).key in overdue_keys
        )
        status = clause_status(
            clause, as_of, reporting_date, realised, expected, deadline_overdue, at_risk_ratio
        )
        by_deadline = realised
        if reporting_date is not None and reporting_date > clause.deadline and realised is not None:
            by_deadline = _realised_by_deadline(
                clause, rows_by_clause.get(key, ()), rejected.get(key, frozenset()), valuation
            )
        results[key] = ClauseResult(
            contract.reference,
            clause,
            status,
            realised,
            expected,
            period_key,
            reporting_date,
            counting,
            excluded,
            valued if isinstance(valued, ClauseValuation) else None,
            realised_by_deadline=by_deadline,
        )
    for clause in evaluation_order(contract.clauses):
        key = code_key(clause.code)
        branches = tuple(results[code_key(code)] for code in clause.branches)
        statuses = [b.status for b in branches]
        results[key] = replace(
            results[key],
            status=composite_status(clause, as_of, statuses),
            realised=branches_met(statuses),
            branches=branches,
        )
    return ContractCheck(
        contract.reference,
        as_of,
        report,
        overdue,
        tuple(results[code_key(c.code)] for c in contract.clauses),
    )
