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
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert sorted(v.formula1 for v in lists) == [
        "=Doelgroepen",
        "=Soorten",
        "=Verplichtingen",
    ]
    assert book["Toelichting"]["A1"].value == "Zo vult u dit rapport in"
    assert sheet["E2"].number_format == "d-m-yyyy"


def test_the_english_template_has_english_headers():
    book = openpyxl.load_workbook(BytesIO(write_template(CONTRACT, PERIOD, REFERENCE, [], "en")))
    assert [c.value for c in book["Progress"][1]] == HEADER_EN


def test_the_template_is_for_its_own_contract_only():
    other = replace(CONTRACT, reference="2025-XX-001")
    data = write_template(other, PERIOD, REFERENCE, [])
    assert [e.code for e in validate(data).errors] == ["contract_mismatch"]


def validations(data: bytes, sheet: str = "Voortgang") -> dict:
    """The validation of each column of the template, by its header."""
    book = openpyxl.load_workbook(BytesIO(data))
    found = {}
    for validation in book[sheet].data_validations.dataValidation:
        (area,) = validation.sqref.ranges
        found[book[sheet].cell(1, area.min_col).value] = validation
    return found


@pytest.mark.parametrize(
    ("lang", "sheet", "header"), [("nl", "Voortgang", HEADER), ("en", "Progress", HEADER_EN)]
)
def test_every_column_has_its_own_input_message_and_a_warning_alert(lang, sheet, header):
    found = validations(write_template(CONTRACT, PERIOD, REFERENCE, [], lang), sheet)
    assert list(found) == header
    for name, validation in found.items():
        assert validation.showInputMessage and validation.showErrorMessage, name
        assert validation.errorStyle == "warning", name
        assert validation.promptTitle == validation.errorTitle == name
        # Excel's limits: a title of at most 32 characters, a message of at most 255
        assert len(validation.promptTitle) <= 32 and len(validation.errorTitle) <= 32
        assert 0 < len(validation.prompt) <= 255 and 0 < len(validation.error) <= 255, name
    assert len({v.prompt for v in found.values()}) == len(found)


def test_the_target_group_column_says_what_a_target_group_is():
    found = validations(write_template(CONTRACT, PERIOD, REFERENCE, []))
    assert found["doelgroep"].prompt.startswith("De doelgroep")
    assert found["doelgroep"].error.startswith("Deze doelgroep kennen wij niet")
    assert found["verplichting"].error.endswith("Kies uit: SR1, SR2, SR3.")


def test_dates_and_numbers_are_checked_by_the_spreadsheet_too():
    found = validations(write_template(CONTRACT, PERIOD, REFERENCE, []))
    assert (found["startdatum"].type, found["startdatum"].formula1) == ("date", "1")
    hours = found["uren_per_week"]
    assert (hours.type, hours.operator, hours.formula1, hours.formula2) == (
        "decimal",
        "between",
        "0.01",
        "60",
    )
    assert (found["kandidaat"].type, found["kandidaat"].formula1) == ("textLength", "40")


def test_the_english_template_is_english_throughout():
    book = openpyxl.load_workbook(BytesIO(write_template(CONTRACT, PERIOD, REFERENCE, [], "en")))
    lines = [c.value for (c,) in book["Instructions"].iter_rows()]
    assert "Progress sheet" in lines[1]
    named = {line.split(":")[0] for line in lines if ":" in line}
    assert set(HEADER_EN) <= named and not named & set(HEADER)
    found = validations(write_template(CONTRACT, PERIOD, REFERENCE, [], "en"), "Progress")
    assert found["target_group"].prompt.startswith("The candidate's target group")
    assert found["start_date"].error.startswith("This is not a date")


def test_the_dutch_instructions_name_the_dutch_columns():
    book = openpyxl.load_workbook(BytesIO(write_template(CONTRACT, PERIOD, REFERENCE, [])))
    lines = [c.value for (c,) in book["Toelichting"].iter_rows()]
    assert set(HEADER) <= {line.split(":")[0] for line in lines if ":" in line}
