"""Import speed of a progress report against openpyxl alone; with --rss, peak memory.

    .venv/bin/python bench/bench_import.py            # 20,000 rows, median of 5 runs
    .venv/bin/python bench/bench_import.py --rss      # 100,000 rows, peak RSS
    SRTRACKER_DATABASE_URL=postgresql://... .venv/bin/python bench/bench_import.py

What is timed is the whole import as an upload runs it (srtracker.services.reports):
validation, then the report, its file and every row stored in one transaction, in
an SQLite file under bench/out/ (or the database of SRTRACKER_DATABASE_URL).
The lower bound is openpyxl alone reading the same file (read-only, cached values).
"""

import argparse
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from srtracker.domain.contracts import (
    Clause,
    Contract,
)
from srtracker.domain.periods import parse_period
from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.domain.report_columns import COLUMNS
from srtracker.domain.report_rules import Limits
from srtracker.workbook.upload import validate_upload

CLAUSES = (
    Clause(
        "SR1",
        "Plaatsingen",
        "persons",
        Decimal(10),
        ("placement",),
        date(2020, 1, 1),
        date(2030, 12, 31),
    ),
    Clause(
        "SR2",
        "Opleiding",
        "hours",
        Decimal(4000),
        ("training", "internship"),
        date(2020, 1, 1),
        date(2030, 12, 31),
    ),
    Clause(
        "SR3",
        "Inkoop",
        "euros",
        Decimal(50000),
        ("social_purchase",),
        date(2020, 1, 1),
        date(2030, 12, 31),
    ),
)
CONTRACT = Contract(
    "2026-BENCH-1",
    "Benchmark",
    "Gemeente",
    "Leverancier",
    Decimal(1),
    date(2020, 1, 1),
    date(2030, 12, 31),
    "quarterly",
    30,
    CLAUSES,
)
PERIOD = parse_period("quarterly", "2026-Q1")


def generate(rows: int) -> bytes:
    """A valid report: every row its own candidate, a mix of the three clauses."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Voortgang")
    sheet.append([c.name_nl for c in COLUMNS])
    first = date(2020, 1, 1)
    for n in range(rows):
        start = first + timedelta(days=n % 2000)
        if n % 3 == 2:
            sheet.append(
                [
                    f"INK-{n}",
                    "SR3",
                    "social_purchase",
                    None,
                    start,
                    None,
                    None,
                    1000 + n % 500 + 0.25,
                    None,
                ]
            )
        else:
            clause, kind = ("SR1", "placement") if n % 3 == 0 else ("SR2", "Opleidingstraject")
            sheet.append(
                [
                    f"K-{n:06d}",
                    clause,
                    kind,
                    "wajong",
                    start,
                    start + timedelta(days=90) if n % 4 == 0 else None,
                    16 + n % 20,
                    None,
                    "bench" if n % 10 == 0 else None,
                ]
            )
        if n and n % 20000 == 0:
            print(f"  generated {n} rows", flush=True)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def read_with_openpyxl(data: bytes) -> int:
    book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        count = 0
        for row in book["Voortgang"].iter_rows(values_only=True):
            for _ in row:
                count += 1
        return count
    finally:
        book.close()


def validate_only(data: bytes):
    return validate_upload(data, CONTRACT, PERIOD, DEFAULT_REFERENCE, None, False, Limits())


class Database:
    """The app on a benchmark database, with CONTRACT stored, for the real import path."""

    def __init__(self):
        import os

        from srtracker import create_app
        from srtracker.db import db
        from srtracker.migrate import init_database
        from srtracker.store import contracts as store

        out = Path(__file__).resolve().parent / "out"
        out.mkdir(exist_ok=True)
        url = os.environ.get("SRTRACKER_DATABASE_URL")
        if not url:
            path = out / "import.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            url = f"sqlite:///{path}"
        self.app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url}, serving=False)
        self.db = db
        self.context = self.app.app_context()
        self.context.push()
        init_database(self.app)
        db.connect()
        store.save(CONTRACT, actor="bench")
        self.contract = store.find(CONTRACT.reference)

    def import_report(self, data: bytes):
        from srtracker.services.reports import import_report

        return import_report(self.contract, PERIOD, data, "bench.xlsx", actor="bench")

    def forget_reports(self):
        """Between runs: so the next run is a new upload, not a duplicate."""
        from srtracker.models import Contribution, Report, StoredFile

        mine = Report.select(Report.id).where(Report.contract == self.contract)
        files = Report.select(Report.sha256).where(Report.contract == self.contract)
        with self.db.atomic():
            Contribution.delete().where(Contribution.report.in_(mine)).execute()
            StoredFile.delete().where(StoredFile.sha256.in_(files)).execute()
            Report.delete().where(Report.contract == self.contract).execute()


def median_seconds(action, runs: int, between=None) -> float:
    times = []
    for run in range(runs):
        if between is not None:
            between()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
        print(f"  run {run + 1}/{runs}: {times[-1]:.3f} s", flush=True)
    return statistics.median(times)


def speed(rows: int, runs: int):
    print(f"generating a {rows}-row report ...", flush=True)
    data = generate(rows)
    print(f"  {len(data) / 2**20:.1f} MB", flush=True)
    database = Database()
    outcome = database.import_report(data)
    assert outcome.status == "accepted" and outcome.rows == rows, outcome.errors[:3]
    print("openpyxl read_only, data_only, all values (the lower bound):", flush=True)
    baseline = median_seconds(lambda: read_with_openpyxl(data), runs)
    print("validation alone:", flush=True)
    validation = median_seconds(lambda: validate_only(data), runs)
    print(
        f"import: validated and stored ({database.app.config['DATABASE_URL'].split(':')[0]}):",
        flush=True,
    )
    ours = median_seconds(
        lambda: database.import_report(data), runs, between=database.forget_reports
    )
    print(
        f"openpyxl {baseline:.3f} s; validation {validation:.3f} s; "
        f"import (validated and stored) {ours:.3f} s"
    )
    print(f"ratio import / openpyxl: {ours / baseline:.2f} (target <= 1.5)")


def peak_rss(rows: int):
    print(f"generating a {rows}-row report ...", flush=True)
    data = generate(rows)
    print(
        f"  {len(data) / 2**20:.1f} MB; peak RSS before validating: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
        flush=True,
    )
    database = Database()
    print("importing (validated and stored) ...", flush=True)
    started = time.perf_counter()
    outcome = database.import_report(data)
    print(f"  {outcome.status}, {outcome.rows} rows in {time.perf_counter() - started:.2f} s")
    print(
        f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
        "(target <= 300 MB)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rss", action="store_true", help="peak RSS for a 100,000-row report")
    parser.add_argument("--rows", type=int, help="rows to generate")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.rss:
        peak_rss(args.rows or 100_000)
    else:
        speed(args.rows or 20_000, args.runs)


if __name__ == "__main__":
    main()
