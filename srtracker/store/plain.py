"""Raw column values made domain values, for the reads that load whole portfolios.

peewee's per-value conversion (``python_value``, model or named-tuple rows) dominates a
read of every contract, clause and row; these reads take the driver's tuples and convert
only the columns whose stored form is not the domain's: dates (ISO text on SQLite, dates on
PostgreSQL) and figures in hundredths. Each distinct raw value is converted once.
"""

from datetime import date
from decimal import Decimal


class Parsed(dict):
    """Each distinct raw value converted once: rows repeat few dates and figures."""

    def __init__(self, convert):
        super().__init__({None: None})
        self.convert = convert

    def __missing__(self, raw):
        value = self[raw] = self.convert(raw)
        return value


def as_date(raw) -> date:
    return raw if isinstance(raw, date) else date.fromisoformat(raw)


def as_hundredths(raw) -> Decimal:
    """A HundredthsField's value (models.HundredthsField.python_value)."""
    return Decimal(raw).scaleb(-2)


# SQLite returns booleans as 0 and 1, PostgreSQL as False and True (equal keys).
BOOLEAN = {None: None, 0: False, 1: True}
