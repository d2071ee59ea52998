"""The one number reader: how a number typed by a person is read (progress-report.md).

A number is a number, or text with € and spaces ignored; when text holds both
`,` and `.`, the last one is the decimal separator and the other groups
thousands (every group three digits); a lone `,` or `.` is the decimal
separator, so `1.250` reads as 1.25 and `24,5` as 24.5. Several of one kind
group thousands only when every group has three digits (`1.250.000`).
No exponents, no NaN or infinity, nothing longer than MAX_LENGTH characters:
what a person types, never what a parser happens to accept.
"""

import math
import re
from decimal import Decimal, InvalidOperation

MAX_LENGTH = 40
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[.,]\d{3})+")
_IGNORED = re.compile(r"[\s\u00a0\u202f€]+")
_AMBIGUOUS = re.compile(r"[+-]?\d+[.,]\d{3}")


def _plain(text: str) -> str | None:
    """Text with € and spaces dropped and the decimal separator made a point."""
    text = _IGNORED.sub("", text)
    comma, point = text.rfind(","), text.rfind(".")
    if comma >= 0 and point >= 0:
        decimal, thousands = (",", ".") if comma > point else (".", ",")
        whole, _, fraction = text.rpartition(decimal)
        if not _GROUPED.fullmatch(whole) and thousands in whole:
            return None
        return whole.replace(thousands, "") + "." + fraction
    separator = "," if comma >= 0 else "."
    if text.count(separator) > 1:
        return text.replace(separator, "") if _GROUPED.fullmatch(text) else None
    return text.replace(",", ".")


def read_number(value) -> Decimal | None:
    """The number a cell or a form field holds, exactly; None when it holds none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str) and len(value) <= MAX_LENGTH:
        text = _plain(value)
        if text is not None and _NUMBER.fullmatch(text):
            try:
                return Decimal(text)
            except InvalidOperation:
                return None
    return None


def is_ambiguous_number(value) -> bool:
    """Text with one `.` or `,` followed by exactly three digits (`1.250`, `€ 2,500`).

    read_number reads it with a decimal separator (1.25); the writer may have
    meant a thousands separator (1250).
    """
    return isinstance(value, str) and bool(_AMBIGUOUS.fullmatch(_IGNORED.sub("", value)))
