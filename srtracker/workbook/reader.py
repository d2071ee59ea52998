"""Reading cell values out of an .xlsx that passed the package checks.

python-calamine does the reading: it is several times faster than openpyxl and
sees cached formula values only. Before calamine reads a sheet, the sheet XML
is scanned as a stream, for three things calamine cannot do:

- size: calamine allocates the whole rectangle between the first and the last
  cell. The scan counts the rows and columns really present and refuses a
  sheet beyond the limits (SheetTooLarge) before anything is allocated; a
  sheet whose rows are far apart (one cell at row 100,000) is renumbered into
  a compact copy first, so memory follows the cells the file really holds.
- memory: calamine holds a sheet's whole rectangle at once, and building it
  takes about 100 bytes a cell (a 60-column report of 70,000 rows: 380 MB). A
  sheet larger than a band (_BAND_CELLS) is read a band of rows at a time,
  each band from a copy of the package that holds only those rows, so memory
  follows one band. The rows come out as a whole read gives them (a row's
  trailing empty cells aside); a package whose rows overlap from one band
  into the next (rows out of order, or a cell whose reference names a row far
  from its own, which no spreadsheet program writes) is unreadable.
- formulas without a cached value (calamine reads them as empty): they come
  back as FORMULA_WITHOUT_VALUE. No formula is ever evaluated.
- error values (`<c t="e">`, calamine reads them as empty): they come back as
  ErrorValue with the text the cell shows.

The package's own XML is read in the transitional and the Strict (ISO/IEC
29500) namespaces. Rows come back with the row number Excel shows and the
values indexed from column A, whatever calamine skips at the top or left.
`open_workbook` is the only constructor; a different reader only has to offer
the same methods.
"""

import contextlib
import posixpath
import re
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

import python_calamine
from defusedxml import ElementTree

from srtracker.domain.report_cells import FORMULA_WITHOUT_VALUE, ErrorValue, SheetTooLarge

_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b")
_CELL_OPEN = re.compile(rb"<(?:[\w.-]+:)?c\b")
_CELL_CLOSE = re.compile(rb"</(?:[\w.-]+:)?c>")
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})(\d+)"')
_STRING_RESULT = re.compile(rb'\st="str"')
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\s*>([^<]+)<")
_EMPTY_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b")
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*?)(/?)>")
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row>")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_REF_LETTERS = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\sr="([A-Z]+)\d')
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*)>")
_CELL_WITHOUT_REF = re.compile(rb"<(?:[\w.-]+:)?c(?![^>]*\sr=)[\s/>]")
_ERROR_CELL = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\st="e"[^>]*>')
_ROOT = re.compile(rb"<([\w.-]+:)?(?:worksheet|sheetData)\b")
_ROW_OR_CELL = re.compile(rb"<(?:[\w.-]+:)?(?:row|c)\b[^>]*>")
_CHUNK = 1 << 20
# A sheet of more than _WHOLE bands' cells, or whose rows x the columns they may reach
# (calamine's range is that rectangle) make more than _WHOLE bands' area, is read in bands
# of rows: about _BAND_CELLS cells each, by the sheet's cells a row, and never more than
# _BAND_AREA. A whole read peaks before any row is looked at, when little else is held; a
# band's peak comes on top of what the rows before it left (their contributions, issues).
_BAND_CELLS = 1 << 18
_BAND_AREA = 1 << 20
_WHOLE = 4
_SHEET_DATA = re.compile(rb"<([\w.-]+:)?sheetData\b[^>]*?(/?)>")
_WORKSHEET = re.compile(rb"<([\w.-]+:)?worksheet\b")
# Rows this many times sparser than their numbers are read from a renumbered copy.
_SPARSE = 2
_SPARSE_SLACK = 1000


class UnreadableWorkbook(Exception):
    """The package passed its checks, but its workbook cannot be read."""


@dataclass(frozen=True)
class SheetInfo:
    """A sheet of the workbook: its name, and whether it is visible and a worksheet."""

    name: str
    visible: bool
    worksheet: bool


@dataclass
class SheetScan:
    """What a sheet's XML really holds, from one pass over its stream."""

    row_count: int = 0  # row elements holding cells
    cells: int = 0  # cell elements
    last_row: int = 0
    last_column: int = -1  # 0-based
    formulas_without_value: set = field(default_factory=set)  # (row, column)
    errors: dict = field(default_factory=dict)  # (row, column) -> the error shown

    @property
    def sparse(self) -> bool:
        return self.last_row > _SPARSE * self.row_count + _SPARSE_SLACK


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _has_cached_value(start_tag: bytes, body: bytes) -> bool:
    if _VALUE.search(body):
        return True
    # Excel writes a formula that yields "" as t="str" with an empty <v>.
    return bool(_STRING_RESULT.search(start_tag) and _EMPTY_VALUE.search(body))


def _cell_body(segment: bytes, start: int) -> bytes:
    close = _CELL_CLOSE.search(segment, start)
    return segment[start : close.start() if close else len(segment)]


class _Scanner:
    """Counts with plain substring searches; regular expressions only where a hit is likely.

    The element prefix (`<x:row>` in some writers) is read once from the sheet's
    root element, so that every count is a literal one.
    """

    def __init__(self, name: str, max_rows: int, max_columns: int):
        self.name = name
        self.max_rows = max_rows
        self.max_columns = max_columns
        self.scan = SheetScan()
        self.prefix = None
        # Single letters reach column Z: only longer references can pass a limit of 26 or more.
        # A self-closing cell (<c r="XFD5" s="3"/>) is only formatting: it holds nothing.
        self._wide = re.compile(
            (rb' r="([A-Z]{2,3})\d+"' if max_columns >= 26 else rb' r="([A-Z]+)\d+"')
            + rb"[^>]*(?<!/)>"
        )

    def segment(self, segment: bytes):
        if self.prefix is None:
            root = _ROOT.search(segment)
            self.prefix = root[1] if root and root[1] else b""
        self._rows(segment)
        self._columns(segment)
        if b"<" + self.prefix + b"f" in segment:
            self._formulas(segment)
        if b't="e"' in segment:
            self._errors(segment)

    def _rows(self, segment: bytes):
        scan, tag = self.scan, b"<" + self.prefix + b"row"
        scan.row_count += self._rows_holding_cells(segment)
        last = segment.rfind(tag + b" ")
        # `<row>` (no attributes, rare) counts only after the last `<row `: searched there.
        last = max(last, segment.rfind(tag + b">", last + 1))
        if last >= 0:
            number = _ROW_NUMBER.search(segment, last, segment.find(b">", last) + 1)
            if number:
                scan.last_row = int(number[1])
            else:
                scan.last_row += segment.count(tag + b" ") + segment.count(tag + b">")
        if scan.row_count > self.max_rows:
            raise SheetTooLarge(self.name, rows=True)

    def _rows_holding_cells(self, segment: bytes) -> int:
        """Row elements with a value, an inline string or a formula; styled empty cells
        hold nothing (calamine skips them too)."""
        p = self.prefix
        end = b"</%srow>" % p
        rows = segment.count(end)
        if segment.count(b"</%sc>" % p + end) == rows:
            return rows  # every row ends with a closed cell: none of the three below
        if (
            b"/>" + end not in segment
            and b'">' + end not in segment
            and b"row>" + end not in segment
        ):
            return rows  # every row ends with a cell that has content
        value, spaced, inline, formula = b"<%sv>" % p, b"<%sv " % p, b"<%sis>" % p, b"<%sf" % p
        return sum(
            1
            for row in segment.split(end)[:-1]
            if value in row or inline in row or formula in row or spaced in row
        )

    def _columns(self, segment: bytes):
        letters = set(self._wide.findall(segment))
        last = max(map(_column_index, letters), default=-1)
        cells, with_ref = self._cells(segment)
        if cells != with_ref and _CELL_WITHOUT_REF.search(segment):
            last = max(last, self._columns_by_position(segment))
        self.scan.cells += cells
        self.scan.last_column = max(self.scan.last_column, last)
        if self.scan.last_column >= self.max_columns:
            raise SheetTooLarge(self.name, rows=False)

    def _cells(self, segment: bytes) -> tuple[int, int]:
        """The cell elements, and those giving their reference. When every `<c` begins
        one with a reference (as every writer puts it), the two are that one count: each
        of `<c `, `<c>` and `<c/>` is a `<c`, and each `<c r="` a `<c `. Two passes over
        the segment instead of four."""
        cell = b"<" + self.prefix + b"c"
        with_ref = segment.count(cell + b' r="')
        if segment.count(cell) == with_ref:
            return with_ref, with_ref
        cells = (
            segment.count(cell + b" ") + segment.count(cell + b">") + segment.count(cell + b"/>")
        )
        return cells, with_ref

    @staticmethod
    def _columns_by_position(segment: bytes) -> int:
        """The last column when cells omit their reference: each is one right of the last."""
        last = -1
        for row in _ROW_END.split(segment):
            column = -1
            for match in _CELL_TAG.finditer(row):
                ref = _CELL_REF.search(b" " + match[1])
                column = _column_index(ref[1]) if ref else column + 1
                last = max(last, column)
        return last

    def _formulas(self, segment: bytes):
        for match in _FORMULA.finditer(segment):
            start = segment.rfind(b"<", 0, match.start())
            start_tag = segment[start : match.start()]
            ref = _CELL_REF.search(start_tag)
            if not _CELL_OPEN.match(start_tag) or ref is None:
                continue
            if not _has_cached_value(start_tag, _cell_body(segment, match.end())):
                self.scan.formulas_without_value.add((int(ref[2]), _column_index(ref[1])))

    def _errors(self, segment: bytes):
        for match in _ERROR_CELL.finditer(segment):
            ref = _CELL_REF.search(match[0])
            value = _VALUE.search(_cell_body(segment, match.end()))
            if ref is not None and value is not None:
                shown = _unescape(value[1].decode("utf-8", "replace")).strip()
                self.scan.errors[(int(ref[2]), _column_index(ref[1]))] = shown


def _unescape(text: str) -> str:
    """xml.sax.saxutils.unescape, which would import urllib and http.client on every start."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _after_last_row(buffer: bytes) -> int:
    """Where the last complete row element of `buffer` ends; 0 when it has none."""
    index = buffer.rfind(b"row>")
    while index > 0:
        start = buffer.rfind(b"</", 0, index)
        if start >= 0 and _ROW_END.fullmatch(buffer, start, index + 4):
            return index + 4
        index = buffer.rfind(b"row>", 0, index)
    return 0


def _segments(stream) -> Iterator[bytes]:
    """The sheet XML in pieces cut after a complete row, so memory stays at about one chunk."""
    pending = b""
    while chunk := stream.read(_CHUNK):
        pending += chunk
        cut = _after_last_row(pending)
        if cut:
            yield pending[:cut]
            pending = pending[cut:]
    yield pending


def scan_sheet(stream, name="", max_rows=1 << 31, max_columns=16384) -> SheetScan:
    """One pass over a sheet's XML; SheetTooLarge as soon as it passes a limit."""
    scanner = _Scanner(name, max_rows, max_columns)
    for segment in _segments(stream):
        scanner.segment(segment)
    return scanner.scan


def _renumbered(segments: Iterator[bytes], numbers: array) -> Iterator[bytes]:
    """The sheet XML with its row elements renumbered 1, 2, 3, ... (empty ones dropped);
    `numbers` gets the number each had, as the segments pass."""

    def renumber(match: re.Match) -> bytes:
        tag = match[0]
        if tag[1:].split(b" ", 1)[0].split(b">", 1)[0].endswith(b"row"):
            number = _ROW_NUMBER.search(tag)
            last = int(number[1]) if number else (numbers[-1] if numbers else 0) + 1
            if tag.endswith(b"/>"):
                return b""
            numbers.append(last)
            return _ROW_NUMBER.sub(b' r="%d"' % len(numbers), tag, count=1)
        return _CELL_REF.sub(lambda ref: b' r="%s%d"' % (ref[1], len(numbers)), tag, count=1)

    for segment in segments:
        yield _ROW_OR_CELL.sub(renumber, segment)


def _row_starts(segment: bytes, tag: bytes, start: int, wanted: int) -> tuple[int, int]:
    """Where the `wanted`-th row element from `start` on begins, and how many there are up
    to and with it (all of them, fewer than `wanted`, when the segment ends first)."""
    found = segment.count(tag, start)
    if found < wanted:
        return len(segment), found
    at = start - 1
    for _ in range(wanted):
        at = segment.find(tag, at + 1)
    return at, wanted


def _bands(segments: Iterator[bytes], rows: int | None) -> Iterator[list[bytes]]:
    """The sheet XML as worksheets of `rows` row elements each (None: one), each in pieces
    to be written out one after the other.

    A band starts only at a row element that gives its number first (`<row r="12"`, as
    every writer puts it): calamine numbers a row without one after the row before it,
    which a band would not have.
    """
    pieces: list[bytes] = []
    head = None
    for segment in segments:
        if head is None:
            data = _SHEET_DATA.search(segment)
            root = _WORKSHEET.search(segment)
            if rows is None or data is None or data[2] or root is None:
                rows, head = None, b""
            else:
                head = segment[: data.end()]
                tag = b'<%srow r="' % (data[1] or b"")
                close = b"</%ssheetData></%sworksheet>" % (data[1] or b"", root[1] or b"")
                segment = segment[data.end() :]
            count = 0
        if rows is None:
            pieces.append(segment)
            continue
        position = 0
        while True:
            # The band ends where the row after its last one begins.
            cut, found = _row_starts(segment, tag, position, rows - count + 1)
            if found <= rows - count:
                count += found
                pieces.append(segment[position:])
                break
            pieces.append(segment[position:cut])
            yield [head, *pieces, close]
            pieces, count, position = [], 0, cut
    if head is None or rows is None:
        yield pieces
    else:
        yield [head, *pieces]


def _call(action, *args):
    """Run a calamine call; whatever it raises (a Rust panic included) means unreadable."""
    try:
        return action(*args)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as error:  # pyo3 panics derive from BaseException
        raise UnreadableWorkbook(type(error).__name__) from None


@contextlib.contextmanager
def _unzipping():
    """Reading a part out of the package: bytes that do not match their CRC-32, or do not
    inflate, mean an unreadable workbook, as calamine's own errors do."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise UnreadableWorkbook(type(error).__name__) from None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(root, name: str):
    """Elements named `name` in any namespace: transitional and Strict alike."""
    return (element for element in root.iter() if _local(element.tag) == name)


def _attribute(element, name: str) -> str | None:
    """An attribute by its local name (r:id is relationships' id in either namespace)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _padded(values: list, start_column: int) -> list:
    return [""] * start_column + values if start_column else values


def _mark(values: list, marks: dict) -> list:
    for column, mark in marks.items():
        values.extend([""] * (column + 1 - len(values)))
        values[column] = mark
    return values


def _kept(number: int, values: list, first_column: int, marks: dict) -> list | None:
    """One of calamine's rows from column A, marked when marked; None when it is blank and
    unmarked (a blank row is not given)."""
    values = _padded(values, first_column)
    if number in marks:
        return _mark(values, marks.pop(number))
    if values.count("") != len(values):
        return values
    return None


def _numbered(sheet, marks: dict) -> Iterator[tuple[int, list]]:
    """calamine's rows of a whole sheet with the number Excel shows and their values from
    column A, the marked ones marked.

    calamine yields rows from row 1 but columns from the first used one.
    """
    start = sheet.start
    if start is None:
        return
    try:
        for number, values in enumerate(sheet.iter_rows(), 1):
            if (row := _kept(number, values, start[1], marks)) is not None:
                yield number, row
    except (GeneratorExit, KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as error:  # pyo3 panics derive from BaseException
        raise UnreadableWorkbook(type(error).__name__) from None


def _band_rows(
    band: list, start: tuple, end: tuple, numbers, done: int, marks: dict
) -> Iterator[tuple[int, list]]:
    """One band's rows as _numbered gives a whole sheet's: `band` is calamine's range from
    `start` to `end` (0-based row and column), `done` the last row index of the band
    before. The rows between the two (calamine's whole sheet has them, blank) are given
    when marked."""
    blank = [""] * (end[1] + 1)
    for index in range(done + 1, start[0]):
        number = index + 1 if numbers is None else numbers[index]
        if number in marks:
            yield number, _mark(list(blank), marks.pop(number))
    for index, values in enumerate(band, start[0]):
        if numbers is None:
            number = index + 1
        elif index < len(numbers):
            number = numbers[index]
        else:
            return
        if (row := _kept(number, values, start[1], marks)) is not None:
            yield number, row


class _Inflated:
    """A part as the package check inflated it, read as zipfile reads it; each piece is let
    go once read."""

    def __init__(self, pieces: list[bytes]):
        pieces.reverse()  # taken from the end
        self._pieces = pieces

    def read(self, size: int) -> bytes:
        out, pieces = [], self._pieces
        while size > 0 and pieces:
            piece = pieces.pop()
            if len(piece) > size:
                pieces.append(piece[size:])
                piece = piece[:size]
            out.append(piece)
            size -= len(piece)
        return out[0] if len(out) == 1 else b"".join(out)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._pieces.clear()


class CalamineReader:
    def __init__(self, data: bytes, max_rows: int, max_columns: int, inflated=None):
        self._inflated: dict[str, list[bytes]] = inflated if inflated is not None else {}
        self._max_rows = max_rows
        self._max_columns = max_columns
        self._archive = zipfile.ZipFile(BytesIO(data))
        self._book = _call(python_calamine.CalamineWorkbook.from_filelike, BytesIO(data))
        self.sheets = [
            SheetInfo(
                meta.name,
                meta.visible == python_calamine.SheetVisibleEnum.Visible,
                meta.typ == python_calamine.SheetTypeEnum.WorkSheet,
            )
            for meta in self._book.sheets_metadata
        ]
        self._workbook = self._workbook_xml()
        self.date1904 = self._date1904()
        self._without_sheets: bytes | None = None

    def _workbook_xml(self):
        try:
            return ElementTree.fromstring(self._archive.read("xl/workbook.xml"))
        except Exception:
            raise UnreadableWorkbook("workbook.xml") from None

    def _date1904(self) -> bool:
        properties = next(_children(self._workbook, "workbookPr"), None)
        return properties is not None and properties.get("date1904", "").lower() in ("1", "true")

    def _sheet_part(self, name: str) -> str | None:
        sheet = next((s for s in _children(self._workbook, "sheet") if s.get("name") == name), None)
        if sheet is None:
            return None
        try:
            rels = ElementTree.fromstring(self._archive.read("xl/_rels/workbook.xml.rels"))
        except Exception:
            return None
        wanted = _attribute(sheet, "id")
        target = next(
            (r.get("Target", "") for r in _children(rels, "Relationship") if r.get("Id") == wanted),
            "",
        )
        part = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )
        return part if part in self._archive.NameToInfo else None

    def scan(self, name: str) -> SheetScan:
        """The sheet's real extent and its special cells; SheetTooLarge beyond the limits."""
        part = self._sheet_part(name)
        if part is None:
            return SheetScan()
        kept = self._inflated.pop(part, None)
        with (
            _unzipping(),
            _Inflated(kept) if kept is not None else self._archive.open(part) as stream,
        ):
            return scan_sheet(stream, name, self._max_rows, self._max_columns)

    def _template(self) -> bytes:
        """The package without its worksheets: what calamine needs besides the band it reads
        (the workbook, shared strings, styles). Made once, at the first band."""
        if self._without_sheets is None:
            sheets = {self._sheet_part(sheet.name) for sheet in self.sheets}
            out = BytesIO()
            with (
                _unzipping(),
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
            ):
                for info in self._archive.infolist():
                    if info.filename not in sheets:
                        target.writestr(info.filename, self._archive.read(info))
            self._without_sheets = out.getvalue()
        return self._without_sheets

    def _band_sheet(self, name: str, part: str, pieces: list[bytes]):
        """calamine's sheet read from a copy of the package whose part `part` holds the
        `pieces` (each let go once written)."""
        package = BytesIO(self._template())
        package.seek(0, 2)
        pieces.reverse()
        with zipfile.ZipFile(package, "a") as target, target.open(part, "w") as entry:
            while pieces:
                entry.write(pieces.pop())
        package.seek(0)
        book = _call(python_calamine.CalamineWorkbook.from_filelike, package)
        package.close()  # calamine holds its own copy
        try:
            return _call(book.get_sheet_by_name, name)
        finally:
            book.close()

    def _band_height(self, scan: SheetScan) -> int | None:
        """The rows of a band for a sheet too large to read whole, else None: about
        _BAND_CELLS cells at the sheet's cells a row, and within _BAND_AREA."""
        # The scan counts columns past Z only: a sheet within A-Z may reach Z.
        width = max(scan.last_column + 1, min(26, self._max_columns))
        rows = max(1, _BAND_AREA // width)
        if scan.cells <= _WHOLE * _BAND_CELLS and scan.row_count <= _WHOLE * rows:
            return None
        return max(1, min(rows, _BAND_CELLS * scan.row_count // max(scan.cells, 1)))

    def _bands(self, name: str, sparse: bool, height) -> Iterator[tuple[object, array | None]]:
        """calamine's sheet a band of `height` rows at a time (None: one), and a compacted
        copy's row numbers for a sparse sheet."""
        part = self._sheet_part(name)
        numbers = array("l") if sparse else None
        with _unzipping(), self._archive.open(part) as stream:
            segments = _segments(stream)
            if numbers is not None:
                segments = _renumbered(segments, numbers)
            for pieces in _bands(segments, height):
                yield self._band_sheet(name, part, pieces), numbers

    def _banded_rows(self, name: str, sparse: bool, height, marks: dict):
        done = -1
        for sheet, numbers in self._bands(name, sparse, height):
            start, end = sheet.start, sheet.end
            if start is None:
                continue
            if start[0] <= done:
                raise UnreadableWorkbook("rows out of order")
            band = _call(sheet.to_python)
            del sheet  # calamine's range goes before the band's rows are looked at
            yield from _band_rows(band, start, end, numbers, done, marks)
            done = end[0]

    def rows(self, name: str) -> Iterator[tuple[int, list]]:
        """(Excel row number, values from column A) for every row that is not blank.

        An empty cell is '' or None; a formula without cached value is
        FORMULA_WITHOUT_VALUE, an error value an ErrorValue. SheetTooLarge for a
        sheet beyond the limits, before anything is read. A sheet read in bands
        yields each row with the cells up to its band's last column.
        """
        scan = self.scan(name)
        marks: dict[int, dict] = {}
        for (row, column), shown in scan.errors.items():
            marks.setdefault(row, {})[column] = ErrorValue(shown)
        for row, column in scan.formulas_without_value:
            marks.setdefault(row, {})[column] = FORMULA_WITHOUT_VALUE
        height = self._band_height(scan)
        if scan.sparse or height is not None:
            yield from self._banded_rows(name, scan.sparse, height, marks)
        else:
            yield from _numbered(_call(self._book.get_sheet_by_name, name), marks)
        for number in sorted(marks):
            yield number, _mark([], marks[number])

    def close(self):
        self._book.close()
        self._archive.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_workbook(
    data: bytes, max_rows: int = 100_050, max_columns: int = 60, inflated=None
) -> CalamineReader:
    """A reader over a package that passed check_package; UnreadableWorkbook if it is not one.

    A sheet may hold at most `max_rows` row elements and no cell beyond
    `max_columns` columns; rows() raises SheetTooLarge for one that does. `inflated`: the
    parts check_package kept (`keep`), which the scan takes instead of inflating them again.
    """
    try:
        return CalamineReader(data, max_rows, max_columns, inflated)
    except zipfile.BadZipFile:
        raise UnreadableWorkbook("zip") from None
