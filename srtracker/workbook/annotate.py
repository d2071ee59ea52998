"""The supplier's own workbook back, with each problem marked where it is.

A bad cell gets a hatched fill, a "⚠ " shown before its value by its number
format (the value itself is untouched, so the file still validates the same),
and a comment that says what to change. Issues without a cell go in a comment
on column A of their row, or on A1 of their sheet (or of the first sheet). A
cell covered by a merge is marked on the merge's top-left cell, the only one
a spreadsheet shows.

`feedback_workbook` is the one way in: it runs the package checks first (a
stored file is opened like an upload, never trusted), then rewrites the
supplier's own file with openpyxl (a Strict package, or one with styles that
openpyxl refuses, is made loadable first: workbook.repair). Where openpyxl
still cannot read or rewrite it, or the file is too large to edit in memory,
the feedback is a clean copy of the file's sheets, read by the upload's own
reader, with the same marks and a note on its Info sheet saying so. Where
even the reader fails, it is a list of the problems. It is never nothing.
"""

import logging
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import column_index_from_string as column_index
from openpyxl.utils.cell import coordinate_from_string, get_column_letter

from srtracker.domain.report_cells import ErrorValue, SheetTooLarge
from srtracker.domain.report_columns import HEADER_SEARCH_ROWS
from srtracker.domain.report_files import may_offer
from srtracker.domain.report_messages import FEEDBACK
from srtracker.domain.report_rules import DEFAULT_LIMITS, Limits
from srtracker.domain.text import identity
from srtracker.workbook.cached import formula_cells, with_cached_results
from srtracker.workbook.cells import put
from srtracker.workbook.package import PackageProblem, check_package
from srtracker.workbook.reader import FORMULA_WITHOUT_VALUE, UnreadableWorkbook, open_workbook
from srtracker.workbook.repair import tolerant_styles, transitional

AUTHOR = "srtracker"
MARK = "⚠ "
FILL = PatternFill("lightTrellis", fgColor="C00000", bgColor="FFC7CE")
# Above this many unpacked bytes openpyxl would need too much memory (about ten times
# the XML) to edit the file itself: the feedback is then the clean copy, written in a stream.
# config.toml [reports] feedback_edit_max_mb.
MAX_EDIT_BYTES = 10 * 2**20
# Pillow decodes only images in formats other than PNG, JPEG and GIF, to keep them.
MAX_IMAGE_PIXELS = 25_000_000
INFO_SHEET = "Info"
DATE_FORMATS = {datetime: "d-m-yyyy h:mm", date: "d-m-yyyy", time: "h:mm"}
_LEADING_CODE = re.compile(r"^(\[(?![hms]+\])[^\]]*\])*", re.IGNORECASE)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Note:
    """The messages for one cell; `own_cell` when the cell itself is wrong (so marked)."""

    messages: tuple[str, ...]
    own_cell: bool


# -- number formats ------------------------------------------------------------------------


def _sections(number_format: str) -> list[str]:
    """The ;-separated sections of a number format, ignoring ; in quotes or escaped."""
    sections, current, quoted, escaped = [], "", False, False
    for char in number_format:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            sections.append(current)
            current = ""
            continue
        current += char
    return sections + [current]


def _with_mark(section: str) -> str:
    """The section with the marker in front, after its colour, condition or locale codes."""
    codes = _LEADING_CODE.match(section).group(0)
    return f'{codes}"{MARK}"{section[len(codes) :]}'


def marked_format(current: str) -> str:
    """`current` with "⚠ " before every kind of value, text included.

    A format of fewer than four sections shows text as it is, so the text
    section is added: a date-formatted cell that holds text (the usual bad
    date) shows the marker too.
    """
    if f'"{MARK}"' in current:
        return current
    if not current or current.casefold() == "general":
        return f'"{MARK}"General;"{MARK}"-General;"{MARK}"0;"{MARK}"@'
    sections = _sections(current)
    if len(sections) == 1:
        negative = sections[0] if "[" in sections[0] else f"-{sections[0]}"
        sections = [sections[0], negative, sections[0]]
    elif len(sections) == 2:
        sections = [sections[0], sections[1], sections[0]]
    if len(sections) == 3:
        sections.append("@")
    return ";".join(_with_mark(s) for s in sections[:4])


# -- the notes -----------------------------------------------------------------------------


def _notes(errors, sheetnames: list[str], translate) -> dict[str, dict[str, Note]]:
    """sheet -> cell reference -> Note, every issue placed on a sheet of the workbook."""
    found = defaultdict(lambda: defaultdict(list))
    own = set()
    for issue in errors:
        sheet = issue.sheet if issue.sheet in sheetnames else sheetnames[0]
        cell = issue.cell or (f"A{issue.row}" if issue.row else "A1")
        found[sheet][cell].append(issue.describe(translate))
        if issue.cell is not None:
            own.add((sheet, cell))
    return {
        sheet: {
            cell: Note(tuple(dict.fromkeys(messages)), (sheet, cell) in own)
            for cell, messages in cells.items()
        }
        for sheet, cells in found.items()
    }


def _comment(text: str, existing=None) -> Comment:
    if existing is not None and existing.text:
        text = f"{existing.text}\n{text}"
    return Comment(text, AUTHOR, width=320, height=120)


def _mark(cell, note: Note) -> None:
    if note.own_cell:
        cell.fill = FILL
        cell.number_format = marked_format(cell.number_format)
    cell.comment = _comment("\n".join(note.messages), cell.comment)


# -- the supplier's own file ---------------------------------------------------------------


def _shown_cell(sheet, reference: str):
    """The cell a spreadsheet shows for `reference`: the top-left one of a merge."""
    column, row = coordinate_from_string(reference)
    column = column_index(column)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return sheet.cell(merged.min_row, merged.min_col)
    return sheet.cell(row, column)


def annotate(
    data: bytes, errors, translate: Callable[[str], str] = identity, limits: Limits = DEFAULT_LIMITS
) -> bytes:
    """The supplier's own workbook `data`, rewritten by openpyxl with every issue marked.

    Formulas keep the results cached in `data` (workbook.cached). Only for a
    file that passed the package checks; raises whatever openpyxl raises on a
    file it cannot read or write.
    """
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    book = load_workbook(BytesIO(data), rich_text=False)
    sheets = [s.title for s in book.worksheets]
    lost = {i.sheet for i in errors if i.sheet is not None} - set(sheets)
    if not sheets or lost:
        raise ValueError("openpyxl did not read every sheet")
    for sheet, cells in _notes(errors, sheets, translate).items():
        for reference, note in cells.items():
            _mark(_shown_cell(book[sheet], reference), note)
    out = BytesIO()
    book.save(out)
    return with_cached_results(out.getvalue(), data, book, formula_cells(book), limits)


# -- the clean copy ------------------------------------------------------------------------


def _value_cell(sheet, value, note: Note | None):
    if value is None or value is FORMULA_WITHOUT_VALUE or value == "":
        value = None
    elif isinstance(value, ErrorValue):
        cell = WriteOnlyCell(sheet)
        cell.value, cell.data_type = value.shown, "e"
        return _marked(cell, note)
    elif not isinstance(value, (str, bool, int, float, date, time)):
        value = str(value)
    return _marked(put(WriteOnlyCell(sheet), value, DATE_FORMATS.get(type(value))), note)


def _marked(cell, note: Note | None):
    if note is not None:
        _mark(cell, note)
    return cell


def _copy_sheet(sheet, rows, notes: dict[str, Note]) -> None:
    """The rows (Excel row number, values from column A) into a write-only sheet."""
    by_row = defaultdict(dict)
    for reference, note in notes.items():
        column, row = coordinate_from_string(reference)
        by_row[row][column_index(column) - 1] = note
    written = 0
    pending = sorted(by_row)

    def write(number: int, values: list) -> None:
        nonlocal written
        for _ in range(number - written - 1):
            sheet.append([])
        marks = by_row.get(number, {})
        width = max([len(values)] + [c + 1 for c in marks])
        padded = list(values) + [None] * (width - len(values))
        sheet.append([_value_cell(sheet, v, marks.get(i)) for i, v in enumerate(padded)])
        written = number

    for number, values in rows:
        while pending and pending[0] < number:
            write(pending.pop(0), [])
        if pending and pending[0] == number:
            pending.pop(0)
        write(number, values)
    for number in pending:
        write(number, [])


def _note_rows(sheet, data_sheet: str, translate) -> None:
    sheet.append([])
    note = translate(FEEDBACK["copy"]).format(sheet=data_sheet)
    sheet.append([put(WriteOnlyCell(sheet), translate(FEEDBACK["note"])), _bold(sheet, note)])


def _bold(sheet, text: str):
    cell = put(WriteOnlyCell(sheet), text)
    cell.font = Font(bold=True)
    return cell


def clean_copy(
    data: bytes, errors, translate: Callable[[str], str] = identity, limits: Limits = DEFAULT_LIMITS
) -> bytes:
    """Every worksheet of `data` as values, with every issue marked, and a note on Info.

    Read by the upload's reader and written in a stream, so memory follows
    the cells, not the file's styles or pictures.
    """
    book = Workbook(write_only=True)
    with open_workbook(data, limits.max_rows + HEADER_SEARCH_ROWS, limits.max_columns) as reader:
        sheets = [s for s in reader.sheets if s.worksheet]
        names = [s.name for s in sheets] or [INFO_SHEET]
        notes = _notes(errors, names, translate)
        marked = next((s.name for s in sheets if s.name in notes), names[0])
        info = next((s.name for s in sheets if s.name.strip().casefold() == "info"), None)
        if info is None:
            note_sheet = book.create_sheet(INFO_SHEET)
            _note_rows(note_sheet, marked, translate)
        for meta in sheets:
            sheet = book.create_sheet(meta.name)
            _copy_sheet(sheet, reader.rows(meta.name), notes.get(meta.name, {}))
            if meta.name == info:
                _note_rows(sheet, marked, translate)
            if not meta.visible:
                sheet.sheet_state = "hidden"
    titles = [s.title for s in book.worksheets]
    book.active = titles.index(info or INFO_SHEET)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


# -- the last resort -----------------------------------------------------------------------


def issue_list(errors, translate: Callable[[str], str] = identity) -> bytes:
    """A workbook listing the problems with their cells, for a file nothing can read."""
    book = Workbook()
    sheet = book.active
    sheet.title = translate(FEEDBACK["issues_sheet"])[:31]
    put(sheet.cell(1, 1), translate(FEEDBACK["unreadable"])).font = Font(bold=True)
    headers = [translate(FEEDBACK[k]) for k in ("sheet", "cell", "column", "message")]
    for column, header in enumerate(headers, 1):
        put(sheet.cell(3, column), header).font = Font(bold=True)
    for row, issue in enumerate(errors, 4):
        values = [issue.sheet, issue.cell or issue.row, issue.column, issue.describe(translate)]
        for column, value in enumerate(values, 1):
            put(sheet.cell(row, column), value)
    for column, width in enumerate((16, 8, 18, 100), 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _own_file(data: bytes, errors, translate, limits: Limits) -> bytes:
    """annotate(), on the package made loadable where it is Strict or has odd styles."""
    data = transitional(data) or data
    try:
        return annotate(data, errors, translate, limits)
    except Exception:
        repaired = tolerant_styles(data)
        if repaired is None:
            raise
    return annotate(repaired, errors, translate, limits)


def feedback_workbook(
    data: bytes | None,
    errors,
    translate: Callable[[str], str] = identity,
    limits: Limits | None = None,
    max_edit_bytes: int = MAX_EDIT_BYTES,
) -> bytes:
    """The feedback workbook of a stored upload `data` (None when gone) with its `errors`.

    `data` goes through the package checks first, as an upload does; a file
    that fails them now (a macro file stored before they were kept out, a
    limit lowered since) is never opened: the feedback is the list of problems.
    """
    limits = limits or DEFAULT_LIMITS
    if not may_offer(e.code for e in errors):
        log.warning("a refused file is never opened; writing the list of problems")
        return issue_list(errors, translate)
    try:
        if data is None:
            raise PackageProblem("not_xlsx", "")
        unpacked = check_package(data, limits.max_upload_bytes, limits.max_unpacked_bytes)
    except PackageProblem as problem:
        log.warning("stored workbook not opened (%s); writing the list of problems", problem.key)
        return issue_list(errors, translate)
    if unpacked <= max_edit_bytes:
        try:
            return _own_file(data, errors, translate, limits)
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as error:
            log.warning(
                "own workbook not rewritten (%s); writing a clean copy", type(error).__name__
            )
    try:
        return clean_copy(data, errors, translate, limits)
    except (UnreadableWorkbook, SheetTooLarge) as error:
        log.warning("workbook unreadable (%s); writing the list of problems", error)
    return issue_list(errors, translate)
