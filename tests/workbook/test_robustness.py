"""Whatever is uploaded, validate_upload answers accepted or rejected with coded errors."""

import zipfile
from datetime import date, datetime
from io import BytesIO

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_books import HEADER, person, report, rezip, validate

from srtracker.domain.report_messages import MESSAGES

CODES = {key.partition(".")[0] for key in MESSAGES}
VALID = report(person(), person(ref="K-2", start="1-2-2026"))
SHEET = "xl/worksheets/sheet1.xml"
quick = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(date(1900, 3, 1), date(9999, 12, 31)),
    st.datetimes(datetime(1900, 3, 1), datetime(9999, 12, 31)),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60),
    st.sampled_from(["SR1", "placement", "wajong", "1-3-2026", "12,5", "=1+1", "123456789"]),
)


def assert_answered(result):
    assert result.status in ("accepted", "rejected")
    assert (result.status == "rejected") == bool(result.errors)
    assert {issue.code for issue in result.errors + result.warnings} <= CODES
    for issue in result.errors + result.warnings:
        assert issue.message


@quick
@given(st.binary(max_size=2000))
def test_random_bytes_are_answered(data):
    assert_answered(validate(data))


@quick
@given(st.integers(0, len(VALID)))
def test_a_truncated_workbook_is_answered(cut):
    assert_answered(validate(VALID[:cut]))


@quick
@given(st.integers(0, 10**6), st.binary(min_size=1, max_size=4))
def test_a_workbook_with_mangled_sheet_xml_is_answered(where, junk):
    def mangle(name, body):
        if name != SHEET:
            return body
        at = where % len(body)
        return body[:at] + junk + body[at + len(junk) :]

    assert_answered(validate(rezip(VALID, mangle)))


@quick
@given(
    st.lists(st.lists(cell, min_size=9, max_size=11), max_size=6),
    st.lists(st.sampled_from(HEADER + ["clause", "Naam", ""]), max_size=10),
)
def test_a_real_workbook_with_random_cells_is_answered(rows, header):
    assert_answered(validate(report(*rows)))
    assert_answered(validate(report(*rows, header=header)))


@quick
@given(
    st.dictionaries(
        st.sampled_from(
            ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", SHEET]
        ),
        st.binary(max_size=200),
    )
)
def test_a_package_with_broken_parts_is_answered(parts):
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(VALID)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, parts.get(name, source.read(name)))
    assert_answered(validate(out.getvalue()))
