"""Figures published by municipalities, recomputed from srtracker's shipped rules.

Two kinds (docs/valuation.md, "Worked examples"):

- the obligation examples a municipality prints (Schiedam's rekenvoorbeeld, Súdwest-Fryslân's
  minimum and maximum), recomputed by the contract-file rules;
- every row of a region's table as its page prints it (the value of a full-time year),
  recomputed from the shipped table file, so a later version cannot drift from its source
  unnoticed. The pages were read on 2026-12-01 (stored copies, the library's pages corpus).

No valuation page prints a computed case of its own; each table's ``[[example]]`` entries
(tests/valuation/test_worked_examples.py) apply its rows to cases.
"""

from datetime import date
from decimal import Decimal

import pytest

from srtracker.domain.contract_file import parse_contract
from srtracker.domain.contracts import Clause
from srtracker.domain.contributions import Contribution
from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.domain.valuation import value_rows
from srtracker.domain.valuation_tables import shipped_tables

SCHIEDAM = "https://www.schiedam.nl/a-tot-z/social-return"
SUDWEST_FRYSLAN = "https://sudwestfryslan.nl/onderwerp/infosocialreturn/"


def target(value_eur, **keys) -> Decimal:
    data = {
        "contract": {
            "reference": "VOORBEELD-1",
            "title": "Voorbeeld",
            "buyer": "Gemeente",
            "supplier": "Opdrachtnemer B.V.",
            "value_eur": value_eur,
            "start": date(2026, 1, 1),
            "end": date(2027, 12, 31),
            "reporting": "quarterly",
            "valuation_table": "oost-nederland",
        },
        "clause": [
            {
                "code": "SR1",
                "title": "Social return",
                "measure": "euros",
                "accepts": ["placement"],
                **keys,
            }
        ],
    }
    contract, errors = parse_contract(data, DEFAULT_REFERENCE, 30)
    assert errors == []
    return contract.clauses[0].target


def test_schiedam_rekenvoorbeeld_five_percent_of_the_contract_sum():
    """Schiedam: "Minimaal 5% van de aanneemsom ... Stel dat de aanneemsom € 1 miljard
    exclusief btw is. Dit betekent dat 5% van € 1 miljard, dus € 50.000,-, aan social return
    wordt besteed." The page's EUR 50,000 is 5% of EUR 1 million (5% of a billion is 50
    million): we reproduce the figure it prints, on the sum that gives it."""
    assert target(1_000_000, target_percent=5) == 50_000
    assert target(1_000_000_000, target_percent=5) == 50_000_000  # the page's slip


def test_sudwest_fryslan_minimum_two_percent_at_most_300000_per_contract():
    """Súdwest-Fryslân: "minimaal 2% van de totale opdrachtwaarde excl. BTW, met een maximum
    van €300.000 aan Social Return per opdracht"."""
    assert target(20_000_000, target_percent=2, target_max_eur=300_000) == 300_000
    assert target(1_000_000, target_percent=2, target_max_eur=300_000) == 20_000


def year(table_id: str, version: int, type_: str, **fields) -> Decimal:
    """The value of one full-time year (36 hours) of one row, by the shipped table."""
    table = shipped_tables().get(table_id, version)
    row = Contribution(
        1,
        "K-1",
        "SR1",
        type_,
        date(2026, 1, 1),
        end_date=date(2026, 12, 31),
        hours_per_week=Decimal(36),
        **fields,
    )
    clause = Clause(
        "SR1",
        "Voorbeeld",
        "euros",
        Decimal(1),
        tuple(DEFAULT_REFERENCE.types),
        date(2026, 1, 1),
        date(2099, 12, 31),
    )
    return value_rows(table, clause, (row,), date(2026, 12, 31)).total


def r(quote: str, figure: int, type_: str = "placement", **fields):
    """One row of a source table: its words, its yearly figure, and a row it fits."""
    return quote, figure, type_, fields


# Per table version, the rows its page prints (quoted) and the value of a full-time year.
SOURCE_ROWS = {
    # https://impactoost.nl/bouwblokken (V05, april 2023; the stored page ends after BBL 1-2),
    # purchases: https://www.wizzr.nl/klantverhalen/7/in-twente-is-sroi-continu-in-ontwikkeling/
    ("oost-nederland", 6): [
        r("Participatiewet < 2 jaar € 30.000", 30000, target_group="participatiewet"),
        r(
            "Participatiewet > 2 jaar € 40.000",
            40000,
            target_group="participatiewet",
            benefit_months=25,
        ),
        r("Participatiewet en Wajong (doelgroep register) € 40.000", 40000, target_group="wajong"),
        r("WIA/WAO € 40.000", 40000, target_group="wia"),
        r("WW < 1 jaar € 10.000", 10000, target_group="ww", benefit_months=6),
        r("WW > 1 jaar € 15.000", 15000, target_group="ww", benefit_months=13),
        r("Niet-uitkeringsgerechtigde (NUG) € 10.000", 10000, target_group="nug"),
        r(
            "Werkervaringsplek / proefplaatsing € 750 per maand (12 maanden)",
            9000,
            "work_experience",
        ),
        r(
            "Leerling BBL (leerbaan), niveau 1 en 2 € 20.000",
            20000,
            "apprenticeship",
            level="mbo_2",
        ),
        r(
            "De factuurwaarde (ex BTW) telt 100% mee (Code Sociale Ondernemingen; EUR 10.000)",
            10000,
            "social_purchase",
            amount_eur=Decimal(10000),
            purchased_from="code_sociale_ondernemingen",
        ),
        r(
            "leden van Social Enterprise NL ... tellen voor 50% mee (EUR 10.000)",
            5000,
            "social_purchase",
            amount_eur=Decimal(10000),
            purchased_from="social_enterprise_nl",
        ),
    ],
    # https://www.rijnvicus.nl/Werkgevers/Social_Return_SROI/SROI_bouwblokkenmethode
    ("rijnvicus", 1): [
        r("Geen uitkering, zonder arbeidsbeperking € 5.000,-", 5000, target_group="nug"),
        r(
            "Geen uitkering, met arbeidsbeperking € 10.000,-",
            10000,
            target_group="nug_arbeidsbeperking",
        ),
        r("Leerling / student MBO BBL, in dienst nemen € 25.000,-", 25000, "apprenticeship"),
        r("Leerling / student stage MBO BOL € 5.000,-", 5000, "internship"),
        r(
            "Leerling / student stage PrO / VSO, in dienst nemen na uitstroom € 25.000,-",
            25000,
            target_group="pro_vso",
        ),
        r(
            "WW, uitkeringsduur niet van belang € 10.000,-",
            10000,
            target_group="ww",
            benefit_months=30,
        ),
        r("WIA € 20.000,-", 20000, target_group="wia"),
        r("Wajong € 25.000,-", 25000, target_group="wajong"),
        r(
            "Participatie zonder arbeidsbeperking en minder dan 2 jaar uitkering € 25.000,-",
            25000,
            target_group="participatiewet",
            benefit_months=12,
        ),
        r(
            "Participatie zonder arbeidsbeperking en meer dan 2 jaar uitkering € 30.000,-",
            30000,
            target_group="participatiewet",
            benefit_months=30,
        ),
        r(
            "Participatie met arbeidsbeperking, vastgesteld door UWV € 50.000,-",
            50000,
            target_group="participatiewet_arbeidsbeperking",
        ),
        r("WSW-dienstverband € 50.000,-", 50000, target_group="wsw"),
        r(
            "Voor werkzoekenden van 55+ geldt een extra waarde van € 10.000,- (WIA)",
            30000,
            target_group="wia",
            age_bracket="55_plus",
        ),
    ],
    # https://www.dzb.nl/bouwblokkenmethode/ (tenders from 1 September 2023)
    ("holland-rijnland", 1): [
        r("Geen uitkering, zonder arbeidsbeperking € 5.000", 5000, target_group="nug"),
        r(
            "Geen uitkering, met arbeidsbeperking € 10.000",
            10000,
            target_group="nug_arbeidsbeperking",
        ),
        r("Leerling / student stage mbo BOL € 10.000", 10000, "internship"),
        r("Leerling / student mbo BBL, indienstneming € 25.000", 25000, "apprenticeship"),
        r(
            "Leerling / student stage Pro / Vso, indienstneming na uitstroom € 25.000",
            25000,
            target_group="pro_vso",
        ),
        r("Ww, uitkeringsduur niet van belang € 15.000", 15000, target_group="ww"),
        r("Wia € 40.000", 40000, target_group="wia"),
        r("Wajong € 25.000", 25000, target_group="wajong"),
        r(
            "Participatiewet zonder arbeidsbeperking € 30.000",
            30000,
            target_group="participatiewet",
            benefit_months=6,
        ),
        r(
            "Participatiewet met arbeidsbeperking, vastgesteld door UWV € 50.000",
            50000,
            target_group="participatiewet_arbeidsbeperking",
        ),
        r("Wsw-dienstverband € 50.000", 50000, target_group="wsw"),
        r(
            "Voor werkzoekenden van 55+ geldt een extra waarde van € 15.000 (Wajong)",
            40000,
            target_group="wajong",
            age_bracket="55_plus",
        ),
    ],
    # https://www.hilversum.nl/Home/Ondernemer/Ik_ben_ondernemer/Duurzaam_ondernemen/Maatschappelijk_ondernemen/Social_Return_On_Investment
    ("hilversum", 1): [
        r("Bijstand <2 jaar € 30.000,-", 30000, target_group="participatiewet", benefit_months=12),
        r("Bijstand >2 jaar € 40.000,-", 40000, target_group="participatiewet", benefit_months=30),
        r("WW <1 jaar € 10.000,-", 10000, target_group="ww", benefit_months=6),
        r("WW >1 jaar € 15.000,-", 15000, target_group="ww", benefit_months=18),
        r("WIA / WAO € 30.000,-", 30000, target_group="wia"),
        r("Wajong € 35.000,-", 35000, target_group="wajong"),
        r("BBL traject € 10.000,-", 10000, "apprenticeship"),
        r("BOL traject € 5.000,-", 5000, "internship"),
    ],
    # https://www.utrecht.nl/ondernemen/inkopen-en-aanbesteden/social-return/social-return-berekenen-bouwblokken/
    ("utrecht", 3): [
        r("Participatiewet € 40.000", 40000, target_group="participatiewet"),
        r(
            "Ingeschreven in doelgroepregister UWV (met arbeidsbeperking) € 50.000",
            50000,
            target_group="doelgroepregister",
        ),
        r("WIA- of WAO-uitkering van UWV € 40.000", 40000, target_group="wia"),
        r("WW-uitkering van UWV € 20.000", 20000, target_group="ww"),
        r("Mbo bbl niveau 2, 3 en 4 € 35.000", 35000, "apprenticeship", level="mbo_3"),
        r("Mbo bol niveau 2, 3 en 4 € 20.000", 20000, "internship", level="mbo_2"),
        r("Geen recht op uitkering € 10.000", 10000, target_group="nug"),
        r(
            "Vast contract: bonus € 10.000 (Participatiewet)",
            50000,
            target_group="participatiewet",
            permanent_contract=True,
        ),
    ],
    # https://www.harlingen.nl/vormen-van-invulling-social-return
    ("harlingen", 2): [
        r(
            "<2 jaar in Participatiewet € 35.000,=",
            35000,
            target_group="participatiewet",
            benefit_months=12,
        ),
        r(
            "> 2 jaar in Participatiewet € 40.000,=",
            40000,
            target_group="participatiewet",
            benefit_months=30,
        ),
        r("> 3 maanden - 1 jaar in WW € 15.000,=", 15000, target_group="ww", benefit_months=6),
        r("> 1 jaar in WW € 20.000,=", 20000, target_group="ww", benefit_months=18),
        r("WIA / WAO € 35.000,=", 35000, target_group="wia"),
        r("Wajong / Banenafspraak € 40.000,=", 40000, target_group="wajong"),
        r(
            "50 jaar of ouder - blok verhoogd met € 5.000,= (WIA)",
            40000,
            target_group="wia",
            age_bracket="50_54",
        ),
        r("Werkervaringsplaats € 7.500,=", 7500, "work_experience", target_group="participatiewet"),
        r("Bestaande BBL € 10.000,=", 10000, "apprenticeship"),
        r("Stage MBO 3, 4 en HBO € 2.500,=", 2500, "internship", level="hbo"),
    ],
}
ROWS = [
    pytest.param(table, version, *row, id=f"{table}-v{version}-{number}")
    for (table, version), rows in SOURCE_ROWS.items()
    for number, row in enumerate(rows, start=1)
]


@pytest.mark.parametrize(("table", "version", "quote", "figure", "type_", "fields"), ROWS)
def test_each_row_of_a_source_table_is_its_shipped_value(
    table, version, quote, figure, type_, fields
):
    assert year(table, version, type_, **fields) == figure, f"{table} v{version}: {quote!r}"


def test_every_table_with_examples_cites_its_pages_and_the_date_read():
    """The header of a table file quoting examples names its source pages and when they
    were read (issue 18: "cite the source page (URL and date read) at the top")."""
    import re
    from pathlib import Path

    import srtracker

    folder = Path(srtracker.__file__).parent / "valuation_tables"
    for (table_id, version), table in shipped_tables().tables.items():
        if not table.examples:
            continue
        text = (folder / f"{table_id}-v{version}.toml").read_text(encoding="utf-8")
        header = text.split("\n[table]", 1)[0]
        assert "https://" in header, f"{table_id} v{version} cites no page"
        assert re.search(r"read[^\n]*20\d\d-\d\d-\d\d", header), f"{table_id} v{version}: no date"
