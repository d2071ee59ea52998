"""Building progress-report workbooks for tests (tests/domain and tests/workbook share it)."""

import re
import zipfile
from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl

from srtracker.domain.contracts import Clause, Contract
from srtracker.domain.periods import parse_period
from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.domain.report_rules import Limits, validate_report

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


def validate(data: bytes, previous=None, had_rows_before=False, period=PERIOD, limits=Limits()):
    return validate_report(data, CONTRACT, period, REFERENCE, previous, had_rows_before, limits)


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
