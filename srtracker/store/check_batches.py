"""The stored check's contracts loaded and checked a batch at a time, on every core.

Loading every contract with its rows and the domain's check of each are most of a
first check's time (bench/RESULTS.md, issue 19). With FORKS_FROM active contracts
or more, a second core and WORKERS set (none by default; ``srtracker check`` on
SQLite forks COMMAND_WORKERS when a core is free), forked worker processes
(``workers.Ahead``) load and check batches of BATCH_CONTRACTS contracts while this
process does the same, and send back each batch's checks with its ``Loaded``, all
without the rows: what the check's process reads of a check's rows (its ledger rows
and cap uses, follow-ups due and review-queue rows) is worked out in the worker by
the same functions and sent beside it (``Sent``; the checks hold
the rows they count and exclude). The same ``Loaded.check_all`` decides in every
process, and the batches are consecutive runs of the contracts in the order one
``Loaded`` of all of them gives, so the caller decides and stores exactly what the
check in one process does (tests/compliance/test_check_batches.py).

On PostgreSQL, inside a transaction, the workers read in this process's snapshot
(``pg_export_snapshot()``, then ``SET TRANSACTION SNAPSHOT`` in each worker's
REPEATABLE READ READ ONLY transaction): they see what it sees. Otherwise each
worker reads in autocommit as this process does, and the check's marker
(``check_inputs.marker``), taken before the workers start, tells whether another
connection committed while they read.
"""

import os
from dataclasses import replace
from datetime import date
from functools import partial

from peewee import chunked

from ..db import db, is_sqlite
from ..domain.compliance import ContractCheck
from ..domain.counting import Excluded
from ..domain.double_count import ledger_rows_of
from ..domain.person_cap import check_uses
from ..models import Contract
from ..workers import Ahead
from .checks import Combined, Loaded, collector_paused
from .followups import due_rows
from .waiting import waiting_rows

# Contracts a batch: about 100,000 rows at the bench's 100 a contract, a second of work.
BATCH_CONTRACTS = 1000
# Fewer active contracts than this are checked in this process alone: starting a worker
# costs more than it saves there (and tests, demos and small councils never fork).
FORKS_FROM = 5000
CORES = os.cpu_count() or 1
# Worker processes beside this one (which checks batches too), at most one per other core;
# none by default (README "Decisions"): on PostgreSQL a worker saves nothing (the server's
# backends share the cores), and the scheduler runs the check in a thread of its pool,
# where a fork would leave in the worker any lock another thread held.
WORKERS = 0
# Beside the check of ``srtracker check`` on SQLite (``command``), when the last minute left
# a core free: a command runs no other thread, so a fork leaves no lock held, and with a
# core free the worker shortens the first check (bench/RESULTS.md, issue 19, tenth session);
# competing for a busy core it lengthened it (eighth session).
COMMAND_WORKERS = 1


def workers(command: bool = False) -> int:
    """The worker processes a check forks (with enough contracts); ``command``: the check
    of ``srtracker check``."""
    wanted = WORKERS
    if command and is_sqlite() and _core_free():
        wanted = max(wanted, COMMAND_WORKERS)
    return max(0, min(wanted, CORES - 1))


def _core_free() -> bool:
    """Whether the load average of the last minute leaves a core beside this process."""
    return os.getloadavg()[0] < CORES - 1


def batches(where, forks: int) -> list[list[int]] | None:
    """The ids of the contracts matching ``where`` in batches, in the order ``Loaded``
    gives them; None where they are checked in this process alone (``forks``, the
    ``workers()`` decided once for the check, below one, or too few contracts)."""
    if forks < 1:
        return None
    ids = [
        id_
        for (id_,) in Contract.select(Contract.id)
        .where(where)
        .order_by(Contract.reference_key)
        .tuples()
    ]
    if len(ids) < FORKS_FROM:
        return None
    return [list(batch) for batch in chunked(ids, BATCH_CONTRACTS)]


class Sent:
    """What the workers worked out of their checks' rows, which they kept: per check they
    sent, its ledger rows, cap uses, follow-ups due and review-queue rows, each by the
    function the check's process would call. Any other check (this process's own
    batches, a contract the ledger checks again) gets that function's own answer."""

    def __init__(self):
        self._by_check: dict[int, tuple] = {}
        self._kept: list[ContractCheck] = []  # the checks sent: their ids stay theirs

    def add(self, checks: list[ContractCheck], worked_out: list[tuple]) -> None:
        self._kept += checks
        self._by_check.update(zip(map(id, checks), worked_out, strict=True))

    def in_ledger(self) -> list[str]:
        """The contracts sent with rows in the ledger or cap months used: those whose
        rows the ledger may need (``Combined``)."""
        return [
            check.contract
            for check in self._kept
            if (sent := self._by_check[id(check)])[0] or sent[1]
        ]

    def ledger_rows(self, check: ContractCheck) -> list:
        sent = self._by_check.get(id(check))
        return ledger_rows_of(check) if sent is None else sent[0]

    def cap_uses(self, check: ContractCheck) -> list[tuple]:
        sent = self._by_check.get(id(check))
        return check_uses(check) if sent is None else sent[1]

    def due_rows(self, checks, clause_ids, contract_ids, as_of: date):
        for check in checks:
            sent = self._by_check.get(id(check))
            yield from (
                due_rows([check], clause_ids, contract_ids, as_of) if sent is None else sent[2]
            )

    def waiting_rows(self, loaded, checks):
        for check in checks:
            sent = self._by_check.get(id(check))
            yield from waiting_rows(loaded, [check]) if sent is None else sent[3]


# One excluded row's stand-in per reason in the checks sent: the check's process counts
# them (``ClauseResult.excluded_counts``, ``check --json``) and reads no row of them.
_STAND_INS: dict[str, Excluded] = {}


def _stand_in(reason: str) -> Excluded:
    found = _STAND_INS.get(reason)
    if found is None:
        found = _STAND_INS[reason] = Excluded(None, reason)  # type: ignore[arg-type]
    return found


def _without_rows(check: ContractCheck) -> ContractCheck:
    return replace(
        check,
        clauses=tuple(
            replace(r, counting=(), excluded=tuple(_stand_in(e.reason) for e in r.excluded))
            for r in check.clauses
        ),
    )


def _sent(loaded: Loaded, checks: list[ContractCheck], as_of: date):
    """A worker's checks without their rows, and what the check's process reads of them."""
    worked_out = [
        (
            ledger_rows_of(check),
            check_uses(check),
            list(due_rows([check], loaded.clause_ids, loaded.contract_ids, as_of)),
            list(waiting_rows(loaded, [check])),
        )
        for check in checks
    ]
    return [_without_rows(check) for check in checks], worked_out


def checked(
    batch_ids: list[list[int]], where, as_of: date, at_risk_ratio, forks: int
) -> tuple[Combined, list[ContractCheck], Sent]:
    """Every batch loaded and checked, here and in ``forks`` worker processes: the
    contracts (``Combined``), their checks in the order of ``batch_ids`` (a worker's
    without their rows) and what the workers worked out of those rows (``Sent``)."""
    parent = os.getpid()

    def compute(number: int):
        with collector_paused():
            loaded = Loaded(where & Contract.id.in_(batch_ids[number]), as_of)
            checks = loaded.check_all(as_of, at_risk_ratio)
            if _here(parent):
                return {**loaded.without_rows(), "rows": loaded.rows}, checks, None
            return loaded.without_rows(), *_sent(loaded, checks, as_of)

    snapshot = _exported_snapshot()
    start = None if snapshot is None else partial(_read_in, snapshot)
    # This process computes every batch it can claim while the worker's is not done
    # (``ahead``), and the worker queues what it sends: neither waits for the other.
    total = len(batch_ids)
    ahead = Ahead(compute, total, forks, start=start, ahead=total)
    parts, checks, sent = [], [], Sent()
    for number in range(total):
        part, batch_checks, worked_out = ahead.take(number)
        parts.append(part)
        checks += batch_checks
        if worked_out is not None:
            sent.add(batch_checks, worked_out)
    return Combined(parts, sent.in_ledger()), checks, sent


def _here(parent: int) -> bool:
    """Whether this is the check's own process (its batches keep their rows)."""
    return os.getpid() == parent


def _exported_snapshot() -> str | None:
    """This process's snapshot for the workers: PostgreSQL, inside a transaction."""
    if is_sqlite() or not db.in_transaction():
        return None
    return db.execute_sql("SELECT pg_export_snapshot()").fetchone()[0]


def _read_in(snapshot: str) -> None:
    """A worker's reads, all in the parent's snapshot (its connection's first statement)."""
    db.execute_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    db.execute_sql("SET TRANSACTION SNAPSHOT %s", (snapshot,))
