"""A progress report typed in the browser (issue 20): the form's rows as plain data.

The form is a table of the template's columns, one text per cell, and a row may be
marked for removal. The rows kept are written into a workbook in order and validated as
an upload is (one validation path); each issue found is then put back on the form's row.
Prefilled values are written the way the one number reader and the date reader read
them back: a figure without thousands marks (1250,5, never 1.250, which reads as 1.25)
and a date as dd-mm-jjjj.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from srtracker.domain.contributions import Contribution
from srtracker.domain.figures import show_date, show_number
from srtracker.domain.report_rules import Issue

# More rows than this are reported with the Excel template (a form is at most 500 kB).
MAX_ENTRY_ROWS = 250
# Empty rows the form offers below the prefilled ones; "add a row" adds one more.
EMPTY_ROWS = 2
NUMBERS = ("hours_per_week", "amount_eur", "quantity")
DATES = ("start_date", "end_date")
YES_NO_COLUMNS = ("permanent_contract", "statushouder")


@dataclass(frozen=True)
class EntryRow:
    """One row of the form: its number there (1-based), a text per column, removal."""

    number: int
    values: dict
    removed: bool = False

    @property
    def blank(self) -> bool:
        return all(not (value or "").strip() for value in self.values.values())

    @property
    def kept(self) -> bool:
        """Whether the row goes into the report: not removed, and not left empty."""
        return not self.removed and not self.blank


def field_name(number: int, column: str) -> str:
    """The form field of a row's cell (``r3-start_date``); ``r3-remove`` marks removal."""
    return f"r{number}-{column}"


def empty_row(number: int, columns: Sequence[str]) -> EntryRow:
    return EntryRow(number, {name: "" for name in columns})


def read_count(text) -> int:
    """The number of rows the form says it holds, within 0..MAX_ENTRY_ROWS."""
    try:
        count = int(str(text or "").strip()[:6])
    except ValueError:
        return 0
    return max(0, min(count, MAX_ENTRY_ROWS))


def rows_from_form(form: Mapping, count: int, columns: Sequence[str]) -> list[EntryRow]:
    """The form's rows as typed; a field that is absent reads as empty."""
    return [
        EntryRow(
            number,
            {name: str(form.get(field_name(number, name)) or "") for name in columns},
            removed=bool(form.get(field_name(number, "remove"))),
        )
        for number in range(1, count + 1)
    ]


def _text(name: str, value) -> str:
    if value is None:
        return ""
    if name in DATES:
        return show_date(value)
    if name in NUMBERS:
        return show_number(value, grouped=False)
    if name in YES_NO_COLUMNS:
        return "yes" if value else "no"
    return str(value)


def prefill(previous: Sequence[Contribution], columns: Sequence[str]) -> list[EntryRow]:
    """The rows of the previous accepted report, in its order, as the form shows them."""
    ordered = sorted(previous, key=lambda c: c.row)
    return [
        EntryRow(number, {name: _text(name, getattr(row, name)) for name in columns})
        for number, row in enumerate(ordered, 1)
    ]


def on_form(issue: Issue, kept: Sequence[EntryRow], first_row: int) -> Issue:
    """The issue of the workbook row `first_row + i` placed on the form's row kept[i].

    Row numbers in its message (``overlap`` names the other row) become form numbers
    too; the workbook's cell means nothing on the form and is dropped.
    """

    def number(row):
        index = None if row is None else row - first_row
        return kept[index].number if index is not None and 0 <= index < len(kept) else row

    if issue.row is None:
        return issue
    params = dict(issue.params)
    for key in ("row", "other_row"):
        if params.get(key) is not None:
            params[key] = number(params[key])
    params["cell"] = None
    moved = replace(issue, row=number(issue.row), cell=None, params=params)
    return replace(moved, message=moved.describe())
