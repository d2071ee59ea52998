"""progress-report.md, "Validation", as examples: every code with its row and column.

The reports are built with openpyxl; row 1 is the header unless a test says
otherwise, so the first data row is Excel row 2. Columns follow HEADER:
A kandidaat, B verplichting, C soort, D doelgroep, E startdatum, F einddatum,
G uren_per_week, H bedrag_eur, I opmerking.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from report_books import (
    CONTRACT,
    HEADER,
    HEADER_EN,
    REFERENCE,
    found,
    person,
    purchase,
    report,
    validate,
    with_cached_values,
    without_cached_values,
    xlsx,
)

from srtracker.domain.contributions import Contribution
from srtracker.domain.periods import parse_period
from srtracker.domain.report_messages import MESSAGES
from srtracker.domain.report_messages_en import ENGLISH, to_english
from srtracker.workbook.upload import validate_upload


def errors_of(data, **kwargs):
    return found(validate(data, **kwargs).errors)


def warnings_of(data, **kwargs):
    return found(validate(data, **kwargs).warnings)


# -- accepted reports -----------------------------------------------------------------------


def test_a_valid_report_is_accepted_with_its_rows_as_contributions():
    result = validate(report(person(), purchase()))
    assert (result.status, result.rows, result.errors) == ("accepted", 2, [])
    assert result.contributions == [
        Contribution(
            2, "K-001", "SR1", "placement", date(2026, 1, 5), "wajong", None, Decimal("32.00")
        ),
        Contribution(
            3, "INK-1", "SR3", "social_purchase", date(2026, 2, 1), amount_eur=Decimal("1250.00")
        ),
    ]


def test_english_headers_in_any_order_are_read_like_dutch_ones():
    order = [8, 3, 0, 6, 1, 5, 2, 7, 4]
    row = person(note="ok")
    data = report([row[i] for i in order], header=[HEADER_EN[i] for i in order])
    assert validate(data).contributions == validate(report(row)).contributions


def test_title_rows_above_the_header_are_ignored_and_rows_keep_their_excel_number():
    data = report(person(), above=[["Voortgangsrapport"], [], ["Vul hieronder in"]])
    assert validate(data).contributions[0].row == 5


def test_empty_rows_are_skipped_wherever_they_are():
    result = validate(report([], person(), ["  ", None, ""], person(ref="K-2")))
    assert (result.status, result.rows) == ("accepted", 2)
    assert [c.row for c in result.contributions] == [3, 5]


def test_labels_and_codes_match_trimmed_and_case_insensitively():
    row = person(
        clause=" sr1 ",
        kind="PLAATSING (dienstverband of detachering)",
        group="Participation Act / social assistance (formerly Wwb, WIJ)",
    )
    contribution = validate(report(row)).contributions[0]
    assert (contribution.clause, contribution.type, contribution.target_group) == (
        "SR1",
        "placement",
        "participatiewet",
    )


def test_dutch_text_dates_and_numbers_are_read():
    row = person(start="5-1-2026", end="31/03/2026", hours="32,5")
    contribution = validate(report(row)).contributions[0]
    assert (contribution.start_date, contribution.end_date, contribution.hours_per_week) == (
        date(2026, 1, 5),
        date(2026, 3, 31),
        Decimal("32.50"),
    )


def test_hours_and_amounts_are_rounded_half_up_to_cents():
    result = validate(report(person(hours=32.125), purchase(amount="1.234,565")))
    assert [c.hours_per_week or c.amount_eur for c in result.contributions] == [
        Decimal("32.13"),
        Decimal("1234.57"),
    ]


def test_a_reference_excel_turned_into_a_number_is_read_as_digits():
    assert validate(report(person(ref=4711))).contributions[0].candidate_ref == "4711"


def test_a_formula_is_read_by_its_cached_value():
    data = with_cached_values(report(person(hours="=30+2")), b"32")
    assert validate(data).contributions[0].hours_per_week == Decimal("32.00")


# -- file-level errors ------------------------------------------------------------------------


def test_missing_sheet_when_no_progress_sheet_and_several_visible_sheets():
    data = xlsx({"Blad1": [HEADER, person()], "Blad2": [HEADER]})
    result = validate(data)
    assert (found(result.errors), result.rows) == ([("missing_sheet", None, None, None)], 0)


def test_the_only_visible_sheet_besides_info_is_the_data_sheet():
    data = xlsx(
        {"Blad1": [HEADER, person()], "Info": [["contract", "2026-HH-014"]], "Oud": [HEADER]},
        hidden=("Oud",),
    )
    assert validate(data).status == "accepted"


def test_a_progress_sheet_is_found_by_name_case_insensitively():
    data = xlsx({"Blad1": [["x"]], "PROGRESS": [HEADER_EN, person()]})
    assert validate(data).status == "accepted"


def test_missing_column_without_header_names_each_always_required_column():
    result = validate(report(person(), header=["a", "b"]))
    assert found(result.errors) == [
        ("missing_column", None, name, None)
        for name in ("candidate_ref", "clause", "type", "start_date")
    ]
    assert result.rows == 0


def test_a_header_below_row_50_is_not_found():
    data = report(person(), above=[["titel"]] * 50)
    assert [e.code for e in validate(data).errors] == ["missing_column"] * 4


def test_missing_column_is_reported_on_the_header_row_and_rows_still_validated():
    header = ["kandidaat", "verplichting", "soort", "doelgroep", "einddatum", "uren_per_week"]
    data = report(["K-1", "SR9", "placement", "wajong", None, 32], header=header, above=[["t"]])
    result = validate(data)
    assert found(result.errors) == [
        ("missing_column", 2, "start_date", None),
        ("unknown_clause", 3, "clause", "B3"),
    ]
    assert result.rows == 1


def test_hours_and_group_columns_are_required_only_when_a_row_is_a_person_type():
    header = ["kandidaat", "verplichting", "soort", "startdatum", "bedrag_eur"]
    assert (
        validate(
            report(["INK", "SR3", "social_purchase", date(2026, 2, 1), 10], header=header)
        ).status
        == "accepted"
    )
    data = report(["K-1", "SR1", "placement", date(2026, 2, 1), None], header=header)
    assert found(validate(data).errors) == [
        ("missing_column", 1, "target_group", None),
        ("missing_column", 1, "hours_per_week", None),
    ]


def test_the_amount_column_is_required_when_a_row_is_a_social_purchase():
    header = HEADER[:7]
    data = report(purchase()[:7], header=header)
    assert found(validate(data).errors) == [("missing_column", 1, "amount_eur", None)]


def test_duplicate_column_when_english_and_dutch_name_the_same_column():
    header = HEADER + ["clause"]
    result = validate(report(person() + ["SR1"], header=header))
    assert found(result.errors) == [("duplicate_column", 1, "clause", "J1")]
    assert "B1 en J1" in result.errors[0].message


def test_unknown_column_is_a_warning_on_its_header_cell():
    result = validate(report(person() + ["x"], header=HEADER + ["Naam"]))
    assert result.status == "accepted"
    assert found(result.warnings) == [("unknown_column", 1, None, "J1")]


def test_contract_mismatch_when_info_names_another_contract():
    data = report(person(), info={"contract": "2025-XX-001", "period": "2026-Q1"})
    result = validate(data)
    assert [(e.code, e.sheet, e.row) for e in result.errors] == [
        ("contract_mismatch", "Info", None)
    ]
    assert result.rows == 1


def test_contract_mismatch_when_info_names_another_period():
    data = report(person(), info={"contract": "2026-hh-014 ", "period": "2026-Q2"})
    assert [e.code for e in validate(data).errors] == ["contract_mismatch"]


def test_a_monthly_period_may_be_given_as_a_date_in_that_month():
    monthly = parse_period("monthly", "2026-03")
    contract = replace(CONTRACT, reporting="monthly")
    data = report(person(), info={"contract": "2026-HH-014", "period": date(2026, 3, 17)})
    assert validate_upload(data, contract, monthly, REFERENCE, None, False).status == "accepted"
    other = report(person(), info={"period": date(2026, 4, 1)})
    assert [
        e.code for e in validate_upload(other, contract, monthly, REFERENCE, None, False).errors
    ] == ["contract_mismatch"]


def test_empty_report_is_accepted_with_a_warning_for_the_first_report():
    result = validate(report())
    assert (result.status, result.rows) == ("accepted", 0)
    assert found(result.warnings) == [("empty_report", None, None, None)]


def test_empty_report_is_an_error_once_an_earlier_report_had_rows():
    result = validate(report([None] * 9), had_rows_before=True)
    assert found(result.errors) == [("empty_report", None, None, None)]


# -- cell errors ------------------------------------------------------------------------------


def test_formula_without_value_is_an_error_on_its_cell():
    data = without_cached_values(report(person(), person(ref="K-2", hours="=30+2")))
    assert errors_of(data) == [("formula_without_value", 3, "hours_per_week", "G3")]


def test_a_row_of_uncalculated_formulas_below_the_data_is_not_skipped():
    data = without_cached_values(report(person(), [None, "=B2"]))
    assert ("formula_without_value", 3, "clause", "B3") in errors_of(data)


@pytest.mark.parametrize(
    "index, column",
    [
        (0, "candidate_ref"),
        (1, "clause"),
        (2, "type"),
        (3, "target_group"),
        (4, "start_date"),
        (6, "hours_per_week"),
    ],
)
def test_missing_value_in_a_required_cell_of_a_person_row(index, column):
    row = person()
    row[index] = "  "
    assert errors_of(report(row)) == [("missing_value", 2, column, f"{'ABCDEFG'[index]}2")]


def test_missing_value_for_the_amount_of_a_social_purchase():
    assert errors_of(report(purchase(amount=None))) == [("missing_value", 2, "amount_eur", "H2")]


def test_a_social_purchase_needs_no_group_or_hours():
    assert validate(report(purchase())).status == "accepted"


def test_unknown_clause():
    assert errors_of(report(person(clause="SR9"))) == [("unknown_clause", 2, "clause", "B2")]


def test_unknown_type():
    assert errors_of(report(person(kind="vrijwilliger"))) == [("unknown_type", 2, "type", "C2")]


def test_type_not_accepted_by_the_clause():
    assert errors_of(report(person(kind="training"))) == [("type_not_accepted", 2, "type", "C2")]


def test_unknown_group():
    assert errors_of(report(person(group="studenten"))) == [
        ("unknown_group", 2, "target_group", "D2")
    ]


@pytest.mark.parametrize("index, column", [(4, "start_date"), (5, "end_date")])
def test_bad_date(index, column):
    row = person()
    row[index] = "31-02-2026"
    assert errors_of(report(row)) == [("bad_date", 2, column, "EF"[index - 4] + "2")]


def test_bad_number_for_hours_and_amount():
    assert errors_of(report(person(hours="veel"), purchase(amount="1.2.3"))) == [
        ("bad_number", 2, "hours_per_week", "G2"),
        ("bad_number", 3, "amount_eur", "H3"),
    ]


@pytest.mark.parametrize("hours", [0, -1, 60.01, "0,001"])
def test_out_of_range_hours(hours):
    assert errors_of(report(person(hours=hours))) == [("out_of_range", 2, "hours_per_week", "G2")]


def test_sixty_hours_is_in_range():
    assert validate(report(person(hours=60))).status == "accepted"


def test_out_of_range_negative_amount():
    assert errors_of(report(purchase(amount=-5))) == [("out_of_range", 2, "amount_eur", "H2")]


def test_text_too_long_for_reference_and_note():
    data = report(person(ref="K" * 41), person(ref="K-2", note="x" * 501))
    assert errors_of(data) == [
        ("text_too_long", 2, "candidate_ref", "A2"),
        ("text_too_long", 3, "note", "I3"),
    ]


@pytest.mark.parametrize("ref", [123456789, "12.345.678", "1234-567-89"])
def test_possible_bsn_rejects_and_does_not_keep_the_file(ref):
    result = validate(report(person(ref=ref)))
    assert found(result.errors) == [("possible_bsn", 2, "candidate_ref", "A2")]
    assert not result.keep_file


def test_a_rejected_file_without_bsn_is_kept():
    assert validate(report(person(clause="SR9"))).keep_file


def test_each_cell_gets_only_its_first_error():
    data = report(person(ref="1" * 41, clause="SR9", kind="training"))
    assert errors_of(data) == [
        ("text_too_long", 2, "candidate_ref", "A2"),
        ("unknown_clause", 2, "clause", "B2"),
    ]


# -- row and cross-row errors -------------------------------------------------------------------


def test_end_before_start_is_reported_on_the_end_date():
    data = report(person(start=date(2026, 3, 1), end=date(2026, 2, 28)))
    assert errors_of(data) == [("end_before_start", 2, "end_date", "F2")]


def test_date_after_period_is_reported_on_the_start_date():
    assert errors_of(report(person(start=date(2026, 4, 1)))) == [
        ("date_after_period", 2, "start_date", "E2")
    ]


def test_overlap_is_reported_on_the_lower_row_naming_the_other():
    data = report(
        person(start=date(2026, 1, 5), end=date(2026, 2, 1)),
        person(ref="K-2"),
        person(ref=" k-001 ", start=date(2026, 2, 1)),
    )
    result = validate(data)
    assert found(result.errors) == [("overlap", 4, "start_date", "E4")]
    assert result.errors[0].params["other_row"] == 2


def test_overlap_is_found_whatever_the_order_of_the_rows():
    data = report(
        person(start=date(2026, 1, 25)),
        person(start=date(2026, 1, 5), end=date(2026, 1, 31)),
        person(start=date(2026, 1, 20), end=date(2026, 2, 10)),
    )
    assert errors_of(data) == [
        ("overlap", 3, "start_date", "E3"),
        ("overlap", 4, "start_date", "E4"),
    ]


def test_rows_that_touch_without_sharing_a_day_do_not_overlap():
    data = report(
        person(start=date(2026, 1, 5), end=date(2026, 1, 31)),
        person(start=date(2026, 2, 1)),
        person(clause="SR2", kind="training", start=date(2026, 2, 1)),
    )
    assert validate(data).status == "accepted"


def test_cross_row_checks_skip_cells_that_failed():
    data = report(person(start="gisteren"), person())
    assert errors_of(data) == [("bad_date", 2, "start_date", "E2")]


# -- warnings ---------------------------------------------------------------------------------


def test_ineligible_group_warns_on_the_group():
    assert warnings_of(report(person(group="ww"))) == [
        ("ineligible_group", 2, "target_group", "D2")
    ]


def test_below_min_hours_warns_on_the_hours():
    assert warnings_of(report(person(hours=20))) == [("below_min_hours", 2, "hours_per_week", "G2")]


def test_before_clause_start_warns_on_the_start_date():
    assert warnings_of(report(person(clause="SR2", kind="training", start=date(2026, 1, 5)))) == [
        ("before_clause_start", 2, "start_date", "E2")
    ]


def test_warnings_look_only_at_cells_that_passed():
    assert warnings_of(report(person(group="ww", hours="twintig", clause="SR9"))) == []


def previous_rows():
    return [
        Contribution(7, "K-001", "SR1", "placement", date(2026, 1, 5), "wajong"),
        Contribution(
            8, "K-OLD", "SR1", "placement", date(2025, 12, 1), "wajong", date(2025, 12, 31)
        ),
        Contribution(9, "K-003", "sr2", "training", date(2026, 2, 1), "ww"),
    ]


def test_missing_candidate_names_the_previous_row_not_the_reference():
    result = validate(report(person(ref="k-001 ")), previous=previous_rows())
    assert result.status == "accepted"
    assert found(result.warnings) == [("missing_candidate", None, None, None)]
    assert result.warnings[0].params["previous_row"] == 9
    assert "K-003" not in result.warnings[0].message


def test_a_candidate_with_an_end_date_may_leave_the_report():
    rows = [person(), person(ref="K-003", clause="SR2", kind="training", start=date(2026, 2, 1))]
    assert validate(report(*rows), previous=previous_rows()).warnings == []


# -- ordering and messages ---------------------------------------------------------------------


def test_errors_are_listed_file_level_first_then_by_row_and_column():
    data = report(
        person(hours=0, ref=""),
        person(clause="SR9"),
        header=HEADER[:7] + ["Naam"],
        info={"period": "2025-Q4"},
    )
    assert [(e.code, e.row, e.cell) for e in validate(data).errors] == [
        ("contract_mismatch", None, None),
        ("missing_value", 2, "A2"),
        ("out_of_range", 2, "G2"),
        ("unknown_clause", 3, "B3"),
    ]


def test_messages_never_repeat_the_cell_value():
    secret = "Jansen-Pietersen"
    result = validate(
        report(
            person(
                ref=secret * 3,
                group=secret,
                start=secret,
                hours=secret,
                note=secret * 40,
                kind=secret,
            )
        )
    )
    assert len(result.errors) == 6
    assert all(secret not in e.message and secret not in str(e.params) for e in result.errors)


def test_every_message_has_an_english_rendering():
    assert set(MESSAGES.values()) <= set(ENGLISH)


def test_a_message_renders_in_english_through_translate():
    issue = validate(report(person(start=None))).errors[0]
    assert issue.describe(to_english) == "Fill in a start date, for example 1-3-2026."
    assert issue.message == "Vul een startdatum in, bijvoorbeeld 1-3-2026."


def test_the_json_result_has_the_spec_fields():
    result = validate(report(person(start=None)))
    assert result.to_json(report_id=3) == {
        "status": "rejected",
        "report_id": 3,
        "rows": 1,
        "warnings": [],
        "errors": [
            {
                "sheet": "Voortgang",
                "row": 2,
                "column": "start_date",
                "cell": "E2",
                "code": "missing_value",
                "message": "Vul een startdatum in, bijvoorbeeld 1-3-2026.",
            }
        ],
    }
