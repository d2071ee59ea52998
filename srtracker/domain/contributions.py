"""A contribution: one row of a progress report (progress-report.md)."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple


class Contribution(NamedTuple):
    """Immutable, and a tuple: the check builds millions of these, five times faster
    than a frozen dataclass."""

    row: int
    candidate_ref: str
    clause: str
    type: str
    start_date: date
    target_group: str | None = None
    end_date: date | None = None
    hours_per_week: Decimal | None = None
    amount_eur: Decimal | None = None
    note: str = ""
    # Optional columns of the valuation extension (docs/valuation.md).
    benefit_months: int | None = None
    age_bracket: str | None = None
    permanent_contract: bool | None = None
    purchased_from: str | None = None
    # The bureau's own number for the person (sign-off.md, the person ledger).
    bureau_ref: str | None = None
    # Issue 18 (docs/valuation.md): a person attribute, the education level, and the
    # hours / days / activities of a row valued per hour, per day or per activity.
    statushouder: bool | None = None
    level: str | None = None
    quantity: Decimal | None = None

    @property
    def candidate_key(self) -> str:
        return candidate_key(self.candidate_ref)


def candidate_key(candidate_ref: str) -> str:
    """How rows of one candidate are matched: the reference trimmed and case-folded."""
    return candidate_ref.strip().casefold()
