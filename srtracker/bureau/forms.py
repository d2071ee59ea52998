"""The bureau's forms: GET filters (no CSRF, bookmarkable) and the flag actions (POST, CSRF)."""

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
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
from wtforms.widgets import Select, html_params

from ..contracts.forms import BAD_DATE, DATE_FORMATS, REQUIRED, TextDateField

ANY = SelectChoice("", _l("alle"))
MAX_TEXT = 2000


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as choices of a select."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class LongSelect(Select):
    """wtforms' Select with the same markup, each option written by one f-string and kept.

    The dashboard's and the flag queue's buyer lists have an option per municipality
    (hundreds at national scale); wtforms' generic rendering (a Choice built per option and
    request, its attributes written one by one) made them the costliest part of the page.
    Plain choices (text value and label, no attributes or groups) are written here straight
    from the field's choices, each option's markup kept per worker (`_option`).
    """

    def __call__(self, field, **kwargs):
        choices = field.choices
        if self.multiple or field.coerce is not str or not _plain(choices):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for k in dir(flags):  # as Select does
            if k in self.validation_attrs and k not in kwargs:
                kwargs[k] = getattr(flags, k)
        data = field.data
        html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        html.extend(
            _option(c.value, c.label, c.value == data)
            if type(c.label) is str
            else _write_option(c.value, c.label, c.value == data)
            for c in choices
        )
        html.append("</select>")
        return Markup("".join(html))

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return super().render_option(choice, **kwargs)
        return _write_option(choice.value, choice.label, choice.selected)


def _plain(choices) -> bool:
    return isinstance(choices, list) and all(
        type(c) is SelectChoice and not c.render_kw and c.optgroup is None and type(c.value) is str
        for c in choices
    )


def _write_option(value: str, label, selected: bool) -> str:
    return (
        f'<option{" selected" if selected else ""} value="{escape(value)}">'
        f"{escape(label or value)}</option>"
    )


# Labels here are names (a lazy translated label is written each time instead).
_option = lru_cache(maxsize=20000)(_write_option)


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
    status = SelectField(_l("Status"), choices=[ANY], validate_choice=False, widget=LongSelect())
    type = SelectField(
        _l("Soort bijdrage"), choices=[ANY], validate_choice=False, widget=LongSelect()
    )
    year = SelectField(_l("Jaar"), choices=[ANY], validate_choice=False, widget=LongSelect())
    within = SelectField(
        _l("Jaar geldt voor"),
        validate_choice=False,
        widget=LongSelect(),
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
        widget=LongSelect(),
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
    kind = SelectField(
        _l("Soort signaal"), choices=[ANY], validate_choice=False, widget=LongSelect()
    )
    buyer = SelectField(
        _l("Opdrachtgever"), choices=[ANY], validate_choice=False, widget=LongSelect()
    )
    state = SelectField(_l("Stand"), choices=[ANY], validate_choice=False, widget=LongSelect())


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
