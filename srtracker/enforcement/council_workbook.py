"""The council report as an .xlsx (enforcement.md): Overzicht first, detail sheets, a native
chart per buyer. Values only, never formulas; text through the export's one cell writer.
In Dutch, like the export: it is handed to the council."""

from io import BytesIO

from ..domain.enforcement import STEP_LABELS
from ..exports.workbook import (
    BOLD,
    DATE,
    MEASURE,
    TWO_DECIMALS,
    WHOLE,
    Column,
    _put,
    _table,
    durability_sheet,
)
from ..workbook.stream import Book
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


def _charts(book: Book, data, report: CouncilReport) -> None:
    """One column chart per buyer: realised against committed, cumulative per quarter."""
    sheet = book.sheet("Grafieken")
    _put(sheet, 1, 1, "Per opdrachtgever: gerealiseerd tegen verplicht, per kwartaal", style=BOLD)
    row = 2
    for index, buyer in enumerate(report.buyers):
        # The title is a cell the chart refers to: a chart's own title text would be read
        # as a formula when it begins with "=", and a cell's text goes through cells.put.
        title = f"{buyer.buyer}: gerealiseerd tegen verplicht {report.year}"
        _put(sheet, row, 1, title, style=BOLD)
        first = 1 + index * 4  # 0-based: the buyer's four quarters on the data sheet
        chart = book.book.add_chart({"type": "column"})
        for column, name in ((2, "Verplicht"), (3, "Gerealiseerd")):
            chart.add_series(
                {
                    "name": name,
                    "categories": [data.worksheet.name, first, 1, first + 3, 1],
                    "values": [data.worksheet.name, first, column, first + 3, column],
                }
            )
        chart.set_title({"name": [sheet.worksheet.name, row - 1, 0]})
        chart.set_y_axis({"name": "€"})
        chart.set_x_axis({"name": "kwartaal (cumulatief)"})
        chart.set_size({"width": 605, "height": 283})  # 16 by 7.5 cm
        sheet.worksheet.insert_chart(f"A{row + 1}", chart)
        row += 17


def write_council_report(report: CouncilReport, labels) -> bytes:
    """The workbook's bytes; ``labels`` maps type and group codes to their Dutch labels."""
    out = BytesIO()
    book = Book(out)
    _table(
        book.sheet(OVERVIEW_SHEET),
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
        book.sheet("Per doelgroep"),
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
        book.sheet("Per soort bijdrage"),
        TYPE_COLUMNS,
        ([t.buyer, labels.get(t.key, t.key), t.participants, t.rows] for t in report.by_type),
    )
    durability_sheet(book, report.durability)
    data = book.sheet("Per kwartaal")
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
        book.sheet("Verplichtingen"),
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
        book.sheet("Zaken"),
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
    info = book.sheet("Toelichting")
    for row, line in enumerate(_explanation(report), start=1):
        _put(info, row, 1, line, style=BOLD if row == 1 else None)
    info.width(1, 120)
    book.close()
    return out.getvalue()
