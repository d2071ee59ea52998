"""Time the compliance check over 10,000 contracts / 30,000 clauses / 1,000,000 rows.

Generates the data once into bench/out/data-<contracts>-<rows>.db (reused
afterwards), copies it to a scratch file so every run starts without stored
checks, then times a first check, a second check of the same data, and one
aggregate SQL query over the same counting rows as the lower bound.

    python bench/bench_check.py [--contracts N] [--rows N] [--profile]
"""
import argparse
import cProfile
import pstats
import shutil
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from srtracker import create_app  # noqa: E402
from srtracker.compliance.run import run_check  # noqa: E402
from srtracker.db import db  # noqa: E402

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


def timed(label: str, action, profile: bool = False):
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    result = action()
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    print(f"{label:<14} {seconds:8.2f} s", flush=True)
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return result, seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=10000)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--profile", action="store_true", help="cProfile both checks")
    args = parser.parse_args(argv)

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

    app = create_app({"DATABASE_URL": f"sqlite:///{scratch}", "SECRET_KEY": "bench"})
    ratio = app.config["AT_RISK_RATIO"]
    with app.app_context(), db.connection_context():
        (first, _), first_s = timed("first check", lambda: run_check(AS_OF, "bench", "bench", ratio),
                                    args.profile)
        (second, _), second_s = timed("second check",
                                      lambda: run_check(AS_OF, "bench", "bench", ratio),
                                      args.profile)
        _, sql_s = timed("aggregate SQL",
                         lambda: db.execute_sql(LOWER_BOUND_SQL, (AS_OF.isoformat(),)).fetchall())

    print(f"clauses {len(first['clauses']):,}; flags opened {len(first['flags_opened']):,} "
          f"then {len(second['flags_opened']):,}; open {len(second['open_flags']):,}")
    print(f"first / SQL {first_s / sql_s:6.1f}x   second / SQL {second_s / sql_s:6.1f}x")
    for label, seconds in (("first", first_s), ("second", second_s)):
        verdict = "ok" if seconds < TARGETS[label] else "MISSED"
        print(f"target {label} < {TARGETS[label]:.0f} s: {verdict}")
    assert not second["flags_opened"], "the second check must open nothing new"
    return 0 if first_s < TARGETS["first"] and second_s < TARGETS["second"] else 1


if __name__ == "__main__":
    sys.exit(main())
