"""Valuing contributions in euros with a bouwblokken table (docs/valuation.md).

Plain data in, exact Decimal out: each counting row of a ``euros`` clause gets
the value of the first block of the pinned table that fits it, rounded half up
to whole cents, with the arithmetic in words (Dutch msgids marked with ``N_``,
rendered through ``translate``; ``valuation_messages_en`` is the English table).
Realised is the sum of the rows, so the rows shown always add up to it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .contracts import Clause, Contract
from .contributions import Contribution
from .figures import round_half_up, show_number
from .periods import edate, months_completed
from .text import N_, identity
from .valuation_tables import Block, Catalogue, ValuationTable, shipped_tables

# TRANSLATORS: not shown; its English must be "bouwblok-taal: en", so that block labels
# from the (untranslated) table files are shown in English in the English interface.
LANGUAGE_PROBE = N_("bouwblok-taal: nl")

PER_YEAR = N_("{block} (€ {rate} per jaar)")
PER_YEAR_BONUS = N_("{block} + {bonuses} (€ {rate} + € {bonus_rate} per jaar)")
PER_MONTH = N_("{block} (€ {rate} per maand)")
HOURS = N_("{hours} van {fulltime} uur per week")
HOURS_OVER = N_("{hours} uur per week, telt als {fulltime} van {fulltime}")
MONTH = N_("1 maand")
MONTHS = N_("{months} maanden")
MONTH_DAYS = N_("1 maand en {days} dagen")
MONTHS_DAYS = N_("{months} maanden en {days} dagen")
DAYS = N_("{days} dagen")
CAPPED = N_("geteld tot en met {cap_end}: hoogstens {cap} maanden vanaf de eerste dag ({first})")
SHARE = N_("{block}: {percent}% van € {amount}")
NO_AMOUNT = N_("{block}: geen bedrag ingevuld")
BELOW_MIN_HOURS = N_(
    "{hours} uur per week is minder dan de {min_hours} uur per week die de waarderingstabel vraagt"
)
NO_BLOCK = N_("de waarderingstabel heeft geen bouwblok voor deze soort en doelgroep")
VALUE = N_("{explanation}: € {value}")
TABLE = N_("waarderingstabel: {name}, versie {version}")

Translate = Callable[[str], str]


@dataclass(frozen=True)
class Label:
    """A label from a table file, in both languages (table data is not in the catalogue)."""

    nl: str
    en: str


@dataclass(frozen=True)
class Part:
    msgid: str
    params: dict = field(default_factory=dict)

    def render(self, translate: Translate = identity) -> str:
        english = translate(LANGUAGE_PROBE) != LANGUAGE_PROBE
        params = {
            k: (v.en if english else v.nl) if isinstance(v, Label) else v
            for k, v in self.params.items()
        }
        return translate(self.msgid).format(**params)


@dataclass(frozen=True)
class RowValue:
    """One counting row's value in whole cents, and how it was reached."""

    row: Contribution
    value: Decimal
    parts: tuple[Part, ...]
    block: Block | None = None

    def text(self, translate: Translate = identity) -> str:
        explanation = ", ".join(p.render(translate) for p in self.parts)
        return translate(VALUE).format(explanation=explanation, value=money(self.value))


@dataclass(frozen=True)
class ClauseValuation:
    """The rows of one clause valued by one table version; ``total`` is realised."""

    table: ValuationTable
    rows: tuple[RowValue, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_row", {v.row: v for v in self.rows})

    @property
    def total(self) -> Decimal:
        return sum((r.value for r in self.rows), Decimal(0))

    def of(self, row: Contribution) -> RowValue | None:
        return self._by_row.get(row)


def money(value: Decimal | Fraction) -> str:
    """Euros as shown in explanations: two decimals, none when whole."""
    return show_number(value)


def months_between(start: date, last: date) -> Fraction:
    """Calendar months from ``start`` through ``last``, both included.

    Whole months by Excel's EDATE rule, then the days left as a fraction of the
    month that follows: 2026-01-15 through 2026-08-20 is 7 + 6/31 months.
    """
    if last < start:
        return Fraction(0)
    whole = months_completed(start, last)
    begin = edate(start, whole)
    rest = (last - begin).days + 1
    if rest <= 0:
        return Fraction(whole)
    return whole + Fraction(rest, (edate(start, whole + 1) - begin).days)


def duration_part(start: date, last: date) -> Part:
    whole = months_completed(start, last) if last >= start else 0
    days = (last - edate(start, whole)).days + 1 if last >= start else 0
    if days <= 0:
        return Part(MONTH) if whole == 1 else Part(MONTHS, {"months": whole})
    if whole == 0:
        return Part(DAYS, {"days": days})
    return (
        Part(MONTH_DAYS, {"days": days})
        if whole == 1
        else Part(MONTHS_DAYS, {"months": whole, "days": days})
    )


def _label(item) -> Label:
    return Label(item.label, item.label_en)


def _first_capped_starts(table: ValuationTable, rows: Iterable[Contribution]) -> dict[str, date]:
    """Per candidate, the first start among their rows valued by a capped block."""
    first: dict[str, date] = {}
    for row in rows:
        block = table.block_for(row)
        if block is not None and block.cap_months and block.amount_percent is None:
            key = row.candidate_key
            if key not in first or row.start_date < first[key]:
                first[key] = row.start_date
    return first


def value_row(
    table: ValuationTable,
    clause: Clause,
    row: Contribution,
    reporting_date: date,
    first_start: date | None = None,
) -> RowValue:
    """One counting row's value at E; ``first_start`` starts the candidate's counting cap."""
    block = table.block_for(row)
    if block is None:
        return RowValue(row, Decimal(0), (Part(NO_BLOCK),))
    name = _label(block)
    if block.amount_percent is not None:
        if row.amount_eur is None:
            return RowValue(row, Decimal(0), (Part(NO_AMOUNT, {"block": name}),), block)
        value = Fraction(row.amount_eur) * Fraction(block.amount_percent) / 100
        return RowValue(
            row,
            round_half_up(value),
            (
                Part(
                    SHARE,
                    {
                        "block": name,
                        "percent": show_number(block.amount_percent),
                        "amount": money(row.amount_eur),
                    },
                ),
            ),
            block,
        )

    hours = row.hours_per_week or Decimal(0)
    if table.min_hours_per_week is not None and hours < table.min_hours_per_week:
        return RowValue(
            row,
            Decimal(0),
            (
                Part(
                    BELOW_MIN_HOURS,
                    {
                        "hours": show_number(hours),
                        "min_hours": show_number(table.min_hours_per_week),
                    },
                ),
            ),
            block,
        )
    last = min(reporting_date, clause.deadline)
    if row.end_date is not None and row.end_date < last:
        last = row.end_date
    cap = None
    if block.cap_months and first_start is not None:
        cap_end = edate(first_start, block.cap_months) - timedelta(days=1)
        if cap_end < last:
            last = cap_end
            cap = Part(CAPPED, {"cap_end": cap_end, "cap": block.cap_months, "first": first_start})
    months = months_between(row.start_date, last)

    if block.per_month is not None:
        parts = [Part(PER_MONTH, {"block": name, "rate": money(block.per_month)})]
        value = Fraction(block.per_month) * months
    else:
        bonuses = table.bonuses_for(row)
        bonus_rate = sum((b.per_year for b in bonuses), Decimal(0))
        if bonuses:
            parts = [
                Part(
                    PER_YEAR_BONUS,
                    {
                        "block": name,
                        "rate": money(block.per_year),
                        "bonus_rate": money(bonus_rate),
                        "bonuses": Label(
                            " + ".join(b.label for b in bonuses),
                            " + ".join(b.label_en for b in bonuses),
                        ),
                    },
                )
            ]
        else:
            parts = [Part(PER_YEAR, {"block": name, "rate": money(block.per_year)})]
        fulltime = table.fulltime_hours
        share = min(Fraction(hours), Fraction(fulltime)) / Fraction(fulltime)
        parts.append(
            Part(
                HOURS if hours <= fulltime else HOURS_OVER,
                {"hours": show_number(hours), "fulltime": show_number(fulltime)},
            )
        )
        value = Fraction(block.per_year + bonus_rate) * share * months / 12
    parts.append(duration_part(row.start_date, last))
    if cap is not None:
        parts.append(cap)
    return RowValue(row, round_half_up(value), tuple(parts), block)


def value_rows(
    table: ValuationTable, clause: Clause, counting: Iterable[Contribution], reporting_date: date
) -> ClauseValuation:
    """Every counting row of ``clause`` valued at E, in row order."""
    counting = tuple(counting)
    first = _first_capped_starts(table, counting)
    return ClauseValuation(
        table,
        tuple(
            value_row(table, clause, row, reporting_date, first.get(row.candidate_key))
            for row in counting
        ),
    )


@dataclass(frozen=True)
class TableValuation:
    """The ``Valuation`` hook of compliance.check_contract for one pinned table."""

    table: ValuationTable

    def __call__(
        self, clause: Clause, counting: tuple[Contribution, ...], reporting_date: date
    ) -> ClauseValuation:
        return value_rows(self.table, clause, counting, reporting_date)


class UnknownTable(LookupError):
    """A contract pins a table version that is not shipped (any more)."""


def pinned_table(contract: Contract, catalogue: Catalogue | None = None) -> ValuationTable | None:
    """The table a contract's euros clauses are valued by; None without one.

    A contract not pinned yet (a file read but not stored) gets the newest version.
    """
    if contract.valuation_table is None:
        return None
    catalogue = catalogue or shipped_tables()
    table = catalogue.get(contract.valuation_table, contract.valuation_version)
    if table is None:
        raise UnknownTable(
            f"contract {contract.reference}: valuation table "
            f"{contract.valuation_table} version {contract.valuation_version} "
            "is not shipped"
        )
    return table


def valuation_for(contract: Contract, catalogue: Catalogue | None = None) -> TableValuation | None:
    table = pinned_table(contract, catalogue)
    return None if table is None else TableValuation(table)


def table_part(table: ValuationTable) -> Part:
    return Part(TABLE, {"name": Label(table.name, table.name_en), "version": table.version})


def pin_version(
    contract: Contract,
    stored_table: str | None,
    stored_version: int | None,
    catalogue: Catalogue | None = None,
) -> Contract:
    """The contract with its table version fixed, as it is stored.

    A version the file names wins; otherwise a contract keeps the version it was
    pinned to (at award, its first load), and a newly named table pins its newest
    version. A later version of the table therefore never changes stored figures.
    """
    if contract.valuation_table is None:
        return replace(contract, valuation_version=None)
    if contract.valuation_version is not None:
        return contract
    if stored_table == contract.valuation_table and stored_version is not None:
        return replace(contract, valuation_version=stored_version)
    newest = (catalogue or shipped_tables()).get(contract.valuation_table)
    return replace(contract, valuation_version=newest.version)
