"""Login and account forms (Flask-WTF: CSRF on every POST)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Regexp

from ..access import ROLES
from ..domain.labels import ROLE_LABELS


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=1024)])


class AccountForm(FlaskForm):
    language = SelectField(_l("Taal"), choices={"nl": "Nederlands", "en": "English"})


class TokenForm(FlaskForm):
    name = StringField(
        _l("Naam van de sleutel"),
        validators=[DataRequired(_l("Geef de sleutel een naam.")), Length(max=100)],
    )


class UserForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"),
        validators=[
            DataRequired(),
            Length(max=254),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Geef een geldig e-mailadres.")),
        ],
    )
    role = SelectField(_l("Rol"), choices=[SelectChoice(r, _l(ROLE_LABELS[r])) for r in ROLES])
    organisation = SelectField(_l("Organisatie"), choices=[], validate_choice=False)
    new_organisation = StringField(_l("Nieuwe organisatie"), validators=[Length(max=200)])
    serves = SelectMultipleField(_l("Bedient opdrachtgevers (alleen bureau)"), choices={})
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=1024)])


def organisation_choices(grouped: dict) -> list[SelectChoice]:
    """The organisations to choose from, under Opdrachtgevers, Opdrachtnemers and Bureaus."""
    groups = {
        "buyer": _l("Opdrachtgevers"),
        "supplier": _l("Opdrachtnemers"),
        "bureau": _l("Bureaus"),
    }
    choices = [SelectChoice("", _l("Kies een organisatie"))]
    for kind, orgs in grouped.items():
        group = str(groups.get(kind, kind))
        choices += [SelectChoice(str(org.id), org.name, optgroup=group) for org in orgs]
    return choices


class PasswordForm(FlaskForm):
    password = PasswordField(_l("Nieuw wachtwoord"), validators=[DataRequired(), Length(max=1024)])
