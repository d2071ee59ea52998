"""Which uploads are kept and offered back, and the names the app gives its downloads.

progress-report.md, "Storage": a file refused as not a workbook, for macros,
for its size or because it may hold a BSN or a name is not kept, and nothing
offers it (or a workbook built from it) for download. A download is named by
the app from the contract, the period and its kind, never by the supplier's
file name, which may carry personal data or characters a browser mangles.
"""

import re

from srtracker.domain.report_rules import NOT_KEPT

_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


def may_offer(codes) -> bool:
    """True unless one of the error `codes` means the file must not be kept or offered."""
    return not NOT_KEPT.intersection(codes)


def download_name(reference: str, period: str, kind: str, extension: str = "xlsx") -> str:
    """`2026-HH-014_2026-Q1_terugkoppeling.xlsx`: ASCII letters, digits, dots and hyphens."""
    parts = [_UNSAFE.sub("-", part).strip("-.") or "-" for part in (reference, period, kind)]
    return f"{'_'.join(parts)}.{extension}"
