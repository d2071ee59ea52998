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

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

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

    def width(self, column: int, width: float) -> None:
        self.worksheet.set_column(column - 1, column - 1, width)

    def freeze_header(self) -> None:
        self.worksheet.freeze_panes(1, 0)

    def filter(self, last_row: int, last_column: int) -> None:
        """An auto filter over the header row and the rows under it."""
        self.worksheet.autofilter(0, 0, last_row - 1, last_column - 1)

    def hide(self) -> None:
        self.worksheet.hide()
