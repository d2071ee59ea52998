"""The filter selects (buyers, suppliers, and the short lists of translated labels) are
written by LongSelect: the markup of wtforms' own Select, option for option, whatever is
chosen."""

import pytest
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField
from wtforms.widgets import Select

from srtracker.bureau.forms import ANY, LongSelect, options

NAMES = [
    (1, "Gemeente Apeldoorn"),
    (2, 'Bureau "Oost" & <West>'),
    (30, "Gemeente 's-Hertogenbosch"),
]


class Filter(Form):
    buyer = SelectField("Opdrachtgever", validate_choice=False)


@pytest.mark.parametrize("query", [{}, {"buyer": [""]}, {"buyer": ["2"]}, {"buyer": ["9"]}])
def test_a_long_select_writes_what_wtforms_select_writes(app, query):
    with app.test_request_context():
        form = Filter(_Args(query))
        form.buyer.choices = [ANY, *options(NAMES)]
        for _ in range(2):  # the second time from the options kept
            assert LongSelect()(form.buyer) == Select()(form.buyer)
            assert LongSelect()(form.buyer, **{"aria-invalid": "false"}) == Select()(
                form.buyer, **{"aria-invalid": "false"}
            )


class _Args(dict):
    def getlist(self, key):
        return self.get(key, [])


class Sorted(Form):
    sort = SelectField(
        "Sorteren op",
        validate_choice=False,
        choices=options(
            [("reference", _l("kenmerk")), ("status", _l("status (ernstigste eerst)"))]
        ),
    )


@pytest.mark.parametrize("query", [{}, {"sort": ["status"]}, {"sort": ["zz"]}])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_short_select_of_translated_labels_writes_what_wtforms_select_writes(
    app, query, language
):
    with app.test_request_context(), force_locale(language):
        form = Sorted(_Args(query))
        assert LongSelect()(form.sort) == Select()(form.sort)
        shown = {"nl": "status (ernstigste eerst)", "en": "status (most severe first)"}
        assert shown[language] in LongSelect()(form.sort)
