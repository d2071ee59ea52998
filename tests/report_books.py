"""Building progress-report workbooks for tests (tests/domain and tests/workbook share it)."""

import contextlib
import re
import zipfile
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl

from srtracker.domain import report_rules
from srtracker.domain.contracts import Clause, Contract
from srtracker.domain.periods import parse_period
from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.domain.report_rules import Limits
from srtracker.workbook.upload import validate_upload

PERSONS = Clause(
    "SR1",
    "Plaatsingen vanuit de bijstand",
    "persons",
    Decimal(10),
    ("placement",),
    date(2026, 1, 1),
    date(2027, 12, 31),
    eligible_groups=("participatiewet", "wajong"),
    min_hours_per_week=Decimal(24),
)
HOURS = Clause(
    "SR2",
    "Uren opleiding en stage",
    "hours",
    Decimal(4000),
    ("training", "internship", "apprenticeship"),
    date(2026, 2, 1),
    date(2027, 12, 31),
)
EUROS = Clause(
    "SR3",
    "Sociaal inkopen",
    "euros",
    Decimal(50000),
    ("social_purchase",),
    date(2026, 1, 1),
    date(2027, 12, 31),
)
CONTRACT = Contract(
    "2026-HH-014",
    "Hulp bij het huishouden, perceel Noord",
    "Gemeente Apeldoorn",
    "Thuiszorg Oost B.V.",
    Decimal(2400000),
    date(2026, 1, 1),
    date(2027, 12, 31),
    "quarterly",
    30,
    (PERSONS, HOURS, EUROS),
)
PERIOD = parse_period("quarterly", "2026-Q1")
REFERENCE = DEFAULT_REFERENCE

HEADER = [
    "kandidaat",
    "verplichting",
    "soort",
    "doelgroep",
    "startdatum",
    "einddatum",
    "uren_per_week",
    "bedrag_eur",
    "opmerking",
]
HEADER_EN = [
    "candidate_ref",
    "clause",
    "type",
    "target_group",
    "start_date",
    "end_date",
    "hours_per_week",
    "amount_eur",
    "note",
]
# Column letters of HEADER, for reading expectations.
COL = dict(zip(HEADER_EN, "ABCDEFGHI", strict=False))


def person(
    ref="K-001",
    clause="SR1",
    kind="placement",
    group="wajong",
    start=date(2026, 1, 5),
    end=None,
    hours=32,
    note=None,
):
    return [ref, clause, kind, group, start, end, hours, None, note]


def purchase(ref="INK-1", amount=1250, start=date(2026, 2, 1)):
    return [ref, "SR3", "social_purchase", None, start, None, None, amount, None]


def xlsx(sheets: dict, hidden=(), setup=None) -> bytes:
    """A workbook with one sheet per key, each filled with its list of rows from A1."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    if setup:
        setup(book)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def report(*rows, header=HEADER, above=(), sheet="Voortgang", info=None) -> bytes:
    """A report workbook: optional rows above the header, the header, then `rows`."""
    sheets = {sheet: [*above, header, *rows]}
    if info is not None:
        sheets["Info"] = [list(item) for item in info.items()]
    return xlsx(sheets)


def validate(data: bytes, previous=None, had_rows_before=False, period=PERIOD, limits=None):
    return validate_upload(
        data, CONTRACT, period, REFERENCE, previous, had_rows_before, limits or Limits()
    )


def found(issues) -> list[tuple]:
    """(code, row, column, cell) of each issue, to compare with what the spec says."""
    return [(i.code, i.row, i.column, i.cell) for i in issues]


def rezip(data: bytes, change) -> bytes:
    """The same package with each entry's bytes passed through change(name, bytes)."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return out.getvalue()


def without_cached_values(data: bytes, sheet_part="xl/worksheets/sheet1.xml") -> bytes:
    """Drop every formula's cached <v>, as a generator that never calculates would."""
    pattern = re.compile(rb"(</f>|<f[^>]*/>)<v\s*(?:/>|>[^<]*</v>)")
    return rezip(data, lambda name, body: pattern.sub(rb"\1", body) if name == sheet_part else body)


def with_cached_values(data: bytes, value: bytes, sheet_part="xl/worksheets/sheet1.xml") -> bytes:
    """Give every formula the cached value `value`, as Excel does when it saves."""
    pattern = re.compile(rb"(</f>|<f[^>]*/>)<v\s*(?:/>|>[^<]*</v>)")
    return rezip(
        data,
        lambda name, body: (
            pattern.sub(rb"\1<v>" + value + rb"</v>", body) if name == sheet_part else body
        ),
    )


MAIN_NS = {
    "transitional": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "strict": "http://purl.oclc.org/ooxml/spreadsheetml/main",
}
RELATIONSHIPS_NS = {
    "transitional": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "strict": "http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def cell_xml(ref: str, value) -> str:
    """One <c> element: a number, an inline string, or ('e', '#N/A'[, formula]) for an error."""
    if isinstance(value, tuple):
        kind, shown, *formula = value
        cached = "".join(f"<f>{f}</f>" for f in formula) + (f"<v>{shown}</v>" if shown else "")
        return f'<c r="{ref}" t="{kind}">{cached}</c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_rows_xml(rows: dict) -> str:
    """<row> elements for {row number: {column letters: value}}."""
    return "".join(
        f'<row r="{number}">'
        + "".join(cell_xml(f"{letters}{number}", v) for letters, v in cells.items())
        + "</row>"
        for number, cells in sorted(rows.items())
    )


def raw_package(
    sheet_data: str,
    dimension=None,
    flavour="transitional",
    date1904=False,
    sheet="Voortgang",
    compresslevel=6,
) -> bytes:
    """A minimal package written by hand, as another writer would: one sheet of `sheet_data`."""
    main, rel = MAIN_NS[flavour], RELATIONSHIPS_NS[flavour]
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    if flavour == "strict":
        kind = rel
    worksheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{worksheet_type}"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{kind}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            + ('<workbookPr date1904="1"/>' if date1904 else "")
            + f'<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{kind}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
            + (f'<dimension ref="{dimension}"/>' if dimension else "")
            + f"<sheetData>{sheet_data}</sheetData></worksheet>"
        ),
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def header_cells(header=HEADER) -> dict:
    return dict(zip("ABCDEFGHI", header, strict=True))


@contextlib.contextmanager
def full_checks():
    """Every row through check_row: the quick pass takes none."""
    chunk = report_rules._Quick.chunk
    report_rules._Quick.chunk = lambda self, numbers, rows: [None] * len(rows)
    try:
        yield
    finally:
        report_rules._Quick.chunk = chunk


def validation_outcome(result) -> tuple:
    """All a validation decides, to compare two ways of reaching it."""
    return (
        result.status,
        result.rows,
        result.contributions,
        [asdict(e) for e in result.errors],
        [asdict(w) for w in result.warnings],
        result.keep_file,
    )
