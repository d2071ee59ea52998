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
from functools import partial
from typing import TYPE_CHECKING

from .composite import branches_met, composite_status, evaluation_order
from .contracts import Clause, Contract, code_key
from .contributions import Contribution
from .counting import (
    AcceptedReport,
    Excluded,
    counting_report,
    realised_hours,
    realised_persons,
    split_rows,
)
from .expectation import expected_at
from .ledger import LedgerOutcome
from .periods import Period, period_containing
from .signoff import ON_REPORT, PENDING_REASONS, Approval, ClauseSignOff, clause_sign_offs
from .status import DEFAULT_AT_RISK_RATIO, clause_status, overdue_periods

if TYPE_CHECKING:
    from .valuation import ClauseValuation

Valuation = Callable[
    [Clause, tuple[Contribution, ...], date], "Fraction | Decimal | ClauseValuation"
]
"""Realised euros of a clause from its counting rows at E.

A ``ClauseValuation`` (valuation.TableValuation) also explains each row's value;
without a hook, a contract that pins a valuation table is valued by that table.
"""


@dataclass(frozen=True)
class ClauseResult:
    """What the check decided for one clause as of a date, and from which rows."""

    contract: str
    clause: Clause
    status: str
    realised: Fraction | None
    expected: Fraction | None
    report_period: str | None
    reporting_date: date | None
    counting: tuple[Contribution, ...]
    excluded: tuple[Excluded, ...]
    valuation: "ClauseValuation | None" = None  # euros: each counting row's value
    branches: tuple["ClauseResult", ...] = ()  # all_of / any_of: the branches' results
    # Realised at E' = the earlier of E and the deadline: what an amount due is judged on
    # (enforcement.md); equal to ``realised`` unless E lies after the deadline.
    realised_by_deadline: Fraction | None = None
    pending: Fraction | None = None  # realised if every row awaiting approval counted
    policy: str = ON_REPORT
    cut: dict[int, int] | None = None  # days given to another contract, by row number

    @property
    def excluded_counts(self) -> dict[str, int]:
        """Rows that do not count, by reason (the reasons with rows only)."""
        counts: dict[str, int] = {}
        for excluded in self.excluded:
            counts[excluded.reason] = counts.get(excluded.reason, 0) + 1
        return counts

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
    """What the check decided for one contract as of a date."""

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
    cut: dict[int, int] | None = None,
) -> Fraction | None:
    """Realised in the clause's measure; None for euros without a valuation, and for a
    composite (its realised follows from its branches' statuses). ``cut``: days an hours
    row gave to another contract (the person ledger)."""
    if clause.measure == "persons":
        return realised_persons(counting)
    if clause.measure == "hours":
        return realised_hours(clause, counting, reporting_date, cut)
    if clause.composite or valuation is None:
        return None
    return euros(valuation(clause, counting, reporting_date))


def euros(valued: "Fraction | Decimal | ClauseValuation") -> Fraction:
    """What a valuation hook returned, as the realised figure."""
    from .valuation import ClauseValuation  # a hook ran: valued, or valuing, by a table

    return Fraction(valued.total if isinstance(valued, ClauseValuation) else valued)


def _explained(valued) -> "ClauseValuation | None":
    """The hook's ClauseValuation (it explains each row's value), else None."""
    if valued is None:
        return None
    from .valuation import ClauseValuation

    return valued if isinstance(valued, ClauseValuation) else None


def _pinned_valuation(contract: Contract):
    """The valuation by the contract's pinned table (valuation.valuation_for); None without
    one. The tables' modules (about 50 M instructions of import, issue 19) are imported
    only for a contract that pins a table."""
    if contract.valuation_table is None:
        return None
    from .valuation import valuation_for

    return valuation_for(contract)


def _realised_by_deadline(reference, clause: Clause, rows, sign_off, ledger, valuation):
    """Realised with the rows and their exclusion reasons judged at the deadline (E')."""
    counting, _excluded, cut = _split(reference, clause, rows, clause.deadline, sign_off, ledger)
    if clause.measure == "euros":
        return euros(valuation(clause, counting, clause.deadline))
    return realised_at(clause, counting, clause.deadline, cut=cut)


def _figures(clause, reported, counting, excluded, cut, reporting_date, valuation, by_deadline):
    """Realised, expected, the valuation, pending and realised at E' of a plain clause."""
    if clause.measure == "euros" and valuation is None:
        return None, None, None, None, None
    realised, expected, valued = Fraction(0), expected_at(clause, reporting_date), None
    if reported and clause.measure == "euros":
        valued = valuation(clause, counting, reporting_date)
        realised = euros(valued)
    elif reported:
        realised = realised_at(clause, counting, reporting_date, cut=cut)
    pending = realised
    awaiting = tuple(e.row for e in excluded if e.reason in PENDING_REASONS)
    if awaiting:
        pending = _pending(clause, counting, awaiting, reporting_date, valuation, cut)
    at_deadline = realised
    if reporting_date is not None and reporting_date > clause.deadline:
        at_deadline = by_deadline()
    return realised, expected, valued, pending, at_deadline


def _by_clause(rows: Iterable[Contribution]) -> dict[str, list[Contribution]]:
    """The rows per clause key, in row order; each distinct clause text keyed once."""
    rows = rows if isinstance(rows, list | tuple) else tuple(rows)
    by_text: dict[str, list[Contribution]] = {}
    for row in rows:
        by_text.setdefault(row.clause, []).append(row)
    keys = {text: code_key(text) for text in by_text}
    if len(set(keys.values())) == len(keys):
        return {keys[text]: group for text, group in by_text.items()}
    grouped: dict[str, list[Contribution]] = {}  # "SR1" and "sr1" in one report
    for row in rows:
        grouped.setdefault(keys[row.clause], []).append(row)
    return grouped


def check_contract(
    contract: Contract,
    reports: Iterable[AcceptedReport],
    rows: Iterable[Contribution],
    rejections: Iterable[tuple[str, str]],
    as_of: date,
    at_risk_ratio: Decimal = DEFAULT_AT_RISK_RATIO,
    valuation: Valuation | None = None,
    *,
    approvals: Iterable[tuple[str, str, Approval]] = (),
    policy: str | None = None,
    ledger: LedgerOutcome | None = None,
) -> ContractCheck:
    """Every clause of one (non-archived) contract as of D.

    ``reports`` are the contract's accepted uploads, ``rows`` the rows of
    ``counting_report(reports, as_of)`` (ignored when none counts), and
    ``rejections`` the bureau's active (clause code, candidate_ref) rejections,
    ``approvals`` its (clause code, candidate_ref, Approval) approvals. ``policy``
    is the counting policy (default: the contract file's, else ``on_report``);
    ``ledger`` the person ledger's effect (days given to other contracts).
    Without ``valuation``, euros clauses are valued by the contract's pinned table
    (none: ``not_evaluated``). Composite clauses are decided after their branches.
    """
    if valuation is None:
        valuation = _pinned_valuation(contract)
    reports = tuple(reports)
    report = counting_report(reports, as_of)
    reporting_date = report.period.end if report else None
    overdue = overdue_periods(contract, (r.period for r in reports), as_of)
    overdue_keys = {p.key for p in overdue}
    rows_by_clause = _by_clause(rows) if report is not None else {}
    policy = policy or contract.counting or ON_REPORT
    sign_offs = clause_sign_offs(policy, rejections, approvals)
    no_sign_off = ClauseSignOff(policy)
    period_key = report.period.key if report else None
    results: dict[str, ClauseResult] = {}
    for clause in contract.clauses:
        key = code_key(clause.code)
        valued_by = _with_cap_used(valuation, ledger, contract.reference, clause)
        counting, excluded, cut = (), (), None
        if report is not None:
            counting, excluded, cut = _split(
                contract.reference,
                clause,
                rows_by_clause.get(key, ()),
                reporting_date,
                sign_offs.get(key, no_sign_off),
                ledger,
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
                policy=policy,
            )
            continue
        realised, expected, valued, pending, by_deadline = _figures(
            clause,
            report is not None,
            counting,
            excluded,
            cut,
            reporting_date,
            valued_by,
            partial(
                _realised_by_deadline,
                contract.reference,
                clause,
                rows_by_clause.get(key, ()),
                sign_offs.get(key, no_sign_off),
                ledger,
                valued_by,
            ),
        )
        deadline_overdue = (
            period_containing(contract.reporting, clause.deadline).key in overdue_keys
        )
        status = clause_status(
            clause, as_of, reporting_date, realised, expected, deadline_overdue, at_risk_ratio
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
            _explained(valued),
            realised_by_deadline=by_deadline,
            pending=pending,
            policy=policy,
            cut=cut,
        )
    for clause in evaluation_order(contract.clauses):
        key = code_key(clause.code)
        branches = tuple(results[code_key(code)] for code in clause.branches)
        statuses = [b.status for b in branches]
        results[key] = replace(
            results[key],
            status=composite_status(clause, as_of, statuses),
            realised=branches_met(statuses),
            pending=branches_met(statuses),
            branches=branches,
        )
    return ContractCheck(
        contract.reference,
        as_of,
        report,
        overdue,
        tuple(results[code_key(c.code)] for c in contract.clauses),
    )


def _with_cap_used(valuation, ledger: LedgerOutcome | None, reference: str, clause: Clause):
    """The table's valuation starting from the cap months each person used in earlier
    contracts (the person ledger's cap across contracts)."""
    if ledger is None or valuation is None:
        return valuation
    from .valuation import TableValuation

    if not isinstance(valuation, TableValuation):
        return valuation
    used = ledger.cap_before(reference, clause.code)
    return replace(valuation, cap_used=used) if used else valuation


def _split(reference, clause, own, reporting_date, sign_off: ClauseSignOff, ledger):
    """The clause's counting and excluded rows, and the days its rows gave elsewhere."""
    cut, elsewhere = None, frozenset[int]()
    if ledger is not None:
        cut = ledger.cut(reference, clause.code) or None
        elsewhere = ledger.elsewhere(reference, clause.code)
    counting, excluded = split_rows(clause, own, reporting_date, sign_off.refusals(own), elsewhere)
    return counting, excluded, cut


def _pending(clause, counting, awaiting, reporting_date, valuation, cut) -> Fraction | None:
    """Realised over the counting rows and the rows awaiting the bureau, in row order."""
    rows = tuple(sorted((*counting, *awaiting), key=lambda r: r.row))
    if clause.measure == "euros":
        return euros(valuation(clause, rows, reporting_date))
    return realised_at(clause, rows, reporting_date, cut=cut)
