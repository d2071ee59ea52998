"""The supplier's own workbook back, with each problem marked where it is.

A bad cell gets a hatched fill, a "⚠ " shown before its value by its number
format (the value itself is untouched, so the file still validates the same),
and a comment that says what to change. Issues without a cell go in a comment
on column A of their row, or on A1 of their sheet (or of the first sheet).
Only for files that passed the package checks.
"""

from collections import defaultdict
from collections.abc import Callable
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.styles.numbers import is_date_format

from srtracker.domain.text import identity

AUTHOR = "srtracker"
MARK = "⚠ "
FILL = PatternFill("lightTrellis", fgColor="C00000", bgColor="FFC7CE")


def _marked_format(current: str) -> str:
    if current.startswith(f'"{MARK}"'):
        return current
    if is_date_format(current):
        return f'"{MARK}"{current}'
    return f'"{MARK}"General;"{MARK}"-General;"{MARK}"0;"{MARK}"@'


def annotate(data: bytes, errors, translate: Callable[[str], str] = identity) -> bytes:
    """`data` with every issue in `errors` (report_rules.Issue) marked and commented."""
    book = load_workbook(BytesIO(data), rich_text=False)
    notes = defaultdict(list)
    for issue in errors:
        sheet = issue.sheet if issue.sheet in book.sheetnames else book.sheetnames[0]
        cell = issue.cell or (f"A{issue.row}" if issue.row else "A1")
        notes[(sheet, cell, issue.cell is not None)].append(issue.describe(translate))
    for (sheet, reference, own_cell), messages in notes.items():
        cell = book[sheet][reference]
        if own_cell:
            cell.fill = FILL
            cell.number_format = _marked_format(cell.number_format)
        text = "\n".join(dict.fromkeys(messages))
        if cell.comment is not None:
            text = f"{cell.comment.text}\n{text}"
        cell.comment = Comment(text, AUTHOR, width=320, height=120)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
