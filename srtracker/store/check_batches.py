"""The stored check's contracts loaded and checked a batch at a time, on every core.

Loading every contract with its rows and the domain's check of each are most of a
first check's time (bench/RESULTS.md, issue 19). With WORKERS set, FORKS_FROM
active contracts or more and a second core, forked worker processes
(``workers.Ahead``) load and check batches of BATCH_CONTRACTS contracts while this
process does the same, and send back each batch's checks with its ``Loaded`` but
for the rows (the checks hold
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
from datetime import date
from functools import partial

from peewee import chunked

from ..db import db, is_sqlite
from ..domain.compliance import ContractCheck
from ..models import Contract
from ..workers import Ahead
from .checks import Combined, Loaded, collector_paused

# Contracts a batch: about 100,000 rows at the bench's 100 a contract, a second of work.
BATCH_CONTRACTS = 1000
# Fewer active contracts than this are checked in this process alone: starting a worker
# costs more than it saves there (and tests, demos and small councils never fork).
FORKS_FROM = 5000
CORES = os.cpu_count() or 1
# Worker processes beside this one (which checks batches too), at most one per other core;
# none by default: sending a batch's checks (its rows) back costs the worker about 0.8 x
# the batch's own work, so a worker lowered the first check's wall-clock only on a quiet
# machine and raised it under load and on PostgreSQL, whose server shares the cores
# (bench/RESULTS.md, issue 19, seventh session).
WORKERS = 0


def batches(where) -> list[list[int]] | None:
    """The ids of the contracts matching ``where`` in batches, in the order ``Loaded``
    gives them; None where they are checked in this process alone."""
    if min(WORKERS, CORES - 1) < 1:
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


def checked(
    batch_ids: list[list[int]], where, as_of: date, at_risk_ratio
) -> tuple[Combined, list[ContractCheck]]:
    """Every batch loaded and checked, here and in WORKERS worker processes: the
    contracts (``Combined``) and their checks, in the order of ``batch_ids``."""

    def compute(number: int):
        with collector_paused():
            loaded = Loaded(where & Contract.id.in_(batch_ids[number]), as_of)
            return loaded.without_rows(), loaded.check_all(as_of, at_risk_ratio)

    snapshot = _exported_snapshot()
    start = None if snapshot is None else partial(_read_in, snapshot)
    ahead = Ahead(compute, len(batch_ids), min(WORKERS, CORES - 1), start=start)
    parts, checks = [], []
    for number in range(len(batch_ids)):
        part, batch_checks = ahead.take(number)
        parts.append(part)
        checks += batch_checks
    return Combined(parts), checks


def _exported_snapshot() -> str | None:
    """This process's snapshot for the workers: PostgreSQL, inside a transaction."""
    if is_sqlite() or not db.in_transaction():
        return None
    return db.execute_sql("SELECT pg_export_snapshot()").fetchone()[0]


def _read_in(snapshot: str) -> None:
    """A worker's reads, all in the parent's snapshot (its connection's first statement)."""
    db.execute_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    db.execute_sql("SET TRANSACTION SNAPSHOT %s", (snapshot,))
