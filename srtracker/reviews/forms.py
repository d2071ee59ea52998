"""The bureau's review forms: one small POST form per decision, each with its CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

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


MAX_RETENTION_DAYS = 3650  # services.decisions checks the same bound


class BuyerSettingsForm(FlaskForm):
    """A buyer's counting policy and evidence files (sign-off.md); one per buyer on a page,
    so the app-wide CSRF check (auth.csrf) guards it rather than a prefixed token."""

    class Meta:
        csrf = False

    policy = SelectField(
        _l("Telbeleid"),
        choices=[
            SelectChoice("on_report", _l("telt bij rapportage (tenzij het bureau afwijst)")),
            SelectChoice("on_approval", _l("telt pas na goedkeuring door het bureau")),
        ],
    )
    evidence_files = BooleanField(_l("Bewijsbestanden bewaren (PDF, PNG, JPEG)"))
    retention_days = IntegerField(
        _l("Bewaartermijn (dagen na de beslissing)"),
        [
            InputRequired(_l("Vul een aantal dagen in, 0 tot 3650.")),
            NumberRange(0, MAX_RETENTION_DAYS, _l("Vul een aantal dagen in, 0 tot 3650.")),
        ],
        invalid_value_message=_l("Vul een heel aantal dagen in, 0 tot 3650."),
    )


class BureauNumberingForm(FlaskForm):
    """Whether a bureau numbers people itself (kandidaatnummer, sign-off.md)."""

    class Meta:
        csrf = False  # the app-wide check guards it, as BuyerSettingsForm

    uses_bureau_ref = BooleanField(_l("Kandidaatnummers gebruiken"))
