"""Today, in the configured time zone: the default date of checks and periods."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from .runtime import settings


def today() -> date:
    return datetime.now(ZoneInfo(settings()["TIMEZONE"])).date()
