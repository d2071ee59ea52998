"""The long selects (buyers, suppliers) are written by LongSelect: the markup of wtforms' own
Select, option for option, whatever is chosen."""

import pytest
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
