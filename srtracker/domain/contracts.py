"""Contracts and their social-return clauses as plain data (contract-file.md)."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MEASURES = ("persons", "hours", "euros")


@dataclass(frozen=True)
class Milestone:
    date: date
    target: Decimal


@dataclass(frozen=True)
class Clause:
    code: str
    title: str
    measure: str
    target: Decimal
    accepts: tuple[str, ...]
    start: date
    deadline: date
    eligible_groups: tuple[str, ...] = ()
    min_hours_per_week: Decimal | None = None
    min_duration_months: int | None = None
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class Contract:
    reference: str
    title: str
    buyer: str
    supplier: str
    value_eur: Decimal
    start: date
    end: date
    reporting: str
    report_due_days: int
    clauses: tuple[Clause, ...]

    def clause(self, code: str) -> Clause | None:
        key = code.strip().casefold()
        return next((c for c in self.clauses if c.code.casefold() == key), None)


def code_key(code: str) -> str:
    """Codes (contract references, clause codes) match trimmed and case-insensitively."""
    return code.strip().casefold()
