"""How fast a zip bomb is refused, against bare zlib inflating the same bytes.

    .venv/bin/python bench/bench_package.py

The package checks count every byte an entry inflates to and stop past the
unpacked limit (200 MB by default): refusing a bomb that lies about its size
costs inflating 200 MB, and no less. The lower bound is zlib alone inflating
the same raw stream up to the same limit, measured in the same run.
"""

import statistics
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from workbook.test_package import bomb, deflated_zeros  # noqa: E402

from srtracker.domain.report_rules import Limits  # noqa: E402
from srtracker.workbook.package import CHUNK, PackageProblem, check_package  # noqa: E402

MB = 2**20


def median_seconds(action, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def refuse(data: bytes, limits: Limits):
    try:
        check_package(data, limits.max_upload_bytes, limits.max_unpacked_bytes)
    except PackageProblem as problem:
        assert problem.code == "too_large", problem.key
        return
    raise AssertionError("the bomb was not refused")


def bare_inflate(raw: bytes, budget: int):
    inflater, total, pending = zlib.decompressobj(-zlib.MAX_WBITS), 0, raw
    while pending and total <= budget:
        total += len(inflater.decompress(pending, CHUNK))
        pending = inflater.unconsumed_tail


def main():
    limits = Limits()
    lying, honest = bomb(1000), bomb(300 * MB)
    print(
        f"bomb: {len(lying) / 1024:.0f} KB inflating to 300 MB; "
        f"limit {limits.max_unpacked_bytes // MB} MB"
    )
    baseline = median_seconds(lambda: bare_inflate(deflated_zeros(300), limits.max_unpacked_bytes))
    ours = median_seconds(lambda: refuse(lying, limits))
    declared = median_seconds(lambda: refuse(honest, limits))
    print(f"zlib alone up to the limit (the lower bound): {baseline:.3f} s")
    print(f"refusing the bomb that lies about its size:  {ours:.3f} s")
    print(f"refusing the bomb that declares its size:    {declared * 1000:.1f} ms")
    print(f"ratio refusal / zlib alone: {ours / baseline:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()
