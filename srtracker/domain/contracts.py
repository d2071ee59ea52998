"""Contracts and their social-return clauses as plain data (contract-file.md)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MEASURES = ("persons", "hours", "euros")
COMPOSITES = ("all_of", "any_of")
"""The measure of a composite clause: met when all, or any one, of its branches is met."""
OBLIGATIONS = ("result", "effort")
"""Resultaatsverplichting (default) or inspanningsverplichting (enforcement.md)."""
BASES = ("shortfall_value", "fixed_per_unit")
DEFAULT_REMEDIAL_DAYS = 60


@dataclass(frozen=True)
class Milestone:
    """What a clause must have realised by a date."""

    date: date
    target: Decimal


@dataclass(frozen=True)
class Clause:
    """A social-return clause of a contract, as the contract file gives it."""

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
    target_percent: Decimal | None = None  # euros: target given as % of the contract value
    branches: tuple[str, ...] = ()  # all_of / any_of: codes of the clauses it combines
    value_eur: Decimal | None = None  # enforcement: what meeting it is worth (persons, hours)
    # Issue 18 (obligations.py): what a percentage is taken of, and its bounds in euros.
    target_basis: str = "contract_value"  # or "invoiced": the turnover invoiced so far
    target_min: Decimal | None = None
    target_max: Decimal | None = None

    @property
    def composite(self) -> bool:
        return self.measure in COMPOSITES

    @property
    def awaiting_invoiced(self) -> bool:
        """A share of the turnover invoiced, with nothing invoiced yet: the target is 0 not
        because nothing is owed but because it cannot be known yet (docs/valuation.md)."""
        return self.target_basis == "invoiced" and not self.target


@dataclass(frozen=True)
class Enforcement:
    """[contract.enforcement]: how an amount due is computed (enforcement.md)."""

    basis: str  # shortfall_value | fixed_per_unit
    rate: Decimal | None = None  # shortfall_value: 0 < rate <= 1
    per_unit_eur: Decimal | None = None  # fixed_per_unit: > 0
    remedial_days: int = DEFAULT_REMEDIAL_DAYS
    cap_eur: Decimal | None = None  # at most this much in total for the contract


@dataclass(frozen=True)
class Contract:
    """A contract and its clauses, as the contract file gives them."""

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
    valuation_table: str | None = None  # the bouwblokken table euros clauses are valued by
    valuation_version: int | None = None  # pinned at award; None: not pinned yet (newest)
    obligation: str = "result"  # result | effort (enforcement.md)
    enforcement: Enforcement | None = None  # None: nothing is ever proposed
    counting: str | None = None  # on_report | on_approval (sign-off.md); None: the buyer's
    pso_step: str | None = None  # the supplier's PSO step, a discount where the table gives one
    invoiced: tuple = ()  # obligations.Invoiced per reporting period, for invoiced targets

    def clause(self, code: str) -> Clause | None:
        key = code.strip().casefold()
        return next((c for c in self.clauses if c.code.casefold() == key), None)


def code_key(code: str) -> str:
    """Codes (contract references, clause codes) match trimmed and case-insensitively."""
    return code.strip().casefold()
