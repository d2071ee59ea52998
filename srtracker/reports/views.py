"""The supplier's upload, the template download and the result of each upload."""

import io

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.actors import current_actor
from ..clock import today
from ..domain.report_columns import RECOGNISED
from ..domain.report_files import download_name
from ..errors import render_error
from ..i18n import translate
from ..security import form_too_large
from ..services.reports import import_report, limits, outcome_of
from ..store.reports import (
    ImportOutcome,
    UnknownPeriod,
    offered_file,
    offers_feedback,
    reportable_periods,
    resolve_period,
    stored_issues,
)
from ..workbook.annotate import feedback_workbook
from ..workbook.package import PackageProblem, check_package
from .forms import UploadForm
from .template import default_period, template_for

bp = Blueprint("reports", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTTP_STATUS = {"accepted": 200, "duplicate": 200, "rejected": 422}


DUTCH_COLUMN = {c.name: c.name_nl for c in RECOGNISED}


def column_label(name: str) -> str:
    """The column as the supplier's template names it; the spec's name stays in the JSON."""
    return DUTCH_COLUMN.get(name, name) if get_locale().language == "nl" else name


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.route("/contracts/<reference>/template.xlsx")
def template(reference):
    try:
        data, period = template_for(
            g.contract, request.args.get("period"), lang=current_user.language
        )
    except UnknownPeriod:
        abort(404)
    return send_file(
        io.BytesIO(data),
        mimetype=XLSX,
        as_attachment=True,
        download_name=download_name(g.contract.reference, period.key, "sjabloon"),
    )


@bp.route("/contracts/<reference>/upload", methods=["GET", "POST"])
def upload(reference):
    contract = g.contract
    form = UploadForm()
    periods = reportable_periods(contract, today())
    form.period.choices = {p.key: p.key for p in periods}
    if request.method == "GET" and periods:
        asked = request.args.get("period")
        form.period.data = asked if asked in form.period.choices else default_period(contract).key
    if contract.archived_at is None and form.validate_on_submit():
        period = resolve_period(contract, form.period.data, today())
        upload = form.workbook.data
        outcome = import_report(
            contract,
            period,
            upload.read(),
            upload.filename or "",
            actor=current_actor(),
            user=current_user.id,
        )
        if wants_json():
            return jsonify(outcome.to_json()), HTTP_STATUS[outcome.status]
        if outcome.report_id is not None:
            # Post/redirect/get: the result lives at the report's own page, so a reload
            # shows it again instead of sending the file a second time.
            if outcome.status == "duplicate":
                flash(
                    _(
                        "Dit bestand is precies gelijk aan de rapportage die al meetelt voor "
                        "deze periode. Er is niets nieuws opgeslagen."
                    ),
                    "info",
                )
            return redirect(url_for("reports.detail", report_id=outcome.report_id), 303)
        report = None
        return render_template(
            "reports/result.html",
            outcome=outcome,
            report=None,
            contract=contract,
            feedback=report is not None and offers_feedback(report),
        ), HTTP_STATUS[outcome.status]
    if form.errors and wants_json():
        return jsonify({"errors": form.errors}), 400
    return render_template("reports/upload.html", form=form, contract=contract)


@bp.route("/reports/<int:report_id>")
def detail(report_id):
    return render_template(
        "reports/result.html",
        outcome=outcome_of(g.report),
        report=g.report,
        contract=g.contract,
        feedback=offers_feedback(g.report),
    )


@bp.route("/reports/<int:report_id>/original.xlsx")
def original(report_id):
    """The upload as it came, if it was kept and still passes the package checks."""
    data = offered_file(g.report)
    if data is None:
        abort(404)
    bounds = limits()
    try:
        check_package(data, bounds.max_upload_bytes, bounds.max_unpacked_bytes)
    except PackageProblem:
        abort(404)
    return _xlsx(data, "origineel")


@bp.route("/reports/<int:report_id>/annotated.xlsx")
def annotated(report_id):
    """The supplier's own workbook, each bad cell marked with what to change."""
    if not offers_feedback(g.report):
        abort(404)
    errors = stored_issues(g.report.errors)
    marked = feedback_workbook(
        offered_file(g.report),
        errors,
        translate,
        limits(),
        current_app.config["FEEDBACK_EDIT_MAX_BYTES"],
    )
    return _xlsx(marked, "terugkoppeling")


def _xlsx(data: bytes, kind: str):
    return send_file(
        io.BytesIO(data),
        mimetype=XLSX,
        as_attachment=True,
        download_name=download_name(g.contract.reference, g.report.period, kind),
    )


def too_large(error):
    """Over MAX_CONTENT_LENGTH: refused before reading, nothing stored."""
    if request.endpoint != "reports.upload":
        return form_too_large()
    limit = current_app.config["REPORT_MAX_UPLOAD_BYTES"] // 2**20
    message = _(
        "Het bestand is groter dan %(limit)s MB. Verwijder overbodige tabbladen of "
        "afbeeldingen en probeer het opnieuw.",
        limit=limit,
    )
    if wants_json():
        outcome = ImportOutcome(
            status="rejected",
            report_id=None,
            contract="",
            period="",
            rows=0,
            errors=[
                {
                    "sheet": None,
                    "row": None,
                    "column": None,
                    "cell": None,
                    "code": "too_large",
                    "message": message,
                }
            ],
        )
        return jsonify(outcome.to_json()), 413
    return render_error(413, message)
