"""Where the CPU time of one `srtracker import-report` goes, in-process (issue 19, item 1).

    .venv/bin/python bench/import_phases.py   # after bench_import_cli.py made the files

Runs the console script's command in this process on a fresh copy of the benchmark's
database and prints process_time() of each phase: start-up (imports and the app),
validation (reading included), storing the report and its rows, the re-check of the
contract, and the rest (the duplicate test, the audit entry, the commit, printing).
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

STARTED = time.process_time()
HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent))
# bench_import's database, migrated, holding the benchmark contract: made in a process of
# its own, so that this one starts as the console script does.
prepare = "import bench_import; bench_import.Database().db.close()"
subprocess.run([sys.executable, "-c", prepare], cwd=HERE, check=True, capture_output=True)
STARTED = time.process_time()
scratch = OUT / "import-phases.db"
for suffix in ("", "-wal", "-shm"):
    Path(f"{scratch}{suffix}").unlink(missing_ok=True)
shutil.copyfile(OUT / "import.db", scratch)
os.environ["SRTRACKER_DATABASE_URL"] = f"sqlite:///{scratch}"

from srtracker.runtime import Console  # noqa: E402

with Console().importing():  # as the console script imports the command
    from srtracker import cli
    from srtracker.services import reports
    from srtracker.store import followups
    from srtracker.store import reports as store
    from srtracker.workbook import reader

spent: dict[str, float] = {}


def timed(name, function):
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - started

    return wrapper


for name in ("validate_upload", "save_report", "recheck"):
    setattr(reports, name, timed(name, getattr(reports, name)))
# Parts of the phases above, shown apart and not added to the whole.
PARTS = {
    "calamine (open, read the sheet)": (reader, "_call"),
    "the scan of the sheet XML": (reader.CalamineReader, "scan"),
    "SQLite executemany": (store, "insert_rows"),
    "rows_as_read (for the re-check)": (store, "rows_as_read"),
    "follow-ups (in the re-check)": (followups, "create_due"),
}
for label, (module, name) in PARTS.items():
    setattr(module, name, timed(label, getattr(module, name)))
reference, period = "2026-BENCH-1", "2026-Q1"
command = ["import-report", reference, period, str(OUT / "import-cli-20000.xlsx")]
imported = time.process_time()
try:
    cli.main(command, standalone_mode=False)
except SystemExit:
    pass
total = time.process_time() - STARTED
parts = {label: spent.pop(label, 0.0) for label in PARTS}
phases = {"imports": imported - STARTED, **spent}
phases["rest (app, duplicate test, audit, commit)"] = total - sum(phases.values())
for name, seconds in phases.items():
    print(f"  {name:<44} {seconds:6.3f} s CPU  {seconds / total:5.1%}")
for name, seconds in parts.items():
    print(f"    of which {name:<35} {seconds:6.3f} s CPU  {seconds / total:5.1%}")
print(f"  {'whole command':<44} {total:6.3f} s CPU")
