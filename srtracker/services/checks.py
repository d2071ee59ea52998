"""The compliance check: the nightly one over every contract, and the re-check of one.

Both decide in the core (domain.compliance, domain.flag_rules) and store through
store.checks with the same rules, so the nightly check as of a date finds nothing
new in a contract that was re-checked as of that date.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from ..clock import today
from ..config import DEFAULTS
from ..db import is_serialization_failure, snapshot_transaction, vacuum, write_transaction
from ..domain import flag_rules
from ..domain.check_json import check_json
from ..domain.compliance import ContractCheck
from ..domain.contributions import Contribution
from ..models import Contract, Flag, Portfolio, WaitingCandidate, utcnow
from ..notify.notices import enqueue_flag_notices
from ..runtime import settings
from ..store import audit, check_inputs, followups
from ..store import ledger as store_ledger
from ..store.checks import (
    ACTIVE,
    Loaded,
    Stored,
    collector_paused,
    create_check_run,
    latest_check_date,
    latest_check_run,
    move_statuses,
    open_flags,
    store_decision,
)
from . import enforcement, ledger


def check_date() -> date:
    """The date every page shows figures as of: the latest stored check's, else today."""
    return latest_check_date() or today()


def at_risk_ratio() -> Decimal:
    return settings()["AT_RISK_RATIO"]


def check_live(contract_row: Contract, as_of: date | None = None) -> ContractCheck:
    """One contract with its explanation, loaded and decided as the stored check does
    (its person ledger included)."""
    return ledger.check_one(contract_row.id, as_of or check_date(), at_risk_ratio())[0]


def recheck(
    contract_id: int, actor: str, cause: str, rows: dict[int, list[Contribution]] | None = None
) -> list[int]:
    """Re-check one contract as of the check date and store it as a check would.

    Runs inside the caller's transaction (the change that caused it). An archived
    contract is not checked: only its portfolio rows follow. Returns the ids of
    the flags opened. `rows`: the rows of reports just stored, by report id, as the
    check reads them back (an import hands its report's: not read again).
    """
    run = latest_check_run()
    as_of = run.as_of if run else today()
    if isinstance(as_of, str):
        as_of = date.fromisoformat(as_of)
    where = Contract.id == contract_id
    loaded = Loaded(where & ACTIVE, as_of, rows)
    checks, found = [], {}
    if contract_id in loaded.contracts:
        check, found = ledger.check_one(contract_id, as_of, at_risk_ratio(), loaded)
        checks = [check]
    stored = Stored(where & ACTIVE)
    decision = flag_rules.decide_flags(
        checks, stored.open_flags, stored.suppressions, as_of, stored.previous_status
    )
    twice_opened, twice_resolved = ledger.decide(
        found, store_ledger.open_double_counts(where & ACTIVE), [c.contract for c in checks], as_of
    )
    enforced = enforcement.decide(loaded, checks, as_of, where & ACTIVE)
    context = {"as_of": as_of, "trigger": "recheck", "cause": cause}
    check_run = run.id if run else None
    with write_transaction():
        opened = store_decision(
            loaded, checks, decision, stored, context, actor, check_run, utcnow(), where
        )
        followups.create_due(checks, loaded.clause_ids, loaded.contract_ids, as_of)
        store_ledger.store_double_counts(
            twice_opened, twice_resolved, as_of, actor, context, check_run
        )
        enforced.store(actor, context)
        enqueue_flag_notices(opened)
    return opened


def run_check(
    as_of: date,
    trigger: str,
    actor: str,
    at_risk_ratio: Decimal,
    progress: Callable[[str], None] | None = None,
    command: bool = False,
) -> tuple[dict, bool]:
    """Check every non-archived contract as of D; store it unless a later check is stored.

    Returns the ``check --json`` object and whether it was stored. ``progress``,
    if given, is told what has been done so far (the command line shows it).
    ``command``: the check of ``srtracker check``, a process running no other thread,
    which may fork a worker (store.check_batches.COMMAND_WORKERS; never the
    scheduler's check, run in a thread of its pool).
    On PostgreSQL the check reads, decides, writes and takes its inputs digest in one
    snapshot; should a change committed meanwhile touch a row the check writes, it is
    checked again outside one (reading as it writes, the marker deciding the digest).
    """
    say = progress or (lambda message: None)
    with collector_paused():
        try:
            with snapshot_transaction():
                outcome = _run_check(as_of, trigger, actor, at_risk_ratio, say, command)
        except Exception as error:
            if not is_serialization_failure(error):
                raise
            say("a change committed meanwhile to what the check writes: checking again")
            outcome = _run_check(as_of, trigger, actor, at_risk_ratio, say, command)
    vacuum(*READ_BY_INDEX)
    return outcome


# The read models the bureau's pages read by index alone: the dashboard's portfolio, the flag
# queue's open flags and the review queue's candidates (db.vacuum says why).
READ_BY_INDEX = (Portfolio, Flag, WaitingCandidate)


# The settings in the check's input digest: the app's own (config.toml and environment),
# but for the secrets and the database's address.
_DIGESTED = sorted({*DEFAULTS, "REFERENCE"} - {"DATABASE_URL"})


def _settings(at_risk_ratio: Decimal) -> str:
    """The app's settings as text for the check's input digest (the rules read some)."""
    own = settings()
    return repr((str(at_risk_ratio), [(k, repr(own.get(k))) for k in _DIGESTED]))


def _run_check(as_of, trigger, actor, at_risk_ratio, say, command=False) -> tuple[dict, bool]:
    started_at = utcnow()
    digested = _settings(at_risk_ratio)
    latest = latest_check_run()
    if latest is not None and latest.inputs and _date(latest.as_of) == as_of:
        if check_inputs.inputs_key(as_of, digested) == latest.inputs:
            return _unchanged(latest, as_of, trigger, actor, started_at, say), True
    before_reading = check_inputs.marker()
    loaded, checks, sent = _loaded_and_checked(as_of, at_risk_ratio, command)
    say(f"loaded {len(loaded.contracts):,} contracts")
    checks, found = ledger.with_ledger(loaded, checks, as_of, at_risk_ratio, sent=sent)
    say(f"checked {sum(len(c.clauses) for c in checks):,} clauses")
    before = Stored(ACTIVE)
    counted_twice = store_ledger.open_double_counts(ACTIVE)
    twice_opened, twice_resolved = ledger.decide(
        found, counted_twice, [c.contract for c in checks], as_of
    )
    decision = flag_rules.decide_flags(
        checks, before.open_flags, before.suppressions, as_of, before.previous_status
    )
    latest_date = latest_check_date()
    stored = latest_date is None or as_of >= latest_date
    enforced = enforcement.decide(loaded, checks, as_of, ACTIVE)
    resolved_twice = {r.flag.id for r in twice_resolved}
    document = check_json(
        as_of,
        checks,
        [*decision.opened, *twice_opened],
        [*decision.resolved, *twice_resolved],
        [
            *decision.open_after(before.open_flags),
            *(f for f in counted_twice if f.id not in resolved_twice),
            *twice_opened,
        ],
        stored=stored,
        clause_keys=enforced.json_keys,
    )
    if not stored:
        say(f"not stored: a check as of {latest_date.isoformat()} is stored already")
        return document, stored
    with write_transaction():
        now = utcnow()
        run_id = create_check_run(as_of, trigger, started_at, now)
        context = {"check_run": run_id, "as_of": as_of, "trigger": trigger}
        opened = store_decision(
            loaded, checks, decision, before, context, actor, run_id, now, sent=sent
        )
        summary = {
            **context,
            "contracts": len(checks),
            "flags_opened": len(decision.opened),
            "flags_resolved": len(decision.resolved),
        }
        audit.record_many(actor, [("check", "check_run", run_id, summary)], at=now)
        followups.create_due(
            checks, loaded.clause_ids, loaded.contract_ids, as_of, sent and sent.due_rows
        )
        store_ledger.store_double_counts(
            twice_opened, twice_resolved, as_of, actor, context, run_id
        )
        enforced.store(actor, context)
        enqueue_flag_notices(opened)
        key = check_inputs.inputs_key(as_of, digested)
        if check_inputs.marker() == before_reading:  # else the digest holds a change not decided on
            check_inputs.keep(run_id, key, len(checks), document["clauses"])
    say(f"stored: {len(decision.opened):,} flags opened, {len(decision.resolved):,} resolved")
    return document, stored


def _loaded_and_checked(as_of: date, at_risk_ratio, command: bool = False):
    """Every active contract loaded and checked on its own, and what worker processes
    worked out of their checks' rows: in batches on worker processes too where
    store.check_batches has them (``srtracker check`` on SQLite with a core free), else
    here (None)."""
    # Here: its workers import multiprocessing and Flask, which a re-check (import-report)
    # never needs (tests/test_cli.py).
    from ..store import check_batches

    forks = check_batches.workers(command)  # once: the load it reads may change meanwhile
    batches = check_batches.batches(ACTIVE, forks)
    if batches is not None:
        return check_batches.checked(batches, ACTIVE, as_of, at_risk_ratio, forks)
    loaded = Loaded(ACTIVE, as_of)
    return loaded, loaded.check_all(as_of, at_risk_ratio), None


def _unchanged(latest, as_of: date, trigger: str, actor: str, started_at, say) -> dict:
    """The check as of the latest stored check's date over the inputs it left: stored as
    that check run again would store it (a new run, every status moved to it, nothing
    opened or resolved), its clauses read back."""
    kept = check_inputs.kept(latest)
    flags = [*open_flags(ACTIVE)[0], *store_ledger.open_double_counts(ACTIVE)]
    with write_transaction():
        now = utcnow()
        run_id = create_check_run(as_of, trigger, started_at, now)
        context = {"check_run": run_id, "as_of": as_of, "trigger": trigger}
        move_statuses(run_id)
        summary = {
            **context,
            "contracts": kept["contracts"],
            "flags_opened": 0,
            "flags_resolved": 0,
        }
        audit.record_many(actor, [("check", "check_run", run_id, summary)], at=now)
        check_inputs.keep(run_id, latest.inputs, kept["contracts"], kept["clauses"])
    say(f"unchanged since the check run {latest.id}: stored again, nothing opened or resolved")
    document = check_json(as_of, [], [], [], flags)
    document["clauses"] = kept["clauses"]
    return document


def _date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def contract_figures(contract_row: Contract):
    """One contract as ``check --json`` gives its clauses, as of the check date: the date,
    the check (None for an archived contract: it is not checked) and the function adding
    each clause's ``enforcement`` and ``unrealised_value``."""
    as_of = check_date()
    where = (Contract.id == contract_row.id) & ACTIVE
    loaded = Loaded(where, as_of)
    if contract_row.id not in loaded.contracts:
        return as_of, None, None
    check, _found = ledger.check_one(contract_row.id, as_of, at_risk_ratio(), loaded)
    return as_of, check, enforcement.decide(loaded, [check], as_of, where).json_keys
