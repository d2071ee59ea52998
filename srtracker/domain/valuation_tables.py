"""Bouwblokken valuation tables: versioned reference data shipped as TOML (docs/valuation.md).

Each file in ``srtracker/valuation_tables/`` is one version of one regional table,
named ``<id>-v<version>.toml``. A shipped version never changes: a contract pins
(table id, version) at award, so a new version of a table cannot change the
figures of contracts awarded before it. Loading is strict, like the contract
file: an unknown key or a wrong value is an error naming the file and the key.
"""

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from .contributions import Contribution
from .reference import DEFAULT_REFERENCE, Reference
from .valuation_columns import AGE_BRACKETS, PURCHASE_SOURCES

TABLE_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
PACKAGE, FOLDER = "srtracker", "valuation_tables"

TABLE_KEYS = {"id", "version", "name", "name_en", "source", "fulltime_hours"}
TABLE_OPTIONAL = {"min_hours_per_week"}
BLOCK_KEYS = {"code", "label", "label_en", "types"}
BLOCK_OPTIONAL = {
    "groups",
    "min_benefit_months",
    "max_benefit_months",
    "purchased_from",
    "per_year",
    "per_month",
    "amount_percent",
    "cap_months",
}
BASES = ("per_year", "per_month", "amount_percent")
BONUS_KEYS = {"code", "label", "label_en", "types", "per_year"}
BONUS_OPTIONAL = {"age_brackets", "permanent_contract"}


class TableError(ValueError):
    """A table file that breaks the format; the message names the file and the key."""


@dataclass(frozen=True)
class Block:
    """One building block: which rows it values, and how.

    Exactly one basis is set: ``per_year`` (a full-time year, pro rata by hours
    and months), ``per_month`` (pro rata by months) or ``amount_percent`` (that
    share of the row's amount_eur).
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

    def fits(self, row: Contribution) -> bool:
        if row.type not in self.types:
            return False
        if self.groups and row.target_group not in self.groups:
            return False
        months = row.benefit_months or 0  # blank: the lower value
        if self.min_benefit_months is not None and months < self.min_benefit_months:
            return False
        if self.max_benefit_months is not None and months > self.max_benefit_months:
            return False
        return not self.purchased_from or row.purchased_from in self.purchased_from


@dataclass(frozen=True)
class Bonus:
    """A yearly amount added to a per_year block for rows that qualify."""

    code: str
    label: str
    label_en: str
    types: tuple[str, ...]
    per_year: Decimal
    age_brackets: tuple[str, ...] = ()
    permanent_contract: bool = False

    def applies(self, row: Contribution) -> bool:
        if row.type not in self.types:
            return False
        if self.age_brackets and row.age_bracket not in self.age_brackets:
            return False
        return not self.permanent_contract or row.permanent_contract is True


@dataclass(frozen=True)
class ValuationTable:
    id: str
    version: int
    name: str
    name_en: str
    source: str
    fulltime_hours: Decimal
    blocks: tuple[Block, ...]
    bonuses: tuple[Bonus, ...] = ()
    min_hours_per_week: Decimal | None = None

    def block_for(self, row: Contribution) -> Block | None:
        """The first block that fits the row, in file order."""
        return next((b for b in self.blocks if b.fits(row)), None)

    def bonuses_for(self, row: Contribution) -> tuple[Bonus, ...]:
        return tuple(b for b in self.bonuses if b.applies(row))


class _Reader:
    def __init__(self, name: str):
        self.name = name

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

    def codes(self, key, value, known) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a non-empty list of codes")
        for code in value:
            if code not in known:
                self.fail(key, f"unknown code {code!r} (known: {', '.join(sorted(known))})")
        return tuple(value)


def parse_table(data: dict, name: str, reference: Reference = DEFAULT_REFERENCE) -> ValuationTable:
    """A ValuationTable from a parsed TOML file; TableError names what is wrong."""
    read = _Reader(name)
    read.keys("", data, {"table", "block"}, {"bonus"})
    head = data["table"]
    read.keys("table", head, TABLE_KEYS, TABLE_OPTIONAL)
    table_id = read.text("table.id", head["id"])
    if not TABLE_ID.match(table_id):
        read.fail("table.id", "use 1-40 characters a-z, 0-9 and -, starting with a letter")
    min_hours = head.get("min_hours_per_week")
    blocks, seen = [], set()
    if not isinstance(data["block"], list) or not data["block"]:
        read.fail("block", "a table has at least one [[block]]")
    for number, raw in enumerate(data["block"], start=1):
        key = f"block[{number}]"
        read.keys(key, raw, BLOCK_KEYS, BLOCK_OPTIONAL)
        bases = [b for b in BASES if b in raw]
        if len(bases) != 1:
            read.fail(key, f"give exactly one of {', '.join(BASES)}")
        code = read.text(f"{key}.code", raw["code"])
        if code in seen:
            read.fail(f"{key}.code", f"block {code!r} appears twice")
        seen.add(code)
        low = raw.get("min_benefit_months")
        high = raw.get("max_benefit_months")
        blocks.append(
            Block(
                code,
                read.text(f"{key}.label", raw["label"]),
                read.text(f"{key}.label_en", raw["label_en"]),
                read.codes(f"{key}.types", raw["types"], reference.types),
                read.codes(f"{key}.groups", raw["groups"], reference.groups)
                if "groups" in raw
                else (),
                None if low is None else read.whole(f"{key}.min_benefit_months", low),
                None if high is None else read.whole(f"{key}.max_benefit_months", high),
                read.codes(f"{key}.purchased_from", raw["purchased_from"], PURCHASE_SOURCES.codes)
                if "purchased_from" in raw
                else (),
                *(
                    read.amount(f"{key}.{b}", raw[b], 100 if b == "amount_percent" else None)
                    if b in raw
                    else None
                    for b in BASES
                ),
                None
                if "cap_months" not in raw
                else read.whole(f"{key}.cap_months", raw["cap_months"], 1),
            )
        )
        if low is not None and high is not None and high < low:
            read.fail(f"{key}.max_benefit_months", "is below min_benefit_months")
    bonuses = []
    for number, raw in enumerate(data.get("bonus", []), start=1):
        key = f"bonus[{number}]"
        read.keys(key, raw, BONUS_KEYS, BONUS_OPTIONAL)
        permanent = raw.get("permanent_contract", False)
        if not isinstance(permanent, bool):
            read.fail(f"{key}.permanent_contract", "must be true or false")
        bonuses.append(
            Bonus(
                read.text(f"{key}.code", raw["code"]),
                read.text(f"{key}.label", raw["label"]),
                read.text(f"{key}.label_en", raw["label_en"]),
                read.codes(f"{key}.types", raw["types"], reference.types),
                read.amount(f"{key}.per_year", raw["per_year"]),
                read.codes(f"{key}.age_brackets", raw["age_brackets"], AGE_BRACKETS.codes)
                if "age_brackets" in raw
                else (),
                permanent,
            )
        )
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
    folder = resources.files(PACKAGE).joinpath(FOLDER)
    return read_tables(
        sorted((f.name, f.read_bytes()) for f in folder.iterdir() if f.name.endswith(".toml"))
    )
