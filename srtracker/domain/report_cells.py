"""Reading one cell of a progress report: text, dates and numbers (progress-report.md).

Each parser returns the value, or None when the cell does not hold one of its
kind. Cells arrive as the reader gives them: None, str, int, float, bool,
date, datetime, time or timedelta.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

EPOCH_1900 = date(1899, 12, 30)
EPOCH_1904 = date(1904, 1, 1)
_MAX_SERIAL = 2958465  # 9999-12-31

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")
_BSN_NOISE = re.compile(r"[\s.\-]+")
# Nine digits with nothing but non-alphanumerics between them: the cheap test first.
_NINE_DIGITS = re.compile(r"\d(?:[\W_]*\d){8}")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\W_]+(?=\d)")
_DIGIT_RUN = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")


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


def looks_like_bsn(text: str) -> bool:
    """A reference that, without spaces, dots and hyphens, is 8 or 9 digits (full-width too)."""
    digits = _BSN_NOISE.sub("", text if text.isascii() else unicodedata.normalize("NFKC", text))
    return digits.isdigit() and digits.isascii() and len(digits) in (8, 9)


def passes_eleven_proof(digits: str) -> bool:
    """The BSN check: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 == 0


def holds_bsn(value) -> bool:
    """A cell, text or number, holding a run of 9 digits that passes the 11-proof.

    After NFKC normalisation (full-width digits become digits) every character
    that is not a letter or a digit is removed between digits, so
    `BSN 123456782`, `123/456/782`, `123_456_782` and zero-width separators
    are all found. A run is maximal: ten digits in a row are not a BSN.
    """
    if isinstance(value, str):
        if len(value) < 9:
            return False
        text = value
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    elif -100_000_000 < value < 100_000_000 and value == int(value):
        return False  # a whole number of fewer than 9 digits
    else:
        text = text_of(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if _NINE_DIGITS.search(text) is None:
        return False
    joined = _BETWEEN_DIGITS.sub("", text)
    return any(len(run) == 9 and passes_eleven_proof(run) for run in _DIGIT_RUN.findall(joined))


def looks_like_name(text: str) -> bool:
    """Two or more words of two or more letters each, and no digit: a first and last name."""
    if any(map(str.isdigit, text)):
        return False
    words = [w for w in _WORD.findall(unicodedata.normalize("NFKC", text)) if len(w) >= 2]
    return len(words) >= 2


def reference_problem(text: str) -> str | None:
    """`possible_bsn` or `possible_name` when a pseudonymous reference could identify a person.

    The check of candidate_ref, for any other column that holds a reference of
    the same kind: a BSN in any notation, 8 or 9 digits, or what looks like a name.
    """
    if looks_like_bsn(text) or holds_bsn(text):
        return "possible_bsn"
    if looks_like_name(text):
        return "possible_name"
    return None


class _FormulaWithoutValue:
    def __repr__(self):
        return "<formula>"


FORMULA_WITHOUT_VALUE = _FormulaWithoutValue()


@dataclass(frozen=True)
class ErrorValue:
    """A cell showing an Excel error (`#N/A`, `#DIV/0!`), typed or as a formula's result."""

    shown: str

    def __str__(self):
        return self.shown


class SheetTooLarge(Exception):
    """A book refuses to read a sheet whose real content is beyond the limits.

    `rows` is True for too many rows, False for a cell beyond the column limit.
    """

    def __init__(self, sheet: str, rows: bool):
        super().__init__(sheet, rows)
        self.sheet = sheet
        self.rows = rows
