"""All rows of one clause's counting report, as the explanation page shows them, in xlsx.

The page shows a page of rows at a time; this has every row, streamed with XlsxWriter
(workbook/stream.py). Candidate references and texts come from suppliers: every cell
goes through `cells.put`, so text stays text.
"""

from io import BytesIO
from itertools import chain

from .cells import put
from .stream import Book


def clause_rows_workbook(title: str, headers, rows) -> bytes:
    """`rows`: (row number, candidate reference, counts: str, reason: str, text) tuples."""
    out = BytesIO()
    book = Book(out)
    sheet = book.sheet(title[:31])
    for row, values in enumerate(chain([headers], rows), start=1):
        for column, value in enumerate(values, start=1):
            put(sheet.cell(row, column), value)
    book.close()
    return out.getvalue()
