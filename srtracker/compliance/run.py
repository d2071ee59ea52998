"""The compliance check against the database: load set-based, decide in the core, store once.

Loading takes a fixed handful of queries whatever the number of contracts
(compliance.md: the same rules run in the job, the command and every page),
and all writes of a check land in one transaction.
"""

from datetime import date
from decimal import Decimal

from flask import current_app
from peewee import JOIN, chunked, fn

from .. import audit, portfolio
from ..contracts.store import to_domain_many
from ..db import bulk_insert, db, write_transaction
from ..domain import flags as domain_flags
from ..domain.check_json import check_json, round_half_up
from ..domain.compliance import ContractCheck, check_contract
from ..domain.contracts import code_key
from ..domain.contributions import Contribution as Row
from ..domain.counting import AcceptedReport, counting_report
from ..domain.ledger import DOUBLE_COUNTED
from ..domain.periods import parse_period
from ..enforcement import service as enforcement
from ..models import (
    CandidateReview,
    CheckRun,
    Clause,
    ClauseStatus,
    Contract,
    Contribution,
    Flag,
    Report,
    utcnow,
)
from ..notify.notices import enqueue_flag_notices
from . import followups, ledger, signoff
from .models import FlagSuppression

OPEN_STATES = ("open", "acknowledged")
HAND_CLOSED_STATES = ("resolved", "waived")
ACTIVE = Contract.archived_at.is_null()
# Ids per IN (...) list: well below SQLite's and PostgreSQL's bound-parameter limits.
IDS_PER_QUERY = 10000


class Loaded:
    """Everything the core needs for the contracts matching one condition."""

    def __init__(self, where, as_of: date):
        self.contracts = to_domain_many(where)
        clauses = (
            Clause.select(Clause.id, Clause.contract, Clause.code_key, Clause.code)
            .join(Contract)
            .where(where)
            .tuples()
        )
        self.clause_ids, codes = {}, {}
        for clause_id, contract_id, key, code in clauses:
            self.clause_ids[contract_id, key] = clause_id
            codes[clause_id] = code
        self.contract_ids = {c.reference: id_ for id_, c in self.contracts.items()}
        self.reports = accepted_reports(where, self.contracts)
        self.counting = {
            id_: counting_report(self.reports.get(id_, ()), as_of) for id_ in self.contracts
        }
        self.rows = report_rows(
            [r.report_id for r in self.counting.values() if r is not None], codes
        )
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


class _Parsed(dict):
    """Each distinct raw value converted once: rows repeat few dates and figures.

    SQLite returns dates as ISO text and PostgreSQL as dates; figures are hundredths.
    """

    def __init__(self, convert):
        super().__init__({None: None})
        self.convert = convert

    def __missing__(self, raw):
        value = self[raw] = self.convert(raw)
        return value


def _date(raw) -> date:
    return raw if isinstance(raw, date) else date.fromisoformat(raw)


def _hundredths(raw) -> Decimal:
    return Decimal(raw).scaleb(-2)


def report_rows(report_ids: list[int], codes: dict[int, str]) -> dict[int, list[Row]]:
    """The rows of these reports as domain contributions, per report id, in row order.

    Read through the raw cursor: peewee's per-value conversion would dominate
    the check over a million rows.
    """
    dates, figures = _Parsed(_date), _Parsed(_hundredths)
    rows: dict[int, list[Row]] = {}
    for ids in chunked(report_ids, IDS_PER_QUERY):
        query = (
            Contribution.select(
                Contribution.report,
                Contribution.clause,
                Contribution.row,
                Contribution.candidate_ref,
                Contribution.type,
                Contribution.target_group,
                Contribution.start_date,
                Contribution.end_date,
                Contribution.hours_per_week,
                Contribution.amount_cents,
                Contribution.note,
                Contribution.benefit_months,
                Contribution.age_bracket,
                Contribution.permanent_contract,
                Contribution.purchased_from,
                Contribution.bureau_ref,
                Contribution.statushouder,
                Contribution.level,
                Contribution.quantity,
            )
            .where(Contribution.report.in_(ids))
            .order_by(Contribution.report, Contribution.row)
        )
        cursor = db.execute(query)
        current_id, current = None, None
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
        ) in cursor:
            if report_id != current_id:
                current_id, current = report_id, rows.setdefault(report_id, [])
            current.append(
                Row(
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
                    None if permanent is None else bool(permanent),
                    purchased_from,
                    bureau_ref,
                    statushouder=None if statushouder is None else bool(statushouder),
                    level=level,
                    quantity=figures[quantity],
                )
            )
    return rows


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


def _open_flags(where) -> tuple[list[domain_flags.Flag], dict[int, str]]:
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
        flags.append(domain_flags.Flag(reference, clause, kind, period, flag_id))
        states[flag_id] = state
    return flags, states


def _suppressions(where) -> dict[domain_flags.Suppression, list[int]]:
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
        found.setdefault(domain_flags.Suppression(reference, clause, kind, period), []).append(id_)
    return found


def _previous_status(where) -> dict[tuple[str, str], str]:
    return {
        (reference, code): status
        for reference, code, status in ClauseStatus.select(
            Contract.reference, Clause.code, ClauseStatus.status
        )
        .join(Clause)
        .join(Contract)
        .where(where)
        .tuples()
    }


def latest_check_date() -> date | None:
    latest = (
        CheckRun.select(fn.MAX(CheckRun.as_of)).where(CheckRun.finished_at.is_null(False)).scalar()
    )
    return date.fromisoformat(latest) if isinstance(latest, str) else latest


def check_one(contract_row: Contract, as_of: date, at_risk_ratio=None) -> ContractCheck:
    """One contract, live, with the same loading and rules as the stored check."""
    ratio = current_app.config["AT_RISK_RATIO"] if at_risk_ratio is None else at_risk_ratio
    return ledger.check_one(contract_row.id, as_of, ratio)[0]


def run_check(
    as_of: date, trigger: str, actor: str, at_risk_ratio, progress=None
) -> tuple[dict, bool]:
    """Check every non-archived contract as of D; store it unless a later check is stored.

    Returns the ``check --json`` object and whether it was stored. ``progress``,
    if given, is told what has been done so far (the command line shows it).
    """
    say = progress or (lambda message: None)
    started_at = utcnow()
    loaded = Loaded(ACTIVE, as_of)
    say(f"loaded {len(loaded.contracts):,} contracts")
    checks = loaded.check_all(as_of, at_risk_ratio)
    checks, found = ledger.with_ledger(loaded, checks, as_of, at_risk_ratio)
    say(f"checked {sum(len(c.clauses) for c in checks):,} clauses")
    open_flags, states = _open_flags(ACTIVE)
    counted_twice = ledger.open_double_counts(ACTIVE)
    twice_opened, twice_resolved = ledger.decide(
        found, counted_twice, [c.contract for c in checks], as_of
    )
    suppressions = _suppressions(ACTIVE)
    decision = domain_flags.decide_flags(
        checks, open_flags, suppressions, as_of, _previous_status(ACTIVE)
    )
    latest = latest_check_date()
    stored = latest is None or as_of >= latest
    enforced = enforcement.decide(loaded, checks, as_of, ACTIVE)
    if stored:
        with write_transaction():
            run_id = _store(
                loaded, checks, decision, states, suppressions, as_of, trigger, actor, started_at
            )
            followups.create_due(checks, loaded.clause_ids, loaded.contract_ids, as_of)
            ledger.store_double_counts(
                twice_opened,
                twice_resolved,
                as_of,
                actor,
                {"check_run": run_id, "as_of": as_of, "trigger": trigger},
                run_id,
            )
            enforced.store(actor, {"check_run": run_id, "as_of": as_of, "trigger": trigger})
        say(f"stored: {len(decision.opened):,} flags opened, {len(decision.resolved):,} resolved")
    else:
        say(f"not stored: a check as of {latest.isoformat()} is stored already")
    resolved_twice = {r.flag.id for r in twice_resolved}
    return check_json(
        as_of,
        checks,
        [*decision.opened, *twice_opened],
        [*decision.resolved, *twice_resolved],
        [
            *decision.open_after(open_flags),
            *(f for f in counted_twice if f.id not in resolved_twice),
            *twice_opened,
        ],
        stored=stored,
        clause_keys=enforced.json_keys,
    ), stored


def _store(
    loaded: Loaded, checks, decision, states, suppressions, as_of, trigger, actor, started_at
) -> None:
    now = utcnow()
    run = CheckRun.create(as_of=as_of, trigger=trigger, started_at=started_at, finished_at=now)
    contract_ids, clause_ids = loaded.contract_ids, loaded.clause_ids

    def clause_id(reference, code):
        return clause_ids[contract_ids[reference], code_key(code)]

    bulk_insert(
        ClauseStatus,
        [
            ClauseStatus.clause,
            ClauseStatus.check_run,
            ClauseStatus.status,
            ClauseStatus.realised,
            ClauseStatus.expected,
            ClauseStatus.report_period,
        ],
        (
            (
                clause_id(r.contract, r.code),
                run.id,
                r.status,
                None if r.realised is None else round_half_up(r.realised),
                None if r.expected is None else round_half_up(r.expected),
                r.report_period,
            )
            for check in checks
            for r in check.clauses
        ),
        conflict=(
            ClauseStatus.clause,
            [
                ClauseStatus.check_run,
                ClauseStatus.status,
                ClauseStatus.realised,
                ClauseStatus.expected,
                ClauseStatus.report_period,
            ],
        ),
    )
    portfolio.refresh(only_changed=True)  # the dashboard's read model: the new statuses

    bulk_insert(
        Flag,
        [
            Flag.contract,
            Flag.clause,
            Flag.kind,
            Flag.period,
            Flag.state,
            Flag.opened_as_of,
            Flag.opened_by,
            Flag.opened_at,
        ],
        (
            (
                contract_ids[f.contract],
                None if f.clause is None else clause_id(f.contract, f.clause),
                f.kind,
                f.period,
                "open",
                as_of,
                run.id,
                now,
            )
            for f in decision.opened
        ),
    )
    opened = (
        Flag.select(Flag.id, Flag.contract, Flag.clause, Flag.kind, Flag.period)
        .where(Flag.opened_by == run.id)
        .tuples()
    )

    by_reason = {}
    for resolution in decision.resolved:
        by_reason.setdefault(resolution.reason, []).append(resolution.flag.id)
    for reason, ids in by_reason.items():
        for batch in chunked(ids, IDS_PER_QUERY):
            Flag.update(state="resolved", closed_at=now, closed_reason=reason).where(
                Flag.id.in_(batch)
            ).execute()

    cleared = [id_ for s in decision.cleared for id_ in suppressions.get(s, ())]
    for batch in chunked(cleared, IDS_PER_QUERY):
        FlagSuppression.delete().where(FlagSuppression.id.in_(batch)).execute()

    context = {"check_run": run.id, "as_of": as_of, "trigger": trigger}
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
            {**context, "state": [states.get(r.flag.id), "resolved"], "reason": r.reason},
            contract_ids.get(r.flag.contract),
        )
        for r in decision.resolved
    ]
    entries += [
        (
            "clear",
            "flag_suppression",
            id_,
            {**context, "contract": s.contract, "clause": s.clause, "kind": s.kind},
            contract_ids.get(s.contract),
        )
        for s in decision.cleared
        for id_ in suppressions.get(s, ())
    ]
    entries += [
        (
            "status",
            "clause",
            clause_id(c.contract, c.clause),
            {**context, "status": [c.old, c.new]},
            contract_ids[c.contract],
        )
        for c in decision.status_changes
    ]
    entries.append(
        (
            "check",
            "check_run",
            run.id,
            {
                **context,
                "contracts": len(checks),
                "flags_opened": len(decision.opened),
                "flags_resolved": len(decision.resolved),
            },
        )
    )
    audit.record_many(actor, entries, at=now)
    enqueue_flag_notices(run.id)
    return run.id


def _domain_flag(row: Flag) -> domain_flags.Flag:
    return domain_flags.Flag(
        row.contract.reference,
        row.clause.code if row.clause else None,
        row.kind,
        row.period,
        row.id,
    )


def close_flag_by_hand(flag_id: int, state: str, reason: str, actor: str) -> Flag:
    """The bureau closes a flag as resolved or waived; the check will not simply reopen it."""
    if state not in HAND_CLOSED_STATES:
        raise ValueError(f"a flag is closed as resolved or waived, not {state!r}")
    with write_transaction():
        flag = Flag.get_by_id(flag_id)
        if flag.state not in OPEN_STATES:
            raise ValueError(f"flag {flag_id} is already {flag.state}")
        old = flag.state
        Flag.update(
            state=state, closed_at=utcnow(), closed_reason=reason, closed_by_hand=True
        ).where(Flag.id == flag.id).execute()
        suppression = domain_flags.suppression_for(_domain_flag(flag))
        FlagSuppression.create(
            contract=flag.contract_id,
            clause=flag.clause_id,
            kind=suppression.kind,
            period=suppression.period,
            flag=flag.id,
        )
        audit.record(
            actor,
            "close",
            "flag",
            flag.id,
            {"state": [old, state], "reason": reason, "by_hand": True},
            contract=flag.contract_id,
        )
    return Flag.get_by_id(flag_id)


def resolve_overdue_after_import(contract_row: Contract, period_end: date, actor: str) -> list[int]:
    """Resolve report_overdue flags up to the period just accepted; call inside the import.

    Returns the ids of the flags resolved.
    """
    resolved = []
    with write_transaction():
        for flag in Flag.select().where(
            (Flag.contract == contract_row.id)
            & (Flag.kind == domain_flags.REPORT_OVERDUE)
            & Flag.state.in_(OPEN_STATES)
        ):
            period = parse_period(contract_row.reporting, flag.period or "")
            if period is None or period.end > period_end:
                continue
            reason = f"report for {flag.period} or a later period accepted"
            Flag.update(state="resolved", closed_at=utcnow(), closed_reason=reason).where(
                Flag.id == flag.id
            ).execute()
            audit.record(
                actor,
                "resolve",
                "flag",
                flag.id,
                {"state": [flag.state, "resolved"], "reason": reason, "trigger": "import"},
                contract=contract_row.id,
            )
            resolved.append(flag.id)
    return resolved
