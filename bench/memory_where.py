"""Where the peak memory of one `srtracker import-report` is reached (issue 19, item 5).

    .venv/bin/python bench/memory_where.py bench/out/memory-100000.xlsx [--tracemalloc]

Runs the console script's command in this process on a fresh copy of bench_import's
database (`bench/bench_memory.py` makes the files). Each phase (validation, calamine's
calls, the rows' checks, storing, the re-check) reads the process's high-water mark
(VmHWM, the peak RSS that os.wait4 reports) as it starts and ends, so every rise of the
peak is counted in the innermost phase running when it happened, Rust allocations
(calamine's) included. With --tracemalloc the peak of the Python heap in each phase is
printed too: the difference is memory outside Python's allocator (calamine's ranges, the
zip's buffers), or pages Python freed but the process still holds.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent))


def status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


class Phases:
    """The peak's rises and the Python heap's peaks, each counted in the innermost phase."""

    def __init__(self, traced: bool):
        self.traced = traced
        self.stack = ["start-up (imports, the app)"]
        self.rise: dict[str, float] = {}
        self.heap: dict[str, float] = {}
        self.hwm_at: dict[str, float] = {}
        self.last = status_mb("VmHWM")
        self.rise[self.stack[0]] = self.last

    def note(self):
        hwm = status_mb("VmHWM")
        top = self.stack[-1]
        if hwm > self.last:
            self.rise[top] = self.rise.get(top, 0.0) + hwm - self.last
            self.hwm_at[top] = hwm
        self.last = hwm
        if self.traced:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            self.heap[top] = max(self.heap.get(top, 0.0), peak)
            tracemalloc.reset_peak()

    def wrap(self, name, function):
        def wrapper(*args, **kwargs):
            self.note()
            self.stack.append(name)
            try:
                return function(*args, **kwargs)
            finally:
                self.note()
                self.stack.pop()

        return wrapper

    def wrap_generator(self, name, function):
        """A generator's own steps, each counted in `name` (the caller's phase in between)."""

        def wrapper(*args, **kwargs):
            iterator = function(*args, **kwargs)
            while True:
                self.note()
                self.stack.append(name)
                try:
                    item = next(iterator)
                except StopIteration:
                    return
                finally:
                    self.note()
                    self.stack.pop()
                yield item

        return wrapper


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()
    if args.tracemalloc:
        tracemalloc.start()
    phases = Phases(args.tracemalloc)
    prepare = "import bench_import; bench_import.Database().db.close()"
    subprocess.run([sys.executable, "-c", prepare], cwd=HERE, check=True, capture_output=True)
    scratch = OUT / "memory-where.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(OUT / "import.db", scratch)
    os.environ["SRTRACKER_DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("SRTRACKER_SECRET_KEY", "bench")

    from srtracker import cli
    from srtracker.domain import report_rules
    from srtracker.services import reports
    from srtracker.workbook import reader

    for name, label in (
        ("validate_upload", "validation (reading included)"),
        ("save_report", "storing"),
        ("recheck", "re-check"),
    ):
        setattr(reports, name, phases.wrap(label, getattr(reports, name)))
    reader._call = phases.wrap("calamine: open the book, read a sheet", reader._call)
    rows = report_rules._Validation.check_rows
    report_rules._Validation.check_rows = phases.wrap("the rows' checks", rows)
    reader.CalamineReader.rows = phases.wrap_generator(
        "the reader's rows (calamine's cells to Python)", reader.CalamineReader.rows
    )
    command = ["import-report", "2026-BENCH-1", "2026-Q1", str(args.report)]
    started = time.process_time()
    phases.note()
    phases.stack.append("the command (the rest)")
    try:
        cli.main(command, standalone_mode=False)
    except SystemExit:
        pass
    phases.note()
    cpu = time.process_time() - started
    print(
        f"{args.report.name}: peak RSS {status_mb('VmHWM'):.0f} MB, command {cpu:.2f} s CPU",
        file=sys.stderr,
    )
    for name, rise in phases.rise.items():
        heap = f"; Python heap peak {phases.heap[name]:6.1f} MB" if name in phases.heap else ""
        reached = phases.hwm_at.get(name)
        at = f" (peak reached {reached:5.0f} MB)" if reached else ""
        print(f"  {name:<48} +{rise:6.1f} MB{at}{heap}", file=sys.stderr)


if __name__ == "__main__":
    main()
