"""A contribution: one row of a progress report (progress-report.md)."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Contribution:
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

    @property
    def candidate_key(self) -> str:
        return self.candidate_ref.strip().casefold()
