"""Write sample_contracts/reports/: progress reports for the sample contracts, and a manifest.

Good reports are cumulative and are loaded by `srtracker demo`; bad ones each show a
mistake suppliers make, with the exact errors listed in manifest.toml. The output is
deterministic (fixed zip and document timestamps), so running this again rewrites
byte-identical files:

    .venv/bin/python tools/make_sample_reports.py [OUTPUT_DIR]
"""

import json
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from report_books import (
    without_cached_values,
    xlsx,
)

from srtracker.domain.contract_file import read_contract_file
from srtracker.domain.contributions import Contribution
from srtracker.domain.periods import parse_period
from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.domain.report_columns import (
    COLUMNS,
    column_letter,
)
from srtracker.workbook.template import write_template

SAMPLES = ROOT / "sample_contracts"
OUTPUT = SAMPLES / "reports"
LETTER = {c.name: column_letter(i) for i, c in enumerate(COLUMNS)}  # template column letters
D = date
H = Decimal


@dataclass(frozen=True)
class Row:
    """One contribution as the supplier knows it; a report shows it once it has started."""

    ref: str
    clause: str
    type: str
    start: date
    group: str | None = None
    hours: int | str | None = None  # a str only for a mistake (a formula)
    end: date | None = None
    amount: Decimal | None = None
    note: str = ""
    planned: bool = False  # the end date is known from the start (an internship, a BBL year)
    valued: dict | None = None  # the optional valuation columns (docs/valuation.md)

    def in_report(self, row: int, period) -> Contribution:
        shown = self.end if self.end and (self.planned or self.end <= period.end) else None
        return Contribution(
            row=row,
            candidate_ref=self.ref,
            clause=self.clause,
            type=self.type,
            start_date=self.start,
            target_group=self.group,
            end_date=shown,
            hours_per_week=H(self.hours) if isinstance(self.hours, int) else self.hours,
            amount_eur=self.amount,
            note=self.note,
            **(self.valued or {}),
        )


def person(ref, clause, kind, group, start, hours, end=None, note="", planned=False, **valued):
    return Row(ref, clause, kind, start, group, hours, end, None, note, planned, valued or None)


def purchase(ref, start, amount, note, clause="SR3", **valued):
    return Row(
        ref, clause, "social_purchase", start, amount=H(amount), note=note, valued=valued or None
    )


# -- what each supplier did, in the order it reports them ---------------------------------

ROWS = {
    "2026-HH-014": [
        person(
            "TZO-0005",
            "SR1",
            "placement",
            "participatiewet",
            D(2026, 1, 12),
            28,
            D(2026, 4, 30),
            "dienstverband niet voortgezet na proeftijd",
        ),
        person(
            "TZO-0003",
            "SR1",
            "placement",
            "participatiewet",
            D(2026, 2, 2),
            32,
            note="dienstverband 1 jaar, wijkteam Noord",
        ),
        person(
            "TZO-0020",
            "SR2",
            "internship",
            "nug",
            D(2026, 2, 2),
            16,
            D(2026, 6, 26),
            "BOL-stage helpende zorg en welzijn",
            planned=True,
        ),
        person("TZO-0007", "SR1", "placement", "wajong", D(2026, 3, 16), 24),
        person(
            "TZO-0021",
            "SR2",
            "training",
            "participatiewet",
            D(2026, 4, 1),
            8,
            note="opleiding huishoudelijke hulp, 1 dag per week",
        ),
        person("TZO-0011", "SR1", "placement", "ww", D(2026, 4, 6), 32),
        person(
            "TZO-0012",
            "SR1",
            "placement",
            "participatiewet",
            D(2026, 5, 4),
            16,
            note="start op 16 uur, uitbreiding naar 24 uur gepland",
        ),
        person("TZO-0015", "SR1", "placement", "wajong", D(2026, 8, 3), 28),
        person(
            "TZO-0022",
            "SR2",
            "apprenticeship",
            "wajong",
            D(2026, 9, 1),
            24,
            D(2027, 8, 31),
            "BBL niveau 2",
            planned=True,
        ),
    ],
    "2025-BW-031": [
        person(
            "BCS-0201",
            "SR2",
            "apprenticeship",
            "nug",
            D(2025, 9, 1),
            32,
            D(2026, 8, 31),
            "BBL timmerman, leerjaar 1",
            planned=True,
        ),
        person(
            "BCS-0202",
            "SR2",
            "apprenticeship",
            "nug",
            D(2025, 9, 1),
            32,
            D(2026, 2, 27),
            "leerling gestopt met de opleiding",
        ),
        person(
            "BCS-0301",
            "SR3",
            "internship",
            "nug",
            D(2025, 9, 15),
            24,
            D(2026, 1, 30),
            "BOL-stage uitvoering bouw",
            planned=True,
        ),
        person(
            "BCS-0100",
            "SR1",
            "placement",
            "ww",
            D(2025, 10, 6),
            40,
            note="grondwerk, gestart vóór de ruwbouw",
        ),
        person("BCS-0101", "SR1", "placement", "ww", D(2025, 11, 10), 38, note="timmerman"),
        person(
            "BCS-0302",
            "SR3",
            "work_experience",
            "participatiewet",
            D(2026, 2, 2),
            16,
            D(2026, 6, 26),
            "werkervaring bouwplaatslogistiek",
            planned=True,
        ),
        person(
            "BCS-0102",
            "SR1",
            "placement",
            "participatiewet",
            D(2026, 3, 2),
            32,
            note="detachering via het Werkbedrijf",
        ),
        person("BCS-0103", "SR1", "placement", "nug", D(2026, 4, 13), 36),
        person("BCS-0104", "SR1", "placement", "wia", D(2026, 7, 6), 32, note="installatiemonteur"),
        person(
            "BCS-0203",
            "SR2",
            "apprenticeship",
            "ww",
            D(2026, 9, 1),
            16,
            D(2027, 6, 30),
            "BBL deeltijd, 2 dagen per week",
            planned=True,
        ),
        person(
            "BCS-0303",
            "SR3",
            "internship",
            "nug",
            D(2026, 9, 1),
            8,
            D(2027, 1, 29),
            "snuffelstage 1 dag per week",
            planned=True,
        ),
        # SR4, 5% in euros (Oost-Nederland): a Participatiewet placement > 2 years and a BBL
        # place at level 2 (levels 3-4 are not valued: the source table stops there).
        person(
            "BCS-0401",
            "SR4",
            "placement",
            "participatiewet",
            D(2026, 1, 5),
            36,
            note="uitvoerder in opleiding",
            benefit_months=28,
        ),
        person(
            "BCS-0402",
            "SR4",
            "apprenticeship",
            "vsv",
            D(2026, 2, 2),
            32,
            note="BBL metselaar",
            level="mbo_2",
        ),
    ],
    "2025-SC-002": [
        person("VFM-0001", "SR1", "placement", "participatiewet", D(2025, 5, 1), 24),
        person("VFM-0002", "SR1", "placement", "wajong", D(2025, 6, 16), 20),
        person(
            "VFM-0003",
            "SR1",
            "placement",
            "participatiewet",
            D(2025, 8, 4),
            12,
            note="avondschoonmaak stadskantoor",
        ),
        person(
            "VFM-0101",
            "SR2",
            "work_experience",
            "nug",
            D(2025, 9, 1),
            24,
            D(2026, 3, 13),
            "werkervaringsplaats met het Werkbedrijf",
        ),
        person("VFM-0004", "SR1", "placement", "wsw", D(2025, 10, 1), 16),
        person(
            "VFM-0005",
            "SR1",
            "placement",
            "participatiewet",
            D(2025, 11, 3),
            24,
            D(2026, 1, 30),
            "contract in onderling overleg beëindigd",
        ),
        person("VFM-0006", "SR1", "placement", "doelgroepregister", D(2026, 2, 2), 18),
        person(
            "VFM-0102",
            "SR2",
            "training",
            "participatiewet",
            D(2026, 4, 1),
            32,
            note="vakopleiding schoonmaak (SVS)",
        ),
        person("VFM-0103", "SR2", "work_experience", "wajong", D(2026, 5, 4), 24),
    ],
    "2025-GR-009": [
        person(
            "WHK-0101",
            "SR1",
            "work_experience",
            "participatiewet",
            D(2025, 4, 7),
            32,
            D(2025, 10, 31),
            "groenploeg Ede-Oost, seizoen 2025",
            planned=True,
        ),
        person(
            "WHK-0102",
            "SR1",
            "work_experience",
            "ww",
            D(2025, 4, 7),
            32,
            D(2025, 10, 31),
            "groenploeg Ede-Zuid, seizoen 2025",
            planned=True,
        ),
        person(
            "WHK-0103",
            "SR1",
            "internship",
            "nug",
            D(2025, 4, 14),
            24,
            D(2025, 7, 4),
            "stage MBO groene ruimte",
            planned=True,
        ),
        person(
            "WHK-0201",
            "SR2",
            "placement",
            "wsw",
            D(2025, 5, 1),
            32,
            note="detachering vanuit het SW-bedrijf",
        ),
        person("WHK-0203", "SR2", "placement", "wia", D(2025, 6, 2), 36, D(2025, 11, 28)),
        person(
            "WHK-0202",
            "SR2",
            "apprenticeship",
            "participatiewet",
            D(2025, 9, 1),
            24,
            note="BBL hovenier niveau 2",
        ),
        person(
            "WHK-0104",
            "SR1",
            "work_experience",
            "participatiewet",
            D(2026, 3, 2),
            36,
            D(2026, 10, 30),
            "groenploeg Ede-Oost, seizoen 2026",
            planned=True,
        ),
        person(
            "WHK-0105",
            "SR1",
            "work_experience",
            "wsw",
            D(2026, 3, 2),
            32,
            D(2026, 10, 30),
            "groenploeg Ede-Zuid, seizoen 2026",
            planned=True,
        ),
        person(
            "WHK-0106",
            "SR1",
            "internship",
            "nug",
            D(2026, 4, 13),
            24,
            D(2026, 7, 3),
            "stage MBO groene ruimte",
            planned=True,
        ),
    ],
    "2025-LV-004": [
        person(
            "VCT-0001",
            "SR1",
            "placement",
            "participatiewet",
            D(2025, 8, 18),
            20,
            note="chauffeur taxibus",
        ),
        person(
            "VCT-0001",
            "SR2",
            "training",
            "participatiewet",
            D(2025, 8, 18),
            8,
            D(2025, 12, 19),
            "opleiding chauffeur personenvervoer en rijbewijs D1",
            planned=True,
        ),
        person("VCT-0002", "SR1", "placement", "ww", D(2025, 8, 18), 16),
        person(
            "VCT-0002",
            "SR2",
            "training",
            "ww",
            D(2025, 8, 18),
            8,
            D(2025, 12, 19),
            "opleiding chauffeur personenvervoer",
            planned=True,
        ),
        person("VCT-0004", "SR1", "placement", "wia", D(2025, 9, 1), 24),
        person(
            "VCT-0006",
            "SR2",
            "apprenticeship",
            "nug",
            D(2025, 9, 1),
            32,
            note="BBL chauffeur personenvervoer niveau 2",
        ),
        purchase(
            "INK-2025-01", D(2025, 9, 1), "4850.00", "reinigen voertuigen door leerwerkbedrijf"
        ),
        person(
            "VCT-0003", "SR1", "placement", "nug", D(2025, 10, 1), 12, note="begeleider in de bus"
        ),
        purchase(
            "INK-2025-02",
            D(2025, 10, 1),
            "12400.00",
            "onderhoud rolstoelliften door sociale onderneming",
        ),
        person("VCT-0005", "SR1", "placement", "wajong", D(2025, 11, 3), 8),
        purchase("INK-2025-03", D(2025, 12, 1), "3275.50", "kleding chauffeurs, sociaal atelier"),
    ],
    # SR1 (5% of the contract value, Oost-Nederland V05) met by a mix; valued by hand in
    # tests/valuation/test_sample_contract.py.
    "2026-WV-021": [
        person(
            "WVB-0001",
            "SR1",
            "placement",
            "participatiewet",
            D(2026, 1, 1),
            36,
            note="grondwerker, vast contract",
            benefit_months=30,
            age_bracket="under_50",
            permanent_contract=True,
        ),
        person(
            "WVB-0002",
            "SR1",
            "placement",
            "ww",
            D(2026, 2, 1),
            24,
            note="machinist, 3 dagen per week",
            benefit_months=14,
            age_bracket="55_plus",
            permanent_contract=False,
        ),
        person(
            "WVB-0004",
            "SR1",
            "apprenticeship",
            "nug",
            D(2026, 2, 1),
            32,
            note="BBL wegenbouw niveau 2",
        ),
        purchase(
            "INK-2026-01",
            D(2026, 3, 15),
            "2500.00",
            "verkeersregelaars via sociale onderneming",
            clause="SR1",
            purchased_from="code_sociale_ondernemingen",
        ),
        person(
            "WVB-0003",
            "SR1",
            "placement",
            "participatiewet",
            D(2026, 4, 1),
            32,
            D(2026, 8, 31),
            "tijdelijk contract stratenmaker",
            benefit_months=10,
        ),
        purchase(
            "INK-2026-02",
            D(2026, 5, 20),
            "8000.00",
            "groenafval verwerkt door leerwerkbedrijf",
            clause="SR1",
            purchased_from="social_enterprise_nl",
        ),
        person(
            "WVB-0005",
            "SR1",
            "work_experience",
            "participatiewet",
            D(2026, 6, 1),
            24,
            D(2026, 8, 31),
            "werkervaringsplek asfaltploeg",
            planned=True,
        ),
    ],
    # The person ledger (sign-off.md): the bureau's kandidaatnummer in both Harlingen contracts.
    "2024-HA-003": [
        person(
            "HBN-01",
            "SR1",
            "placement",
            "participatiewet",
            D(2024, 1, 1),
            36,
            D(2025, 6, 30),
            "kadewerker; overgegaan naar de schoonmaak van het havenkantoor",
            benefit_months=30,
            bureau_ref="KN-2024-017",
        ),
        person(
            "HBN-02",
            "SR1",
            "placement",
            "ww",
            D(2025, 3, 1),
            32,
            note="machinist",
            benefit_months=14,
            bureau_ref="KN-2024-031",
        ),
        person(
            "HBN-03",
            "SR1",
            "placement",
            "participatiewet",
            D(2025, 1, 6),
            36,
            D(2025, 12, 31),
            "jaarcontract, niet verlengd",
            benefit_months=26,
            bureau_ref="KN-2025-004",
        ),
    ],
    "2025-HA-008": [
        person(
            "SCN-11",
            "SR1",
            "placement",
            "participatiewet",
            D(2025, 7, 1),
            36,
            note="overgekomen van de haven: 18 van de 24 maanden al gebruikt",
            benefit_months=30,
            bureau_ref="KN-2024-017",
        ),
        person(
            "SCN-12",
            "SR1",
            "placement",
            "ww",
            D(2025, 9, 1),
            24,
            note="avondschoonmaak",
            benefit_months=14,
            bureau_ref="KN-2024-031",
        ),
    ],
    "2025-CA-017": [
        person(
            "SPB-0101",
            "SR2",
            "apprenticeship",
            "nug",
            D(2025, 2, 3),
            24,
            D(2026, 1, 30),
            "BBL kok niveau 2",
            planned=True,
        ),
        person(
            "SPB-0001",
            "SR1",
            "placement",
            "participatiewet",
            D(2025, 3, 3),
            24,
            note="keuken stadhuis",
        ),
        person(
            "SPB-0002",
            "SR1",
            "placement",
            "wajong",
            D(2025, 5, 12),
            20,
            note="restaurant publiekshal",
        ),
        person(
            "SPB-0102",
            "SR2",
            "internship",
            "nug",
            D(2025, 9, 1),
            20,
            D(2026, 1, 23),
            "BOL-stage gastheer/-vrouw",
            planned=True,
        ),
        person(
            "SPB-0003", "SR1", "placement", "doelgroepregister", D(2025, 10, 6), 24, D(2026, 1, 30)
        ),
        person("SPB-0004", "SR1", "placement", "participatiewet", D(2026, 2, 2), 16),
        person(
            "SPB-0005",
            "SR1",
            "placement",
            "participatiewet",
            D(2026, 8, 3),
            32,
            note="na de termijn van SR1",
        ),
        person(
            "SPB-0103",
            "SR2",
            "internship",
            "nug",
            D(2026, 9, 7),
            16,
            D(2027, 1, 29),
            "BOL-stage keuken",
            planned=True,
        ),
    ],
}


# (contract, period, how the file is made, what it shows); in period order per contract.
def reports(reference: str, how: str, *periods) -> list[tuple]:
    """One contract's accepted reports, as GOOD lists them: each (period, what it shows), made
    `how` (template, template-en, supplier), or (period, shows, how) for one made otherwise."""
    return [(reference, p[0], p[2] if len(p) > 2 else how, p[1]) for p in periods]


GOOD = [
    *reports(
        "2026-HH-014",
        "template",
        ("2026-Q1", "first report: three placements, an internship"),
        (
            "2026-Q2",
            (
                "SR1 on track; TZO-0005 ended early, TZO-0011 an ineligible group (WW), TZO-0012 "
                "below 24 h; SR2 behind. No 2026-Q3 report follows, so the demo shows report_overdue"
            ),
        ),
    ),
    *reports(
        "2025-BW-031",
        "template",
        ("2025-Q4", "BCS-0100 started before SR1's start (before_clause_start)"),
        ("2026-Q1", "BCS-0202's BBL stopped after 6 months (ended_early in the check)"),
        ("2026-Q2", "an ineligible group (NUG) under SR1"),
        (
            "2026-Q3",
            "SR1 on track; SR2 behind (one BBL ended early, one below 24 h); SR3 hours at risk",
        ),
    ),
    *reports(
        "2025-SC-002",
        "template",
        ("2025-06", "monthly: the first two placements"),
        ("2025-12", "a placement below 16 h"),
        ("2026-06", "a placement ended early; an ineligible group"),
        ("2026-09", "cumulative rows, end dates filled in"),
        ("2026-10", "SR1 on track, SR2 at risk"),
    ),
    *reports(
        "2025-GR-009",
        "template",
        ("2025-H1", "half-yearly: work experience in the growing season"),
        (
            "2025-H2",
            (
                "built by the supplier: a title row, English headers in another order, an extra "
                "column (unknown_column), Dutch text dates and type codes"
            ),
            "supplier",
        ),
        ("2026-H1", "SR1 hours on track; SR2 on track, a placement ended before 12 months"),
    ),
    *reports(
        "2025-LV-004",
        "supplier",
        (
            "2025",
            (
                "built by the supplier: instructions above the header, an empty row, amounts as '€ "
                "4.850,00' text; SR3 social purchases (euros, 50% without a register: at_risk); one "
                "candidate under two clauses; an ineligible group and a row below 12 h"
            ),
        ),
    ),
    *reports(
        "2026-WV-021",
        "template",
        (
            "2026-Q2",
            (
                "a template with the valuation columns: placements with benefit months, a BBL place, "
                "purchases with their register; SR1 (5% of the contract value) on track"
            ),
        ),
        (
            "2026-Q3",
            (
                "SR1 met by a mix of placements, a BBL place, a work-experience place and purchases, "
                "every euro explained; SR2 and SR3 behind, but SR5 (SR1 or SR4) met, so no flags"
            ),
        ),
    ),
    *reports(
        "2024-HA-003",
        "template",
        ("2024-H1", "the kandidaatnummer column: KN-2024-017 starts"),
        ("2024-H2", "KN-2024-017 works full time"),
        ("2025-H1", "KN-2024-017 moves on after 18 months; two more start"),
        ("2025-H2", "KN-2025-004's placement ends (a follow-up task)"),
        ("2026-H1", "KN-2024-031 still placed"),
    ),
    *reports(
        "2025-HA-008",
        "template",
        (
            "2025-H2",
            (
                "KN-2024-017 moved here (6 of Harlingen's 24 months left); KN-2024-031 also placed in"
                " 2024-HA-003 for the same days (counted_elsewhere, a double_counted flag)"
            ),
        ),
        ("2026-H1", "the cap across contracts: 6 months valued, not 12"),
    ),
    *reports(
        "2025-CA-017",
        "template-en",
        ("2025-Q2", "the English template"),
        ("2025-Q4", "a placement that will end early"),
        ("2026-Q2", "SR1's deadline period: 2 of 3 placements count"),
        (
            "2026-Q3",
            (
                "SR1 failed (deadline passed, a placement ended early, one below 20 h, one started "
                "after the deadline); SR2 hours met"
            ),
        ),
    ),
]


# -- building workbooks ---------------------------------------------------------------------


def load_contracts() -> dict:
    contracts = {}
    for path in sorted(SAMPLES.glob("*.toml")):
        contract, errors = read_contract_file(path.read_bytes(), DEFAULT_REFERENCE, 30)
        assert not errors, (path, errors)
        contracts[contract.reference] = contract
    return contracts


CONTRACTS = load_contracts()


def period_of(reference: str, key: str):
    return parse_period(CONTRACTS[reference].reporting, key)


def report_rows(reference: str, period, extra=()) -> list[Contribution]:
    """The cumulative rows of `period`, then `extra` rows, numbered as Excel shows them."""
    rows = [r for r in ROWS[reference] if r.start <= period.end] + list(extra)
    return [r.in_report(number, period) for number, r in enumerate(rows, start=2)]


NUMBERED = {"2024-HA-003", "2025-HA-008"}  # the bureau serving Harlingen numbers people


def template(reference: str, key: str, extra=(), lang="nl") -> bytes:
    period = period_of(reference, key)
    rows = report_rows(reference, period, extra)
    return write_template(
        CONTRACTS[reference],
        period,
        DEFAULT_REFERENCE,
        rows,
        lang,
        bureau_ref=reference in NUMBERED,
    )


def typed_formula(data: bytes, reference: str, formula: str) -> bytes:
    """The template with a formula typed into one cell (the template itself writes only text)."""
    book = openpyxl.load_workbook(BytesIO(data))
    book["Voortgang"][reference] = formula
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def dutch_day(day: date | None) -> str | None:
    return f"{day.day}-{day.month}-{day.year}" if day else None


def euros_text(amount: Decimal | None) -> str | None:
    """'€ 4.850,00', as a supplier types it."""
    if amount is None:
        return None
    whole, cents = f"{amount:,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def label(contribution: Contribution) -> tuple[str, str | None]:
    group = DEFAULT_REFERENCE.groups.get(contribution.target_group)
    return (DEFAULT_REFERENCE.types[contribution.type].label_nl, group.label_nl if group else None)


GREEN_HEADER = [
    "Candidate_Ref",
    " Clause ",
    "Location",
    "Start_Date",
    "End_Date",
    "Type",
    "Target_Group",
    "Hours_per_week",
    "Note",
]
GREEN_LOCATION = {"Oost": "Ede-Oost", "Zuid": "Ede-Zuid"}


def green_book(key: str) -> bytes:
    """Hoveniersbedrijf De Wilgenhoek's own list: a title, English headers, another order.

    The headers differ in case and spaces only; 'Location' is not in the format.
    """
    rows = []
    for c in report_rows("2025-GR-009", period_of("2025-GR-009", key)):
        place = next((v for k, v in GREEN_LOCATION.items() if k in c.note), "Ede")
        rows.append(
            [
                c.candidate_ref,
                c.clause,
                place,
                dutch_day(c.start_date),
                dutch_day(c.end_date),
                c.type,
                c.target_group,
                int(c.hours_per_week),
                c.note or None,
            ]
        )
    title = [
        ["Social return rapportage groenonderhoud Ede, 2e halfjaar 2025"],
        ["Hoveniersbedrijf De Wilgenhoek B.V. - contract 2025-GR-009"],
        [],
    ]
    return xlsx({"Progress": [*title, GREEN_HEADER, *rows]})


TRANSPORT_HEADER = [
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


def transport_book(key: str, amounts: dict | None = None) -> tuple[bytes, dict]:
    """Vervoerscombinatie Twentekanaal's own sheet: instructions on top, amounts as text.

    Returns the workbook and the Excel row of each reference.
    """
    amounts = amounts or {}
    lines = [
        ["Rapportage social return leerlingenvervoer Enschede-Zuid, kalenderjaar " + key],
        ["Per persoon en per inkoop één regel; bedragen excl. btw."],
        [],
        TRANSPORT_HEADER,
    ]
    placed = {}
    for c in report_rows("2025-LV-004", period_of("2025-LV-004", key)):
        kind, group = label(c)
        amount = amounts.get(c.candidate_ref, euros_text(c.amount_eur))
        lines.append(
            [
                c.candidate_ref,
                c.clause,
                kind,
                group,
                dutch_day(c.start_date),
                dutch_day(c.end_date),
                None if c.hours_per_week is None else int(c.hours_per_week),
                amount,
                c.note or None,
            ]
        )
        placed[c.candidate_ref] = len(lines)
        if c.candidate_ref == "VCT-0006":
            lines.append([])  # a row left empty between people and purchases
    return xlsx(
        {"Voortgang": lines, "Info": [["contract", "2025-LV-004"], ["period", key]]}
    ), placed


def good_file(reference: str, key: str, how: str) -> bytes:
    if how == "supplier":
        return green_book(key) if reference == "2025-GR-009" else transport_book(key)[0]
    return template(reference, key, lang="en" if how == "template-en" else "nl")


# -- bad reports: one typical mistake each --------------------------------------------------

BAD_CONTRACT, BAD_PERIOD = "2026-HH-014", "2026-Q3"


def next_row(reference=BAD_CONTRACT, key=BAD_PERIOD) -> int:
    """The Excel row of the first row after a report's cumulative rows."""
    return 2 + len(report_rows(reference, period_of(reference, key)))


def newcomer(**changes) -> Row:
    """A new placement in 2026-Q3, with the fields a mistake changes."""
    fields = {
        "ref": "TZO-0016",
        "clause": "SR1",
        "kind": "placement",
        "group": "participatiewet",
        "start": D(2026, 9, 7),
        "hours": 24,
    }
    return person(**(fields | changes))


def cell(name: str, row: int) -> str:
    return f"{LETTER[name]}{row}"


def old_xls() -> bytes:
    """The start of an Excel 97-2003 (.xls) file: an OLE2 compound file header."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:34] = bytes([0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0])
    header[76:512] = b"\xff" * 436
    return bytes(header) + b"\0" * 512 * 7


def csv_file() -> bytes:
    lines = ["kandidaat;verplichting;soort;doelgroep;startdatum;einddatum;uren_per_week"]
    period = period_of(BAD_CONTRACT, BAD_PERIOD)
    for c in report_rows(BAD_CONTRACT, period):
        lines.append(
            ";".join(
                [
                    c.candidate_ref,
                    c.clause,
                    *label(c),
                    dutch_day(c.start_date),
                    dutch_day(c.end_date) or "",
                    str(int(c.hours_per_week)),
                ]
            )
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def own_list_without_start() -> bytes:
    """A supplier's own list: the start date is under a heading the format does not know."""
    header = [
        "kandidaat",
        "verplichting",
        "soort",
        "doelgroep",
        "in dienst sinds",
        "einddatum",
        "uren_per_week",
    ]
    rows = []
    for c in report_rows(BAD_CONTRACT, period_of(BAD_CONTRACT, BAD_PERIOD)):
        rows.append(
            [c.candidate_ref, c.clause, *label(c), c.start_date, c.end_date, int(c.hours_per_week)]
        )
    return xlsx({"Voortgang": [header, *rows]})


def bad_files() -> list[tuple]:
    """(file name, contract, period, data, what it shows, [(code, cell)])."""
    n = next_row()
    bad = [
        (
            "date_not_a_date.xlsx",
            template(BAD_CONTRACT, BAD_PERIOD, [newcomer(start="31-02-2026")]),
            "a start date typed as text that is no date (31-02-2026)",
            [("bad_date", cell("start_date", n))],
        ),
        (
            "bsn_as_reference.xlsx",
            template(BAD_CONTRACT, BAD_PERIOD, [newcomer(ref=123456782)]),
            "a 9-digit number (a possible BSN) as the reference; the file itself is not kept",
            [("possible_bsn", cell("candidate_ref", n))],
        ),
        (
            "reference_too_long.xlsx",
            template(
                BAD_CONTRACT,
                BAD_PERIOD,
                [newcomer(ref="TZO-0016 wijkteam Zevenhuizen, gestart na intake")],
            ),
            "a reference of more than 40 characters",
            [("text_too_long", cell("candidate_ref", n))],
        ),
        (
            "missing_target_group.xlsx",
            template(BAD_CONTRACT, BAD_PERIOD, [newcomer(group=None)]),
            "a placement without a target group",
            [("missing_value", cell("target_group", n))],
        ),
        (
            "hours_above_60.xlsx",
            template(BAD_CONTRACT, BAD_PERIOD, [newcomer(hours=72)]),
            "72 hours per week (hours per fortnight typed as per week)",
            [("out_of_range", cell("hours_per_week", n))],
        ),
        (
            "unknown_clause.xlsx",
            template(BAD_CONTRACT, BAD_PERIOD, [newcomer(clause="SR3")]),
            "clause SR3, which this contract does not have",
            [("unknown_clause", cell("clause", n))],
        ),
        (
            "type_not_accepted.xlsx",
            template(
                BAD_CONTRACT,
                BAD_PERIOD,
                [
                    newcomer(
                        kind="internship", group="nug", hours=16, end=D(2027, 1, 29), planned=True
                    )
                ],
            ),
            "an internship reported under SR1, which accepts placements only",
            [("type_not_accepted", cell("type", n))],
        ),
        (
            "overlapping_rows.xlsx",
            template(
                BAD_CONTRACT,
                BAD_PERIOD,
                [
                    newcomer(
                        ref="TZO-0007",
                        group="wajong",
                        start=D(2026, 9, 1),
                        hours=32,
                        note="uren uitgebreid naar 32",
                    )
                ],
            ),
            (
                "TZO-0007's new hours as a second row while the first has no end date (overlap, "
                "reported on the lower row)"
            ),
            [("overlap", cell("start_date", n))],
        ),
        (
            "start_after_period.xlsx",
            template(BAD_CONTRACT, BAD_PERIOD, [newcomer(start=D(2026, 10, 5))]),
            "a placement starting after the quarter reported on",
            [("date_after_period", cell("start_date", n))],
        ),
        (
            "end_before_start.xlsx",
            template(BAD_CONTRACT, BAD_PERIOD, [newcomer(end=D(2025, 9, 30), planned=True)]),
            "an end date with the wrong year, before the start",
            [("end_before_start", cell("end_date", n))],
        ),
        (
            "formula_without_value.xlsx",
            without_cached_values(
                typed_formula(
                    template(BAD_CONTRACT, BAD_PERIOD, [newcomer(hours=None)]),
                    cell("hours_per_week", n),
                    "=3*8",
                )
            ),
            "hours as a formula (=3*8) saved by a tool that never calculated it",
            [("formula_without_value", cell("hours_per_week", n))],
        ),
        (
            "missing_column.xlsx",
            own_list_without_start(),
            "the supplier's own list with the start date under 'in dienst sinds'",
            [("missing_column", "")],
        ),
        (
            "xls_renamed.xlsx",
            old_xls(),
            "an Excel 97-2003 .xls file renamed to .xlsx",
            [("not_xlsx", "")],
        ),
        ("csv_renamed.xlsx", csv_file(), "a CSV export renamed to .xlsx", [("not_xlsx", "")]),
        (
            "wrong_contract.xlsx",
            template("2025-CA-017", BAD_PERIOD, lang="en"),
            (
                "Smaakpunt's 2025-CA-017 report uploaded for 2026-HH-014 (the Info sheet names "
                "2025-CA-017)"
            ),
            [("contract_mismatch", "")],
        ),
    ]
    amounts, row = transport_book(
        "2025", {"INK-2025-01": "€ 4.850,-", "INK-2025-02": "-350", "INK-2025-03": None}
    )
    return [
        (name, BAD_CONTRACT, BAD_PERIOD, data, shows, errors) for name, data, shows, errors in bad
    ] + [
        (
            "amount_mistakes.xlsx",
            "2025-LV-004",
            "2025",
            amounts,
            (
                "social purchases: '€ 4.850,-' (not a number), a credit note of -350, an amount left "
                "empty"
            ),
            [
                ("bad_number", cell("amount_eur", row["INK-2025-01"])),
                ("out_of_range", cell("amount_eur", row["INK-2025-02"])),
                ("missing_value", cell("amount_eur", row["INK-2025-03"])),
            ],
        )
    ]


# -- deterministic output -------------------------------------------------------------------


def fixed(data: bytes, day: date) -> bytes:
    """The package with fixed zip and document timestamps, so a rerun writes the same bytes."""
    if not data.startswith(b"PK"):
        return data
    stamp = f"{day.isoformat()}T09:00:00Z".encode()
    core = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = core.sub(rb"\g<1>" + stamp + rb"\g<3>", body)
            entry = zipfile.ZipInfo(
                info.filename, date_time=(day.year, day.month, day.day, 9, 0, 0)
            )
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, body)
    return out.getvalue()


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def manifest_entry(name, reference, key, expect, shows, errors=None) -> str:
    lines = [
        "[[report]]",
        f"file = {toml_string(name)}",
        f"contract = {toml_string(reference)}",
        f"period = {toml_string(key)}",
        f"expect = {toml_string(expect)}",
        f"shows = {toml_string(shows)}",
    ]
    if errors is not None:
        pairs = ", ".join(f"[{toml_string(code)}, {toml_string(place)}]" for code, place in errors)
        lines.append(f"errors = [{pairs}]")
    return "\n".join(lines) + "\n"


MANIFEST_HEAD = """\
# Sample progress reports for the sample contracts, written by tools/make_sample_reports.py
# (do not edit by hand: change the tool and run it again). `srtracker demo` loads the
# accepted ones in period order; tests/reports/test_sample_reports.py checks every file:
# `expect` is the import status, `errors` the exact (code, cell) pairs of a rejected file
# (cell "" for a file-level error).
"""


def write_all(out: Path = OUTPUT) -> list[Path]:
    (out / "bad").mkdir(parents=True, exist_ok=True)
    written, entries = [], [MANIFEST_HEAD]
    for reference, key, how, shows in GOOD:
        name = f"{reference}_{key}.xlsx"
        period = period_of(reference, key)
        (out / name).write_bytes(fixed(good_file(reference, key, how), period.end))
        written.append(out / name)
        entries.append(manifest_entry(name, reference, key, "accepted", shows))
    for name, reference, key, data, shows, errors in bad_files():
        (out / "bad" / name).write_bytes(fixed(data, period_of(reference, key).end))
        written.append(out / "bad" / name)
        entries.append(manifest_entry(f"bad/{name}", reference, key, "rejected", shows, errors))
    (out / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    files = write_all(target)
    print(f"wrote {len(files)} reports and manifest.toml to {target}")
