"""EXPLAIN ANALYZE of every query one page request runs, as the bench's bureau user.

The page is rendered in-process by its own view (no HTTP, no other client), every SQL
statement it sends is captured, and each SELECT is run again under EXPLAIN (ANALYZE,
BUFFERS) on PostgreSQL (EXPLAIN QUERY PLAN on SQLite). The sum of the execution times
is the database's own work for the request, which a shared machine inflates far less
than the wall-clock latency of the concurrent benchmark (national.py --steps dashboard).

    .venv/bin/python bench/explain_pages.py postgresql://... /bureau/flags "/bureau/flags?page=900"
    .venv/bin/python bench/explain_pages.py postgresql://... /bureau/reviews --plans
"""

import argparse
import logging
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--plans", action="store_true", help="print each plan in full")
    args = parser.parse_args(argv)
    for path in args.paths:
        explain(args.url, path, args.plans)


if __name__ == "__main__":
    main()
