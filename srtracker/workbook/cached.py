"""Formula results kept when openpyxl rewrites a supplier's workbook.

openpyxl keeps each formula but drops the result its writer cached with it,
so the feedback workbook would show empty cells in a viewer that does not
recalculate, and would come back as `formula_without_value` if uploaded as
it is. The results are read from the original by the upload's reader and
written back next to their formulas in the sheets openpyxl wrote; nothing is
ever calculated.
"""

import re
import zipfile
from datetime import date, datetime, time, timedelta
from io import BytesIO
from xml.sax.saxutils import escape

from srtracker.domain.report_cells import EPOCH_1900, EPOCH_1904, FORMULA_WITHOUT_VALUE, ErrorValue
from srtracker.workbook.reader import open_workbook

# A formula cell as openpyxl writes it: <c r="G2" s="3"><f>A1*2</f><v /></c>
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"([^>]*)>(<f\b[^>]*/>|<f\b[^>]*>.*?</f>)<v\s*/>', re.S
)


def formula_cells(book) -> dict[str, set[tuple[int, int]]]:
    """Sheet title -> (row, 0-based column) of each formula cell of an openpyxl book."""
    found = {}
    for sheet in book.worksheets:
        cells = {
            (cell.row, cell.column - 1)
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f"
        }
        if cells:
            found[sheet.title] = cells
    return found


def _serial(value, epoch: date):
    if isinstance(value, datetime):
        return (value - datetime.combine(epoch, time())) / timedelta(days=1)
    if isinstance(value, date):
        return (value - epoch).days
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return value / timedelta(days=1)


def _cached(value, epoch: date) -> tuple[bytes, bytes] | None:
    """The t attribute and <v> text of a cached result; None to leave the cell without one."""
    if value is FORMULA_WITHOUT_VALUE or value is None:
        return None
    if isinstance(value, ErrorValue):
        return b' t="e"', escape(value.shown).encode()
    if isinstance(value, bool):
        return b' t="b"', b"1" if value else b"0"
    if isinstance(value, (int, float)):
        return b"", repr(value).encode()
    if isinstance(value, (date, time, timedelta)):
        return b"", repr(_serial(value, epoch)).encode()
    return b' t="str"', escape(str(value)).encode()


def _results(data: bytes, wanted: dict, limits) -> tuple[dict, date]:
    """Sheet title -> {(row, column): cached value} for the `wanted` formula cells."""
    found = {}
    with open_workbook(data, limits.max_rows + 50, limits.max_columns) as reader:
        epoch = EPOCH_1904 if reader.date1904 else EPOCH_1900
        for title, cells in wanted.items():
            if title not in {s.name for s in reader.sheets}:
                continue
            rows = {row for row, _ in cells}
            values = {}
            for number, row_values in reader.rows(title):
                if number in rows:
                    for column, value in enumerate(row_values):
                        if (number, column) in cells:
                            values[(number, column)] = value
            found[title] = values
    return found, epoch


def with_cached_results(written: bytes, original: bytes, book, wanted: dict, limits) -> bytes:
    """`written` (openpyxl's save of `book`) with the results cached in `original`."""
    if not wanted:
        return written
    results, epoch = _results(original, wanted, limits)
    parts = {
        f"xl/worksheets/sheet{index}.xml": results.get(sheet.title, {})
        for index, sheet in enumerate(book.worksheets, 1)
    }

    def restore(values: dict):
        def cell(match: re.Match) -> bytes:
            letters, row, attributes, formula = match.groups()
            column = 0
            for letter in letters:
                column = column * 26 + letter - 64
            cached = _cached(values.get((int(row), column - 1)), epoch)
            if cached is None:
                return match.group(0)
            kind, text = cached
            return b'<c r="%s%s"%s%s>%s<v>%s</v>' % (letters, row, attributes, kind, formula, text)

        return cell

    out = BytesIO()
    with zipfile.ZipFile(BytesIO(written)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if parts.get(item.filename):
                body = _FORMULA_CELL.sub(restore(parts[item.filename]), body)
            target.writestr(item, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
