"""National scale on PostgreSQL: the check, the dashboard, the export and the import.

About 340 buyers, 50,000 contracts, 150,000 clauses and 2,000,000 contribution
rows (bench/generate.py), then each figure beside a lower bound measured in the
same run:

- check: first and second stored check (target < 60 s) / one aggregate SQL query
  over the same counting rows, and beside it the floor: those rows read into tuples;
- dashboard: p50/p95 of the bureau dashboard, the flag queue and the review queue
  (10 buyers under on_approval) under 8 concurrent clients against gunicorn on
  loopback (target p95 < 150 ms each) / the dashboard's own SQL alone;
- export: `srtracker export` of every contract (a process of its own, with its peak RSS)
  / the faster of openpyxl write-only and XlsxWriter writing as many plain cells;
- import: a 20,000-row report validated and stored / openpyxl reading it.

    make bench-national          # starts a throwaway PostgreSQL (tools/with-postgres)
    .venv/bin/python bench/national.py postgresql://...   # an existing empty database
"""

import argparse
import contextlib
import os
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_check import timed
from generate import generate

from srtracker import create_app
from srtracker.db import db

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
    generate(
        url, scale["contracts"], scale["rows"], buyers=scale["buyers"], suppliers=scale["suppliers"]
    )
    with app.app_context(), db.connection_context():
        db.execute_sql("ANALYZE")
    print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)


def backend_cpu() -> float | None:
    """CPU seconds (user + system) of this connection's PostgreSQL backend so far, read
    from /proc (the server runs on this machine); None where it cannot be read."""
    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_with_server(label: str, action, profile=False):
    """``timed``, and the server backend's CPU time beside the client's: on PostgreSQL
    the aggregate query's work is the server's, so the CPU ratio counts both."""
    before = backend_cpu()
    result = timed(label, action, profile)
    after = backend_cpu()
    server = None if before is None or after is None else after - before
    if server is not None:
        print(f"{'':<14} server backend CPU {server:.2f} s", flush=True)
    SERVER_CPU[label] = server
    return result


SERVER_CPU: dict[str, float | None] = {}


def bench_check(url: str, profile=False) -> dict:
    from bench_check import CPU, WORKERS_CPU
    from bench_export import server_cpu

    from srtracker.models import CheckRun, Flag
    from srtracker.services.checks import run_check

    app = app_for(url)
    ratio = app.config["AT_RISK_RATIO"]
    with app.app_context(), db.connection_context():
        checked_before = Flag.select().exists()
        # The stored check's digest forgotten: the first check works everything out.
        CheckRun.update(inputs=None).execute()
        ended = server_cpu(url)
        statements = _statements_reset()
        (first, _), first_s = timed_with_server(
            "first check", lambda: run_check(AS_OF, "bench", "bench", ratio), profile
        )
        by_statement = _statements() if statements else None
        time.sleep(0.5)  # the workers' backends end once their connections close
        after = server_cpu(url)
        ended = None if ended is None or after is None else after - ended
        (second, _), second_s = timed_with_server(
            "second check", lambda: run_check(AS_OF, "bench", "bench", ratio), profile
        )
        _, sql_s = timed_with_server(
            "aggregate SQL", lambda: db.execute_sql(LOWER_BOUND_SQL, (AS_OF,)).fetchall()
        )
        count, read_s = timed_with_server("rows' read", _read_rows)
        print(
            f"  floor: the {count:,} rows' read alone (every column the check loads, into "
            f"tuples) {read_s / sql_s:.1f}x the aggregate query's wall-clock"
        )
    if all(SERVER_CPU.get(k) is not None for k in ("first check", "second check", "aggregate SQL")):
        both = {k: CPU[k] + SERVER_CPU[k] for k in ("first check", "second check", "aggregate SQL")}
        print(
            f"  CPU time, client + server: first {both['first check']:.1f} s "
            f"({both['first check'] / both['aggregate SQL']:.1f}x SQL), second "
            f"{both['second check']:.1f} s ({both['second check'] / both['aggregate SQL']:.1f}x "
            f"SQL); target <= 5x; load {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
    if WORKERS_CPU.get("first check"):
        # The first check's worker processes (store.check_batches) and their backends.
        work = CPU["first check"] + WORKERS_CPU["first check"]
        work += (SERVER_CPU["first check"] or 0) + (ended or 0)
        sql = CPU["aggregate SQL"] + (SERVER_CPU["aggregate SQL"] or 0)
        print(
            f"  first check's workers: {WORKERS_CPU['first check']:.1f} s of CPU, their "
            f"backends {ended or 0:.1f} s (the postmaster's ended children); the first "
            f"check's whole work {work:.1f} s ({work / sql:.1f}x SQL), "
            f"{work / first_s:.2f} cores busy on average over its wall-clock"
        )
    print(
        f"  clauses {len(first['clauses']):,}; flags opened {len(first['flags_opened']):,}, "
        f"then {len(second['flags_opened']):,}; "
        + (
            "the data was checked before: the first check worked it out again (digest "
            "forgotten), its flags open already; a check of fresh data opens and writes them all"
            if checked_before
            else "fresh data: the first check opened and wrote every flag"
        )
    )
    if by_statement:
        _print_statements(by_statement, sql_s)
    print(
        f"  check: first {first_s:.1f} s ({first_s / sql_s:.1f}x SQL), second {second_s:.1f} s "
        f"({second_s / sql_s:.1f}x SQL); target < 60 s: "
        f"{'ok' if max(first_s, second_s) < 60 else 'MISSED'}"
    )
    return {"first": first_s, "second": second_s, "sql": sql_s}


def _read_rows() -> int:
    """Every column the check loads of the accepted reports' rows, into tuples, as the
    check reads them (20,000 rows a fetch): the part of a check no Python can skip."""
    from srtracker.models import Contribution, Report
    from srtracker.store.rows import LOADED

    query = (
        Contribution.select(*LOADED)
        .join(Report)
        .where(Report.status == "accepted")
        .order_by(Contribution.report, Contribution.row)
    )
    sql, params = query.sql()
    count = 0
    with db.atomic():  # a cursor of the server's lives in a transaction
        db.execute_sql(f"DECLARE rows_read NO SCROLL CURSOR FOR {sql}", params)
        while batch := db.execute_sql("FETCH 20000 FROM rows_read").fetchall():
            count += len(batch)
        db.execute_sql("CLOSE rows_read")
    return count


def _statements_reset() -> bool:
    """Clear pg_stat_statements (tools/with-postgres preloads it where the OS has it);
    False where the server has it not."""
    try:
        with db.atomic():
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            db.execute_sql("SELECT pg_stat_statements_reset()")
        return True
    except Exception as error:  # not preloaded: the breakdown is left out
        print(f"  (no pg_stat_statements: {str(error).splitlines()[0]})")
        return False


def _statements() -> list[tuple[str | None, float, int]]:
    """(what it writes: "INSERT flag", say, or None for any other statement, server
    milliseconds, rows) of every statement since the reset."""
    import re

    rows = db.execute_sql("SELECT query, total_exec_time, rows FROM pg_stat_statements").fetchall()
    found = []
    for query, ms, count in rows:
        write = re.match(r'\s*(INSERT|UPDATE|DELETE|COPY)(?: INTO| FROM)?\s+"?(\w+)', query)
        table = write and write.group(2).removeprefix("_copy_")  # db._pg_insert's table
        found.append((f"{write.group(1)} {table}" if write else None, ms, count))
    return found


def _print_statements(found, sql_s: float) -> None:
    """What the first check's statements cost the server: the writes apart, largest first."""
    writes: dict[str, list[float]] = {}
    others = 0.0
    for write, ms, count in found:
        if write is None:
            others += ms
            continue
        kept = writes.setdefault(write, [0.0, 0])
        kept[0] += ms
        kept[1] += count
    total = sum(ms for ms, _ in writes.values()) / 1000
    print(
        f"  first check, server time by statement (pg_stat_statements): the writes {total:.2f} s "
        f"({total / sql_s:.1f}x the aggregate query's wall-clock), the other statements "
        f"{others / 1000:.2f} s"
    )
    for name, (ms, count) in sorted(writes.items(), key=lambda item: -item[1][0])[:8]:
        print(f"    {name:<28} {ms / 1000:6.2f} s  {int(count):>9,} rows")


class Client:
    """One browser-like client over a kept-alive connection; cookies by hand (they are Secure)."""

    def __init__(self, port: int):
        import http.client

        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.cookies = {}

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def log_in(self, email, password):
        import re
        from urllib.parse import urlencode

        _, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token"[^>]*?value="([^"]+)"', page).group(1)
        status, _ = self.request(
            "POST",
            "/login",
            urlencode({"csrf_token": token.decode(), "email": email, "password": password}),
        )
        assert status in (302, 303), f"login failed: {status}"


APPROVAL_BUYERS = 10  # buyers under on_approval: their candidates fill the review queue
QUEUE_ORDER = ("failed", "report_overdue", "behind", "at_risk")


def _on_approval(app, count: int) -> bool:
    """Put the first ``count`` buyers under on_approval; True when that changed anything."""
    from srtracker.models import Organisation

    with app.app_context(), db.connection_context():
        ids = [
            o.id
            for o in Organisation.select(Organisation.id)
            .where(Organisation.kind == "buyer")
            .order_by(Organisation.id)
            .limit(count)
        ]
        changed = (
            Organisation.update(counting_policy="on_approval")
            .where(Organisation.id.in_(ids) & (Organisation.counting_policy != "on_approval"))
            .execute()
        )
    return bool(changed)


def _flag_args(rng, buyers: list[int], flags: int) -> dict:
    args = {}
    if rng.random() < 0.3:
        args["kind"] = rng.choice(QUEUE_ORDER)
    if rng.random() < 0.3:
        args["buyer"] = rng.choice(buyers)
    if rng.random() < 0.2:
        args["state"] = rng.choice(("open", "acknowledged"))
    if rng.random() < 0.2:
        args["q"] = f"bench-{rng.randrange(10):01d}{rng.randrange(10)}"
    if rng.random() < 0.5:
        args["page"] = rng.choice((rng.randrange(1, 6), rng.randrange(1, flags // 50 + 2)))
    return args


def _cpu_seconds(pids) -> float:
    """user + system CPU of these local processes so far (from /proc; gone ones count 0)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def _server_pids(server_pid: int, url: str) -> list[int]:
    """gunicorn's workers and the PostgreSQL backends of this database (same machine)."""
    workers = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    import psycopg2

    with contextlib.closing(psycopg2.connect(url)) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        backends = [row[0] for row in cursor.fetchall()]
    return [int(w) for w in workers] + backends


PAGES = ("/bureau", "/bureau/flags", "/bureau/reviews")
# What any page costs the server before its own work: /health is gunicorn, Flask and one
# SELECT 1 without a session; /account a logged-in page of the same layout (menu, session,
# user, CSRF) with one small form and no list.
FLOOR = ("/health", "/account")


def server_work(port: int, server_pid: int, url: str, work_list, per_page=30) -> None:
    """Each page's requests one at a time: wall p50 beside the CPU the server spent per
    request (gunicorn workers + PostgreSQL backends), which other engineers' load on the
    shared cores does not inflate as much as it inflates waiting."""
    from urllib.parse import urlencode

    from bench_dashboard import EMAIL, PASSWORD, percentile

    client = Client(port)
    client.log_in(EMAIL, PASSWORD)
    # The first pass may land on a worker that has not kept that filter's figures yet (a
    # worker's first request of a queue reads it whole); the second shows the kept state.
    # Then the floor every page pays (FLOOR).
    passes = [
        ("", PAGES, work_list),
        (", again", PAGES, work_list),
        (" (floor)", FLOOR, [(path, {}) for path in FLOOR] * per_page),
    ]
    for run, paths, listed in passes:
        for path in paths:
            shown = [(p, q) for p, q in listed if p == path][:per_page]
            pids = _server_pids(server_pid, url)
            cpu, walls = _cpu_seconds(pids), []
            for _, query in shown:
                started = time.perf_counter()
                status, _ = client.request("GET", f"{path}?{urlencode(query)}")
                walls.append((time.perf_counter() - started) * 1000)
                assert status == 200, (status, path, query)
            spent = (_cpu_seconds(_server_pids(server_pid, url)) - cpu) * 1000 / len(shown)
            print(
                f"  {path} one at a time{run}: {len(shown)} requests, wall p50 "
                f"{percentile(walls, 0.5):.1f} ms, p95 {percentile(walls, 0.95):.1f} ms; "
                f"server CPU {spent:.1f} ms a request (gunicorn + PostgreSQL)",
                flush=True,
            )


@contextlib.contextmanager
def _serving(url: str):
    """gunicorn with gunicorn.conf.py on a free loopback port, until the block ends."""
    import socket
    import subprocess

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = HERE.parent
    (HERE / "out").mkdir(exist_ok=True)
    log = open(HERE / "out" / "gunicorn.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(root / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "srtracker:create_app()",
        ],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "SRTRACKER_DATABASE_URL": url, "SRTRACKER_SECRET_KEY": "bench"},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Client(port).request("GET", "/health")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start; see bench/out/gunicorn.log")
            time.sleep(0.3)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def bench_dashboard(url: str, profile=False, clients=8, requests=400) -> dict:
    """p95 of the dashboard, the flag queue and the review queue under `clients` concurrent
    clients against gunicorn; each page's requests are timed apart."""
    import random
    import threading
    from urllib.parse import urlencode

    from bench_dashboard import EMAIL, PASSWORD, main_query_ms, percentile, varied_args

    from srtracker.models import (
        BureauBuyer,
        ClauseStatus,
        Flag,
        Organisation,
        User,
        WaitingCandidate,
    )
    from srtracker.services.accounts import OrganisationChoice, add_user
    from srtracker.services.checks import run_check

    app = app_for(url)
    changed = _on_approval(app, APPROVAL_BUYERS)
    with app.app_context(), db.connection_context():
        if changed or not (ClauseStatus.select().exists() and WaitingCandidate.select().exists()):
            started = time.perf_counter()
            run_check(AS_OF, "bench", "bench", app.config["AT_RISK_RATIO"])
            print(
                f"  stored check with {APPROVAL_BUYERS} buyers on_approval: "
                f"{time.perf_counter() - started:.1f} s",
                flush=True,
            )
        buyer_rows = list(Organisation.select().where(Organisation.kind == "buyer"))
        buyers = [o.name for o in buyer_rows]
        buyer_ids = [o.id for o in buyer_rows]
        suppliers = [o.id for o in Organisation.select().where(Organisation.kind == "supplier")]
        if not User.select().where(User.email == EMAIL).exists():
            given = OrganisationChoice(name="Bench bureau", serves=buyers)
            add_user(EMAIL, "bureau", PASSWORD, actor="bench", organisation=given)
            # The statistics autovacuum takes of its 340 buyers a minute later: planned
            # without them, the review queue's count and page took 41 + 81 ms against
            # 17 + 0.15 ms (bench/RESULTS.md, ninth session), which no bureau in service sees.
            db.execute_sql(f'ANALYZE "{BureauBuyer._meta.table_name}"')
        clause_count = ClauseStatus.select().count()
        flag_count = Flag.select().where(Flag.state.in_(("open", "acknowledged"))).count()
    with _serving(url) as (port, server_pid):
        rng = random.Random(7)
        queries = [varied_args(rng, suppliers, clause_count) for _ in range(requests)]
        work_list = [("/bureau", q) for q in queries]
        work_list += [("/bureau/flags", _flag_args(rng, buyer_ids, flag_count)) for _ in range(200)]
        work_list += [("/bureau/reviews", {"page": rng.randrange(1, 40)}) for _ in range(100)]
        rng.shuffle(work_list)
        timings: dict[str, list[float]] = {}
        lock = threading.Lock()

        def work(share):
            client = Client(port)
            client.log_in(EMAIL, PASSWORD)
            for path in ("/bureau", "/bureau/flags", "/bureau/reviews"):
                client.request("GET", path)  # each worker's first request of a page
            for path, query in share:
                started = time.perf_counter()
                status, _ = client.request("GET", f"{path}?{urlencode(query)}")
                elapsed = (time.perf_counter() - started) * 1000
                assert status == 200, (status, path, query)
                with lock:
                    timings.setdefault(path, []).append(elapsed)

        threads = [
            threading.Thread(target=work, args=(work_list[n::clients],)) for n in range(clients)
        ]
        server_cpu = _cpu_seconds(_server_pids(server_pid, url))
        started, client_cpu = time.perf_counter(), time.process_time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        client_cpu = time.process_time() - client_cpu
        # Backends opened during the run started from nothing, so all of them count.
        server_cpu = _cpu_seconds(_server_pids(server_pid, url)) - server_cpu
        print(f"  load average {os.getloadavg()}", flush=True)
        server_work(port, server_pid, url, work_list)
    with app.app_context(), db.connection_context():
        user = User.get(User.email == EMAIL)
        bounds = [main_query_ms(app, user, query) for query in queries]
    b95 = percentile(bounds, 0.95)
    workers = os.environ.get("SRTRACKER_WORKERS", f"{(os.cpu_count() or 1) * 2 + 1}")
    total = sum(len(t) for t in timings.values())
    print(
        f"  {total} requests from {clients} concurrent clients in {wall:.1f} s "
        f"({total / wall:.0f}/s), gunicorn {workers} sync workers; {clause_count:,} clauses, "
        f"{flag_count:,} open flags"
    )
    cores = os.cpu_count() or 1
    per_request = (server_cpu + client_cpu) * 1000 / total
    print(
        f"  CPU of the concurrent part: server {server_cpu * 1000 / total:.1f} ms a request "
        f"(gunicorn + PostgreSQL), these {clients} clients {client_cpu * 1000 / total:.1f} ms; "
        f"with {clients} requests always open on {cores} cores each takes about "
        f"{clients / cores:.0f} x {per_request:.1f} = {clients / cores * per_request:.0f} ms "
        f"on average (logins and first requests included; more under other load)"
    )
    found = {}
    for path, label in (
        ("/bureau", "dashboard"),
        ("/bureau/flags", "flag queue"),
        ("/bureau/reviews", "review queue"),
    ):
        values = timings[path]
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        found[label] = {"p50": p50, "p95": p95, "max": max(values)}
        extra = f"; main query alone p95 {b95:.1f} ms" if path == "/bureau" else ""
        print(
            f"  {label}: {len(values)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"max {max(values):.1f} ms{extra}; target p95 < 150 ms: "
            f"{'ok' if p95 < 150 else 'MISSED'}"
        )
    return found


def bench_export(url: str, profile=False) -> dict:
    """`srtracker export` of every contract, whole process / the bare writers (bench_export)."""
    import bench_export

    return bench_export.measure(url)


def bench_import(url: str, profile=False) -> dict:
    """A 20,000-row report validated and stored on this database / openpyxl reading it."""
    import bench_import as importing

    os.environ["SRTRACKER_DATABASE_URL"] = url
    importing.speed(20000, 3)
    return {}


STEPS = {
    "check": bench_check,
    "dashboard": bench_dashboard,
    "export": bench_export,
    "import": bench_import,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "url",
        nargs="?",
        default=os.environ.get("SRTRACKER_TEST_DATABASE_URL"),
        help="an empty PostgreSQL database (default: SRTRACKER_TEST_DATABASE_URL)",
    )
    parser.add_argument(
        "--steps", default=",".join(STEPS), help="comma-separated: " + ", ".join(STEPS)
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the check")
    for key, value in SCALE.items():
        parser.add_argument(f"--{key}", type=int, default=value)
    parser.add_argument(
        "--check-workers",
        type=int,
        default=0,
        help="the check's worker processes (store.check_batches.WORKERS; the app's default 0)",
    )
    args = parser.parse_args(argv)
    if args.check_workers:
        from srtracker.store import check_batches

        check_batches.WORKERS = args.check_workers
    if not args.url:
        parser.error("give a PostgreSQL URL (or run through tools/with-postgres)")
    scale = {key: getattr(args, key) for key in SCALE}
    ensure_data(args.url, scale)
    for step in args.steps.split(","):
        print(f"== {step}", flush=True)
        STEPS[step](args.url, profile=args.profile)


if __name__ == "__main__":
    main()
