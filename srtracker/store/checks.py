"""The compliance check's reads and writes: load set-based, store once.

Loading takes a fixed handful of queries whatever the number of contracts
(compliance.md: the same rules run in the job, the command and every page).
``store_decision`` writes what a check decided, for every active contract (the
nightly check, with its check run) or for one (a re-check on change, which
stores no check run of its own); the caller holds the transaction.
"""

import gc
import operator
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import reduce
from operator import itemgetter

from peewee import JOIN, Case, chunked, fn

from ..compliance.models import FlagSuppression
from ..db import db, insert_returning, insert_rows, is_sqlite, one_of, stored_form
from ..domain import flag_rules
from ..domain.compliance import ContractCheck, check_contract
from ..domain.contracts import code_key
from ..domain.contributions import Contribution as Row
from ..domain.counting import AcceptedReport, counting_report
from ..domain.figures import cents_half_up
from ..domain.ledger import DOUBLE_COUNTED
from ..domain.periods import parse_period
from ..models import (
    CandidateReview,
    CheckRun,
    Clause,
    ClauseStatus,
    Contract,
    Contribution,
    Flag,
    Report,
)
from . import audit, portfolio, signoff, waiting
from .contracts import to_domain_many
from .plain import BOOLEAN, Parsed, as_date, as_hundredths
from .rows import CORE, LOADED, OPTIONAL, STORED

OPEN_STATES = ("open", "acknowledged")
ACTIVE = Contract.archived_at.is_null()
# Ids per IN (...) list: well below SQLite's and PostgreSQL's bound-parameter limits.
IDS_PER_QUERY = 10000
STATUS_FIELDS = [
    ClauseStatus.clause,
    ClauseStatus.check_run,
    ClauseStatus.status,
    ClauseStatus.realised,
    ClauseStatus.expected,
    ClauseStatus.report_period,
]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while the check builds its millions of rows,
    results and tuples: reference counting frees them (they hold no cycles), yet the
    collector would walk them again and again as they pile up (a third of the rows'
    load). What cycles there are wait for the next collection after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Loaded:
    """Everything the core needs for the contracts matching one condition."""

    def __init__(self, where, as_of: date, rows: dict[int, list[Row]] | None = None):
        """`rows`: the rows of reports known already, by report id (those an import has
        just stored, as rows_as_read gives them), not read again."""
        self.contracts = to_domain_many(where)
        clauses = (
            Clause.select(Clause.id, Clause.contract, Clause.code_key, Clause.code)
            .join(Contract)
            .where(where)
            .tuples()
        )
        self.clause_ids, self.codes = {}, {}
        for clause_id, contract_id, key, code in clauses:
            self.clause_ids[contract_id, key] = clause_id
            self.codes[clause_id] = code
        self.contract_ids = {c.reference: id_ for id_, c in self.contracts.items()}
        self.reports = accepted_reports(where, self.contracts)
        self.counting = {
            id_: counting_report(self.reports.get(id_, ()), as_of) for id_ in self.contracts
        }
        known = rows or {}
        self.rows = report_rows(
            [r.report_id for r in self.counting.values() if r and r.report_id not in known],
            self.codes,
        )
        self.rows.update({id_: known_rows for id_, known_rows in known.items() if known_rows})
        self.rejections = active_rejections(where)
        self.policies = signoff.policies(where)
        self.approvals = signoff.approvals(where)

    def check(self, contract_id: int, as_of: date, at_risk_ratio, ledger=None) -> ContractCheck:
        report = self.counting[contract_id]
        return check_contract(
            self.contracts[contract_id],
            self.reports.get(contract_id, ()),
            self.rows.get(report.report_id, ()) if report else (),
            self.rejections.get(contract_id, ()),
            as_of,
            at_risk_ratio,
            approvals=self.approvals.get(contract_id, ()),
            policy=self.policies.get(contract_id),
            ledger=ledger,
        )

    def check_all(self, as_of: date, at_risk_ratio) -> list[ContractCheck]:
        return [self.check(id_, as_of, at_risk_ratio) for id_ in self.contracts]

    def without_rows(self) -> dict:
        """Every part but the rows: what a worker process that loaded a batch sends back
        beside its checks (``Combined``), the rows being most of the cost of sending."""
        return {name: value for name, value in vars(self).items() if name != "rows"}


class Combined(Loaded):
    """The Loaded of several batches loaded elsewhere (``parts``: each batch's parts, in
    the order of the contracts; ``without_rows`` where the rows stayed in a worker), as
    one Loaded of all of them holds them. Rows that stayed behind are read only when a
    contract is checked here (the person ledger checks some again with its outcome): at
    the first, those of every contract in ``ledger`` (the references of the contracts with
    rows in the ledger, the only ones it checks again), in one read."""

    def __init__(self, parts: list[dict], ledger: Iterable[str] = ()):
        self.rows = {}
        for name in parts[0]:
            merged: dict = {}
            for part in parts:
                merged.update(part.get(name, ()))
            setattr(self, name, merged)
        self._ahead = {self.contract_ids[reference] for reference in ledger}

    def check(self, contract_id: int, as_of: date, at_risk_ratio, ledger=None) -> ContractCheck:
        report = self.counting[contract_id]
        if report and report.report_id not in self.rows:
            wanted = {report.report_id}
            wanted |= {r.report_id for i in self._ahead if (r := self.counting.get(i))}
            self._ahead = set()
            self.rows.update(report_rows(sorted(wanted - set(self.rows)), self.codes))
        return super().check(contract_id, as_of, at_risk_ratio, ledger)


def accepted_reports(where, contracts) -> dict[int, list[AcceptedReport]]:
    """Every accepted upload per contract id; newer uploads of a period win by (time, id)."""
    periods, reports = {}, {}
    query = (
        Report.select(Report.id, Report.contract, Report.period, Report.uploaded_at)
        .join(Contract)
        .where((Report.status == "accepted") & where)
        .tuples()
    )
    for report_id, contract_id, key, uploaded_at in query:
        reporting = contracts[contract_id].reporting
        period = periods.get((reporting, key))
        if period is None:
            period = periods[reporting, key] = parse_period(reporting, key)
        if period is not None:
            reports.setdefault(contract_id, []).append(
                AcceptedReport(report_id, period, (uploaded_at, report_id))
            )
    return reports


def report_rows(report_ids: list[int], codes: dict[int, str]) -> dict[int, list[Row]]:
    """The rows of these reports as domain contributions, per report id, in row order.

    Read through the raw cursor, each row made as the tuple it is (``tuple.__new__``,
    a third of the named tuple's call): peewee's per-value conversion and keyword
    arguments would dominate the check over a million rows. A row whose optional
    columns (rows.OPTIONAL) are all empty is read without them: on SQLite each column
    read costs the driver a release and a take of the GIL a row (Python 3.11): a fifth
    of this read's instructions (bench/RESULTS.md, issue 19, eighth session).
    """
    dates, figures = Parsed(as_date), Parsed(as_hundredths)
    rows: dict[int, list[Row]] = {}
    with collector_paused():
        _read_rows(report_ids, codes, dates, figures, rows)
    return rows


# Every optional column empty (rows.OPTIONAL: the note is text, never NULL).
_EMPTY = reduce(
    operator.and_,
    [f == "" if f is Contribution.note else f.is_null() for f in OPTIONAL],
)
# A row's id where one of its optional columns holds a value, else NULL.
_FULLER = Case(None, [(_EMPTY, None)], Contribution.id)


# Reports a query of report_rows; once a query's rows held an optional value in more than
# one row in WHOLE_FROM, the rest are read whole (rows.LOADED): reading those rows' optional
# columns again costs more than it saves there (bench/RESULTS.md, issue 19, eighth session).
REPORTS_PER_QUERY = 500
WHOLE_FROM = 8


def _read_rows(report_ids, codes, dates, figures, rows) -> None:
    """Every report's rows into `rows`: without the optional columns, then whole once
    many rows hold one. Either way each row is made of every value it stores. On
    PostgreSQL whole: there the driver's columns cost little, and the marker (_FULLER)
    cost more than it saved (national data, +5 % of the first check's CPU)."""
    whole = not is_sqlite()
    for ids in chunked(report_ids, IDS_PER_QUERY if whole else REPORTS_PER_QUERY):
        order = (Contribution.report, Contribution.row)
        if whole:
            query = Contribution.select(*LOADED).where(one_of(Contribution.report, ids))
            _make_rows(db.execute(query.order_by(*order)), codes, dates, figures, rows)
            continue
        fuller: list[tuple[list, int, int]] = []
        reports: set[int] = set()
        query = Contribution.select(*CORE, _FULLER).where(one_of(Contribution.report, ids))
        made = _make_core_rows(
            db.execute(query.order_by(*order)), codes, dates, figures, rows, fuller, reports
        )
        if fuller:
            _fill_optional(fuller, sorted(reports), codes, dates, figures)
            whole = len(fuller) * WHOLE_FROM > made


def _fill_optional(fuller, report_ids, codes, dates, figures) -> None:
    """The rows with an optional value (``fuller``: their lists, indexes and ids) read
    again whole and made by _make_rows."""
    ids, loaded = [], []
    for chunk in chunked(report_ids, IDS_PER_QUERY):
        query = (
            Contribution.select(Contribution.id, *LOADED)
            .where(one_of(Contribution.report, chunk) & ~_EMPTY)
            .order_by(Contribution.report, Contribution.row)
        )
        for values in db.execute(query):
            ids.append(values[0])
            loaded.append(values[1:])
    made: dict[int, list[Row]] = {}
    _make_rows(loaded, codes, dates, figures, made)  # in the query's order, report by report
    whole = dict(zip(ids, (row for listed in made.values() for row in listed), strict=True))
    for listed, index, id_ in fuller:
        row = whole.get(id_)
        if row is not None:  # gone since (SQLite, autocommit): the check's marker tells
            listed[index] = row


def _make_core_rows(loaded, codes, dates, figures, rows, fuller, reports) -> int:
    """Each row of `loaded` (tuples of rows.CORE's values and _FULLER's) as a domain
    contribution with every optional value empty, appended to its report's list in
    `rows`; where _FULLER gives an id, (that list, the row's index, the id) to `fuller`
    and the report's id to `reports`. Returns the number of rows made."""
    make = tuple.__new__
    current_id, listed, append, made = None, [], None, 0
    for (
        report_id,
        clause_id,
        number,
        ref,
        type_,
        group,
        start,
        end,
        hours,
        cents,
        bureau_ref,
        fuller_id,
    ) in loaded:
        if report_id != current_id:
            current_id = report_id
            listed = rows.setdefault(report_id, [])
            append = listed.append
        made += 1
        if fuller_id is not None:
            fuller.append((listed, len(listed), fuller_id))
            reports.add(report_id)
        append(
            make(
                Row,
                (
                    number,
                    ref,
                    codes[clause_id],
                    type_,
                    dates[start],
                    group,
                    dates[end],
                    figures[hours],
                    figures[cents],
                    # rows.OPTIONAL's empty values, as _make_rows makes them
                    "",
                    None,
                    None,
                    None,
                    None,
                    bureau_ref,
                    None,
                    None,
                    None,
                ),
            )
        )
    return made


def rows_as_read(stored: list[tuple], codes: dict[int, str]) -> list[Row]:
    """The domain rows report_rows reads back of one report's rows as they were just
    stored (tuples in rows.STORED's order, each value in its column's stored form): the
    re-check after an import takes these instead of reading the rows back (issue 19)."""
    loaded = itemgetter(slice(len(LOADED)))  # the loaded columns come first (rows.STORED)
    in_order = sorted(stored, key=itemgetter(STORED.index(Contribution.row)))
    rows: dict[int, list[Row]] = {}
    _make_rows(map(loaded, in_order), codes, Parsed(as_date), Parsed(as_hundredths), rows)
    return next(iter(rows.values()), [])


def _make_rows(loaded, codes, dates, figures, rows) -> None:
    """Each row of `loaded` (tuples in rows.LOADED's order, as the database returns them)
    as a domain contribution, appended to its report's list in `rows`."""
    make, boolean = tuple.__new__, BOOLEAN
    current_id, append = None, None
    for (
        report_id,
        clause_id,
        number,
        ref,
        type_,
        group,
        start,
        end,
        hours,
        cents,
        note,
        benefit_months,
        age,
        permanent,
        purchased_from,
        bureau_ref,
        statushouder,
        level,
        quantity,
    ) in loaded:
        if report_id != current_id:
            current_id, append = report_id, rows.setdefault(report_id, []).append
        append(
            make(
                Row,
                (
                    number,
                    ref,
                    codes[clause_id],
                    type_,
                    dates[start],
                    group,
                    dates[end],
                    figures[hours],
                    figures[cents],
                    note,
                    benefit_months,
                    age,
                    boolean[permanent],
                    purchased_from,
                    bureau_ref,
                    boolean[statushouder],
                    level,
                    figures[quantity],
                ),
            )
        )


if len(Row._fields) != 18:  # report_rows makes each row of its 18 values, in this order
    raise ImportError("report_rows: domain.contributions.Contribution changed its fields")


def active_rejections(where) -> dict[int, list[tuple[str, str]]]:
    """The bureau's active rejections as (clause code, candidate key) per contract id."""
    found = {}
    query = (
        CandidateReview.select(Clause.contract, Clause.code, CandidateReview.candidate_key)
        .join(Clause)
        .join(Contract)
        .where(
            (CandidateReview.decision == "rejected")
            & CandidateReview.withdrawn_at.is_null()
            & where
        )
        .tuples()
    )
    for contract_id, clause_code, candidate in query:
        found.setdefault(contract_id, []).append((clause_code, candidate))
    return found


def open_flags(where) -> tuple[list[flag_rules.Flag], dict[int, str]]:
    """Open and acknowledged flags in id order, and the state of each by id."""
    flags, states = [], {}
    query = (
        Flag.select(Flag.id, Contract.reference, Clause.code, Flag.kind, Flag.period, Flag.state)
        .join(Contract)
        .switch(Flag)
        .join(Clause, JOIN.LEFT_OUTER)
        .where(Flag.state.in_(OPEN_STATES) & (Flag.kind != DOUBLE_COUNTED) & where)
        .order_by(Flag.id)
        .tuples()
    )
    for flag_id, reference, clause, kind, period, state in query:
        flags.append(flag_rules.Flag(reference, clause, kind, period, flag_id))
        states[flag_id] = state
    return flags, states


def suppressions(where) -> dict[flag_rules.Suppression, list[int]]:
    found = {}
    query = (
        FlagSuppression.select(
            FlagSuppression.id,
            Contract.reference,
            Clause.code,
            FlagSuppression.kind,
            FlagSuppression.period,
        )
        .join(Contract)
        .switch(FlagSuppression)
        .join(Clause, JOIN.LEFT_OUTER)
        .where(where)
        .tuples()
    )
    for id_, reference, clause, kind, period in query:
        found.setdefault(flag_rules.Suppression(reference, clause, kind, period), []).append(id_)
    return found


def stored_statuses(where) -> dict[int, tuple]:
    """Each clause's stored (reference, code, check run, status, realised, expected,
    report_period), by clause id, as stored (figures in hundredths): the check writes
    only what differs."""
    query = (
        ClauseStatus.select(
            ClauseStatus.clause,
            Contract.reference,
            Clause.code,
            ClauseStatus.check_run,
            ClauseStatus.status,
            ClauseStatus.realised,
            ClauseStatus.expected,
            ClauseStatus.report_period,
        )
        .join(Clause)
        .join(Contract)
        .where(where)
    )
    return {row[0]: row[1:] for row in db.execute(query)}


def latest_check_date() -> date | None:
    latest = (
        CheckRun.select(fn.MAX(CheckRun.as_of)).where(CheckRun.finished_at.is_null(False)).scalar()
    )
    return date.fromisoformat(latest) if isinstance(latest, str) else latest


def latest_check_run() -> CheckRun | None:
    """The stored check with the latest date (the latest stored of that date)."""
    return (
        CheckRun.select()
        .where(CheckRun.finished_at.is_null(False))
        .order_by(CheckRun.as_of.desc(), CheckRun.id.desc())
        .first()
    )


def create_check_run(as_of: date, trigger: str, started_at: datetime, at: datetime) -> int:
    return CheckRun.create(as_of=as_of, trigger=trigger, started_at=started_at, finished_at=at).id


class Stored:
    """What one check found before deciding: the open flags, suppressions, last statuses."""

    def __init__(self, where):
        self.open_flags, self.states = open_flags(where)
        self.suppressions = suppressions(where)
        self.statuses = stored_statuses(where)
        self.previous_status = {
            (reference, code): status
            for reference, code, _run, status, *_ in self.statuses.values()
        }


def store_decision(
    loaded: Loaded,
    checks: list[ContractCheck],
    decision: flag_rules.FlagDecision,
    stored: Stored,
    context: dict,
    actor: str,
    check_run: int | None,
    at: datetime,
    where=None,
    sent=None,
) -> list[int]:
    """Store statuses, flags and suppressions as decided, with their audit entries.

    ``check_run`` is the nightly check's run (None for a re-check); ``where``
    limits the portfolio refresh to the contracts re-checked (None: all, only
    changed rows); ``sent``: what the check's worker processes worked out of their
    checks' rows (store.check_batches.Sent). Returns the ids of the flags opened.
    """
    _store_statuses(loaded, checks, check_run, stored.statuses)
    if where is None:
        portfolio.refresh(only_changed=True)  # the dashboard's read model: the new statuses
    else:
        portfolio.refresh(where)
    # The review queue's read model.
    waiting.store(loaded, checks, where, sent and sent.waiting_rows)
    opened = _open(loaded, decision, context["as_of"], check_run, at)
    _resolve(decision, at)
    cleared = [id_ for s in decision.cleared for id_ in stored.suppressions.get(s, ())]
    for batch in chunked(cleared, IDS_PER_QUERY):
        FlagSuppression.delete().where(FlagSuppression.id.in_(batch)).execute()
    audit.record_many(actor, _entries(loaded, decision, stored, opened, context), at=at)
    return [row[0] for row in opened]


def _clause_id(loaded: Loaded, reference: str, code: str) -> int:
    return loaded.clause_ids[loaded.contract_ids[reference], code_key(code)]


def _store_statuses(loaded: Loaded, checks, check_run, statuses: dict[int, tuple]) -> None:
    """Write the clauses whose status or figures differ from what is stored, and move
    the others to this check run in one update (each status keeps the check run whose
    date it is as of, README "Decisions")."""
    changed, moved = [], []
    for check in checks:
        for r in check.clauses:
            clause_id = _clause_id(loaded, r.contract, r.code)
            figures = (
                r.status,
                None if r.realised is None else cents_half_up(r.realised),
                None if r.expected is None else cents_half_up(r.expected),
                r.report_period,
            )
            stored = statuses.get(clause_id, ())
            if stored[3:] != figures:
                changed.append((clause_id, check_run, *figures))
            elif stored[2] != check_run:
                moved.append(clause_id)
    insert_rows(ClauseStatus, STATUS_FIELDS, changed, (ClauseStatus.clause, STATUS_FIELDS[1:]))
    if moved:
        ClauseStatus.update(check_run=check_run).where(one_of(ClauseStatus.clause, moved)).execute()


def move_statuses(check_run: int) -> None:
    """Every active contract's clause statuses to this check run, as a check that finds
    them all unchanged moves them (``_store_statuses``)."""
    checked = Clause.select(Clause.id).join(Contract).where(ACTIVE)
    ClauseStatus.update(check_run=check_run).where(ClauseStatus.clause.in_(checked)).execute()


# The flags a check opens: these columns, and the model's defaults of the others.
OPENED = [
    Flag.contract,
    Flag.clause,
    Flag.kind,
    Flag.period,
    Flag.state,
    Flag.opened_as_of,
    Flag.opened_by,
    Flag.opened_at,
    Flag.closed_reason,
    Flag.closed_by_hand,
]


def _open(loaded: Loaded, decision, as_of: date, check_run, at: datetime) -> list[tuple]:
    """Insert the flags opened, as plain tuples in their stored form; their (id, contract
    id, clause id, kind, period) in id order, as the insert gives them back."""
    stored = stored_form()
    day, moment = stored(as_of), stored(at)
    rows = [
        (
            loaded.contract_ids[f.contract],
            None if f.clause is None else _clause_id(loaded, f.contract, f.clause),
            f.kind,
            f.period,
            "open",
            day,
            check_run,
            moment,
            "",
            False,
        )
        for f in decision.opened
    ]
    returned = [Flag.id, Flag.contract, Flag.clause, Flag.kind, Flag.period]
    return sorted(tuple(row) for row in insert_returning(Flag, OPENED, rows, returned))


def _resolve(decision, at: datetime) -> None:
    by_reason: dict[str, list[int]] = {}
    for resolution in decision.resolved:
        by_reason.setdefault(resolution.reason, []).append(resolution.flag.id)
    for reason, ids in by_reason.items():
        for batch in chunked(ids, IDS_PER_QUERY):
            Flag.update(state="resolved", closed_at=at, closed_reason=reason).where(
                Flag.id.in_(batch)
            ).execute()


def _entries(loaded: Loaded, decision, stored: Stored, opened, context) -> list[tuple]:
    entries = [
        (
            "open",
            "flag",
            id_,
            {
                **context,
                "state": [None, "open"],
                "contract": contract,
                "clause": clause,
                "kind": kind,
                "period": period,
            },
            contract,
        )
        for id_, contract, clause, kind, period in opened
    ]
    entries += [
        (
            "resolve",
            "flag",
            r.flag.id,
            {**context, "state": [stored.states.get(r.flag.id), "resolved"], "reason": r.reason},
            loaded.contract_ids.get(r.flag.contract),
        )
        for r in decision.resolved
    ]
    entries += [
        (
            "clear",
            "flag_suppression",
            id_,
            {**context, "contract": s.contract, "clause": s.clause, "kind": s.kind},
            loaded.contract_ids.get(s.contract),
        )
        for s in decision.cleared
        for id_ in stored.suppressions.get(s, ())
    ]
    entries += [
        (
            "status",
            "clause",
            _clause_id(loaded, c.contract, c.clause),
            {**context, "status": [c.old, c.new]},
            loaded.contract_ids[c.contract],
        )
        for c in decision.status_changes
    ]
    return entries
