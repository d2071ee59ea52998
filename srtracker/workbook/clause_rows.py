"""All rows of one clause's counting report, as the explanation page shows them, in xlsx.

The page shows a page of rows at a time; this has every row. Candidate references and
texts come from suppliers: every cell goes through `cells.put`, so text stays text.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .cells import put


def clause_rows_workbook(title: str, headers, rows) -> bytes:
    """`rows`: (row number, candidate reference, counts: str, reason: str, text) tuples."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([put(WriteOnlyCell(sheet), header) for header in headers])
    for row in rows:
        sheet.append([put(WriteOnlyCell(sheet), value) for value in row])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
