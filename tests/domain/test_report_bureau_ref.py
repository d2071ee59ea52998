"""The optional kandidaatnummer column (sign-off.md): checked like candidate_ref."""

import pytest
from report_books import HEADER, found, person, report, validate

from srtracker.domain.report_columns import template_columns

WITH_NUMBER = [*HEADER, "kandidaatnummer"]  # column J


def numbered(bureau_ref, ref="K-001"):
    return report([*person(ref=ref), bureau_ref], header=WITH_NUMBER)


def test_the_column_is_optional_and_read_trimmed():
    assert validate(report(person())).contributions[0].bureau_ref is None
    result = validate(numbered("  KN-0042 "))
    assert result.status == "accepted"
    assert result.contributions[0].bureau_ref == "KN-0042"


def test_an_empty_cell_means_no_ledger_entry():
    result = validate(numbered(None))
    assert result.status == "accepted" and result.contributions[0].bureau_ref is None


def test_a_number_cell_reads_as_its_digits():
    assert validate(numbered(4711)).contributions[0].bureau_ref == "4711"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("K" * 41, "text_too_long"),
        ("123456782", "possible_bsn"),
        ("12.345.678", "possible_bsn"),
        ("Jan Jansen", "possible_name"),
    ],
)
def test_a_bsn_a_name_or_too_long_is_refused_like_candidate_ref(value, code):
    result = validate(numbered(value))
    assert result.status == "rejected"
    assert found(result.errors) == [(code, 2, "bureau_ref", "J2")]
    assert "kandidaatnummer" in result.errors[0].message.casefold()


def test_a_file_refused_for_a_bsn_in_the_number_is_not_kept():
    assert validate(numbered("123456782")).keep_file is False


def test_the_template_shows_the_column_only_where_the_bureau_uses_it():
    assert "bureau_ref" not in [c.name for c in template_columns(False)]
    assert [c.name for c in template_columns(False, bureau_ref=True)][-1] == "bureau_ref"
