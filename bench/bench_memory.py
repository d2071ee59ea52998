"""Peak RSS of `srtracker import-report` of the largest report allowed, as a process of its own.

The largest allowed report has `[reports] max_rows` (100,000) data rows; every cell of it is
read and scanned for a possible BSN. Two shapes are measured: the report's own columns, and
the same rows with filler columns up to `max_columns` (60, column BH), each a short text,
within the 20 MB upload limit; 100,000 rows of 60 columns unpack to more than
`max_unpacked_mb` (200 MB) allows, so the wide report has as many rows as fit under it.
The wide report is measured twice: accepted, and rejected with a bad amount in every row
(an error per row, the refusal's messages printed). `bench/memory_where.py` names the
phase in which one import's peak is reached.
Each import runs in a child process (start-up, reading, validating, storing and the
re-check of the contract, on SQLite); its peak RSS is read from os.wait4, the whole
process. Target: under 300 MB. The export's peak RSS is printed by bench/bench_export.py
(target under 500 MB).

    .venv/bin/python bench/bench_memory.py [--rows 100000] [--compare DIR]

With --compare, DIR's import-report (another tree, e.g. `git archive` of an earlier commit)
is measured on the same files right after this tree's.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_import import CONTRACT, PERIOD, Database, generate

TARGET_MB = 300
MAX_COLUMNS = 60
MAX_UNPACKED = 200 * 2**20  # [reports] max_unpacked_mb


def unpacked(path: Path) -> int:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return sum(member.file_size for member in archive.infolist())


def widened(data: bytes, columns: int, spoiled: bool = False) -> bytes:
    """The report with filler text in every column after its own, up to ``columns``;
    ``spoiled``: with a text in every row's amount (column H), a bad_number per row."""
    from openpyxl import Workbook, load_workbook

    source = load_workbook(BytesIO(data), read_only=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Voortgang")
    width = 0
    for number, row in enumerate(source["Voortgang"].iter_rows(values_only=True)):
        if number == 0:
            width = len(row)
            sheet.append([*row, *(f"extra_{n}" for n in range(columns - width))])
        else:  # a row read without its trailing empty cells is padded to the header's width
            row = (*row[:width], *([None] * (width - len(row))))
            if spoiled:
                row = (*row[:7], f"x{number % 97}", *row[8:])
            sheet.append([*row, *(f"x{number % 97}" for _ in range(columns - width))])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def import_rss(
    report: Path, base: Path, scratch: Path, tree=ROOT
) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak RSS (MB) and the summary of one import-report
    process, run with the code of `tree`."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(base, scratch)
    env = {
        **os.environ,
        "SRTRACKER_DATABASE_URL": f"sqlite:///{scratch}",
        "SRTRACKER_SECRET_KEY": "bench",
    }
    command = [sys.executable, "-m", "srtracker.cli", "import-report"]
    command += [CONTRACT.reference, PERIOD.key, str(report)]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=tree, stdout=subprocess.PIPE, text=True)
    summary = child.stdout.read().strip().splitlines()  # before waiting: a long one fills the pipe
    child.stdout.close()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, summary[0] if summary else f"exit {child.returncode}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--compare", metavar="DIR", help="also measure DIR's import-report")
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    plain = out / f"memory-{args.rows}.xlsx"
    wide = out / f"memory-{args.rows}-wide-v2.xlsx"
    if not plain.exists():
        print(f"generating a {args.rows}-row report ...", flush=True)
        plain.write_bytes(generate(args.rows))
    if not wide.exists():
        print(f"widening it to {MAX_COLUMNS} columns ...", flush=True)
        wide.write_bytes(widened(plain.read_bytes(), MAX_COLUMNS))
    if unpacked(wide) > MAX_UNPACKED:
        # 60 columns of 100,000 rows unpack to more than the upload allows: the largest
        # allowed wide report is the one with as many rows as fit.
        rows = int(args.rows * MAX_UNPACKED / unpacked(wide) * 0.98)
        print(
            f"{wide.name} unpacks to {unpacked(wide) / 2**20:.0f} MB (limit "
            f"{MAX_UNPACKED / 2**20:.0f} MB): the largest allowed at {MAX_COLUMNS} columns "
            f"has about {rows:,} rows",
            flush=True,
        )
        wide = out / f"memory-{rows}-wide-v2.xlsx"
        if not wide.exists():
            wide.write_bytes(widened(generate(rows), MAX_COLUMNS))
    rejected = wide.with_name(wide.name.replace("-wide-v2", "-wide-rejected"))
    if not rejected.exists():
        print(f"the same with a bad amount in every row: {rejected.name} ...", flush=True)
        rows = int(wide.name.split("-")[1])
        rejected.write_bytes(widened(generate(rows), MAX_COLUMNS, spoiled=True))
    Database().db.close()  # bench_import's database: migrated, the contract stored
    base = out / "import.db"
    scratch = out / "memory-run.db"
    trees = [("this tree", ROOT)] + ([(args.compare, Path(args.compare))] if args.compare else [])
    for report in (plain, wide, rejected):
        print(f"  {report.name} ({report.stat().st_size / 2**20:.1f} MB):", flush=True)
        for label, tree in trees:
            wall, cpu, rss, summary = import_rss(report, base, scratch, tree)
            print(
                f"    {label}: {summary}; {wall:.1f} s, CPU {cpu:.1f} s; peak RSS {rss:.0f} MB "
                f"(target < {TARGET_MB} MB: {'ok' if rss < TARGET_MB else 'MISSED'})",
                flush=True,
            )
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
