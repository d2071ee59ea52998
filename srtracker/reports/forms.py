"""The upload form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField


class UploadForm(FlaskForm):
    period = SelectField(_l("Periode"))
    workbook = FileField(
        _l("Voortgangsrapportage (Excel, .xlsx)"),
        validators=[FileRequired(_l("Kies het Excel-bestand dat u wilt uploaden."))],
    )
