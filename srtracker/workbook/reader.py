"""Reading cell values out of an .xlsx that passed the package checks.

python-calamine does the reading: it is several times faster than openpyxl and
sees cached formula values only. What it cannot tell apart, an empty cell from
a formula that was never calculated, is found by scanning the sheet XML for
formula elements without a cached value; such cells come back as
FORMULA_WITHOUT_VALUE. No formula is ever evaluated.

Rows come back with the row number Excel shows and the values indexed from
column A, whatever calamine skips at the top or left. `open_workbook` is the
only constructor; a different reader only has to offer the same methods.
"""

import posixpath
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

import python_calamine
from defusedxml import ElementTree

FORMULA_WITHOUT_VALUE = type("FormulaWithoutValue", (), {"__repr__": lambda self: "<formula>"})()

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b")
_CELL_OPEN = re.compile(rb"<(?:[\w.-]+:)?c\b")
_CELL_CLOSE = re.compile(rb"</(?:[\w.-]+:)?c>")
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})(\d+)"')
_STRING_RESULT = re.compile(rb'\st="str"')
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\s*>([^<]+)<")
_EMPTY_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b")
_CHUNK = 1 << 20


class UnreadableWorkbook(Exception):
    """The package passed its checks, but its workbook cannot be read."""


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool
    worksheet: bool


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


def _scan_segment(segment: bytes, found: set) -> None:
    for match in _FORMULA.finditer(segment):
        start = segment.rfind(b"<", 0, match.start())
        start_tag = segment[start : match.start()]
        ref = _CELL_REF.search(start_tag)
        if not _CELL_OPEN.match(start_tag) or ref is None:
            continue
        close = _CELL_CLOSE.search(segment, match.end())
        body = segment[match.end() : close.start() if close else len(segment)]
        if not _has_cached_value(start_tag, body):
            found.add((int(ref[2]), _column_index(ref[1])))


def scan_formulas_without_value(stream) -> set[tuple[int, int]]:
    """(Excel row, 0-based column) of every formula cell without a cached value.

    Streams the sheet XML in chunks cut after a complete row, so memory stays
    at one chunk whatever the size of the sheet.
    """
    found = set()
    pending = b""
    while chunk := stream.read(_CHUNK):
        pending += chunk
        cut = pending.rfind(b"row>") + 4
        if cut > 3:
            _scan_segment(pending[:cut], found)
            pending = pending[cut:]
    _scan_segment(pending, found)
    return found


def _call(action, *args):
    """Run a calamine call; whatever it raises (a Rust panic included) means unreadable."""
    try:
        return action(*args)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as error:  # pyo3 panics derive from BaseException
        raise UnreadableWorkbook(type(error).__name__) from None


def _mark(values: list, columns: list) -> list:
    for column in columns:
        values.extend([""] * (column + 1 - len(values)))
        values[column] = FORMULA_WITHOUT_VALUE
    return values


class CalamineReader:
    def __init__(self, data: bytes):
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
        self.date1904 = self._date1904()

    def _workbook_xml(self):
        try:
            return ElementTree.fromstring(self._archive.read("xl/workbook.xml"))
        except Exception:
            raise UnreadableWorkbook("workbook.xml") from None

    def _date1904(self) -> bool:
        properties = self._workbook_xml().find(f"{_MAIN}workbookPr")
        return properties is not None and properties.get("date1904", "").lower() in ("1", "true")

    def _sheet_part(self, name: str) -> str | None:
        sheet = next(
            (s for s in self._workbook_xml().iter(f"{_MAIN}sheet") if s.get("name") == name), None
        )
        if sheet is None:
            return None
        try:
            rels = ElementTree.fromstring(self._archive.read("xl/_rels/workbook.xml.rels"))
        except Exception:
            return None
        target = next(
            (
                r.get("Target", "")
                for r in rels.iter(f"{_PKG_REL}Relationship")
                if r.get("Id") == sheet.get(f"{_REL}id")
            ),
            "",
        )
        return (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )

    def formulas_without_value(self, name: str) -> set[tuple[int, int]]:
        part = self._sheet_part(name)
        if part is None or part not in self._archive.NameToInfo:
            return set()
        with self._archive.open(part) as stream:
            return scan_formulas_without_value(stream)

    def rows(self, name: str) -> Iterator[tuple[int, list]]:
        """(Excel row number, values from column A) for every row that is not blank.

        An empty cell is '' or None; a formula without cached value is
        FORMULA_WITHOUT_VALUE.
        """
        missing = defaultdict(list)
        for row, column in self.formulas_without_value(name):
            missing[row].append(column)
        sheet = _call(self._book.get_sheet_by_name, name)
        start = sheet.start
        number = 0
        if start is not None:
            padding = [""] * start[1]
            try:
                # calamine yields rows from row 1 but columns from the first used one
                for number, values in enumerate(sheet.iter_rows(), 1):
                    if padding:
                        values = padding + values
                    if number in missing:
                        yield number, _mark(values, missing.pop(number))
                    elif values.count("") != len(values):
                        yield number, values
            except (GeneratorExit, KeyboardInterrupt, SystemExit, MemoryError):
                raise
            except BaseException as error:  # pyo3 panics derive from BaseException
                raise UnreadableWorkbook(type(error).__name__) from None
        for number in sorted(missing):
            yield number, _mark([], missing[number])

    def close(self):
        self._book.close()
        self._archive.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_workbook(data: bytes) -> CalamineReader:
    """A reader over a package that passed check_package; UnreadableWorkbook if it is not one."""
    try:
        return CalamineReader(data)
    except zipfile.BadZipFile:
        raise UnreadableWorkbook("zip") from None
