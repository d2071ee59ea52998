"""The optional report columns of the valuation extension (progress-report.md, extended)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from report_books import (
    CONTRACT,
    EUROS,
    HEADER,
    HEADER_EN,
    PERIOD,
    REFERENCE,
    found,
    person,
    purchase,
    report,
    validate,
)

from srtracker.domain.contributions import Contribution
from srtracker.domain.report_messages import MESSAGES
from srtracker.domain.report_messages_en import to_english
from srtracker.workbook.template import write_template
from srtracker.workbook.upload import validate_upload

EXTRA = ["uitkeringsduur_maanden", "leeftijd", "vast_contract", "inkoop_bij"]
EXTRA_EN = ["benefit_months", "age_bracket", "permanent_contract", "purchased_from"]
# issue 18: shown after the four above in a valued template
EXTRA_18 = ["statushouder", "niveau", "aantal"]
EXTRA_18_EN = ["statushouder", "level", "quantity"]
VALUED = replace(CONTRACT, valuation_table="oost-nederland", valuation_version=5)


def with_extra(row, *extra):
    return [*row, *extra]


def test_the_columns_are_read_in_dutch_and_english():
    rows = (
        with_extra(person(), 30, "55 of ouder", "ja", None),
        with_extra(purchase(), None, None, None, "Lid Social Enterprise NL"),
    )
    for header in (HEADER + EXTRA, HEADER_EN + EXTRA_EN):
        result = validate(report(*rows, header=header))
        assert (result.status, result.warnings) == ("accepted", [])
        assert result.contributions == [
            Contribution(
                2,
                "K-001",
                "SR1",
                "placement",
                date(2026, 1, 5),
                "wajong",
                None,
                Decimal("32.00"),
                benefit_months=30,
                age_bracket="55_plus",
                permanent_contract=True,
            ),
            Contribution(
                3,
                "INK-1",
                "SR3",
                "social_purchase",
                date(2026, 2, 1),
                amount_eur=Decimal("1250.00"),
                purchased_from="social_enterprise_nl",
            ),
        ]


@pytest.mark.parametrize(
    "cells, values",
    [
        ((0, "jonger dan 50", "nee", None), (0, "under_50", False, None)),
        (("24", "50-54", "Yes", None), (24, "50_54", True, None)),
        (
            (None, "55+", True, "code_sociale_ondernemingen"),
            (None, "55_plus", True, "code_sociale_ondernemingen"),
        ),
        ((None, None, None, None), (None, None, None, None)),
    ],
)
def test_codes_labels_and_spellings_are_accepted_and_blank_is_not_given(cells, values):
    result = validate(report(with_extra(person(), *cells), header=HEADER + EXTRA))
    row = result.contributions[0]
    assert (
        row.benefit_months,
        row.age_bracket,
        row.permanent_contract,
        row.purchased_from,
    ) == values


@pytest.mark.parametrize(
    "cells, errors",
    [
        ((-1, None, None, None), [("out_of_range", 2, "benefit_months", "J2")]),
        ((601, None, None, None), [("out_of_range", 2, "benefit_months", "J2")]),
        ((2.5, None, None, None), [("out_of_range", 2, "benefit_months", "J2")]),
        (("lang", None, None, None), [("bad_number", 2, "benefit_months", "J2")]),
        (
            (None, "60", "misschien", "Wsw"),
            [
                ("bad_choice", 2, "age_bracket", "K2"),
                ("bad_choice", 2, "permanent_contract", "L2"),
                ("bad_choice", 2, "purchased_from", "M2"),
            ],
        ),
    ],
)
def test_bad_values_are_refused_with_their_cell(cells, errors):
    result = validate(report(with_extra(person(), *cells), header=HEADER + EXTRA))
    assert found(result.errors) == errors


def test_the_messages_say_what_to_fill_in_and_have_english():
    assert MESSAGES["bad_choice.permanent_contract"] == "Vul ja of nee in."
    for key in (
        "bad_choice.age_bracket",
        "bad_choice.permanent_contract",
        "bad_choice.purchased_from",
        "out_of_range.benefit_months",
    ):
        assert to_english(MESSAGES[key]) != MESSAGES[key]


def test_a_report_without_the_columns_is_read_as_before():
    result = validate(report(person(), purchase()))
    assert result.status == "accepted" and result.contributions[0].benefit_months is None


def test_the_template_of_a_valued_contract_has_the_columns_with_dropdowns():
    rows = [
        Contribution(
            2,
            "K-1",
            "SR1",
            "placement",
            date(2026, 1, 5),
            "wajong",
            None,
            Decimal(32),
            benefit_months=30,
            age_bracket="55_plus",
            permanent_contract=True,
        ),
        Contribution(
            3,
            "INK-1",
            "SR3",
            "social_purchase",
            date(2026, 2, 1),
            amount_eur=Decimal(1250),
            purchased_from="social_enterprise_nl",
        ),
    ]
    data = write_template(VALUED, PERIOD, REFERENCE, rows)
    book = openpyxl.load_workbook(BytesIO(data))
    sheet = book["Voortgang"]
    assert [c.value for c in sheet[1]] == HEADER + EXTRA + EXTRA_18
    assert [c.value for c in sheet[2]][9:] == [30, "55 of ouder", "ja", None, None, None, None]
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert sorted(v.formula1 for v in lists) == [
        "=Doelgroepen",
        "=Inkoopbronnen",
        "=JaNee",
        "=JaNeeStatushouder",
        "=Leeftijden",
        "=Niveaus",
        "=Soorten",
        "=Verplichtingen",
    ]
    notes = [c.value for (c,) in book["Toelichting"].iter_rows()]
    assert any(line.startswith("uitkeringsduur_maanden:") for line in notes)
    # filled in with the previous rows, it validates to those rows
    result = validate_valued(data, rows)
    assert (result.status, result.errors, result.warnings) == ("accepted", [], [])
    assert result.contributions == rows


def validate_valued(data, previous):
    return validate_upload(data, VALUED, PERIOD, REFERENCE, previous, True)


def test_the_english_template_of_a_valued_contract_round_trips_too():
    rows = [
        Contribution(
            2,
            "K-1",
            "SR1",
            "placement",
            date(2026, 1, 5),
            "wajong",
            None,
            Decimal(32),
            age_bracket="under_50",
            permanent_contract=False,
        )
    ]
    data = write_template(VALUED, PERIOD, REFERENCE, rows, "en")
    sheet = openpyxl.load_workbook(BytesIO(data))["Progress"]
    assert [c.value for c in sheet[1]] == HEADER_EN + EXTRA_EN + EXTRA_18_EN
    assert validate_valued(data, rows).contributions == rows


def test_contracts_without_a_valuation_table_keep_the_nine_columns():
    assert EUROS in CONTRACT.clauses
    sheet = openpyxl.load_workbook(BytesIO(write_template(CONTRACT, PERIOD, REFERENCE, [])))
    assert [c.value for c in sheet["Voortgang"][1]] == HEADER


def test_statushouder_level_and_quantity_are_read_in_dutch_and_english():
    row = with_extra(person(), None, None, None, None, "ja", "mbo niveau 3", "12,5")
    for header in (HEADER + EXTRA + EXTRA_18, HEADER_EN + EXTRA_EN + EXTRA_18_EN):
        result = validate(report(row, header=header))
        assert (result.status, result.warnings) == ("accepted", [])
        found_row = result.contributions[0]
        assert (found_row.statushouder, found_row.level, found_row.quantity) == (
            True,
            "mbo_3",
            Decimal("12.5"),
        )


@pytest.mark.parametrize(
    "cells, errors",
    [
        (("misschien", None, None), [("bad_choice", 2, "statushouder", "N2")]),
        ((None, "mbo 5", None), [("bad_choice", 2, "level", "O2")]),
        ((None, None, 0), [("out_of_range", 2, "quantity", "P2")]),
        ((None, None, "1,234"), [("out_of_range", 2, "quantity", "P2")]),
        ((None, None, "veel"), [("bad_number", 2, "quantity", "P2")]),
    ],
)
def test_bad_statushouder_level_or_quantity_is_refused_with_its_cell(cells, errors):
    row = with_extra(person(), None, None, None, None, *cells)
    result = validate(report(row, header=HEADER + EXTRA + EXTRA_18))
    assert found(result.errors) == errors


def test_the_new_messages_have_english():
    for key in ("bad_choice.statushouder", "bad_choice.level", "out_of_range.quantity"):
        assert to_english(MESSAGES[key]) != MESSAGES[key] or key == "bad_choice.statushouder"
