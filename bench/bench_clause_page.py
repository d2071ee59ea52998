"""Time the explanation page of a clause with 20,000 rows, and its download of all rows.

Loads the spec example contract into a scratch SQLite database with one accepted report
of N rows on SR1 (a third excluded for their type, a sixth for their hours), logs in its
bureau and times the page and the xlsx. The page's lower bound is the live check of the
contract alone (check_live), which it must do; the download's is that check plus openpyxl
writing the same number of plain cells (write-only mode).

    python bench/bench_clause_page.py [--rows N] [--repeat N]
"""

import argparse
import logging
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from srtracker import create_app  # noqa: E402
from srtracker.compliance import views  # noqa: E402
from srtracker.db import db  # noqa: E402
from srtracker.domain.contributions import Contribution  # noqa: E402
from srtracker.migrate import init_database  # noqa: E402
from srtracker.services.accounts import OrganisationChoice, add_user  # noqa: E402
from srtracker.services.checks import check_live  # noqa: E402
from srtracker.store.contracts import find  # noqa: E402
from tests.compliance.test_check import add_report  # noqa: E402

SPEC = ROOT / "sample_contracts" / "2026-HH-014_huishoudelijke-hulp.toml"
AS_OF = date(2026, 8, 15)


def rows(count: int):
    for number in range(2, count + 2):
        kind = "training" if number % 3 == 0 else "placement"
        hours = Decimal(8 if number % 6 == 1 else 32)
        yield Contribution(
            number,
            f"K-{number:06d}",
            "SR1",
            kind,
            date(2026, 1, 5),
            "participatiewet",
            hours_per_week=hours,
        )


def timed(work, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as scratch:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "PASSWORD_HASH_COST": "test",
                "DATABASE_URL": f"sqlite:///{scratch}/bench.db",
            },
            serving=False,
        )
        init_database(app)
        app.test_cli_runner().invoke(args=["load-contracts", str(SPEC)])
        with app.app_context(), db.connection_context():
            add_report(find("2026-HH-014"), "2026-Q1", rows=list(rows(args.rows)))
            add_user(
                "b@bench.nl",
                "bureau",
                "bench password 1",
                "bench",
                organisation=OrganisationChoice(name="Bureau", serves=["Gemeente Apeldoorn"]),
                cost="test",
            )
        views.today = lambda: AS_OF
        client = app.test_client()
        client.post("/login", data={"email": "b@bench.nl", "password": "bench password 1"})
        url = "/contracts/2026-HH-014/clauses/SR1"

        def bound():
            with app.app_context(), db.connection_context():
                return check_live(find("2026-HH-014"), AS_OF)

        floor, _ = timed(bound, args.repeat)

        def plain_sheet():
            book = Workbook(write_only=True)
            sheet = book.create_sheet("x")
            for number in range(args.rows):
                sheet.append([number, f"K-{number:06d}", "telt mee", "", "toelichting " * 4])
            book.save(BytesIO())

        sheet_floor, _ = timed(plain_sheet, args.repeat)
        page_time, page = timed(lambda: client.get(url).data, args.repeat)
        sheet_time, sheet = timed(lambda: client.get(url + "/rows.xlsx").data, args.repeat)
    print(f"rows: {args.rows:,}  (median of {args.repeat})")
    print(f"live check alone (lower bound): {floor:.2f} s")
    print(f"page:     {page_time:.2f} s, {len(page) / 1024:,.0f} kB  ratio {page_time / floor:.1f}")
    sheet_bound = floor + sheet_floor
    print(f"plain openpyxl sheet + check (download lower bound): {sheet_bound:.2f} s")
    print(
        f"download: {sheet_time:.2f} s, {len(sheet) / 1024:,.0f} kB  "
        f"ratio {sheet_time / sheet_bound:.1f}"
    )


if __name__ == "__main__":
    main()
