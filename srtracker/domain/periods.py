"""Calendar reporting periods (compliance.md, "Reporting periods")."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

REPORTING = ("monthly", "quarterly", "half-yearly", "yearly")
_MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: its first and last day, and its key (2026-Q3); ordered by date."""

    start: date
    end: date
    key: str

    def __str__(self):
        return self.key


@lru_cache(maxsize=1 << 16)  # pure; the check asks for the same few dates a million times
def edate(day: date, months: int) -> date:
    """Excel's EDATE: add calendar months, clamping the day to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=1 << 14)  # pure, and a Period is immutable
def period_containing(reporting: str, day: date) -> Period:
    size = _MONTHS_PER_PERIOD[reporting]
    first_month = (day.month - 1) // size * size + 1
    start = date(day.year, first_month, 1)
    end = edate(start, size) - timedelta(days=1)
    if reporting == "monthly":
        key = f"{day.year}-{first_month:02d}"
    elif reporting == "quarterly":
        key = f"{day.year}-Q{(first_month - 1) // 3 + 1}"
    elif reporting == "half-yearly":
        key = f"{day.year}-H{(first_month - 1) // 6 + 1}"
    else:
        key = f"{day.year}"
    return Period(start, end, key)


_PATTERNS = {
    "monthly": re.compile(r"^(\d{4})-(\d{1,2})$"),
    "quarterly": re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE),
    "half-yearly": re.compile(r"^(\d{4})-?H([12])$", re.IGNORECASE),
    "yearly": re.compile(r"^(\d{4})$"),
}


def parse_period(reporting: str, value) -> Period | None:
    """The period of this reporting frequency that `value` names, or None.

    A monthly period may also be given as a date in that month.
    """
    if isinstance(value, date):
        return period_containing(reporting, value) if reporting == "monthly" else None
    text = str(value).strip()
    match = _PATTERNS[reporting].match(text)
    if match is None:
        if reporting == "monthly":
            try:
                return period_containing(reporting, date.fromisoformat(text))
            except ValueError:
                return None
        return None
    year = int(match.group(1))
    if not 1900 <= year <= 9999:
        return None
    if reporting == "yearly":
        return period_containing(reporting, date(year, 1, 1))
    number = int(match.group(2))
    if reporting == "monthly" and not 1 <= number <= 12:
        return None
    month = {
        "monthly": number,
        "quarterly": (number - 1) * 3 + 1,
        "half-yearly": (number - 1) * 6 + 1,
    }[reporting]
    return period_containing(reporting, date(year, month, 1))


def contract_periods(reporting: str, start: date, end: date) -> list[Period]:
    """From the period holding the start to the period holding the end."""
    return list(_contract_periods(reporting, start, end))


@lru_cache(maxsize=1 << 12)  # contracts share their frequency and dates
def _contract_periods(reporting: str, start: date, end: date) -> tuple[Period, ...]:
    periods = []
    period = period_containing(reporting, start)
    while period.start <= end:
        periods.append(period)
        period = period_containing(reporting, period.end + timedelta(days=1))
    return tuple(periods)


def due_date(period: Period, report_due_days: int) -> date:
    return period.end + timedelta(days=report_due_days)


def months_completed(start: date, end: date) -> int:
    """Whole calendar months from ``start`` through ``end`` (included), by the EDATE rule."""
    months = 0
    while end >= edate(start, months + 1) - timedelta(days=1):
        months += 1
    return months
