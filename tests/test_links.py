"""A link made by `url_maker` is the URL `url_for` makes of the same values, whatever the
values; for plain references and ids it is made without calling `url_for`."""

import pytest

from srtracker import links
from srtracker.links import url_maker

AWKWARD = [
    "2026-HH-014",
    "a.b_c~d",
    "SR1",
    "0",
    "007",
    "12",
    "",
    "a b",
    "a/b",
    "a%2Fb",
    "a?b=c&d",
    "<b>",
    "é",
    "7390516284",
    "..",
    "-",
    12,
    0,
    -3,
    True,
    None,
    3.5,
]

ENDPOINTS = [
    ("contracts.detail", ("reference",), {}),
    ("compliance.clause", ("reference", "code"), {}),
    ("bureau.flags", ("q",), {}),
    ("bureau.flags", ("q",), {"page": 2}),
    ("signoff.evidence_record", ("reference",), {}),
]


@pytest.mark.parametrize(("endpoint", "names", "fixed"), ENDPOINTS)
def test_a_made_link_is_what_url_for_makes_of_the_same_values(app, endpoint, names, fixed):
    with app.test_request_context():
        from flask import url_for

        make = url_maker(endpoint, *names, **fixed)
        for value in AWKWARD:
            values = [value, *(["SR2"] * (len(names) - 1))]
            try:
                expected = url_for(endpoint, **fixed, **dict(zip(names, values, strict=True)))
            except Exception as error:  # noqa: BLE001 - the same refusal is what counts
                with pytest.raises(type(error)):
                    make(*values)
                continue
            assert make(*values) == expected, value
            assert make(*reversed(values)) == url_for(
                endpoint, **fixed, **dict(zip(names, reversed(values), strict=True))
            )


@pytest.mark.parametrize("value", [1, 77673, "15", "0", "015", -1, "x", True, None])
def test_an_int_place_is_written_as_url_for_writes_it(app, value):
    with app.test_request_context():
        from flask import url_for

        make = url_maker("bureau.flag", "flag_id")
        try:
            expected = url_for("bureau.flag", flag_id=value)
        except Exception as error:  # noqa: BLE001
            with pytest.raises(type(error)):
                make(value)
            return
        assert make(value) == expected


def test_plain_values_are_put_in_without_url_for(app, monkeypatch):
    with app.test_request_context("/", base_url="http://localhost/sub"):
        from flask import url_for

        make = url_maker("compliance.clause", "reference", "code")
        file_link = url_maker("signoff.evidence_download", "file_id")
        expected = url_for("compliance.clause", reference="2026-HH-014", code="SR1")
        assert expected.startswith("/sub/")
        monkeypatch.setattr(links, "url_for", None)
        assert make("2026-HH-014", "SR1") == expected
        assert file_link(42) == "/sub" + app.url_map.bind("x").build(
            "signoff.evidence_download", {"file_id": 42}
        )
