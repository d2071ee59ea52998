"""Time the compliance check over 10,000 contracts / 30,000 clauses / 1,000,000 rows.

Generates the data once into bench/out/data-<contracts>-<rows>.db (reused
afterwards), copies it to a scratch file so every run starts without stored
checks, then times a first check, a second check of the same data (read back:
its inputs are unchanged, store.check_inputs), the same check worked out again
with the stored digest forgotten, and one aggregate SQL query over the same
counting rows as the lower bound. Then, in the same run, the floor of any check
that reads every row into Python and decides with the domain's rules (one truth):
the raw cursor over the counting reports' rows, the same rows made domain rows,
every contract loaded, and the domain's check of every contract (nothing decided on
flags, stored or printed), the same two in batches on every core as the check does
them (store.check_batches: wall-clock, and the CPU of this process and its
workers), and the inputs digest the first check also takes.

``--workers N``: the checks load and check the contracts in batches in N worker
processes beside this one (store.check_batches; the app's default is none), for a
comparison in the same state of the machine. ``--command``: the checks run as
``srtracker check`` runs its own (on SQLite, one worker when the last minute's load
average leaves a core free: check_batches.COMMAND_WORKERS).

    python bench/bench_check.py [--contracts N] [--rows N] [--profile] [--no-floor]
                                [--workers N] [--command]
"""

import argparse
import cProfile
import os
import pickle
import pstats
import shutil
import sys
import time
from datetime import date
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate

from srtracker import create_app
from srtracker.db import db
from srtracker.migrate import init_database
from srtracker.models import CheckRun, Clause, Contract, Contribution
from srtracker.services.checks import run_check
from srtracker.store import check_batches, check_inputs
from srtracker.store.checks import ACTIVE, Loaded, collector_paused, report_rows
from srtracker.store.rows import LOADED

AS_OF = date(2026, 8, 15)
TARGETS = {"first": 30.0, "second": 15.0}
LOWER_BOUND_SQL = """
SELECT c.clause_id, COUNT(DISTINCT c.candidate_key),
       SUM(c.hours_per_week * (julianday(MIN(COALESCE(c.end_date, r.period_end), r.period_end))
                               - julianday(c.start_date) + 1)) / 700.0
FROM contribution c JOIN report r ON r.id = c.report_id
WHERE r.status = 'accepted' AND r.period_end <= ?
GROUP BY c.clause_id
"""


CPU = {}  # label -> CPU seconds (user + system) of this process, the last time timed
WORKERS_CPU = {}  # label -> CPU seconds of the worker processes it started and ended
WALL = {}  # label -> wall-clock seconds


def _children() -> float:
    times = os.times()
    return times.children_user + times.children_system


def timed(label: str, action, profile: bool = False):
    """Wall-clock seconds; the CPU time goes to CPU[label] (SQLite runs in this process),
    that of the workers it forked and ended to WORKERS_CPU[label]."""
    profiler = cProfile.Profile() if profile else None
    started, cpu, children = time.perf_counter(), time.process_time(), _children()
    if profiler:
        profiler.enable()
    result = action()
    if profiler:
        profiler.disable()
    seconds = WALL[label] = time.perf_counter() - started
    CPU[label] = time.process_time() - cpu
    WORKERS_CPU[label] = _children() - children
    workers = f" + workers {WORKERS_CPU[label]:.2f} s" if WORKERS_CPU[label] else ""
    print(f"{label:<14} {seconds:8.2f} s  (CPU {CPU[label]:.2f} s{workers})", flush=True)
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return result, seconds


def floor(ratio) -> None:
    """The unavoidable parts of a check worked out, timed one by one (see the docstring)."""
    with collector_paused():
        loaded, _ = timed("contracts", lambda: Loaded(ACTIVE, AS_OF))
        report_ids = sorted(r.report_id for r in loaded.counting.values() if r)
        codes = dict(Clause.select(Clause.id, Clause.code).tuples())

        def cursor() -> int:
            query = (
                Contribution.select(*LOADED)
                .where(Contribution.report.in_(report_ids))
                .order_by(Contribution.report, Contribution.row)
            )
            return sum(1 for _ in db.execute(query))

        timed("cursor", cursor)
        timed("domain rows", lambda: report_rows(report_ids, codes))
        timed("domain check", lambda: loaded.check_all(AS_OF, ratio))
        forks = check_batches.workers()
        batches = check_batches.batches(ACTIVE, forks)
        if batches is not None:
            timed("in batches", lambda: check_batches.checked(batches, ACTIVE, AS_OF, ratio, forks))
        timed("digest", lambda: check_inputs.inputs_key(AS_OF, str(ratio)))
        sending(ratio)


SENT_BATCHES = 3


def sending(ratio) -> None:
    """What a check's worker adds to each batch it loads and checks (store.check_batches):
    working out what the check's process reads of the rows (``_sent``), the batch pickled
    as its pipe sends it, and unpickled in the check's process; for the first
    SENT_BATCHES batches, CPU time."""
    from srtracker.store.check_batches import _sent

    ids = [
        i
        for (i,) in Contract.select(Contract.id)
        .where(ACTIVE)
        .order_by(Contract.reference_key)
        .tuples()
    ]
    size = check_batches.BATCH_CONTRACTS
    work = worked = dumps = loads = 0.0
    for number in range(SENT_BATCHES):
        started = time.process_time()
        batch = Loaded(ACTIVE & Contract.id.in_(ids[number * size : (number + 1) * size]), AS_OF)
        checks = batch.check_all(AS_OF, ratio)
        checked = time.process_time()
        result = (batch.without_rows(), *_sent(batch, checks, AS_OF))
        pickled = time.process_time()
        sent = ForkingPickler.dumps(result)
        unpickled = time.process_time()
        pickle.loads(sent)
        work += checked - started
        worked += pickled - checked
        dumps += unpickled - pickled
        loads += time.process_time() - unpickled
    print(
        f"a batch of {size:,} contracts sent back by a worker, CPU per batch: loaded and checked "
        f"{work / SENT_BATCHES:.3f} s; in the worker, what the check reads of its rows "
        f"{worked / SENT_BATCHES:.3f} s and pickling {dumps / SENT_BATCHES:.3f} s "
        f"({len(sent) / 1e6:.1f} MB); unpickled {loads / SENT_BATCHES:.3f} s (the check's "
        f"process): the worker's work {(work + worked + dumps) / work:.2f} x the batch's "
        f"loading and checking, the receiving {loads / work:.2f} x",
        flush=True,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=10000)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--profile", action="store_true", help="cProfile both checks")
    parser.add_argument("--no-floor", action="store_true", help="skip timing the floor")
    parser.add_argument(
        "--workers", type=int, default=check_batches.WORKERS, help="check_batches.WORKERS"
    )
    parser.add_argument("--command", action="store_true", help="check as srtracker check does")
    args = parser.parse_args(argv)
    check_batches.WORKERS = args.workers

    out = HERE / "out"
    out.mkdir(exist_ok=True)
    data = out / f"data-{args.contracts}-{args.rows}.db"
    if not data.exists():
        print(f"generating {data.name} ...", flush=True)
        started = time.perf_counter()
        generate(f"sqlite:///{data}", args.contracts, args.rows)
        print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    scratch = out / "check-run.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(data, scratch)

    app = create_app({"DATABASE_URL": f"sqlite:///{scratch}", "SECRET_KEY": "bench"}, serving=False)
    init_database(app)  # data generated by an older version gets the newer migrations
    ratio = app.config["AT_RISK_RATIO"]

    def check():
        return run_check(AS_OF, "bench", "bench", ratio, command=args.command)

    with app.app_context(), db.connection_context():
        (first, _), first_s = timed("first check", check, args.profile)
        (second, _), second_s = timed("second check", check, args.profile)
        # The same once more with the stored digest forgotten: worked out, not read back.
        CheckRun.update(inputs=None).execute()
        timed("worked out", check, args.profile)
        _, sql_s = timed(
            "aggregate SQL",
            lambda: db.execute_sql(LOWER_BOUND_SQL, (AS_OF.isoformat(),)).fetchall(),
        )
        if not args.no_floor:
            floor(ratio)

    print(
        f"clauses {len(first['clauses']):,}; flags opened {len(first['flags_opened']):,} "
        f"then {len(second['flags_opened']):,}; open {len(second['open_flags']):,}"
    )
    print(f"first / SQL {first_s / sql_s:6.1f}x   second / SQL {second_s / sql_s:6.1f}x")
    sql_cpu = CPU["aggregate SQL"]
    print(
        f"CPU time: first / SQL {CPU['first check'] / sql_cpu:6.1f}x   second / SQL "
        f"{CPU['second check'] / sql_cpu:6.1f}x (target <= 5x)   worked out / SQL "
        f"{CPU['worked out'] / sql_cpu:6.1f}x; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    for label in ("first check", "worked out"):
        work = CPU[label] + WORKERS_CPU[label]
        print(
            f"{label}: this process and its workers {work:.2f} s of CPU ({work / sql_cpu:.1f}x "
            f"the SQL's), {work / WALL[label]:.2f} cores busy on average over its wall-clock"
        )
    if not args.no_floor:
        parts = ("cursor", "domain rows", "contracts", "domain check", "digest")
        print(
            "floor, CPU / SQL: "
            + "   ".join(f"{label} {CPU[label] / sql_cpu:.1f}x" for label in parts)
            + f"   (contracts = loading every contract with its rows; the floor of a check "
            f"with the domain's rules: contracts + domain check = "
            f"{(CPU['contracts'] + CPU['domain check']) / sql_cpu:.1f}x, + digest "
            f"{(CPU['contracts'] + CPU['domain check'] + CPU['digest']) / sql_cpu:.1f}x)"
        )
        if "in batches" in WALL:
            alone = CPU["contracts"] + CPU["domain check"]
            work = CPU["in batches"] + WORKERS_CPU["in batches"]
            print(
                f"contracts + domain check in batches on every core: wall-clock "
                f"{WALL['in batches']:.2f} s = {WALL['in batches'] / sql_s:.1f}x the SQL's "
                f"wall-clock (in one process {WALL['contracts'] + WALL['domain check']:.2f} s "
                f"= {(WALL['contracts'] + WALL['domain check']) / sql_s:.1f}x); CPU {work:.2f} s "
                f"(this process {CPU['in batches']:.2f} s) against {alone:.2f} s in one"
            )
    for label, seconds in (("first", first_s), ("second", second_s)):
        verdict = "ok" if seconds < TARGETS[label] else "MISSED"
        print(f"target {label} < {TARGETS[label]:.0f} s: {verdict}")
    assert not second["flags_opened"], "the second check must open nothing new"
    return 0 if first_s < TARGETS["first"] and second_s < TARGETS["second"] else 1


if __name__ == "__main__":
    sys.exit(main())
