"""The council report as an .xlsx (enforcement.md): Overzicht first, detail sheets, a native
chart per buyer. Values only, never formulas; text through the export's one cell writer.
In Dutch, like the export: it is handed to the council."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from ..domain.enforcement import STEP_LABELS
from ..exports.workbook import (
    DATE,
    HEADER_FONT,
    MEASURE,
    TWO_DECIMALS,
    WHOLE,
    Column,
    _put,
    _table,
    durability_sheet,
)
from .council import CouncilReport

OVERVIEW_SHEET = "Overzicht"
OVERVIEW_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Verplicht (€)", TWO_DECIMALS, 16),
    Column("Gerealiseerd (€)", TWO_DECIMALS, 16),
    Column("Deelnemers", WHOLE),
    Column("Zaken geopend", WHOLE),
    Column("Hersteld", WHOLE),
    Column("Vrijgesteld", WHOLE),
    Column("Opgelegd", WHOLE),
    Column("Opgelegd (€)", TWO_DECIMALS, 16),
)
GROUP_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Doelgroep", width=34),
    Column("Deelnemers", WHOLE),
    Column("Regels die meetellen", WHOLE),
)
TYPE_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Soort bijdrage", width=40),
    Column("Deelnemers", WHOLE),
    Column("Regels die meetellen", WHOLE),
)
QUARTER_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Kwartaal"),
    Column("Verplicht t/m kwartaal (€)", TWO_DECIMALS, 18),
    Column("Gerealiseerd t/m kwartaal (€)", TWO_DECIMALS, 18),
)
CLAUSE_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Kenmerk"),
    Column("Contract", width=40),
    Column("Opdrachtnemer", width=28),
    Column("Verplichting"),
    Column("Omschrijving verplichting", width=40),
    Column("Maat"),
    Column("Doel", TWO_DECIMALS),
    Column("Waarde (€)", TWO_DECIMALS, 14),
    Column("Dagen in het jaar", WHOLE),
    Column("Dagen van de verplichting", WHOLE),
    Column("Verplicht (€)", TWO_DECIMALS, 14),
    Column("Gerealiseerd (maat)", TWO_DECIMALS),
    Column("Gerealiseerd (€)", TWO_DECIMALS, 14),
    Column("Regels die meetellen", WHOLE),
    Column("Deelnemers", WHOLE),
    Column("Handhaving", width=20),
    Column("Bedrag handhaving (€)", TWO_DECIMALS, 14),
)
CASE_COLUMNS = (
    Column("Opdrachtgever", width=28),
    Column("Kenmerk"),
    Column("Verplichting"),
    Column("Stap", width=20),
    Column("Datum", DATE),
    Column("Zaak geopend"),
    Column("Bedrag (€)", TWO_DECIMALS, 14),
    Column("Reden", width=50),
)


def _explanation(report: CouncilReport) -> list[str]:
    return [
        f"Jaarrapportage social return {report.year}",
        f"Stand op {report.as_of:%d-%m-%Y} (31 december {report.year}, of vandaag als dat "
        "eerder is). Contracten die in het jaar lopen; gearchiveerde contracten tellen niet mee.",
        "Verplicht (€): per verplichting de waarde maal het deel van haar dagen (start tot en "
        "met deadline) dat in het jaar valt. De waarde is bij euro het doel, anders de eigen "
        "waarde van de verplichting of een gelijk deel van het standaardpercentage van de "
        "contractwaarde.",
        "Gerealiseerd (€): de waarde maal gerealiseerd/doel (hoogstens 1) op de standdatum, "
        "maal hetzelfde deel van de dagen.",
        "Deelnemers: verschillende kandidaten (per contract, of per kandidaatnummer over "
        "contracten heen) met een regel die meetelt en een dag in het jaar.",
        "Zaken: handhavingszaken naar de datum van hun stap (geopend, hersteld, vrijgesteld, "
        "opgelegd); Opgelegd (€) is de som van de in het jaar opgelegde bedragen.",
        "Bedragen zijn per verplichting afgerond op centen; totalen tellen die centen op.",
        "Per doelgroep en per soort bijdrage: deelnemers en regels die meetellen met een dag "
        "in het jaar. Verplichtingen: elk cijfer per verplichting. Zaken: elke stap in het jaar.",
        "Duurzaamheid: per opdrachtgever het aandeel geëindigde plaatsingen dat 6 en 12 maanden "
        "na het einde nog aan het werk is, onder wie een antwoord gaf (opvolgingen met hun "
        "vervaldatum in het jaar); zonder antwoord blijft het aandeel leeg.",
    ]


def _charts(book: Workbook, data, report: CouncilReport) -> None:
    """One bar chart per buyer: realised against committed, cumulative per quarter."""
    sheet = book.create_sheet("Grafieken")
    row = 2
    for index, buyer in enumerate(report.buyers):
        first = 2 + index * 4
        chart = BarChart()
        chart.type = "col"
        chart.title = f"{buyer.buyer}: gerealiseerd tegen verplicht {report.year}"
        chart.y_axis.title = "€"
        chart.x_axis.title = "kwartaal (cumulatief)"
        values = Reference(data, min_col=3, max_col=4, min_row=first, max_row=first + 3)
        chart.add_data(values, titles_from_data=False)
        chart.set_categories(Reference(data, min_col=2, min_row=first, max_row=first + 3))
        for series, title in zip(chart.series, ("Verplicht", "Gerealiseerd"), strict=True):
            from openpyxl.chart.series import SeriesLabel

            series.tx = SeriesLabel(v=title)
        chart.height, chart.width = 7.5, 16
        sheet.add_chart(chart, f"A{row}")
        row += 16
    _put(
        sheet, 1, 1, "Per opdrachtgever: gerealiseerd tegen verplicht, per kwartaal"
    ).font = HEADER_FONT


def write_council_report(report: CouncilReport, labels) -> bytes:
    """The workbook's bytes; ``labels`` maps type and group codes to their Dutch labels."""
    book = Workbook()
    overview = book.active
    overview.title = OVERVIEW_SHEET
    _table(
        overview,
        OVERVIEW_COLUMNS,
        (
            [
                b.buyer,
                b.committed,
                b.realised,
                b.participants,
                b.opened,
                b.remedied,
                b.exempted,
                b.imposed,
                b.imposed_eur,
            ]
            for b in report.buyers
        ),
    )
    _table(
        book.create_sheet("Per doelgroep"),
        GROUP_COLUMNS,
        (
            [
                g.buyer,
                labels.get(g.key, g.key) if g.key else "(geen doelgroep)",
                g.participants,
                g.rows,
            ]
            for g in report.by_group
        ),
    )
    _table(
        book.create_sheet("Per soort bijdrage"),
        TYPE_COLUMNS,
        ([t.buyer, labels.get(t.key, t.key), t.participants, t.rows] for t in report.by_type),
    )
    durability_sheet(book, report.durability)
    data = book.create_sheet("Per kwartaal")
    _table(
        data,
        QUARTER_COLUMNS,
        (
            [b.buyer, quarter, committed, realised]
            for b in report.buyers
            for quarter, committed, realised in b.quarters
        ),
    )
    _charts(book, data, report)
    _table(
        book.create_sheet("Verplichtingen"),
        CLAUSE_COLUMNS,
        (
            [
                c.buyer,
                c.reference,
                c.title,
                c.supplier,
                c.code,
                c.clause_title,
                MEASURE.get(c.measure, c.measure),
                c.target,
                c.value,
                c.days_in_year,
                c.days,
                c.committed,
                c.realised_units,
                c.realised,
                c.rows,
                c.participants,
                STEP_LABELS.get(c.step, "") if c.step else "",
                c.amount,
            ]
            for c in report.clauses
        ),
    )
    _table(
        book.create_sheet("Zaken"),
        CASE_COLUMNS,
        (
            [
                c.buyer,
                c.reference,
                c.code,
                STEP_LABELS.get(c.step, c.step),
                c.on,
                "ja" if c.opened else "",
                c.amount,
                c.reason,
            ]
            for c in report.cases
        ),
    )
    info = book.create_sheet("Toelichting")
    for row, line in enumerate(_explanation(report), start=1):
        cell = _put(info, row, 1, line)
        if row == 1:
            cell.font = HEADER_FONT
    info.column_dimensions["A"].width = 120
    out = BytesIO()
    book.save(out)
    return out.getvalue()
