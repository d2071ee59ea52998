"""Instructions of `srtracker import-report` of 20,000 rows and of its lower bounds, counted
by callgrind (issue 19, item 1): figures that do not depend on the machine's load.

    .venv/bin/python bench/import_instructions.py               # after bench_import_cli.py
    .venv/bin/python bench/import_instructions.py --compare DIR  # and DIR's import-report

Each process runs once under `valgrind --tool=callgrind` (about a minute each): the bare
read and the floor of bench_import_cli.py, import-report as the console script runs it,
and import-report stopped where it would store the report (`services.reports.save_report`)
and where it would re-check the contract (`services.reports.recheck`), so that the
differences give the validation, the storing and the re-check with the commit. Needs the
files bench_import_cli.py leaves in bench/out/ (run it first).
"""

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_import_cli import BARE_READ, FLOOR  # noqa: E402

OUT = HERE / "out"
REPORT = OUT / "import-cli-20000.xlsx"
COMMAND = ["import-report", "2026-BENCH-1", "2026-Q1", str(REPORT)]
# import-report with one of services.reports' functions raising: the process stops there.
STOPPED = """
import sys
from srtracker import cli
class Stop(Exception):
    pass
def stop(*args, **kwargs):
    raise Stop
context = cli.console.make_context("srtracker", ["import-report", "--help"], resilient_parsing=True)
cli.console.get_command(context, "import-report")  # imported as the console imports it
from srtracker.services import reports
setattr(reports, sys.argv[1], stop)
try:
    cli.main(sys.argv[2:])
except Stop:
    pass
"""


def instructions(command: list[str], cwd: Path, env: dict) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return int(re.search(r"Collected : (\d+)", done.stderr)[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="DIR", help="also count DIR's import-report")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "import.db"

        def env(tree: Path) -> dict:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(OUT / "import.db", database)
            url = f"sqlite:///{database}"
            return {**os.environ, "SRTRACKER_DATABASE_URL": url, "SRTRACKER_SECRET_KEY": "bench"}

        floor_db = Path(scratch) / "floor.db"
        shutil.copyfile(OUT / "import-floor.db", floor_db)
        bare = instructions([python, "-c", BARE_READ, str(REPORT)], HERE.parent, env(HERE.parent))
        floor = instructions(
            [
                python,
                "-c",
                FLOOR,
                str(REPORT),
                str(OUT / "import-floor-rows.marshal"),
                str(floor_db),
            ],
            HERE.parent,
            env(HERE.parent),
        )
        print(f"python-calamine bare read (lower bound) {bare / 1e6:9.1f} M instructions")
        print(
            f"floor (start, the bare read, one executemany) {floor / 1e6:9.1f} M"
            f"  {floor / bare:.2f} x"
        )
        trees = [HERE.parent] + ([Path(args.compare).resolve()] if args.compare else [])
        for tree in trees:
            compileall.compile_dir(tree / "srtracker", quiet=1)  # as an installed package is
            counts = {
                stop: instructions([python, "-c", STOPPED, stop, *COMMAND], tree, env(tree))
                for stop in ("save_report", "recheck")
            }
            whole = instructions([python, "-m", "srtracker.cli", *COMMAND], tree, env(tree))
            print(f"{tree}:")
            print(
                f"  import-report {whole / 1e6:9.1f} M  {whole / bare:.2f} x the bare read, "
                f"{whole / floor:.2f} x the floor"
            )
            print(
                f"    up to storing (start, validation) {counts['save_report'] / 1e6:9.1f} M; "
                f"storing {(counts['recheck'] - counts['save_report']) / 1e6:9.1f} M; "
                f"re-check, commit, exit {(whole - counts['recheck']) / 1e6:9.1f} M"
            )


if __name__ == "__main__":
    main()
