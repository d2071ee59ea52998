"""Workbooks the app writes from scratch, streamed to a file with XlsxWriter.

XlsxWriter in ``constant_memory`` mode writes each row to a temporary file as
soon as the next one begins, so memory stays flat whatever the number of rows,
and it writes cells two to three times as fast as openpyxl's write-only mode
(bench/national.py measures both side by side). The rows of one sheet are
written top to bottom; sheets may be written in any order and keep the order
they were created in. It writes a file, not a stream: a download is written to
a temporary file first, then sent in chunks (exports/views.py).

Cells are set only through ``cells.put`` (``sheet.cell(row, column)`` gives the
place) or, a row at a time, ``cells.put_streamed_row``, so a user's text stays
text here as in every other workbook. openpyxl
stays the writer where the app edits a supplier's own file (annotate.py).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple
from xml.sax.saxutils import escape

# What openpyxl shows a date or a time in when no number format is given.
DATE_DEFAULT, DATETIME_DEFAULT = "yyyy-mm-dd", "yyyy-mm-dd h:mm:ss"


@dataclass(frozen=True)
class Style:
    bold: bool = False
    fill: str | None = None  # an RGB colour such as "DDE4EE": a solid fill
    wrap: bool = False


class Book:
    """One workbook written to ``out`` (a path or a binary file object) when closed."""

    def __init__(self, out):
        import xlsxwriter  # only where a workbook is written: not on every command's start-up

        self.book = xlsxwriter.Workbook(out, {"constant_memory": True, "remove_timezone": True})
        self._formats: dict[tuple, object] = {}
        # For _row_xml: a cell's style attribute per (number format, quoted), set when the
        # format is first used (XlsxWriter numbers a format then); a date's Excel serial.
        self.attributes: dict[tuple, str | None] = {}
        self.serials: dict = {}

    def sheet(self, title: str) -> "Sheet":
        return Sheet(self, self.book.add_worksheet(title))

    def format(self, number_format: str | None, style: Style | None, quoted: bool):
        """The cell format of that combination, made once (None: the default format)."""
        key = (number_format, style, quoted)
        found = self._formats.get(key, False)
        if found is not False:
            return found
        properties: dict = {}
        if number_format:
            properties["num_format"] = number_format
        if quoted:
            properties["quote_prefix"] = True
        if style is not None:
            if style.bold:
                properties["bold"] = True
            if style.fill:
                properties.update(pattern=1, bg_color=f"#{style.fill}")
            if style.wrap:
                properties.update(text_wrap=True, valign="top")
        found = self._formats[key] = self.book.add_format(properties) if properties else None
        return found

    def close(self) -> None:
        self.book.close()


class Cell(NamedTuple):
    """A place in a streamed sheet, 1-based like openpyxl's; set it with ``cells.put``."""

    sheet: "Sheet"
    row: int
    column: int
    style: Style | None = None

    def write(self, value, number_format: str | None = None, quoted: bool = False) -> None:
        """Only ``cells.put`` calls this: ``value`` is already text by its rule, or not text."""
        self.sheet.write(self.row, self.column, value, number_format, self.style, quoted)


class Sheet:
    def __init__(self, book: Book, worksheet):
        self.book, self.worksheet = book, worksheet

    def cell(self, row: int, column: int, style: Style | None = None) -> Cell:
        return Cell(self, row, column, style)

    def write(
        self,
        row: int,
        column: int,
        value,
        number_format: str | None = None,
        style: Style | None = None,
        quoted: bool = False,
    ) -> None:
        """Only ``cells`` calls this (1-based places): ``value`` is already text by its
        rule, or not text."""
        sheet, row, column = self.worksheet, row - 1, column - 1
        form = self.book.format
        if isinstance(value, str):
            sheet.write_string(row, column, value, form(None, style, quoted))
            if value.startswith("<r>") and value.endswith("</r>"):
                _as_one_run(sheet, row, column, value)
        elif value is None:
            if style is not None:
                sheet.write_blank(row, column, None, form(None, style, False))
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, form(None, style, False))
        elif isinstance(value, (date, datetime)):
            shown = number_format or (
                DATETIME_DEFAULT if isinstance(value, datetime) else DATE_DEFAULT
            )
            sheet.write_datetime(row, column, value, form(shown, style, False))
        else:
            sheet.write_number(row, column, value, form(number_format, style, False))

    def write_row(self, row: int, cells: list[tuple]) -> None:
        """Only ``cells.put_streamed_row`` calls this: ``cells`` are (value, number format,
        quoted) from column 1 on, each value already text by its rule, or not text.

        The large sheets of the export go through here: the row's XML is written as
        XlsxWriter's own cell writing would write it (the same bytes: a test compares
        both), without its per-cell calls. A row this cannot write that way (a text
        that needs escaping, a value of another type, a row with its own format) is
        written cell by cell through ``write``. One difference: a cell format first
        used in a sheet's last row is numbered as the row is written, where XlsxWriter
        numbers it when it flushes that row on closing, so its number may differ (the
        cells look the same).
        """
        sheet = self.worksheet
        if row - 1 > sheet.previous_row:
            sheet._write_single_row(row - 1)  # the cells of an earlier row, written cell by cell
        xml = _row_xml(self.book, sheet, row - 1, cells)
        if xml is None:
            for column, (value, number_format, quoted) in enumerate(cells, start=1):
                self.write(row, column, value, number_format, None, quoted)
        else:
            sheet.fh.write(xml)

    def width(self, column: int, width: float) -> None:
        self.worksheet.set_column(column - 1, column - 1, width)

    def freeze_header(self) -> None:
        self.worksheet.freeze_panes(1, 0)

    def filter(self, last_row: int, last_column: int) -> None:
        """An auto filter over the header row and the rows under it."""
        self.worksheet.autofilter(0, 0, last_row - 1, last_column - 1)

    def hide(self) -> None:
        self.worksheet.hide()


# Text XlsxWriter writes as it is: anything it escapes or marks (XML's & < >, a control
# character, its own _xHHHH_ escape, white space at either end) makes the row go cell by
# cell, and so does text long enough for its UTF-16 check.
_PLAIN_TEXT = re.compile(r"[^\x00-\x1f&<>\ufffe\uffff]*\Z")
_SPECIAL = re.compile(r"_x[0-9a-fA-F]{4}_|^\s|\s\Z")
_NUMBERS = (int, float, Decimal)
_DATES = (date, datetime)
_COLUMNS: list[str] = []


def _as_one_run(sheet, row: int, column: int, text: str) -> None:
    """XlsxWriter takes a text that starts with ``<r>`` and ends with ``</r>`` for its own
    XML of a rich string and writes it into the sheet unescaped, so a supplier's text could
    add cells and formulas. Such a text is stored as what it is: one run of plain text,
    escaped (0-based places; the cell ``write_string`` has just stored)."""
    cell = sheet.table[row][column]
    sheet.table[row][column] = cell._replace(string=f"<r><t>{escape(text)}</t></r>")


def _column_name(column: int) -> str:
    """The letters of a 0-based column (A, B, ..., AA)."""
    while len(_COLUMNS) <= column:
        number, letters = len(_COLUMNS) + 1, ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(65 + rest) + letters
        _COLUMNS.append(letters)
    return _COLUMNS[column]


def _row_xml(book: Book, sheet, row: int, cells: list[tuple]) -> str | None:
    """The <row> element XlsxWriter's constant_memory mode writes for ``cells`` in ``row``
    (0-based), with the sheet's dimensions updated as its cell writing updates them; None
    where this row needs XlsxWriter's own cell writing."""
    if not _plain_row(sheet, row):
        return None
    number = str(row + 1)
    parts = [f'<row r="{number}">']
    first = last = None
    letters = _letters(len(cells))
    attributes, col_info = book.attributes, sheet.col_info
    for column, (value, number_format, quoted) in enumerate(cells):
        if value is None:
            continue
        kind = value.__class__
        if kind is str:
            if len(value) > 16000 or not _PLAIN_TEXT.match(value) or _SPECIAL.search(value):
                return None
            key = (None, quoted)
        elif kind in _NUMBERS and value == value and value not in _INFINITE:
            key = (number_format, False)
        elif kind in _DATES:
            key = (number_format or (DATETIME_DEFAULT if kind is datetime else DATE_DEFAULT), False)
            value = _serial(book, sheet, value)
        else:
            return None
        style = attributes.get(key, False)
        if style is False:
            style = attributes[key] = _attribute(book.format(key[0], None, key[1]))
        if style is None:
            style = _attribute(col_info[column].column_format) if column in col_info else ""
        reference = letters[column] + number
        if kind is str:
            parts.append(f'<c r="{reference}"{style} t="inlineStr"><is><t>{value}</t></is></c>')
        else:
            parts.append(f'<c r="{reference}"{style}><v>{value:.16G}</v></c>')
        first = column if first is None else first
        last = column
    if first is None:
        return None
    sheet._check_dimensions(row, first)
    sheet._check_dimensions(row, last)
    parts.append("</row>")
    return "".join(parts)


def _plain_row(sheet, row: int) -> bool:
    """Whether XlsxWriter would write ``row`` as nothing but its cells."""
    return not (
        row < sheet.previous_row
        or sheet.table
        or row in sheet.row_info
        or row in sheet.comments
        or sheet.excel_version != 2007
        or sheet.default_row_height != sheet.original_row_height
        or row >= sheet.xls_rowmax
    )


def _serial(book: Book, sheet, value) -> float:
    """The Excel serial of a date or time, worked out once per value in a workbook."""
    serial = book.serials.get(value)
    if serial is None:
        serial = book.serials[value] = sheet._convert_date_time(value)
    return serial


def _attribute(form) -> str | None:
    """A cell's style attribute for ``form`` (numbering it, as XlsxWriter does when it
    first writes a cell in it); None for no format, where the column's own format applies."""
    return f' s="{form._get_xf_index()}"' if form is not None else None


def _letters(columns: int) -> list[str]:
    """The column letters of columns 0 to ``columns - 1`` (and maybe more)."""
    if len(_COLUMNS) < columns:
        _column_name(columns - 1)
    return _COLUMNS


_INFINITE = (float("inf"), float("-inf"))
