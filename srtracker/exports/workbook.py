"""The compliance overview workbook for the council (issue 6, item 5).

Every cell goes through workbook.cells.put (a row at a time: put_streamed_row), so a
contract title, candidate reference or note that begins with = + - or @ stays text,
and the workbook holds no formula at all. The workbook is always in Dutch: it is
handed to the council. It is streamed with XlsxWriter (workbook/stream.py): each
buyer's rows are written as its batch of contracts is checked, and the explanation
sheet, first in the workbook, is written last, when the counts are known.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from io import BytesIO

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..domain.enforcement import STEP_LABELS
from ..domain.figures import shown_figure
from ..domain.labels import (
    DECISION_LABELS,
    FLAG_LABELS,
    FLAG_STATE_LABELS,
    MEASURE_LABELS,
    STATUS_LABELS,
)
from ..i18n import local_time
from ..workbook.cells import put, put_streamed_row
from ..workbook.stream import Book, Style
from .overview import Overview

MAX_TITLE = 31
FORBIDDEN_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
# Excel reserves this sheet name for its change history.
RESERVED_TITLES = ("history",)

DATE = "dd-mm-yyyy"
WHOLE = "#,##0"
TWO_DECIMALS = "#,##0.00"
MIN_WIDTH, MAX_WIDTH = 8, 60
HEADER = Style(bold=True, fill="DDE4EE", wrap=True)
BOLD = Style(bold=True)

# The council gets the interface's Dutch words: the labels' msgids are Dutch.
STATUS = STATUS_LABELS
MEASURE = MEASURE_LABELS
FLAG_KIND = FLAG_LABELS
FLAG_STATE = FLAG_STATE_LABELS
DECISION = DECISION_LABELS

INFO_SHEET = "Toelichting"
FLAGS_SHEET = "Signaleringen"
TOTALS_SHEET = "Totalen"
REVIEWS_SHEET = "Beoordelingen"
DURABILITY_SHEET = "Duurzaamheid"
FIXED_SHEETS = (INFO_SHEET, FLAGS_SHEET, TOTALS_SHEET, REVIEWS_SHEET, DURABILITY_SHEET)


@dataclass(frozen=True)
class Column:
    header: str
    number_format: str | None = None
    width: int | None = None


CLAUSE_COLUMNS = (
    Column("Kenmerk"),
    Column("Contract", width=40),
    Column("Opdrachtnemer", width=28),
    Column("Verplichting"),
    Column("Omschrijving verplichting", width=40),
    Column("Maat"),
    Column("Doel"),
    Column("Gerealiseerd"),
    Column("In afwachting van beoordeling"),
    Column("Verwacht"),
    Column("Status", width=18),
    Column("Geverifieerd door bureau"),
    Column("Rapportage die meetelt"),
    Column("Peildatum rapportage", DATE),
    Column("Deadline", DATE),
    Column("Handhaving", width=20),
    Column("Bedrag handhaving (€)", TWO_DECIMALS, 14),
)
FLAG_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Kenmerk"),
    Column("Verplichting"),
    Column("Signalering", width=20),
    Column("Periode"),
    Column("Stand"),
    Column("Geopend per", DATE),
    Column("Hersteltermijn", DATE),
)
TOTAL_COLUMNS = (
    Column("Soort bijdrage", width=40),
    Column("Doelgroep", width=34),
    Column("Personen die meetellen", WHOLE),
    Column("Regels die meetellen", WHOLE),
    Column("Uren", TWO_DECIMALS),
)
REVIEW_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Kenmerk"),
    Column("Verplichting"),
    Column("Kandidaat"),
    Column("Oordeel"),
    Column("Toelichting bureau", width=50),
    Column("Datum", DATE),
)

DURABILITY_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Jaar"),
    Column("Maanden na einde"),
    Column("Nog aan het werk", WHOLE),
    Column("Met antwoord", WHOLE),
    Column("Zonder antwoord", WHOLE),
    Column("Aandeel nog aan het werk", "0.0%"),
)


def sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name by Excel's rules: at most 31 characters, none of []:*?/\\, not
    starting or ending with an apostrophe, unique ignoring case. Adds it to ``taken``
    (casefolded names)."""
    base = " ".join(FORBIDDEN_IN_TITLE.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", name)).split())
    base = base.strip("'").strip() or "Opdrachtgever"
    title, number = base[:MAX_TITLE].rstrip(), 1
    while title.casefold() in taken or title.casefold() in RESERVED_TITLES:
        number += 1
        suffix = f" ({number})"
        title = base[: MAX_TITLE - len(suffix)].rstrip() + suffix
    taken.add(title.casefold())
    return title


_plain = shown_figure


def _put(sheet, row: int, column: int, value, number_format: str | None = None, style=None):
    return put(sheet.cell(row, column, style), _plain(value), number_format)


def durability_sheet(book, shares) -> None:
    """The durability shares per buyer and year (sign-off.md), in the export and the council
    report alike."""
    _table(
        book.sheet(DURABILITY_SHEET),
        DURABILITY_COLUMNS,
        (
            [
                d.buyer,
                d.year,
                d.months,
                d.in_work,
                d.answered,
                d.unanswered,
                None if d.share is None else float(d.share),
            ]
            for d in shares
        ),
    )


def _table(
    sheet, columns: Iterable[Column], rows: Iterable[list], formats=None, shown=False
) -> int:
    """A header row (bold, frozen, filtered) and the rows under it, with column widths;
    returns the number of rows.

    ``formats`` gives a row's number formats, one per column, where they depend on the
    row (the measure of a clause); otherwise the column's own format applies.
    ``shown``: the rows' figures are rounded already (``ShownClause``).
    """
    columns = tuple(columns)
    widths = [len(c.header) for c in columns]
    for index, column in enumerate(columns, start=1):
        _put(sheet, 1, index, column.header, style=HEADER)
    plain = [column.number_format for column in columns]
    last = 1
    for last, values in enumerate(rows, start=2):
        number_formats = formats(values) if formats else plain
        if not shown:
            values = [_plain(value) for value in values]
        put_streamed_row(sheet, last, values, number_formats)
        for index, value in enumerate(values[: len(widths)]):
            kind = value.__class__
            if kind is str:
                shown_width = len(value)
            elif kind in _TEN_WIDE:
                shown_width = 10
            else:
                shown_width = len(str(value or ""))
            if shown_width > widths[index]:
                widths[index] = shown_width
    for index, column in enumerate(columns, start=1):
        sheet.width(index, column.width or min(max(widths[index - 1] + 2, MIN_WIDTH), MAX_WIDTH))
    sheet.freeze_header()
    sheet.filter(last, len(columns))
    return last - 1


# What a column is at least as wide as for a date or a figure (rounded or exact).
_TEN_WIDE = (date, datetime, Decimal, Fraction)


def _in_unit(number: str) -> list[str | None]:
    """The clause columns' number formats: Doel, Gerealiseerd, In afwachting, Verwacht and
    Geverifieerd in the clause's unit (``number``), the others the column's own."""
    shown = {7: number, 8: number, 9: number, 10: TWO_DECIMALS, 12: number}
    return [shown.get(index, c.number_format) for index, c in enumerate(CLAUSE_COLUMNS, 1)]


_IN_PERSONS, _IN_HOURS_OR_EUROS = _in_unit(WHOLE), _in_unit(TWO_DECIMALS)


def _clause_formats(values: list) -> list[str | None]:
    return _IN_PERSONS if values[5] == MEASURE["persons"] else _IN_HOURS_OR_EUROS


@dataclass(frozen=True)
class Summary:
    """What a written overview holds, for the command's last line."""

    buyers: int
    contracts: int
    clauses: int
    flags: int


def _info(sheet, overview: Overview, summary: Summary) -> None:
    lines = [
        ("Overzicht social return", None),
        ("Stand op", overview.as_of),
        ("Gemaakt op", local_time(overview.made_at).replace(microsecond=0)),
        ("Contracten", summary.contracts),
        ("Verplichtingen", summary.clauses),
        ("Open signaleringen", summary.flags),
        ("Laatste controle", overview.latest_check),
        (None, None),
        (
            "Per opdrachtgever een blad met de verplichtingen: doel, gerealiseerd en verwacht "
            "op de peildatum van de rapportage die meetelt, de status op de stand-datum en het "
            "deel van "
            "gerealiseerd dat het bureau heeft geverifieerd.",
            None,
        ),
        (
            "Kandidaten die het bureau heeft afgewezen tellen niet mee. Bedragen en uren zijn "
            "afgerond op twee decimalen.",
            None,
        ),
        (
            "Signaleringen: de signaleringen die open staan of gezien zijn zoals de laatste "
            "controle ze heeft vastgelegd, ook als de stand-datum eerder ligt.",
            None,
        ),
    ]
    for row, (label, value) in enumerate(lines, start=1):
        if label is not None:
            _put(sheet, row, 1, label, style=BOLD if row == 1 else None)
        if value is not None:
            _put(
                sheet,
                row,
                2,
                value,
                DATE
                if isinstance(value, date) and not isinstance(value, datetime)
                else "dd-mm-yyyy hh:mm"
                if isinstance(value, datetime)
                else WHOLE,
            )
    sheet.width(1, 24)
    sheet.width(2, 20)


def _clause_rows(lines, references: set):
    for line in lines:
        line = line.shown()
        references.add(line.reference)
        row = list(line)
        row[5] = MEASURE.get(line.measure, line.measure)
        row[10] = STATUS.get(line.status, line.status)
        row[15] = STEP_LABELS.get(line.step, "") if line.step else ""
        yield row


def write_overview(overview: Overview) -> bytes:
    """The .xlsx bytes of ``overview`` (a small one: tests, a few buyers)."""
    out = BytesIO()
    write_overview_to(out, overview)
    return out.getvalue()


def write_overview_to(out, overview: Overview, progress=iter) -> Summary:
    """Write ``overview`` as .xlsx to ``out`` (a path or a binary file); ``progress`` wraps
    the loop over buyers."""
    book = Book(out)
    taken = {name.casefold() for name in FIXED_SHEETS}
    info = book.sheet(INFO_SHEET)
    buyers = list(overview.clauses)
    sheets = [book.sheet(sheet_title(buyer, taken)) for buyer in buyers]
    flags_sheet = book.sheet(FLAGS_SHEET)
    begin = getattr(overview.clauses, "begin", None)  # Lines: the workers start meanwhile
    if begin is not None:
        begin()
    flags = _table(
        flags_sheet,
        FLAG_COLUMNS,
        (
            [
                f.buyer,
                f.reference,
                f.clause,
                FLAG_KIND.get(f.kind, f.kind),
                f.period,
                FLAG_STATE.get(f.state, f.state),
                f.opened_as_of,
                f.remedial_deadline,
            ]
            for f in overview.flags
        ),
    )
    references: set[str] = set()
    clauses = 0
    for buyer, sheet in progress(list(zip(buyers, sheets, strict=True))):
        clauses += _table(
            sheet,
            CLAUSE_COLUMNS,
            _clause_rows(overview.clauses[buyer], references),
            _clause_formats,
            shown=True,
        )
    _table(
        book.sheet(TOTALS_SHEET),
        TOTAL_COLUMNS,
        (
            [
                overview.type_labels.get(t.type, t.type),
                overview.group_labels.get(t.group, t.group) if t.group else "(geen doelgroep)",
                t.persons,
                t.rows,
                t.hours,
            ]
            for t in overview.totals
        ),
    )
    _table(
        book.sheet(REVIEWS_SHEET),
        REVIEW_COLUMNS,
        (
            [
                r.buyer,
                r.reference,
                r.clause,
                r.candidate,
                DECISION.get(r.decision, r.decision),
                r.note,
                r.decided_at.date(),
            ]
            for r in overview.reviews
        ),
    )
    durability_sheet(book, overview.durability)
    summary = Summary(len(buyers), len(references), clauses, flags)
    _info(info, overview, summary)
    book.close()
    return summary
