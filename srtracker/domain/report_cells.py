"""Reading one cell of a progress report: text, dates and numbers (progress-report.md).

Each parser returns the value, or None when the cell does not hold one of its
kind. Cells arrive as the reader gives them: None, str, int, float, bool,
date, datetime, time or timedelta.
"""

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

EPOCH_1900 = date(1899, 12, 30)
EPOCH_1904 = date(1904, 1, 1)
_MAX_SERIAL = 2958465  # 9999-12-31

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[.,]\d{3})+")
_SPACES = re.compile(r"[\s\u00a0\u202f€]+")
_BSN_NOISE = re.compile(r"[\s.\-]+")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def text_of(value) -> str:
    """A cell as trimmed text; a whole number as its digits (Excel turned '4711' into 4711)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value, epoch: date = EPOCH_1900) -> date | None:
    """An Excel date, an Excel serial day number, ISO text or Dutch d-m-yyyy (- or /)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_number(value):
        if not 1 <= value <= _MAX_SERIAL:
            return None
        day = epoch + timedelta(days=int(value))
        return day if day.year <= 9999 else None
    if isinstance(value, str):
        text = value.strip()
        if match := _ISO.fullmatch(text):
            return _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DUTCH.fullmatch(text):
            return _safe_date(int(match[4]), int(match[3]), int(match[1]))
    return None


def _number_text(text: str) -> str | None:
    """Text with € and spaces dropped and the decimal separator made a point.

    With both ',' and '.', the last one is the decimal separator. One kind of
    separator is decimal when it occurs once; several of one kind group
    thousands only when every group has three digits (1.250.000).
    """
    text = _SPACES.sub("", text)
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


def parse_number(value) -> Decimal | None:
    if is_number(value):
        if isinstance(value, float):
            return Decimal(repr(value)) if math.isfinite(value) else None
        return Decimal(value)
    if isinstance(value, str):
        text = _number_text(value)
        if text is not None and _NUMBER.fullmatch(text):
            try:
                return Decimal(text)
            except InvalidOperation:
                return None
    return None


def looks_like_bsn(text: str) -> bool:
    digits = _BSN_NOISE.sub("", text)
    return digits.isdigit() and digits.isascii() and len(digits) in (8, 9)
