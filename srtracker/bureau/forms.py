"""The bureau's forms: GET filters (no CSRF, bookmarkable) and the flag actions (POST, CSRF)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import (
    BooleanField,
    Form,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import Select

from ..contracts.forms import BAD_DATE, DATE_FORMATS, REQUIRED, TextDateField

ANY = SelectChoice("", _l("alle"))
MAX_TEXT = 2000


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as choices of a select."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class LongSelect(Select):
    """wtforms' Select with the same markup, each option written by one f-string.

    The dashboard's buyer list has an option per municipality (hundreds at national
    scale); wtforms' generic attribute rendering made it the costliest part of the page.
    """

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return super().render_option(choice, **kwargs)
        selected = " selected" if choice.selected else ""
        return (
            f'<option{selected} value="{escape(choice.value)}">'
            f"{escape(choice.label or choice.value)}</option>"
        )


class Filters(Form):
    """A filter form read from the query string; an unknown value counts as no filter.

    Choices are filled by the view from what the user may see.
    """

    def cleaned(self) -> dict[str, str]:
        """Each field's value when it is one of its choices (or free text), else ''."""
        values = {}
        for field in self:
            value = (field.data or "").strip() if isinstance(field.data, str) else ""
            if isinstance(field, SelectField) and value not in {c.value for c in field.choices}:
                value = ""
            values[field.name] = value
        return values


class DashboardFilters(Filters):
    q = StringField(_l("Kenmerk begint met"), validators=[Length(max=40)])
    buyer = SelectField(
        _l("Opdrachtgever"), choices=[ANY], validate_choice=False, widget=LongSelect()
    )
    supplier = SelectField(
        _l("Opdrachtnemer"), choices=[ANY], validate_choice=False, widget=LongSelect()
    )
    status = SelectField(_l("Status"), choices=[ANY], validate_choice=False)
    type = SelectField(_l("Soort bijdrage"), choices=[ANY], validate_choice=False)
    year = SelectField(_l("Jaar"), choices=[ANY], validate_choice=False)
    within = SelectField(
        _l("Jaar geldt voor"),
        validate_choice=False,
        choices=options(
            [
                ("running", _l("verplichting loopt in dat jaar")),
                ("deadline", _l("deadline valt in dat jaar")),
            ]
        ),
    )
    sort = SelectField(
        _l("Sorteren op"),
        validate_choice=False,
        choices=options(
            [
                ("reference", _l("kenmerk")),
                ("buyer", _l("opdrachtgever")),
                ("supplier", _l("opdrachtnemer")),
                ("status", _l("status (ernstigste eerst)")),
                ("deadline", _l("deadline")),
            ]
        ),
    )


class FlagFilters(Filters):
    q = StringField(_l("Kenmerk begint met"), validators=[Length(max=40)])
    kind = SelectField(_l("Soort signaal"), choices=[ANY], validate_choice=False)
    buyer = SelectField(
        _l("Opdrachtgever"), choices=[ANY], validate_choice=False, widget=LongSelect()
    )
    state = SelectField(_l("Stand"), choices=[ANY], validate_choice=False)


class AcknowledgeForm(FlaskForm):
    """Only the CSRF token: acknowledging says the bureau has seen the flag."""


class CommentForm(FlaskForm):
    text = TextAreaField(_l("Opmerking"), validators=[DataRequired(REQUIRED), Length(max=MAX_TEXT)])
    for_supplier = BooleanField(_l("Ook zichtbaar voor de opdrachtnemer"))


class DeadlineForm(FlaskForm):
    remedial_deadline = TextDateField(
        _l("Herstelperiode tot en met"),
        format=DATE_FORMATS,
        validators=[Optional()],
        invalid_value_message=BAD_DATE,
    )


class CloseForm(FlaskForm):
    state = RadioField(
        _l("Afsluiten als"),
        validators=[DataRequired(REQUIRED)],
        choices=options(
            [("resolved", _l("opgelost")), ("waived", _l("kwijtgescholden (niet meer nodig)"))]
        ),
    )
    reason = TextAreaField(_l("Reden"), validators=[DataRequired(REQUIRED), Length(max=MAX_TEXT)])
