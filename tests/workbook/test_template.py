"""The template round-trips: filled with the previous report, it is that report, accepted."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from report_books import CONTRACT, HEADER, HEADER_EN, PERIOD, REFERENCE, validate

from srtracker.domain.contributions import Contribution
from srtracker.workbook.template import write_template

PREVIOUS = [
    Contribution(2, "4711", "SR1", "placement", date(2026, 1, 5), "wajong", None, Decimal("32.00")),
    Contribution(
        3,
        "K-2",
        "SR2",
        "training",
        date(2026, 2, 1),
        "ww",
        date(2026, 3, 31),
        Decimal("12.50"),
        note="avondopleiding",
    ),
    Contribution(
        4, "INK-1", "SR3", "social_purchase", date(2026, 2, 1), amount_eur=Decimal("1250.00")
    ),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_template_with_previous_rows_validates_to_those_rows(lang):
    result = validate(
        write_template(CONTRACT, PERIOD, REFERENCE, PREVIOUS, lang),
        previous=PREVIOUS,
        had_rows_before=True,
    )
    assert (result.status, result.errors, result.warnings) == ("accepted", [], [])
    assert result.contributions == PREVIOUS


def test_an_empty_template_is_an_empty_first_report():
    result = validate(write_template(CONTRACT, PERIOD, REFERENCE, []))
    assert [w.code for w in result.warnings] == ["empty_report"]


def test_the_template_has_dutch_headers_info_dropdowns_and_instructions():
    book = openpyxl.load_workbook(BytesIO(write_template(CONTRACT, PERIOD, REFERENCE, PREVIOUS)))
    sheet = book["Voortgang"]
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet.freeze_panes == "A2"
    assert {row[0].value: row[1].value for row in book["Info"].iter_rows()}["period"] == "2026-Q1"
    assert book["Lists"].sheet_state == "hidden"
    assert {"Verplichtingen", "Soorten", "Doelgroepen"} <= set(book.defined_names)
    assert sorted(v.formula1 for v in sheet.data_validations.dataValidation) == [
        "=Doelgroepen",
        "=Soorten",
        "=Verplichtingen",
    ]
    assert book["Toelichting"]["A1"].value == "Zo vult u dit rapport in"
    assert sheet["E2"].number_format == "d-m-yyyy"


def test_the_english_template_has_english_headers():
    book = openpyxl.load_workbook(BytesIO(write_template(CONTRACT, PERIOD, REFERENCE, [], "en")))
    assert [c.value for c in book["Voortgang"][1]] == HEADER_EN


def test_the_template_is_for_its_own_contract_only():
    other = replace(CONTRACT, reference="2025-XX-001")
    data = write_template(other, PERIOD, REFERENCE, [])
    assert [e.code for e in validate(data).errors] == ["contract_mismatch"]
