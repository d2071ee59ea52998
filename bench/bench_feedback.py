"""The feedback workbook of a large rejected report: time and peak memory, both ways.

    .venv/bin/python bench/bench_feedback.py               # 20,000 rows
    .venv/bin/python bench/bench_feedback.py --rows 100000

The report of bench_import.py with one bad cell in every hundred rows. Each
way runs in a child process of its own, so its peak RSS is its own:

- own file: the supplier's workbook rewritten by openpyxl with the marks (the
  way for files up to [reports] feedback_edit_max_mb unpacked). Lower bound:
  openpyxl's bare load and save of the same file.
- clean copy: the sheets read by the upload's reader and written in a stream
  with the marks (larger files, or files openpyxl cannot rewrite). Lower
  bound: openpyxl write-only writing the same values, without marks.
"""

import argparse
import resource
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_import import generate
from openpyxl import Workbook, load_workbook

from srtracker.domain.report_rules import Issue
from srtracker.workbook.annotate import annotate, clean_copy
from srtracker.workbook.reader import open_workbook


def issues(rows: int) -> list[Issue]:
    return [
        Issue("Voortgang", r, "hours_per_week", f"G{r}", "bad_number", "", {}, "bad_number")
        for r in range(2, rows + 2, 100)
    ]


def bare_load_and_save(data: bytes, _issues) -> bytes:
    out = BytesIO()
    load_workbook(BytesIO(data)).save(out)
    return out.getvalue()


def bare_stream(data: bytes, _issues) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Voortgang")
    with open_workbook(data, 200_000, 60) as reader:
        for _, values in reader.rows("Voortgang"):
            sheet.append(values)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


WAYS = {
    "own": annotate,
    "own-bound": bare_load_and_save,
    "clean": clean_copy,
    "clean-bound": bare_stream,
}


def child(way: str, rows: int, path: Path) -> None:
    data = path.read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    WAYS[way](data, issues(rows))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{elapsed:.3f} {before / 1024:.0f} {peak / 1024:.0f}")


def run(way: str, rows: int, path: Path) -> tuple[float, int, int]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", way, "--rows", str(rows), "--file", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, before, peak = done.stdout.split()
    return float(seconds), int(before), int(peak)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--child")
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rows, args.file)
        return
    path = Path(f"/tmp/srtracker-bench-feedback-{args.rows}.xlsx")
    path.write_bytes(generate(args.rows))
    print(f"{args.rows} rows, {path.stat().st_size / 2**20:.1f} MB, {args.rows // 100} marks")
    results = {way: run(way, args.rows, path) for way in WAYS}
    for way in ("own", "clean"):
        seconds, before, peak = results[way]
        bound, _, bound_peak = results[f"{way}-bound"]
        print(
            f"  {way:5}: {seconds:6.2f} s (ratio {seconds / bound:.2f} to openpyxl's bare "
            f"{bound:.2f} s), peak RSS {peak} MB (bare {bound_peak} MB, {before} MB at start)"
        )
    path.unlink()


if __name__ == "__main__":
    main()
