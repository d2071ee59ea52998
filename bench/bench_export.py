"""The council export of a whole portfolio against the bare writers, side by side.

Runs `srtracker export -o FILE --as-of DATE` as a process of its own (start-up,
figures, workbook, all of it) and reads its wall time and peak RSS from
os.wait4; then, in this process, openpyxl (write-only) and XlsxWriter
(constant_memory) each write as many plain cells to a file: the same sheets
with the same numbers of rows and columns, text and numbers mixed, no styles.
The ratio is the export's time to the faster of the two (target <= 1.5), printed
for the wall-clock time and for the CPU time (the export's with its worker
process's, which runs on the second core); the peak RSS target is 500 MB.

    python bench/bench_export.py postgresql://...   # or sqlite:///bench/out/data-....db
    (national.py --steps export runs it on the national data)
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = "2026-08-15"
TARGET_RATIO, TARGET_RSS_MB = 1.5, 500


def run_export(url: str, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of the whole `srtracker export` process.

    The CPU time and the peak RSS are those wait4 gives: the process and the worker
    process it forked and waited for (CPU added up, RSS the larger of the two)."""
    env = {**os.environ, "SRTRACKER_DATABASE_URL": url, "SRTRACKER_SECRET_KEY": "bench"}
    command = [str(Path(sys.executable).with_name("srtracker")), "export", "-o", str(out)]
    started = time.perf_counter()
    child = subprocess.Popen(
        [*command, "--as-of", AS_OF], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    summary = child.stdout.read().decode().strip()
    child.stdout.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"srtracker export failed ({child.returncode}): {summary}")
    print(f"  {summary}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def server_cpu(url: str) -> float | None:
    """CPU seconds of the PostgreSQL server's ended processes so far (its postmaster's
    children's user + system time, same machine only): read before and after the export,
    the difference is what the export's connections cost the server (plus any
    autovacuum worker that ended meanwhile). None for SQLite or a server elsewhere."""
    if not url.startswith("postgres"):
        return None
    import contextlib

    import psycopg2

    try:
        with contextlib.closing(psycopg2.connect(url)) as connection:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backend = cursor.fetchone()[0]
        postmaster = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1]
        fields = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, psycopg2.Error):
        return None
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def shape(path: Path) -> list[tuple[int, int]]:
    """(rows, columns) of each sheet of the written workbook, from its dimension elements."""
    import re

    found = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")):
            head = archive.open(name).read(4096)
            match = re.search(rb'<dimension ref="A1(?::([A-Z]+)(\d+))?"', head)
            if match and match.group(1):
                letters, rows = match.group(1).decode(), int(match.group(2))
                columns = 0
                for letter in letters:
                    columns = columns * 26 + ord(letter) - 64
                found.append((rows, columns))
    return found


PLAIN = ["BENCH-000000", "Benchmark contract 1", "Bench supplier 1", "SR1", 10, 3.25, "achter"]


def plain_row(n: int, columns: int) -> list:
    return [n, *(PLAIN[i % len(PLAIN)] for i in range(columns - 1))]


def openpyxl_bare(sheets, out) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for number, (rows, columns) in enumerate(sheets):
        sheet = book.create_sheet(f"s{number}")
        for n in range(rows):
            sheet.append(plain_row(n, columns))
    book.save(out)


def xlsxwriter_bare(sheets, out) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    for number, (rows, columns) in enumerate(sheets):
        sheet = book.add_worksheet(f"s{number}")
        for n in range(rows):
            for column, value in enumerate(plain_row(n, columns)):
                if isinstance(value, str):
                    sheet.write_string(n, column, value)
                else:
                    sheet.write_number(n, column, value)
    book.close()


def timed_to_file(write, sheets) -> tuple[float, float]:
    """Wall and CPU seconds of ``write`` in this process."""
    with tempfile.TemporaryFile() as out:
        started, cpu = time.perf_counter(), time.process_time()
        write(sheets, out)
        return time.perf_counter() - started, time.process_time() - cpu


def load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def measure(url: str) -> dict:
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / "export.xlsx"
    print(f"  before the export: {load()}")
    server_before = server_cpu(url)
    wall, cpu, rss = run_export(url, out)
    time.sleep(0.5)  # the export's backends end after it: let the server reap them
    server_after = server_cpu(url)
    print(f"  after the export: {load()}")
    sheets = shape(out)
    cells = sum(r * c for r, c in sheets)
    openpyxl_s, openpyxl_cpu = timed_to_file(openpyxl_bare, sheets)
    xlsxwriter_s, xlsxwriter_cpu = timed_to_file(xlsxwriter_bare, sheets)
    print(f"  after the bare writers: {load()}")
    bound, bound_cpu = min(openpyxl_s, xlsxwriter_s), min(openpyxl_cpu, xlsxwriter_cpu)
    ratio, cpu_ratio = wall / bound, cpu / bound_cpu
    size = out.stat().st_size / 2**20
    print(
        f"  export (whole process) {wall:.1f} s, CPU {cpu:.1f} s, {size:.1f} MB, "
        f"{len(sheets)} sheets, {cells:,} cells; peak RSS {rss:.0f} MB (target < "
        f"{TARGET_RSS_MB} MB: {'ok' if rss < TARGET_RSS_MB else 'MISSED'})"
    )
    print(
        f"  as many plain cells: openpyxl write-only {openpyxl_s:.1f} s (CPU "
        f"{openpyxl_cpu:.1f} s), XlsxWriter constant_memory {xlsxwriter_s:.1f} s (CPU "
        f"{xlsxwriter_cpu:.1f} s); ratio export / faster {ratio:.2f}x wall-clock "
        f"(target <= {TARGET_RATIO}: {'ok' if ratio <= TARGET_RATIO else 'MISSED'}), "
        f"{cpu_ratio:.2f}x CPU"
    )
    cores = os.cpu_count() or 1
    server = None if server_before is None or server_after is None else server_after - server_before
    work = cpu + (server or 0)
    print(
        f"  the export's work: its processes' CPU {cpu:.1f} s"
        + (f" + the PostgreSQL server's {server:.1f} s" if server is not None else "")
        + f" = {work:.1f} s, over {wall:.1f} s: {work / wall:.2f} of {cores} cores used; "
        f"spread evenly over all {cores} cores it would take {work / cores:.1f} s, "
        f"{work / cores / bound_cpu:.2f}x the faster bare writer's CPU time (its wall-clock "
        f"on an idle machine): the floor of the wall-clock ratio with this work"
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  (this process, writing the bounds: peak RSS {own:.0f} MB)")
    return {
        "export": wall,
        "export_cpu": cpu,
        "rss_mb": rss,
        "openpyxl": openpyxl_s,
        "xlsxwriter": xlsxwriter_s,
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "server_cpu": server or 0.0,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the database holding the portfolio")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    results = [measure(args.url) for _ in range(args.runs)]
    if args.runs > 1:
        import statistics

        print(
            "  medians: "
            + ", ".join(
                f"{key} {statistics.median(r[key] for r in results):.2f}" for key in results[0]
            )
        )


if __name__ == "__main__":
    main()
