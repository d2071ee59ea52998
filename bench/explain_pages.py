"""EXPLAIN ANALYZE of every query one page request runs, as the bench's bureau user.

The page is rendered in-process by its own view (no HTTP, no other client), every SQL
statement it sends is captured, and each SELECT is run again under EXPLAIN (ANALYZE,
BUFFERS) on PostgreSQL (EXPLAIN QUERY PLAN on SQLite). The sum of the execution times
is the database's own work for the request, which a shared machine inflates far less
than the wall-clock latency of the concurrent benchmark (national.py --steps dashboard).

    .venv/bin/python bench/explain_pages.py postgresql://... /bureau/flags "/bureau/flags?page=900"
    .venv/bin/python bench/explain_pages.py postgresql://... /bureau/reviews --plans
    .venv/bin/python bench/explain_pages.py postgresql://... /bureau/flags --repeat 30 [--profile]

``--repeat N`` renders the page N times more after the first (whose per-worker caches are
cold) and prints the median CPU time of this process per render, the figure that compares
on a shared machine; ``--profile`` adds a cProfile of those renders, in CPU time (waiting
for the database or for the shared cores is not counted).
"""

import argparse
import cProfile
import logging
import pstats
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_dashboard import EMAIL
from flask_login import login_user

from srtracker import create_app
from srtracker.db import db, is_sqlite
from srtracker.models import User


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.queries = []

    def emit(self, record):
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            self.queries.append(record.msg)


def explain(url: str, path: str, plans: bool) -> None:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"}, serving=False)
    parts = urlsplit(path)
    endpoint = app.url_map.bind("localhost").match(parts.path)[0]
    logger = logging.getLogger("peewee")
    captured = Captured()
    with (
        app.test_request_context(parts.path, query_string=dict(parse_qsl(parts.query))),
        db.connection_context(),
    ):
        login_user(User.get(User.email == EMAIL))
        logger.addHandler(captured)
        logger.setLevel(logging.DEBUG)
        started = time.process_time()
        wall = time.perf_counter()
        app.view_functions[endpoint]()
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - started) * 1000
        logger.removeHandler(captured)
        total = 0.0
        print(f"== {path}: view {wall:.1f} ms wall, {cpu:.1f} ms CPU of this process")
        for sql, params in captured.queries:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            if is_sqlite():
                rows = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
                print(f"-- {sql[:160]}")
                for row in rows:
                    print("   ", row[-1])
                continue
            lines = [
                r[0] for r in db.execute_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params).fetchall()
            ]
            ms = next(float(x.split()[2]) for x in lines if x.startswith("Execution Time"))
            total += ms
            print(f"-- {ms:8.2f} ms  {sql[:140]}")
            if plans:
                print("\n".join(f"     {line}" for line in lines))
        if not is_sqlite():
            print(f"== {path}: {total:.1f} ms of PostgreSQL execution in all")


def repeated(url: str, path: str, times: int, profile: bool) -> None:
    """The page rendered ``times`` more in one process, each in a request of its own (the
    per-worker caches warm, as in a gunicorn worker): median CPU and wall per render."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"}, serving=False)
    parts = urlsplit(path)
    endpoint = app.url_map.bind("localhost").match(parts.path)[0]
    query = dict(parse_qsl(parts.query))
    with app.app_context(), db.connection_context():
        user = User.get(User.email == EMAIL)
    cpus, walls = [], []
    profiler = cProfile.Profile(time.process_time) if profile else None  # CPU, not waiting
    for n in range(times + 1):
        with (
            app.test_request_context(parts.path, query_string=query),
            db.connection_context(),
        ):
            login_user(user)
            started, wall = time.process_time(), time.perf_counter()
            if profiler and n:
                profiler.enable()
            app.view_functions[endpoint]()
            if profiler and n:
                profiler.disable()
            if n:  # the first fills the caches
                cpus.append((time.process_time() - started) * 1000)
                walls.append((time.perf_counter() - wall) * 1000)
    print(
        f"== {path}: {times} renders in-process, median {statistics.median(cpus):.1f} ms CPU "
        f"({min(cpus):.1f}-{max(cpus):.1f}), {statistics.median(walls):.1f} ms wall"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--plans", action="store_true", help="print each plan in full")
    parser.add_argument("--repeat", type=int, default=0, help="render N times more: median CPU")
    parser.add_argument("--profile", action="store_true", help="cProfile the repeated renders")
    args = parser.parse_args(argv)
    for path in args.paths:
        if args.repeat:
            repeated(args.url, path, args.repeat, args.profile)
        else:
            explain(args.url, path, args.plans)


if __name__ == "__main__":
    main()
