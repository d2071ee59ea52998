"""An uploaded progress report, from its bytes to its ReportResult.

The package checks run first (size, zip bombs, macros), then the reader opens
the workbook within the row and column limits, and the domain validates the
opened book. Every path that validates an upload goes through here.
"""

from srtracker.domain.report_columns import HEADER_SEARCH_ROWS
from srtracker.domain.report_rules import (
    DEFAULT_LIMITS,
    Limits,
    ReportResult,
    refusal,
    validate_report,
)
from srtracker.workbook.package import PackageProblem, check_package
from srtracker.workbook.reader import UnreadableWorkbook, open_workbook


def validate_upload(
    data: bytes,
    contract,
    period,
    reference,
    previous=None,
    had_rows_before: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> ReportResult:
    """validate_report over the uploaded bytes; a file refused whole has no rows."""
    inflated: dict[str, list[bytes]] = {}  # the sheets as the package check inflated them
    try:
        check_package(data, limits.max_upload_bytes, limits.max_unpacked_bytes, keep=inflated)
    except PackageProblem as problem:
        limit = limits.max_upload_bytes if problem.reason == "upload" else limits.max_unpacked_bytes
        return refusal(problem.key, limit_mb=limit // 2**20)
    try:
        # The header may sit below title rows: the sheet may hold that many rows more.
        rows, columns = limits.max_rows + HEADER_SEARCH_ROWS, limits.max_columns
        with open_workbook(data, rows, columns, inflated) as book:
            return validate_report(
                book, contract, period, reference, previous, had_rows_before, limits
            )
    except UnreadableWorkbook:
        return refusal("not_xlsx.corrupt")
