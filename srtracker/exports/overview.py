"""What the council's workbook holds, loaded with the compliance check's own loading.

The figures come from ``store.checks.Loaded`` and the core's ``check``, as
``srtracker check`` computes them, but nothing is stored: an export as of any
date is a read. Totals per contribution type and target group are computed
here from the counting rows with the core's ``realised_hours``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from peewee import JOIN

from ..domain.compliance import ClauseResult, ContractCheck
from ..domain.contracts import Contract as ContractData
from ..domain.contracts import code_key
from ..domain.counting import realised_hours
from ..domain.verification import verified_figure
from ..models import Clause, Contract, ContributionType, Flag, Organisation, TargetGroup, utcnow
from ..services import ledger
from ..store import followups
from ..store.checks import ACTIVE, OPEN_STATES, Loaded, latest_check_date
from ..store.enforcement import latest_cases
from ..store.reviews import active_reviews, verified_keys


@dataclass(frozen=True)
class ClauseLine:
    contract: ContractData
    result: ClauseResult
    verified: Fraction | None
    case: object = None  # domain.enforcement.Case: the clause's latest enforcement case


@dataclass(frozen=True)
class FlagLine:
    buyer: str
    reference: str
    clause: str | None
    kind: str
    period: str | None
    state: str
    opened_as_of: date
    remedial_deadline: date | None


@dataclass(frozen=True)
class ReviewLine:
    buyer: str
    reference: str
    clause: str
    candidate: str
    decision: str
    note: str
    decided_at: datetime


@dataclass(frozen=True)
class Total:
    type: str
    group: str | None
    persons: int
    rows: int
    hours: Fraction


@dataclass(frozen=True)
class Overview:
    as_of: date
    made_at: datetime
    latest_check: date | None  # the flags are those this stored check left open
    clauses: dict[str, list[ClauseLine]]  # per buyer name, in buyer then reference order
    flags: list[FlagLine]
    reviews: list[ReviewLine]
    totals: list[Total]
    type_labels: dict[str, str]
    group_labels: dict[str, str]
    durability: list = ()  # domain.durability.Share per buyer, year and months

    @property
    def contracts(self) -> int:
        return len({line.contract.reference for lines in self.clauses.values() for line in lines})


def totals(checks: Iterable[ContractCheck]) -> list[Total]:
    """Counting persons, rows and hours per (contribution type, target group).

    A person is a candidate of one contract (suppliers number their own
    candidates); hours are the hours each counting row realised at E under
    its clause, the way a clause's realised hours are computed.
    """
    persons: dict[tuple, set] = {}
    rows: dict[tuple, list] = {}
    hours: dict[tuple, Fraction] = {}
    for check in checks:
        for result in check.clauses:
            by_key: dict[tuple, list] = {}
            for row in result.counting:
                by_key.setdefault((row.type, row.target_group), []).append(row)
            for key, group_rows in by_key.items():
                persons.setdefault(key, set()).update(
                    (check.contract, row.candidate_key) for row in group_rows
                )
                rows.setdefault(key, []).extend(group_rows)
                hours[key] = hours.get(key, Fraction(0)) + realised_hours(
                    result.clause, group_rows, result.reporting_date
                )
    return [
        Total(
            type_, group, len(persons[type_, group]), len(rows[type_, group]), hours[type_, group]
        )
        for type_, group in sorted(rows, key=lambda k: (k[0], k[1] or ""))
    ]


def _flags(where) -> list[FlagLine]:
    buyer = Organisation.alias()
    query = (
        Flag.select(
            buyer.name,
            Contract.reference,
            Clause.code,
            Flag.kind,
            Flag.period,
            Flag.state,
            Flag.opened_as_of,
            Flag.remedial_deadline,
        )
        .join(Contract)
        .join(buyer, on=(Contract.buyer == buyer.id))
        .switch(Flag)
        .join(Clause, JOIN.LEFT_OUTER)
        .where(Flag.state.in_(OPEN_STATES) & where)
        .order_by(buyer.name, Contract.reference_key, Flag.opened_as_of, Flag.id)
        .tuples()
    )
    return [FlagLine(*row) for row in query]


def _labels(model) -> dict[str, str]:
    """Dutch labels of the stored reference data, also for codes no longer configured."""
    return dict(model.select(model.code, model.label_nl).tuples())


def _as_written(loaded) -> dict:
    """(contract id, candidate key) -> the reference as the supplier wrote it in the report
    that counts; a review keeps only the folded key."""
    written = {}
    for contract_id, counting in loaded.counting.items():
        if counting is None:
            continue
        for row in loaded.rows.get(counting.report_id, ()):
            written.setdefault((contract_id, row.candidate_key), row.candidate_ref)
    return written


def gather(
    where, as_of: date, at_risk_ratio, progress: Callable[[Iterable[int]], Iterable[int]] = iter
) -> Overview:
    """Everything the workbook shows for the non-archived contracts matching ``where``.

    ``progress`` wraps the per-contract loop (a progress bar on the command line).
    """
    where = ACTIVE & where
    loaded = Loaded(where, as_of)
    reviews = active_reviews(where)
    checks, clauses = [], {}
    for contract_id in progress(list(loaded.contracts)):
        checks.append(loaded.check(contract_id, as_of, at_risk_ratio))
    checks, _ = ledger.with_ledger(loaded, checks, as_of, at_risk_ratio)
    cases = latest_cases(where)
    for check in checks:
        contract_id = loaded.contract_ids[check.contract]
        contract = loaded.contracts[contract_id]
        for result in check.clauses:
            active = reviews.get((contract_id, result.code), {})
            clauses.setdefault(contract.buyer, []).append(
                ClauseLine(
                    contract,
                    result,
                    verified_figure(result, verified_keys(active.values())),
                    cases.get(loaded.clause_ids.get((contract_id, code_key(result.code)))),
                )
            )
    written = _as_written(loaded)
    review_lines = sorted(
        (
            ReviewLine(
                contract.buyer,
                contract.reference,
                code,
                written.get((contract_id, r.candidate_key), r.candidate_key),
                r.decision,
                r.reason,
                r.decided_at,
            )
            for (contract_id, code), by_key in reviews.items()
            if (contract := loaded.contracts.get(contract_id)) is not None
            for r in by_key.values()
        ),
        key=lambda r: (r.buyer.casefold(), r.reference.casefold(), r.clause, r.candidate),
    )
    return Overview(
        as_of,
        utcnow(),
        latest_check_date(),
        {name: clauses[name] for name in sorted(clauses, key=str.casefold)},
        _flags(where),
        review_lines,
        totals(checks),
        _labels(ContributionType),
        _labels(TargetGroup),
        followups.shares(where),
    )
