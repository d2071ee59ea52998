"""Writing one cell of a workbook the app makes: text from a user stays text.

openpyxl writes a str that begins with "=" as a formula, and a spreadsheet
takes text that begins with = + - @ (or a tab or carriage return before one)
for a formula or a command when the cell is edited. A candidate reference
``=HYPERLINK(...)`` or a contract title ``=cmd|...`` must come back as the
text it is. Every writer (template, feedback workbook, export) sets its cells
through `put`, so the rule lives here once: a str is a text cell (no <f>
element), marked with Excel's quote prefix when it could be read as a formula.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .stream import Cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit on the characters of one cell; longer text makes it repair the file.
MAX_CELL_TEXT = 32767


def as_text(value: str) -> tuple[str, bool]:
    """The text a cell holds for `value`, and whether it needs the quote prefix.

    Line ends are written as XML reads them back (a carriage return, alone or before
    a line feed, is a line feed): XlsxWriter would otherwise escape a carriage
    return as ``_x000D_``, which openpyxl reads back as those seven characters.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]
    quoted = text.startswith(FORMULA_START)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, quoted


def put(cell, value, number_format: str | None = None):
    """Set `cell` (a worksheet cell, a write-only cell or a `stream.Cell`) to `value`;
    returns the cell.

    Text is written as text whatever its first character, without the control
    characters a workbook cannot hold. Other values keep their type;
    `number_format` applies to a value that is not text and not None.
    """
    if isinstance(cell, Cell):
        _put_streamed(cell.sheet, cell.row, cell.column, value, number_format, cell.style)
        return cell
    if isinstance(value, str):
        text, quoted = as_text(value)
        cell.value = text
        cell.data_type = "s"
        if quoted:
            cell.quotePrefix = True
    else:
        cell.value = value
        if number_format and value is not None:
            cell.number_format = number_format
    return cell


def _put_streamed(sheet, row: int, column: int, value, number_format, style=None) -> None:
    if isinstance(value, str):
        text, quoted = as_text(value)
        sheet.write(row, column, text, None, style, quoted)
    else:
        sheet.write(row, column, value, number_format, style)


def put_streamed_row(sheet, row: int, values, number_formats) -> None:
    """`values` into `row` of a streamed sheet (`stream.Sheet`) from column 1, each as
    `put` sets a cell, with the number format of its column in `number_formats`: one
    call a row, for the large sheets of the export."""
    cells = []
    for value, number_format in zip(values, number_formats, strict=False):
        if isinstance(value, str):
            text, quoted = as_text(value)
            cells.append((text, None, quoted))
        else:
            cells.append((value, number_format, False))
    sheet.write_row(row, cells)


def put_row(sheet, row: int, values, first_column: int = 1) -> None:
    """`values` into `row` of `sheet` from `first_column` on, each through `put`."""
    for column, value in enumerate(values, first_column):
        put(sheet.cell(row=row, column=column), value)
