"""What the council's workbook holds, loaded with the compliance check's own loading.

The figures come from ``store.checks.Loaded`` and the core's ``check``, as
``srtracker check`` computes them, but nothing is stored: an export as of any
date is a read. Totals per contribution type and target group are computed
here from the counting rows with the core's ``week_days``.
"""

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from peewee import JOIN, chunked, fn

from .. import workers
from ..domain.compliance import ClauseResult, ContractCheck
from ..domain.contracts import Contract as ContractData
from ..domain.contracts import code_key
from ..domain.counting import add_exact, counted_days, exact_context
from ..domain.figures import shown_figure
from ..domain.verification import verified_figure
from ..models import (
    Clause,
    Contract,
    Contribution,
    ContributionType,
    Flag,
    Organisation,
    Report,
    TargetGroup,
    utcnow,
)
from ..services import ledger
from ..store import followups, signoff
from ..store.checks import ACTIVE, OPEN_STATES, Loaded, collector_paused, latest_check_date
from ..store.enforcement import latest_cases
from ..store.reviews import active_reviews, verified_keys


class ShownClause(NamedTuple):
    """A clause's row in the workbook as plain values: its figures rounded as shown,
    without the rows behind them (which the workbook does not show). What the export's
    batches hold: plain values cross from the worker process in a fraction of the time
    the domain objects would take."""

    reference: str
    title: str
    supplier: str
    code: str
    clause_title: str
    measure: str
    target: object  # the figures: rounded half up to two decimals (shown_figure)
    realised: object
    pending: object
    expected: object
    status: str
    verified: object
    report_period: str | None
    reporting_date: date | None
    deadline: date
    step: str | None  # the clause's latest enforcement case: its step and amount
    amount: object

    def shown(self) -> "ShownClause":
        return self


def shown_clause(contract: ContractData, result, verified, case) -> ShownClause:
    """The row of ``result`` (a ClauseResult), the verified part of its realised figure
    and its latest enforcement case (a domain.enforcement.Case, or None)."""
    clause = result.clause
    return ShownClause(
        contract.reference,
        contract.title,
        contract.supplier,
        clause.code,
        clause.title,
        clause.measure,
        shown_figure(clause.target),
        shown_figure(result.realised),
        shown_figure(result.pending),
        shown_figure(result.expected),
        result.status,
        shown_figure(verified),
        result.report_period,
        result.reporting_date,
        clause.deadline,
        case.step if case else None,
        shown_figure(case.amount) if case else None,
    )


@dataclass(frozen=True)
class ClauseLine:
    """A clause's row in the workbook from the domain's objects (``shown`` makes its
    plain values)."""

    contract: ContractData
    result: ClauseResult
    verified: Fraction | None
    case: object = None  # domain.enforcement.Case: the clause's latest enforcement case

    def shown(self) -> ShownClause:
        return shown_clause(self.contract, self.result, self.verified, self.case)


class FlagLine(NamedTuple):
    """An open flag's row (a tuple: the flags sheet makes one per open flag, 86,340 at
    national scale)."""

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
    # per buyer name, in buyer then reference order: a dict (of ClauseLine or ShownClause),
    # or `Lines` computed as read
    clauses: Mapping[str, list]
    flags: Iterable[FlagLine]
    reviews: list[ReviewLine]  # complete once every buyer's clauses were read
    totals: list[Total]  # complete once every buyer's clauses were read
    type_labels: dict[str, str]
    group_labels: dict[str, str]
    durability: list = ()  # domain.durability.Share per buyer, year and months


class Totals:
    """Counting persons, rows and hours per (contribution type, target group), added up
    as contracts are checked.

    A person is a candidate of one contract (suppliers number their own
    candidates), so each contract's persons are counted when it is added; hours
    are the hours each counting row realised at E under its clause, the way a
    clause's realised hours are computed: summed exactly as hours x days
    (``week_days``) and divided by 7 once per type and group, the same Fraction
    as the sum of every clause's hours.
    """

    def __init__(self):
        self.persons: dict[tuple, int] = {}
        self.rows: dict[tuple, int] = {}
        self.week_days: dict[tuple, Decimal] = {}

    def add(self, checks: Iterable[ContractCheck]) -> None:
        """One pass over each clause's counting rows: a row's hours x days as
        ``week_days`` counts them, added exactly."""
        rows, week_days = self.rows, self.week_days
        with exact_context():
            for check in checks:
                persons: dict[tuple, set] = {}
                for result in check.clauses:
                    clause, reporting_date = result.clause, result.reporting_date
                    for row in result.counting:
                        key = (row.type, row.target_group)
                        rows[key] = rows.get(key, 0) + 1
                        persons.setdefault(key, set()).add(row.candidate_key)
                        days = week_days.get(key, _NONE)
                        if row.hours_per_week is not None:
                            days += row.hours_per_week * counted_days(clause, row, reporting_date)
                        week_days[key] = days
                for key, keys in persons.items():
                    self.persons[key] = self.persons.get(key, 0) + len(keys)

    def merge(self, other: "Totals") -> None:
        """Add the counts of ``other`` (another batch of contracts)."""
        for key, count in other.persons.items():
            self.persons[key] = self.persons.get(key, 0) + count
        for key, count in other.rows.items():
            self.rows[key] = self.rows.get(key, 0) + count
        for key, days in other.week_days.items():
            self.week_days[key] = add_exact(self.week_days.get(key, _NONE), days)

    def lines(self) -> list[Total]:
        return [
            Total(type_, group, self.persons[type_, group], self.rows[type_, group], hours)
            for (type_, group), hours in sorted(
                ((key, Fraction(days) / 7) for key, days in self.week_days.items()),
                key=lambda item: (item[0][0], item[0][1] or ""),
            )
        ]


_NONE = Decimal(0)


def totals(checks: Iterable[ContractCheck]) -> list[Total]:
    found = Totals()
    found.add(checks)
    return found.lines()


class _Flags:
    """The open flags in buyer, reference and date order, read from the database as the
    workbook is written."""

    def __init__(self, where):
        self.where = where

    def __iter__(self):
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
            .where(Flag.state.in_(OPEN_STATES) & self.where)
            .order_by(buyer.name, Contract.reference_key, Flag.opened_as_of, Flag.id)
            .tuples()
        )
        return (FlagLine(*row) for row in query.iterator())


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


# Contracts checked at a time: memory follows one batch, not the portfolio.
BATCH_CONTRACTS = 2000
# Check batches in worker processes beside the one writing, where there is a second core:
# one per core, at most two (each holds about two batches: memory grows with their number).
CORES = os.cpu_count() or 1
PARALLEL = CORES > 1
WORKERS = min(CORES, 2)
# The writing process checks a batch itself while it waits only where a core is left.
HELPS = WORKERS < CORES


def _buyers(where) -> list[tuple[str, list[int], set[int]]]:
    """The buyers with a clause in the contracts matching ``where``, by name (casefolded),
    each with its contract ids and its organisations' ids."""
    found: dict[str, tuple[list[int], set[int]]] = {}
    query = (
        Contract.select(Organisation.name, Contract.id, Organisation.id)
        .join(Organisation, on=(Contract.buyer == Organisation.id))
        .where(where & fn.EXISTS(Clause.select(Clause.id).where(Clause.contract == Contract.id)))
        .tuples()
    )
    for name, contract_id, buyer_id in query:
        ids, buyers = found.setdefault(name, ([], set()))
        ids.append(contract_id)
        buyers.add(buyer_id)
    return [(name, *found[name]) for name in sorted(found, key=str.casefold)]


def _batches(buyers) -> list[tuple[list[str], list[int], list[int]]]:
    """Whole buyers together, about BATCH_CONTRACTS contracts a batch, in buyer order:
    their names, contract ids and organisation ids."""
    batches: list[tuple[list[str], list[int], list[int]]] = []
    for name, ids, buyer_ids in buyers:
        if not batches or len(batches[-1][1]) >= BATCH_CONTRACTS:
            batches.append(([], [], []))
        batches[-1][0].append(name)
        batches[-1][1].extend(ids)
        batches[-1][2].extend(buyer_ids)
    return batches


def _ledger_rows(where, as_of: date, at_risk_ratio) -> list:
    """The rows entering the person ledger (counting, with a bureau_ref), of every contract
    matching ``where``: each batch is decided with the rest of its ledger, as one check of
    all contracts decides it."""
    with_ref = (
        Report.select(Report.contract)
        .join(Contribution, on=(Contribution.report == Report.id))
        .where((Report.status == "accepted") & Contribution.bureau_ref.is_null(False))
    )
    ids = [
        id_
        for (id_,) in Contract.select(Contract.id).where(where & Contract.id.in_(with_ref)).tuples()
    ]
    if not ids:
        return []
    rows = []
    for chunk in chunked(ids, BATCH_CONTRACTS):
        loaded = Loaded(where & Contract.id.in_(chunk), as_of)
        rows += ledger.ledger_rows_of(loaded.check_all(as_of, at_risk_ratio))
    return rows


class Lines(Mapping):
    """Clause lines per buyer, checked a batch of buyers at a time as they are read, in
    buyer order; the reviews and totals of a batch are added as it is checked.

    Read in buyer order with more than one batch and a second core, the batches are
    checked in WORKERS worker processes too (``workers.Ahead``): while this process
    writes one batch, the workers check the next ones, and this process checks a batch
    itself only when no worker has begun it. All run the same ``_batch``, whose lines
    are plain values (``ShownClause``).
    """

    def __init__(self, where, as_of: date, at_risk_ratio):
        self.where, self.as_of, self.ratio = where, as_of, at_risk_ratio
        self.batches = _batches(_buyers(where))
        self.batch_of = {name: n for n, (names, *_) in enumerate(self.batches) for name in names}
        self.reviews: list[ReviewLine] = []
        self.totals: list[Total] = []
        self._totals = Totals()
        self._ledger: list | None = None
        self._ledger_of: dict = {}
        self._done: set[int] = set()
        self._current: tuple[int, dict[str, list[ShownClause]]] = (-1, {})
        self._ahead = None  # workers.Ahead once the batches are read in order

    def __iter__(self):
        return iter(self.batch_of)

    def __len__(self) -> int:
        return len(self.batch_of)

    def __getitem__(self, buyer: str) -> list[ShownClause]:
        number = self.batch_of[buyer]
        if self._current[0] != number:
            self._current = (number, self._check(number))
        return self._current[1].get(buyer, [])

    def begin(self) -> None:
        """Set the workers on the first batches before any is read, so that the writing
        process can write another sheet while they check them."""
        self._read_ledger()
        if self._ahead is None and PARALLEL and len(self.batches) > 1:
            self._ahead = workers.Ahead(self._batch, len(self.batches), WORKERS, helps=HELPS)

    def _read_ledger(self) -> None:
        if self._ledger is None:
            self._ledger = _ledger_rows(self.where, self.as_of, self.ratio)
            self._ledger_of = signoff.ledgers(Contract.id.is_null(False))

    def _check(self, number: int) -> dict[str, list[ShownClause]]:
        if number == 0:
            self.begin()
        else:
            self._read_ledger()
        if self._ahead is not None and self._ahead.next == number:
            lines, reviews, totals = self._ahead.take(number)
        else:
            lines, reviews, totals = self._batch(number)
        if number not in self._done:  # read once: each batch adds its reviews and totals once
            self._done.add(number)
            self.reviews += reviews
            self._totals.merge(totals)
            if len(self._done) == len(self.batches):
                self.totals[:] = self._totals.lines()
        return lines

    def _batch(self, number: int):
        """The lines per buyer, review lines and totals of batch ``number``, with the cycle
        collector paused as in the stored check (``collector_paused``)."""
        with collector_paused():
            return self._batch_checked(number)

    def _batch_checked(self, number: int):
        # By buyer, not by contract id: a dozen ids in each query rather than thousands
        # (the contracts of these buyers without a clause add no line, review or total).
        where = self.where & Contract.buyer.in_(self.batches[number][2])
        loaded = Loaded(where, self.as_of)
        checks = loaded.check_all(self.as_of, self.ratio)
        references = set(loaded.contract_ids)
        others = [row for row in self._ledger or () if row.contract not in references]
        checks, _ = ledger.with_ledger(
            loaded, checks, self.as_of, self.ratio, others, self._ledger_of
        )
        reviews = active_reviews(where)
        batch_totals = Totals()
        batch_totals.add(checks)
        return (
            _lines(loaded, checks, reviews, latest_cases(where)),
            _review_lines(loaded, reviews),
            batch_totals,
        )


def _lines(loaded, checks, reviews, cases) -> dict[str, list[ShownClause]]:
    clauses: dict[str, list[ShownClause]] = {}
    for check in checks:
        contract_id = loaded.contract_ids[check.contract]
        contract = loaded.contracts[contract_id]
        lines = clauses.setdefault(contract.buyer, [])
        for result in check.clauses:
            active = reviews.get((contract_id, result.code), {})
            lines.append(
                shown_clause(
                    contract,
                    result,
                    verified_figure(result, verified_keys(active.values())),
                    cases.get(loaded.clause_ids.get((contract_id, code_key(result.code)))),
                )
            )
    return clauses


def _review_lines(loaded, reviews) -> list[ReviewLine]:
    if not reviews:
        return []
    written = _as_written(loaded)
    return sorted(
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


def gather(where, as_of: date, at_risk_ratio) -> Overview:
    """Everything the workbook shows for the non-archived contracts matching ``where``.

    Nothing is checked yet: the clauses are checked a batch of buyers at a time as
    the workbook reads them, and the flags read from the database as it writes them,
    so memory follows one batch whatever the size of the portfolio.
    """
    where = ACTIVE & where
    lines = Lines(where, as_of, at_risk_ratio)
    return Overview(
        as_of,
        utcnow(),
        latest_check_date(),
        lines,
        _Flags(where),
        lines.reviews,
        lines.totals,
        _labels(ContributionType),
        _labels(TargetGroup),
        followups.shares(where),
    )
