"""Time the bureau's portfolio dashboard over 10,000 contracts / 30,000 clauses.

Reuses bench/out/data-<contracts>-<rows>.db (made by generate.py, shared with
bench_check.py), copies it to a scratch file, runs one stored check so every
clause has a ClauseStatus, adds a bureau user serving every buyer, then times
N dashboard requests through the Flask test client with varied filters, sorts
and pages. The lower bound of each request is the same page's main SQL query
(the clause page with its joins, ORDER BY and LIMIT/OFFSET) run alone.

    python bench/bench_dashboard.py [--contracts N] [--rows N] [--requests N]
"""

import argparse
import logging
import math
import random
import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from flask_login import login_user
from generate import generate

from srtracker import create_app
from srtracker.bureau.dashboard import (
    PAGE_SIZE,
    SEVERITY,
    clause_query,
    conditions_of,
    page_number,
    read_filters,
    status_condition,
    status_counts,
    status_labels,
)
from srtracker.db import db
from srtracker.migrate import init_database
from srtracker.models import (
    Organisation,
    User,
)
from srtracker.services.accounts import OrganisationChoice, add_user
from srtracker.services.checks import run_check

AS_OF = date(2026, 8, 15)
TARGET_P95_MS = 150.0
EMAIL, PASSWORD = "bench@bureau.example", "bench bench bench bench"
SORTS = ("reference", "buyer", "supplier", "status", "deadline")
TYPES = ("placement", "training", "internship", "work_experience")


def varied_args(rng: random.Random, suppliers: list[int], clauses: int) -> dict:
    """One request's query string: a mix of what a bureau would click."""
    args = {"sort": rng.choice(SORTS)}
    if rng.random() < 0.3:
        args["status"] = rng.choice(SEVERITY[:6])
    if rng.random() < 0.3:
        args["supplier"] = rng.choice(suppliers)
    if rng.random() < 0.2:
        args["type"] = rng.choice(TYPES)
    if rng.random() < 0.2:
        args["year"] = rng.choice((2025, 2026, 2027))
        args["within"] = rng.choice(("running", "deadline"))
    if rng.random() < 0.2:
        args["q"] = f"bench-{rng.randrange(10):01d}{rng.randrange(10)}"
    if rng.random() < 0.5:
        # Mostly the first pages, sometimes deep ones; the view clamps past the last.
        args["page"] = rng.choice((rng.randrange(1, 6), rng.randrange(1, clauses // PAGE_SIZE + 1)))
    return args


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main_query_ms(app, user, args) -> float:
    """The page's main SQL query alone, built exactly as the view builds it."""
    with app.test_request_context("/bureau", query_string=args):
        login_user(user)
        _, values = read_filters(status_labels())
        conditions = conditions_of(values)
        counts = status_counts(conditions)  # to clamp the page as the view does
        total = counts.get(values["status"], 0) if values["status"] else sum(counts.values())
        page = page_number(math.ceil(total / PAGE_SIZE))
        if values["status"]:
            conditions.append(status_condition(values["status"]))
        sql, params = clause_query(conditions, values["sort"], page, total).sql()
    started = time.perf_counter()
    db.execute_sql(sql, params).fetchall()
    return (time.perf_counter() - started) * 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=10000)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)

    out = HERE / "out"
    out.mkdir(exist_ok=True)
    data = out / f"data-{args.contracts}-{args.rows}.db"
    if not data.exists():
        print(f"generating {data.name} ...", flush=True)
        generate(f"sqlite:///{data}", args.contracts, args.rows)
    scratch = out / "dashboard-run.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(data, scratch)

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{scratch}",
            "SECRET_KEY": "bench",
            "PASSWORD_HASH_COST": "test",
            "WTF_CSRF_ENABLED": False,
        }
    )
    logging.getLogger("srtracker.request").setLevel(logging.WARNING)  # one line per request
    init_database(app)  # applies migrations newer than the generated data
    with app.app_context(), db.connection_context():
        started = time.perf_counter()
        run_check(AS_OF, "bench", "bench", app.config["AT_RISK_RATIO"])
        print(f"stored check     {time.perf_counter() - started:8.2f} s", flush=True)
        buyers = [o.name for o in Organisation.select().where(Organisation.kind == "buyer")]
        suppliers = [o.id for o in Organisation.select().where(Organisation.kind == "supplier")]
        given = OrganisationChoice(name="Bench bureau", serves=buyers)
        add_user(EMAIL, "bureau", PASSWORD, actor="bench", organisation=given, cost="test")
        user = User.get(User.email == EMAIL)
        clauses = db.execute_sql("SELECT COUNT(*) FROM clause_status").fetchone()[0]

    client = app.test_client()
    assert client.post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
    rng = random.Random(args.seed)
    requests = [varied_args(rng, suppliers, clauses) for _ in range(args.requests)]
    client.get("/bureau")  # warm the page cache and Jinja's template cache
    timings, bounds = [], []
    for query in requests:
        started = time.perf_counter()
        response = client.get("/bureau", query_string=query)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (query, response.status_code)
    with app.app_context(), db.connection_context():
        user = User.get(User.email == EMAIL)
        bounds = [main_query_ms(app, user, query) for query in requests]

    p50, p95, worst = (percentile(timings, 0.5), percentile(timings, 0.95), max(timings))
    b50, b95 = percentile(bounds, 0.5), percentile(bounds, 0.95)
    print(f"clauses with a status {clauses:,}; {len(requests)} requests")
    print(f"dashboard        p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   max {worst:7.1f} ms")
    print(f"main query alone p50 {b50:7.1f} ms   p95 {b95:7.1f} ms   max {max(bounds):7.1f} ms")
    print(
        f"p95 / main query p95 {p95 / b95:5.1f}x   median per-request ratio "
        f"{statistics.median(t / b for t, b in zip(timings, bounds, strict=False)):5.1f}x"
    )
    verdict = "ok" if p95 <= TARGET_P95_MS else "MISSED"
    print(f"target p95 <= {TARGET_P95_MS:.0f} ms: {verdict}")
    return 0 if p95 <= TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
