"""The bureau's review forms: one small POST form per decision, each with its CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

NOTE_LENGTH = 500
# Candidate references are at most 40 characters (progress-report.md).
CANDIDATE = [DataRequired(_l("Kies een kandidaat.")), Length(max=40)]


class WithdrawForm(FlaskForm):
    candidate = HiddenField(_l("Kandidaat"), CANDIDATE)


class VerifyForm(WithdrawForm):
    note = StringField(
        _l("Gezien bewijs"),
        [
            DataRequired(
                _l(
                    "Noteer welk bewijs u hebt gezien, bijvoorbeeld "
                    "'doelgroepverklaring UWV gezien'."
                )
            ),
            Length(max=NOTE_LENGTH),
        ],
    )


class RejectForm(WithdrawForm):
    note = StringField(
        _l("Reden van afwijzing"),
        [
            DataRequired(
                _l("Geef de reden van de afwijzing, bijvoorbeeld 'doelgroep niet aangetoond'.")
            ),
            Length(max=NOTE_LENGTH),
        ],
    )
