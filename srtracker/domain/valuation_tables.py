"""Bouwblokken valuation tables: versioned reference data shipped as TOML (docs/valuation.md).

Each file in ``srtracker/valuation_tables/`` is one version of one regional table,
named ``<id>-v<version>.toml``. A shipped version never changes: a contract pins
(table id, version) at award, so a new version of a table cannot change the
figures of contracts awarded before it. Loading is strict, like the contract
file: an unknown key or a wrong value is an error naming the file and the key.
"""

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .contributions import Contribution
from .reference import DEFAULT_REFERENCE, Reference
from .valuation_columns import AGE_BRACKETS, LEVELS, PURCHASE_SOURCES

TABLE_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
PACKAGE, FOLDER = "srtracker", "valuation_tables"

TABLE_KEYS = {"id", "version", "name", "name_en", "source", "fulltime_hours"}
TABLE_OPTIONAL = {"min_hours_per_week"}
BLOCK_KEYS = {"code", "label", "label_en", "types"}
# The bases of a block: exactly one per block (docs/valuation.md, "Bases").
BASES = (
    "per_year",
    "per_month",
    "amount_percent",
    "per_hour",
    "per_day",
    "max_per_day",
    "per_activity",
    "not_valued",
)
AMOUNT_BASES = BASES[:-1]
BLOCK_OPTIONAL = {
    "groups",
    "levels",
    "min_benefit_months",
    "max_benefit_months",
    "purchased_from",
    "requires_amount",
    "not_valued_en",
    "cap_months",
    "cap_basis",
    *BASES,
}
CAP_BASES = ("calendar", "worked")
BONUS_KEYS = {"code", "label", "label_en", "types", "per_year"}
BONUS_OPTIONAL = {
    "age_brackets",
    "permanent_contract",
    "statushouder",
    "groups",
    "after_type",
    "after_months",
}
PSO_STEPS = ("aspirant", "basistrede", "trede_1", "trede_2", "trede_3")
PSO_KEYS = {"step", "percent"}
EXAMPLE_KEYS = {"quote", "as_of", "value", "row"}
EXAMPLE_ROW_KEYS = {"type", "start"}
EXAMPLE_ROW_OPTIONAL = {
    "candidate",
    "group",
    "end",
    "hours",
    "amount",
    "quantity",
    "benefit_months",
    "age_bracket",
    "permanent_contract",
    "purchased_from",
    "statushouder",
    "level",
}


class TableError(ValueError):
    """A table file that breaks the format; the message names the file and the key."""


@dataclass(frozen=True)
class Block:
    """One building block: which rows it values, and how.

    Exactly one basis is set (docs/valuation.md, "Bases"): ``per_year`` (a full-time
    year, pro rata by hours and months), ``per_month`` (pro rata by months),
    ``amount_percent`` (that share of the row's amount_eur), ``per_hour``,
    ``per_day`` and ``per_activity`` (times the row's quantity), ``max_per_day`` (the
    row's amount, at most this per day) or ``not_valued`` (the source gives no value:
    the row is worth EUR 0 and the explanation says why).
    """

    code: str
    label: str
    label_en: str
    types: tuple[str, ...]
    groups: tuple[str, ...] = ()  # empty: any group
    min_benefit_months: int | None = None
    max_benefit_months: int | None = None
    purchased_from: tuple[str, ...] = ()  # empty: any, also blank
    per_year: Decimal | None = None
    per_month: Decimal | None = None
    amount_percent: Decimal | None = None
    cap_months: int | None = None
    levels: tuple[str, ...] = ()  # empty: any level, also blank
    requires_amount: bool = False
    per_hour: Decimal | None = None
    per_day: Decimal | None = None
    max_per_day: Decimal | None = None
    per_activity: Decimal | None = None
    not_valued: str | None = None
    not_valued_en: str | None = None
    cap_basis: str = "calendar"  # or "worked": full-time months worked, gaps not counted

    @property
    def basis(self) -> str:
        return next(b for b in BASES if getattr(self, b) is not None)

    @property
    def yearly(self) -> bool:
        return self.per_year is not None

    def fits(self, row: Contribution) -> bool:
        if row.type not in self.types:
            return False
        if self.groups and row.target_group not in self.groups:
            return False
        if self.levels and row.level not in self.levels:
            return False
        if self.requires_amount and row.amount_eur is None:
            return False
        months = row.benefit_months or 0  # blank: the lower value
        if self.min_benefit_months is not None and months < self.min_benefit_months:
            return False
        if self.max_benefit_months is not None and months > self.max_benefit_months:
            return False
        return not self.purchased_from or row.purchased_from in self.purchased_from


@dataclass(frozen=True)
class Bonus:
    """A yearly amount added to a per_year block for rows that qualify.

    ``after_type`` / ``after_months``: a bonus that depends on a previous step (DZB
    Leiden: a PrO/VSO school-leaver hired after an internship of at least six months):
    the same candidate has an earlier row of that type, lasting that many months.
    """

    code: str
    label: str
    label_en: str
    types: tuple[str, ...]
    per_year: Decimal
    age_brackets: tuple[str, ...] = ()
    permanent_contract: bool = False
    statushouder: bool = False
    groups: tuple[str, ...] = ()
    after_type: str | None = None
    after_months: int | None = None

    def applies(self, row: Contribution, earlier=None) -> bool:
        if row.type not in self.types:
            return False
        if self.groups and row.target_group not in self.groups:
            return False
        if self.age_brackets and row.age_bracket not in self.age_brackets:
            return False
        if self.statushouder and row.statushouder is not True:
            return False
        if self.after_type is not None and not (earlier and earlier(row, self)):
            return False
        return not self.permanent_contract or row.permanent_contract is True


@dataclass(frozen=True)
class Example:
    """A worked example quoted from the source: rows, a reporting date, the quoted figure.

    Not used to value anything: tests/valuation/test_worked_examples.py recomputes every
    example of every shipped table, so an edit cannot break a published figure unnoticed.
    """

    quote: str
    as_of: date
    value: Decimal
    rows: tuple[Contribution, ...]


@dataclass(frozen=True)
class ValuationTable:
    """One version of a bouwblokken valuation table (docs/valuation.md)."""

    id: str
    version: int
    name: str
    name_en: str
    source: str
    fulltime_hours: Decimal
    blocks: tuple[Block, ...]
    bonuses: tuple[Bonus, ...] = ()
    min_hours_per_week: Decimal | None = None
    pso_discounts: dict = field(default_factory=dict)  # PSO step -> percent off the target
    examples: tuple[Example, ...] = ()

    def block_for(self, row: Contribution) -> Block | None:
        """The first block that fits the row, in file order."""
        return next((b for b in self.blocks if b.fits(row)), None)

    def bonuses_for(self, row: Contribution, earlier=None) -> tuple[Bonus, ...]:
        return tuple(b for b in self.bonuses if b.applies(row, earlier))


class _Reader:
    def __init__(self, name: str, reference: Reference = DEFAULT_REFERENCE):
        self.name = name
        self.reference = reference

    def fail(self, key: str, problem: str):
        raise TableError(f"{self.name}: {key}: {problem}")

    def keys(self, key, table, required, optional):
        if not isinstance(table, dict):
            self.fail(key, "must be a table")
        unknown = sorted(set(table) - required - optional)
        if unknown:
            allowed = ", ".join(sorted(required | optional))
            self.fail(f"{key}.{unknown[0]}", f"unknown key (allowed: {allowed})")
        missing = sorted(required - set(table))
        if missing:
            self.fail(f"{key}.{missing[0]}", "missing; this key is required")

    def text(self, key, value) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "must be text")
        return value.strip()

    def amount(self, key, value, high=None) -> Decimal:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            self.fail(key, "must be a number")
        number = Decimal(str(value))
        if (
            number <= 0
            or (high is not None and number > high)
            or number != number.quantize(Decimal("0.01"))
        ):
            self.fail(
                key,
                f"must be above 0{f' and at most {high}' if high else ''}, "
                "with at most two decimals",
            )
        return number

    def whole(self, key, value, low=0) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            self.fail(key, f"must be a whole number >= {low}")
        return value

    def flag(self, key, value) -> bool:
        if not isinstance(value, bool):
            self.fail(key, "must be true or false")
        return value

    def codes(self, key, value, known) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a non-empty list of codes")
        for code in value:
            if code not in known:
                self.fail(key, f"unknown code {code!r} (known: {', '.join(sorted(known))})")
        return tuple(value)

    def optional(self, raw, key, prefix, read, *args):
        return read(f"{prefix}.{key}", raw[key], *args) if key in raw else None

    def date(self, key, value) -> date:
        if not isinstance(value, date) or isinstance(value, datetime):
            self.fail(key, "must be a TOML date")
        return value


def _block(read: _Reader, key: str, raw) -> Block:
    read.keys(key, raw, BLOCK_KEYS, BLOCK_OPTIONAL)
    bases = [b for b in BASES if b in raw]
    if len(bases) != 1:
        read.fail(key, f"give exactly one of {', '.join(BASES)}")
    low = read.optional(raw, "min_benefit_months", key, read.whole)
    high = read.optional(raw, "max_benefit_months", key, read.whole)
    if low is not None and high is not None and high < low:
        read.fail(f"{key}.max_benefit_months", "is below min_benefit_months")
    basis = bases[0]
    values: dict[str, Any] = {b: None for b in BASES}
    if basis == "not_valued":
        values["not_valued"] = read.text(f"{key}.not_valued", raw["not_valued"])
    else:
        values[basis] = read.amount(
            f"{key}.{basis}", raw[basis], 100 if basis == "amount_percent" else None
        )
    if ("not_valued_en" in raw) != (basis == "not_valued"):
        read.fail(f"{key}.not_valued_en", "give not_valued and not_valued_en together")
    cap_basis = raw.get("cap_basis", "calendar")
    if cap_basis not in CAP_BASES or ("cap_basis" in raw and "cap_months" not in raw):
        read.fail(f"{key}.cap_basis", f"one of {', '.join(CAP_BASES)}, next to cap_months")
    if "cap_months" in raw and basis != "per_year":
        read.fail(f"{key}.cap_months", "only for a per_year block")
    return Block(
        read.text(f"{key}.code", raw["code"]),
        read.text(f"{key}.label", raw["label"]),
        read.text(f"{key}.label_en", raw["label_en"]),
        read.codes(f"{key}.types", raw["types"], read.reference.types),
        read.optional(raw, "groups", key, read.codes, read.reference.groups) or (),
        low,
        high,
        read.optional(raw, "purchased_from", key, read.codes, PURCHASE_SOURCES.codes) or (),
        values["per_year"],
        values["per_month"],
        values["amount_percent"],
        read.optional(raw, "cap_months", key, read.whole, 1),
        read.optional(raw, "levels", key, read.codes, LEVELS.codes) or (),
        bool(read.optional(raw, "requires_amount", key, read.flag)),
        values["per_hour"],
        values["per_day"],
        values["max_per_day"],
        values["per_activity"],
        values["not_valued"],
        None if basis != "not_valued" else read.text(f"{key}.not_valued_en", raw["not_valued_en"]),
        cap_basis,
    )


def _bonus(read: _Reader, key: str, raw) -> Bonus:
    read.keys(key, raw, BONUS_KEYS, BONUS_OPTIONAL)
    if ("after_type" in raw) != ("after_months" in raw):
        read.fail(f"{key}.after_months", "give after_type and after_months together")
    return Bonus(
        read.text(f"{key}.code", raw["code"]),
        read.text(f"{key}.label", raw["label"]),
        read.text(f"{key}.label_en", raw["label_en"]),
        read.codes(f"{key}.types", raw["types"], read.reference.types),
        read.amount(f"{key}.per_year", raw["per_year"]),
        read.optional(raw, "age_brackets", key, read.codes, AGE_BRACKETS.codes) or (),
        bool(read.optional(raw, "permanent_contract", key, read.flag)),
        bool(read.optional(raw, "statushouder", key, read.flag)),
        read.optional(raw, "groups", key, read.codes, read.reference.groups) or (),
        None
        if "after_type" not in raw
        else read.codes(f"{key}.after_type", [raw["after_type"]], read.reference.types)[0],
        read.optional(raw, "after_months", key, read.whole, 1),
    )


def _pso(read: _Reader, raw_list) -> dict:
    discounts = {}
    for number, raw in enumerate(raw_list, start=1):
        key = f"pso_discount[{number}]"
        read.keys(key, raw, PSO_KEYS, set())
        step = read.codes(f"{key}.step", [raw["step"]], set(PSO_STEPS))[0]
        if step in discounts:
            read.fail(f"{key}.step", f"step {step!r} appears twice")
        discounts[step] = read.amount(f"{key}.percent", raw["percent"], 100)
    return discounts


def _example_row(read: _Reader, key: str, number: int, raw) -> Contribution:
    read.keys(key, raw, EXAMPLE_ROW_KEYS, EXAMPLE_ROW_OPTIONAL)

    def dec(name):
        return None if name not in raw else Decimal(str(read.amount(f"{key}.{name}", raw[name])))

    return Contribution(
        row=number,
        candidate_ref=raw.get("candidate", "VOORBEELD-1"),
        clause="VOORBEELD",
        type=read.codes(f"{key}.type", [raw["type"]], read.reference.types)[0],
        start_date=read.date(f"{key}.start", raw["start"]),
        target_group=None
        if "group" not in raw
        else read.codes(f"{key}.group", [raw["group"]], read.reference.groups)[0],
        end_date=read.optional(raw, "end", key, read.date),
        hours_per_week=dec("hours"),
        amount_eur=dec("amount"),
        benefit_months=read.optional(raw, "benefit_months", key, read.whole),
        age_bracket=raw.get("age_bracket"),
        permanent_contract=read.optional(raw, "permanent_contract", key, read.flag),
        purchased_from=raw.get("purchased_from"),
        statushouder=read.optional(raw, "statushouder", key, read.flag),
        level=raw.get("level"),
        quantity=dec("quantity"),
    )


def _examples(read: _Reader, raw_list) -> tuple[Example, ...]:
    examples = []
    for number, raw in enumerate(raw_list, start=1):
        key = f"example[{number}]"
        read.keys(key, raw, EXAMPLE_KEYS, set())
        if not isinstance(raw["row"], list) or not raw["row"]:
            read.fail(f"{key}.row", "an example has at least one [[example.row]]")
        rows = tuple(
            _example_row(read, f"{key}.row[{n}]", n + 1, r)
            for n, r in enumerate(raw["row"], start=1)
        )
        value = raw["value"]
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            read.fail(f"{key}.value", "must be a number >= 0")
        examples.append(
            Example(
                read.text(f"{key}.quote", raw["quote"]),
                read.date(f"{key}.as_of", raw["as_of"]),
                Decimal(str(value)),
                rows,
            )
        )
    return tuple(examples)


def parse_table(data: dict, name: str, reference: Reference = DEFAULT_REFERENCE) -> ValuationTable:
    """A ValuationTable from a parsed TOML file; TableError names what is wrong."""
    read = _Reader(name, reference)
    read.keys("", data, {"table", "block"}, {"bonus", "pso_discount", "example"})
    head = data["table"]
    read.keys("table", head, TABLE_KEYS, TABLE_OPTIONAL)
    table_id = read.text("table.id", head["id"])
    if not TABLE_ID.match(table_id):
        read.fail("table.id", "use 1-40 characters a-z, 0-9 and -, starting with a letter")
    min_hours = head.get("min_hours_per_week")
    if not isinstance(data["block"], list) or not data["block"]:
        read.fail("block", "a table has at least one [[block]]")
    blocks, seen = [], set()
    for number, raw in enumerate(data["block"], start=1):
        block = _block(read, f"block[{number}]", raw)
        if block.code in seen:
            read.fail(f"block[{number}].code", f"block {block.code!r} appears twice")
        seen.add(block.code)
        blocks.append(block)
    bonuses = [
        _bonus(read, f"bonus[{number}]", raw)
        for number, raw in enumerate(data.get("bonus", []), start=1)
    ]
    return ValuationTable(
        table_id,
        read.whole("table.version", head["version"], 1),
        read.text("table.name", head["name"]),
        read.text("table.name_en", head["name_en"]),
        read.text("table.source", head["source"]),
        read.amount("table.fulltime_hours", head["fulltime_hours"], 60),
        tuple(blocks),
        tuple(bonuses),
        None if min_hours is None else read.amount("table.min_hours_per_week", min_hours, 60),
        _pso(read, data.get("pso_discount", [])),
        _examples(read, data.get("example", [])),
    )


@dataclass(frozen=True)
class Catalogue:
    """Every version of every table, by (id, version)."""

    tables: dict

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(sorted({table_id for table_id, _ in self.tables}))

    def versions(self, table_id: str) -> tuple[int, ...]:
        return tuple(sorted(v for t, v in self.tables if t == table_id))

    def get(self, table_id: str, version: int | None = None) -> ValuationTable | None:
        """That version, or the newest when ``version`` is None; None when unknown."""
        versions = self.versions(table_id)
        if not versions:
            return None
        return self.tables.get((table_id, versions[-1] if version is None else version))


def read_tables(files, reference: Reference = DEFAULT_REFERENCE) -> Catalogue:
    """A Catalogue from (file name, bytes) pairs; each name must be ``<id>-v<version>.toml``."""
    tables = {}
    for name, content in files:
        try:
            data = tomllib.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise TableError(f"{name}: not valid UTF-8 TOML: {exc}") from exc
        table = parse_table(data, name, reference)
        if name != f"{table.id}-v{table.version}.toml":
            raise TableError(f"{name}: name the file {table.id}-v{table.version}.toml")
        tables[table.id, table.version] = table
    return Catalogue(tables)


@lru_cache(maxsize=1)
def shipped_tables() -> Catalogue:
    """The tables shipped inside the package (srtracker/valuation_tables/)."""
    from importlib import resources  # tempfile, shutil, random: not for a start without tables

    folder = resources.files(PACKAGE).joinpath(FOLDER)
    return read_tables(
        sorted((f.name, f.read_bytes()) for f in folder.iterdir() if f.name.endswith(".toml"))
    )
