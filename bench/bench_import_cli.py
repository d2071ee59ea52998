"""`srtracker import-report` of a 20,000-row report as a process of its own, against
python-calamine's bare read of the same file in a process of its own (issue 19, item 1).

    .venv/bin/python bench/bench_import_cli.py              # 20,000 rows, 7 runs each, medians
    .venv/bin/python bench/bench_import_cli.py --profile    # and a cProfile of one import
    .venv/bin/python bench/bench_import_cli.py --compare DIR  # and DIR's import-report too
        (DIR: another tree of the project, e.g. `git archive COMMIT | tar -x -C DIR`)

Both sides are whole processes, started the same way, timed from the fork to the exit:
the import starts the CLI, opens the app and the database (SQLite, a fresh copy of a
database holding only the benchmark contract for each run), validates, stores the report
and its rows, and re-checks the contract. The lower bound starts Python, imports
python-calamine and reads every cell of every sheet of the file into Python values. The
two alternate run by run, so a change in the machine's load hits both; CPU time (user +
system) is given beside wall-clock time, as it depends less on the load. The project is
byte-compiled first, as an installed package is.

Beside them the command's start-up alone (its modules, settings and first query: the same
command for an unknown contract, which exits there) and Python's own start: the target
less the floor and the start-up beyond Python's is what is left for the rest: the package
check and the scan, the validation, storing beyond the executemany, and the re-check.

The floor is what no import can avoid, as a process of its own in the same alternation:
start Python, read the file as the bare read does, and insert the rows the import stored
(taken from its first run, as plain tuples in their stored form) into the `contribution`
table of a copy of the same database, with the pragmas and the adapter for None the app
sets and its columns empty in every row written NULL (srtracker.db), in one executemany of
the statements `db.insert_rows` uses, in one transaction. Its ratio to the bare read says
how much of the target the unavoidable parts already take on this machine.
"""

import argparse
import compileall
import marshal
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_import import CONTRACT, PERIOD, Database, generate

TARGET = 3.0
BARE_READ = """
import sys
from python_calamine import CalamineWorkbook
with open(sys.argv[1], "rb") as handle:
    book = CalamineWorkbook.from_filelike(handle)
    cells = sum(len(row) for name in book.sheet_names
                for row in book.get_sheet_by_name(name).to_python())
print(cells)
"""
FLOOR = (
    BARE_READ
    + """
import marshal, sqlite3
from itertools import chain
sqlite3.register_adapter(type(None), {}.get)  # as srtracker.db does: NULLs bound cheaply
with open(sys.argv[2], "rb") as handle:
    head, width, per, rows = marshal.loads(handle.read())
connection = sqlite3.connect(sys.argv[3], isolation_level=None)
for pragma in ("journal_mode = wal", "foreign_keys = 1", "cache_size = -64000",
               "synchronous = normal"):
    connection.execute("PRAGMA " + pragma)
# as db._sqlite_insert: a column empty in every row is written NULL, not bound
from operator import itemgetter
null = {i for i in range(width) if all(row[i] is None for row in rows)}
if null:
    rows = list(map(itemgetter(*[i for i in range(width) if i not in null]), rows))
one = "(" + ", ".join("NULL" if i in null else "?" for i in range(width)) + ")"
whole = len(rows) - len(rows) % per
connection.execute("BEGIN")
connection.executemany(
    head + ", ".join([one] * per),
    (tuple(chain.from_iterable(rows[i : i + per])) for i in range(0, whole, per)),
)
if whole < len(rows):
    rest = rows[whole:]
    connection.execute(head + ", ".join([one] * len(rest)), tuple(chain.from_iterable(rest)))
connection.execute("COMMIT")
connection.close()
"""
)


def prepare(rows: int, out: Path) -> tuple[Path, Path]:
    report = out / f"import-cli-{rows}.xlsx"
    if not report.exists():
        print(f"generating a {rows}-row report ...", flush=True)
        report.write_bytes(generate(rows))
    base = out / "import.db"
    Database().db.close()  # bench_import's database: migrated, the contract stored
    return report, base


def floor_inputs(scratch: Path, out: Path) -> tuple[Path, Path]:
    """From the database of an import: its contribution rows as stored (marshalled) and a
    copy of that database without them, for the floor to insert them again."""
    import sqlite3

    from srtracker.db import ROWS_PER_INSERT, SQLITE_PARAMETERS

    rows_file, base = out / "import-floor-rows.marshal", out / "import-floor.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{base}{suffix}").unlink(missing_ok=True)
    connection = sqlite3.connect(scratch)
    connection.execute(f"VACUUM INTO '{base}'")
    connection.close()
    connection = sqlite3.connect(base)
    names = [row[1] for row in connection.execute('PRAGMA table_info("contribution")')]
    columns = ", ".join(f'"{name}"' for name in names if name != "id")
    rows = connection.execute(f'SELECT {columns} FROM "contribution" ORDER BY "id"').fetchall()
    connection.execute('DELETE FROM "contribution"')
    connection.commit()
    connection.execute("VACUUM")
    connection.close()
    width = len(names) - 1
    per = max(1, min(ROWS_PER_INSERT, SQLITE_PARAMETERS // width))
    head = f'INSERT INTO "contribution" ({columns}) VALUES '
    rows_file.write_bytes(marshal.dumps((head, width, per, rows)))
    return rows_file, base


def run(
    command: list[str], env: dict, cwd=ROOT, exit_code: int = 0
) -> tuple[float, float, float, float, int]:
    """Wall-clock seconds and CPU seconds (user + system) of the child process, then its
    user and system seconds apart and its minor page faults (where the CPU goes that the
    instruction counts do not show)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, text=True
    )
    if done.returncode != exit_code:
        raise SystemExit(
            f"{' '.join(command[:4])}: exit {done.returncode}, not {exit_code}\n{done.stderr}"
        )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    return wall, user + system, user, system, after.ru_minflt - before.ru_minflt


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile one import")
    parser.add_argument("--compare", metavar="DIR", help="also time DIR's import-report")
    args = parser.parse_args()

    out = HERE / "out"
    out.mkdir(exist_ok=True)
    report, base = prepare(args.rows, out)
    compileall.compile_dir(ROOT / "srtracker", quiet=1)
    scratch = out / "import-cli-run.db"
    url = f"sqlite:///{scratch}"
    env = {**os.environ, "SRTRACKER_DATABASE_URL": url, "SRTRACKER_SECRET_KEY": "bench"}
    # `python -m srtracker.cli` from the project's root: the console script of this tree.
    ours = [sys.executable, "-m", "srtracker.cli", "import-report"]
    ours += [CONTRACT.reference, PERIOD.key, str(report)]
    bare = [sys.executable, "-c", BARE_READ, str(report)]

    def fresh_database():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(base, scratch)

    fresh_database()
    result = subprocess.run(ours, env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    print(f"  {result.stdout.strip()}", flush=True)
    rows_file, floor_base = floor_inputs(scratch, out)
    floor_scratch = out / "import-floor-run.db"
    floor = [sys.executable, "-c", FLOOR, str(report), str(rows_file), str(floor_scratch)]

    def fresh_floor_database():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{floor_scratch}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(floor_base, floor_scratch)

    # The command's start: its modules, settings and first query, up to "unknown contract".
    start = [sys.executable, "-m", "srtracker.cli", "import-report", "NO-SUCH-CONTRACT"]
    start += [PERIOD.key, str(report)]
    python = [sys.executable, "-c", "pass"]
    bare_times, floor_times, import_times, other_times = [], [], [], []
    start_times, python_times = [], []
    if args.compare:
        compileall.compile_dir(Path(args.compare) / "srtracker", quiet=1)
    for number in range(args.runs):
        bare_times.append(run(bare, env))
        fresh_floor_database()
        floor_times.append(run(floor, env))
        fresh_database()
        import_times.append(run(ours, env))
        start_times.append(run(start, env, exit_code=2))
        python_times.append(run(python, env))
        if args.compare:
            fresh_database()
            other_times.append(run(ours, env, cwd=args.compare))
        print(
            f"  run {number + 1}/{args.runs}: calamine bare read {bare_times[-1][0]:.3f} s "
            f"(CPU {bare_times[-1][1]:.3f} s), floor {floor_times[-1][0]:.3f} s "
            f"(CPU {floor_times[-1][1]:.3f} s), import-report {import_times[-1][0]:.3f} s "
            f"(CPU {import_times[-1][1]:.3f} s)"
            + (
                f", {args.compare}'s {other_times[-1][0]:.3f} s (CPU {other_times[-1][1]:.3f} s)"
                if other_times
                else ""
            ),
            flush=True,
        )
    if args.profile:
        fresh_database()
        stats = out / "import-cli.prof"
        run([sys.executable, "-m", "cProfile", "-o", str(stats), *ours[1:]], env)
        import pstats

        pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(40)
    print(
        f"{args.rows} rows, {report.stat().st_size / 2**20:.1f} MB; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    for kind, index in (("wall-clock", 0), ("CPU", 1)):
        lower = statistics.median(t[index] for t in bare_times)
        least = statistics.median(t[index] for t in floor_times)
        ours_s = statistics.median(t[index] for t in import_times)
        verdict = "met" if ours_s <= TARGET * lower else "MISSED"
        print(
            f"{kind}: python-calamine bare read (lower bound) {lower:.3f} s, srtracker "
            f"import-report {ours_s:.3f} s (medians); ratio {ours_s / lower:.2f} "
            f"(target <= {TARGET:g}: {verdict})"
        )
        print(
            f"  floor (start, the bare read, the {args.rows} rows' executemany) {least:.3f} s; "
            f"ratio {least / lower:.2f}; import-report {ours_s / least:.2f} x the floor"
        )
        begun = statistics.median(t[index] for t in start_times)
        bare_python = statistics.median(t[index] for t in python_times)
        left = TARGET * lower - least - (begun - bare_python)
        print(
            f"  start-up (the command up to its first query: an unknown contract) {begun:.3f} s, "
            f"Python's own {bare_python:.3f} s; the floor and the start-up beyond Python's "
            f"leave {left * 1000:.0f} ms of the target for the rest (the package check and "
            f"scan, validating, storing and re-checking {args.rows} rows)"
        )
        if other_times:
            other = statistics.median(t[index] for t in other_times)
            print(f"  {args.compare}'s import-report {other:.3f} s; ratio {other / lower:.2f}")
    print(
        "  CPU apart (medians): "
        + "; ".join(
            f"{name} user {statistics.median(t[2] for t in times):.3f} s, system "
            f"{statistics.median(t[3] for t in times):.3f} s, "
            f"{statistics.median(t[4] for t in times):,.0f} minor page faults"
            for name, times in (
                ("bare read", bare_times),
                ("floor", floor_times),
                ("import-report", import_times),
            )
        )
    )


if __name__ == "__main__":
    main()
