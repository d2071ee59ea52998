"""Generate a large, realistic data set for benchmarks: contracts, clauses, accepted reports, rows.

Raw bulk inserts in chunks inside transactions, so a million rows take seconds,
not the ORM's minutes. Every contract gets one accepted 2026-Q1 report, which
counts for any check as of 2026-04-01 or later, and three clauses:
SR1 persons (eligible groups, minimum hours and duration, a milestone), SR2 hours,
SR3 hours with minimum hours per week.

    python bench/generate.py sqlite:///bench/out/data.db --contracts 10000 --rows 1000000
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta

from srtracker import create_app
from srtracker.db import db, write_transaction
from srtracker.migrate import init_database

CHUNK = 20000
START, END = date(2025, 1, 1), date(2027, 12, 31)
NOW = "2026-04-20 12:00:00"
REPORT_PERIOD, REPORT_END = "2026-Q1", date(2026, 3, 31)
GROUPS = ("participatiewet", "wajong", "ww", "nug", "wia", "doelgroepregister")
CLAUSES = (
    # code, measure, target, accepts, eligible groups, min hours, min months, milestone
    (
        "SR1",
        "persons",
        10,
        ("placement",),
        ("participatiewet", "wajong"),
        24,
        6,
        (date(2026, 12, 31), 4),
    ),
    ("SR2", "hours", 4000, ("training", "internship", "apprenticeship"), (), None, None, None),
    ("SR3", "hours", 2500, ("placement", "work_experience"), (), 8, None, None),
)


def _defaults(table: str, columns: tuple[str, ...]) -> dict:
    """The model's defaults of the NOT NULL columns not given: raw inserts bypass peewee, and
    later migrations add such columns (a counting policy, an obligation)."""
    from srtracker import models

    model = next(
        m
        for m in vars(models).values()
        if isinstance(m, type) and issubclass(m, models.BaseModel) and m._meta.table_name == table
    )
    found = {}
    for field in model._meta.sorted_fields:
        if field.column_name in columns or field.null or field.primary_key:
            continue
        if field.default is not None:
            value = field.default() if callable(field.default) else field.default
            found[field.column_name] = field.db_value(value)
    return found


def _insert(table: str, columns: tuple[str, ...], rows, label: str) -> int:
    """executemany in chunks, one transaction per chunk; returns the number of rows."""
    param = db.obj.param
    extra = _defaults(table, columns)
    columns = (*columns, *extra)
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join([param] * len(columns))})"
    total, chunk = 0, []
    started = time.perf_counter()

    def flush():
        with write_transaction():
            if param == "%s":
                from psycopg2.extras import execute_values

                execute_values(
                    db.cursor(), sql.split(" VALUES ")[0] + " VALUES %s", chunk, page_size=5000
                )
            else:
                db.cursor().executemany(sql, chunk)

    for row in rows:
        chunk.append(
            tuple(v.isoformat() if isinstance(v, date) else v for v in (*row, *extra.values()))
        )
        if len(chunk) == CHUNK:
            flush()
            total += len(chunk)
            chunk = []
            print(f"\r  {label}: {total:,}", end="", file=sys.stderr, flush=True)
    if chunk:
        flush()
        total += len(chunk)
    print(f"\r  {label}: {total:,} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return total


def _next_id(table: str) -> int:
    return (db.execute_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]) + 1


def _day(first: date, last: date, rng: random.Random) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def generate(
    url: str,
    contracts: int = 10000,
    rows: int = 1000000,
    seed: int = 14,
    buyers: int = 1,
    suppliers: int = 50,
) -> None:
    """Add `contracts` contracts with 3 clauses each and `rows` rows in their accepted reports.

    Contracts are spread round-robin over `buyers` municipalities and `suppliers`.
    """
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"}, serving=False)
    init_database(app)
    rng = random.Random(seed)
    now = NOW
    with app.app_context(), db.connection_context():
        org = _next_id("organisation")
        _insert(
            "organisation",
            ("id", "name", "name_key", "kind", "created_at"),
            [
                (org + n, f"Gemeente Bench {org + n}", f"gemeente bench {org + n}", "buyer", now)
                for n in range(buyers)
            ]
            + [
                (
                    org + buyers + n,
                    f"Bench supplier {org + buyers + n}",
                    f"bench supplier {org + buyers + n}",
                    "supplier",
                    now,
                )
                for n in range(suppliers)
            ],
            "organisations",
        )
        first_contract, first_clause = _next_id("contract"), _next_id("clause")
        first_report = _next_id("report")
        contract_ids = range(first_contract, first_contract + contracts)
        _insert(
            "contract",
            (
                "id",
                "reference",
                "reference_key",
                "title",
                "buyer_id",
                "supplier_id",
                "value_cents",
                "start",
                "end",
                "reporting",
                "report_due_days",
                "created_at",
                "updated_at",
            ),
            (
                (
                    c,
                    f"BENCH-{c:06d}",
                    f"bench-{c:06d}",
                    f"Benchmark contract {c}",
                    org + c % buyers,
                    org + buyers + c % suppliers,
                    100000000,
                    START,
                    END,
                    "quarterly",
                    30,
                    now,
                    now,
                )
                for c in contract_ids
            ),
            "contracts",
        )

        def clause_id(contract: int, position: int) -> int:
            return first_clause + (contract - first_contract) * len(CLAUSES) + position

        _insert(
            "clause",
            (
                "id",
                "contract_id",
                "code",
                "code_key",
                "title",
                "measure",
                "target",
                "min_hours_per_week",
                "min_duration_months",
                "start",
                "deadline",
                "position",
            ),
            (
                (
                    clause_id(c, p),
                    c,
                    code,
                    code.lower(),
                    f"{code} of {c}",
                    measure,
                    target * 100,
                    None if hours is None else hours * 100,
                    months,
                    START,
                    END,
                    p,
                )
                for c in contract_ids
                for p, (code, measure, target, _, _, hours, months, _) in enumerate(CLAUSES)
            ),
            "clauses",
        )
        _insert(
            "clause_type",
            ("clause_id", "type_code"),
            (
                (clause_id(c, p), t)
                for c in contract_ids
                for p, clause in enumerate(CLAUSES)
                for t in clause[3]
            ),
            "clause types",
        )
        _insert(
            "clause_group",
            ("clause_id", "group_code"),
            (
                (clause_id(c, p), g)
                for c in contract_ids
                for p, clause in enumerate(CLAUSES)
                for g in clause[4]
            ),
            "clause groups",
        )
        _insert(
            "milestone",
            ("clause_id", "date", "target"),
            (
                (clause_id(c, p), clause[7][0], clause[7][1] * 100)
                for c in contract_ids
                for p, clause in enumerate(CLAUSES)
                if clause[7]
            ),
            "milestones",
        )
        _insert(
            "report",
            (
                "id",
                "contract_id",
                "period",
                "period_end",
                "status",
                "sha256",
                "filename",
                "rows",
                "errors",
                "warnings",
                "uploaded_at",
            ),
            (
                (
                    first_report + c - first_contract,
                    c,
                    REPORT_PERIOD,
                    REPORT_END,
                    "accepted",
                    f"{c:064x}",
                    "bench.xlsx",
                    0,
                    "[]",
                    "[]",
                    now,
                )
                for c in contract_ids
            ),
            "reports",
        )

        def contributions():
            for n in range(rows):
                c = first_contract + n * contracts // rows
                p = rng.randrange(len(CLAUSES))
                accepts = CLAUSES[p][3]
                candidate = f"K-{rng.randrange(40):03d}"
                start = _day(date(2024, 12, 1), REPORT_END, rng)
                end = None if rng.random() < 0.7 else _day(start, date(2026, 9, 30), rng)
                hours = rng.choice((800, 1600, 2000, 2400, 3200, 3600, 4000))
                yield (
                    first_report + c - first_contract,
                    clause_id(c, p),
                    n % 1000 + 2,
                    candidate,
                    candidate.lower(),
                    rng.choice(accepts),
                    rng.choice(GROUPS),
                    start,
                    end,
                    hours,
                    None,
                    "",
                )

        _insert(
            "contribution",
            (
                "report_id",
                "clause_id",
                "row",
                "candidate_ref",
                "candidate_key",
                "type",
                "target_group",
                "start_date",
                "end_date",
                "hours_per_week",
                "amount_cents",
                "note",
            ),
            contributions(),
            "rows",
        )
        _advance_sequences()


def _advance_sequences() -> None:
    """PostgreSQL: ids were given explicitly, so move each id sequence past them."""
    if db.obj.param != "%s":
        return
    for table in (
        "organisation",
        "contract",
        "clause",
        "clause_type",
        "clause_group",
        "milestone",
        "report",
        "contribution",
    ):
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="peewee database URL, e.g. sqlite:///bench/out/data.db")
    parser.add_argument("--contracts", type=int, default=10000)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--buyers", type=int, default=1)
    parser.add_argument("--suppliers", type=int, default=50)
    args = parser.parse_args(argv)
    generate(args.url, args.contracts, args.rows, args.seed, args.buyers, args.suppliers)


if __name__ == "__main__":
    main()
