"""The columns of a progress report and finding them in a sheet (progress-report.md)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """A column of the progress report: its name in code and its Dutch heading."""

    name: str
    name_nl: str


COLUMNS = (
    Column("candidate_ref", "kandidaat"),
    Column("clause", "verplichting"),
    Column("type", "soort"),
    Column("target_group", "doelgroep"),
    Column("start_date", "startdatum"),
    Column("end_date", "einddatum"),
    Column("hours_per_week", "uren_per_week"),
    Column("amount_eur", "bedrag_eur"),
    Column("note", "opmerking"),
)
# Optional columns a valuation table reads (docs/valuation.md): an extension of the format.
VALUATION_COLUMNS = (
    Column("benefit_months", "uitkeringsduur_maanden"),
    Column("age_bracket", "leeftijd"),
    Column("permanent_contract", "vast_contract"),
    Column("purchased_from", "inkoop_bij"),
    # issue 18: a person attribute, the education level, and hours / days / activities
    Column("statushouder", "statushouder"),
    Column("level", "niveau"),
    Column("quantity", "aantal"),
)
# The bureau's own number for the person (sign-off.md, the person ledger): optional.
BUREAU_REF = Column("bureau_ref", "kandidaatnummer")
RECOGNISED = COLUMNS + VALUATION_COLUMNS + (BUREAU_REF,)
BY_NAME = {c.name: c for c in RECOGNISED}
ALWAYS_REQUIRED = ("candidate_ref", "clause", "type", "start_date")
HEADER_SEARCH_ROWS = 50

_LOOKUP = {key: c.name for c in RECOGNISED for key in (c.name, c.name_nl)}


def normalise_header(value) -> str | None:
    if not isinstance(value, str):
        return None
    return value.replace("\u00a0", " ").strip().casefold()


def column_name(value) -> str | None:
    """The canonical column a header cell names, or None."""
    name = normalise_header(value)
    return None if name is None else _LOOKUP.get(name)


def template_columns(valued: bool, bureau_ref: bool = False) -> tuple[Column, ...]:
    """The columns a template shows: with the valuation columns for a contract with a
    euros clause (``valued``), and ``kandidaatnummer`` where the buyer's bureau uses it."""
    columns = COLUMNS + VALUATION_COLUMNS if valued else COLUMNS
    return (*columns, BUREAU_REF) if bureau_ref else columns


def is_header_row(values) -> bool:
    return sum(1 for v in values if column_name(v) is not None) >= 2


def column_letter(index: int) -> str:
    """Excel's letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class HeaderMap:
    """Where each known column sits (0-based sheet column), and what did not fit."""

    row: int
    positions: dict = field(default_factory=dict)
    duplicates: list = field(default_factory=list)  # (name, first index, later index)
    unknown: list = field(default_factory=list)  # sheet column indexes


def map_header(row: int, values) -> HeaderMap:
    header = HeaderMap(row)
    for index, value in enumerate(values):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        name = column_name(value)
        if name is None:
            header.unknown.append(index)
        elif name in header.positions:
            header.duplicates.append((name, header.positions[name], index))
        else:
            header.positions[name] = index
    return header
