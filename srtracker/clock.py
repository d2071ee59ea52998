"""Today, in the configured time zone: the default date of checks and periods."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def today() -> date:
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()
