"""progress-report.md: possible_bsn in every cell of every sheet, possible_name, and files not kept."""

import pytest
from report_books import COL, HEADER, found, person, purchase, report, validate, xlsx

from srtracker.domain.report_cells import holds_bsn, looks_like_name, reference_problem

BSN = "123456782"  # passes the 11-proof


@pytest.mark.parametrize(
    "text",
    [
        "BSN 123456782",
        "123456782X",
        "123/456/782",
        "123_456_782",
        "123 45 67 82",
        "１２３４５６７８２",
        "123\u200b456\u200b782",
        "123\u2060456\u2060782",
        "bsn:123.456.782.",
    ],
)
def test_a_bsn_is_found_in_any_notation(text):
    assert holds_bsn(text)


@pytest.mark.parametrize(
    "value", ["123456789", "1234567820", "12345678", "06-12345678", "2026-03-01", "K-0012", 4711]
)
def test_nine_digits_failing_the_eleven_proof_or_other_runs_are_no_bsn(value):
    assert not holds_bsn(value)


def test_a_number_cell_holding_a_bsn_is_found():
    assert holds_bsn(123456782) and holds_bsn(123456782.0)


@pytest.mark.parametrize("text", ["Jan Jansen", "J. de Vries", "Anne-Marie Smit", "ÖZLEM YILMAZ"])
def test_two_words_of_two_letters_and_no_digit_look_like_a_name(text):
    assert looks_like_name(text)


@pytest.mark.parametrize("text", ["K-0012", "Kandidaat 7", "jansen", "A B", "INK-A"])
def test_codes_do_not_look_like_a_name(text):
    assert not looks_like_name(text)


def test_reference_problem_is_the_one_check_for_any_reference_column():
    assert reference_problem("BSN 123456782") == "possible_bsn"
    assert reference_problem("12.345.678") == "possible_bsn"
    assert reference_problem("Jan Jansen") == "possible_name"
    assert reference_problem("K-0012") is None


@pytest.mark.parametrize("ref", ["BSN 123456782", "123456782X", "123/456/782"])
def test_a_reference_holding_a_bsn_is_possible_bsn(ref):
    result = validate(report(person(ref=ref)))
    assert found(result.errors) == [("possible_bsn", 2, "candidate_ref", "A2")]
    assert not result.keep_file


def test_a_reference_that_looks_like_a_name_is_possible_name_and_not_kept():
    result = validate(report(person(ref="Jan Jansen")))
    assert found(result.errors) == [("possible_name", 2, "candidate_ref", "A2")]
    assert "Jansen" not in result.errors[0].message
    assert not result.keep_file


def test_a_bsn_in_the_note_is_possible_bsn():
    result = validate(report(person(note=f"kandidaat met BSN {BSN[:3]}.{BSN[3:]}")))
    assert found(result.errors) == [("possible_bsn", 2, "note", "I2")]
    assert not result.keep_file


def test_a_bsn_in_an_unknown_column_is_possible_bsn_without_a_column_name():
    data = report([*person(), BSN], header=[*HEADER, "dossier"])
    result = validate(data)
    assert found(result.errors) == [("possible_bsn", 2, None, "J2")]
    assert not result.keep_file


def test_a_bsn_on_the_info_sheet_is_possible_bsn_there():
    data = report(person(), info={"contract": "2026-HH-014", "contactpersoon": f"bsn {BSN}"})
    result = validate(data)
    assert [(e.code, e.sheet, e.cell) for e in result.errors] == [("possible_bsn", "Info", "B2")]


def test_a_bsn_on_any_other_sheet_or_above_the_header_is_possible_bsn():
    data = xlsx(
        {
            "Voortgang": [[f"Opgave {BSN}"], HEADER, person()],
            "Kladblad": [["notitie", "x"], [None, BSN]],
        }
    )
    result = validate(data)
    assert sorted((e.sheet, e.cell) for e in result.errors) == [
        ("Kladblad", "B2"),
        ("Voortgang", "A1"),
    ]


def test_hours_and_amounts_are_never_taken_for_a_bsn():
    data = report(person(hours=123456782), purchase(amount=123456782))
    codes = [(e.code, e.column) for e in validate(data).errors]
    assert codes == [("out_of_range", "hours_per_week")]


def test_an_earlier_error_on_the_cell_comes_first_but_the_file_is_still_not_kept():
    result = validate(report(person(note=f"{BSN} " + "x" * 500)))
    assert found(result.errors) == [("text_too_long", 2, "note", "I2")]
    assert not result.keep_file


def test_possible_bsn_comes_before_unknown_clause():
    result = validate(report(person(clause=f"SR {BSN}")))
    assert found(result.errors) == [("possible_bsn", 2, "clause", COL["clause"] + "2")]


def test_a_file_with_other_errors_is_kept():
    assert validate(report(person(clause="SR9"))).keep_file
