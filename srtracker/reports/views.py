"""The supplier's upload, the template download and the result of each upload."""

import io

from flask import Blueprint, abort, current_app, g, jsonify, render_template, request, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..clock import today
from ..domain.report_columns import RECOGNISED
from ..domain.report_rules import NOT_KEPT
from ..errors import render_error
from ..i18n import translate
from ..models import StoredFile
from ..security import form_too_large
from ..workbook.annotate import annotate
from .forms import UploadForm
from .imports import import_report, outcome_of
from .store import ImportOutcome, UnknownPeriod, reportable_periods, resolve_period, stored_issues
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
        download_name=f"voortgang-{g.contract.reference}-{period.key}.xlsx",
    )


@bp.route("/contracts/<reference>/upload", methods=["GET", "POST"])
def upload(reference):
    contract = g.contract
    form = UploadForm()
    periods = reportable_periods(contract, today())
    form.period.choices = {p.key: p.key for p in periods}
    if request.method == "GET" and periods:
        form.period.data = default_period(contract).key
    if contract.archived_at is None and form.validate_on_submit():
        period = resolve_period(contract, form.period.data, today())
        upload = form.workbook.data
        outcome = import_report(
            contract,
            period,
            upload.read(),
            upload.filename or "",
            actor=f"user:{current_user.id}",
            user=current_user.id,
        )
        if wants_json():
            return jsonify(outcome.to_json()), HTTP_STATUS[outcome.status]
        return render_template(
            "reports/result.html", outcome=outcome, report=None, contract=contract
        ), HTTP_STATUS[outcome.status]
    if form.errors and wants_json():
        return jsonify({"errors": form.errors}), 400
    return render_template("reports/upload.html", form=form, contract=contract)


@bp.route("/reports/<int:report_id>")
def detail(report_id):
    return render_template(
        "reports/result.html", outcome=outcome_of(g.report), report=g.report, contract=g.contract
    )


def file_kept(errors) -> bool:
    """Whether an upload with these errors had its file kept (progress-report.md, Storage)."""
    return NOT_KEPT.isdisjoint(error["code"] for error in errors)


def _stored_file(report):
    stored = StoredFile.get_or_none(StoredFile.sha256 == report.file_id) if report.file_id else None
    if stored is None:
        abort(404)
    return bytes(stored.content)


@bp.route("/reports/<int:report_id>/original.xlsx")
def original(report_id):
    return send_file(
        io.BytesIO(_stored_file(g.report)),
        mimetype=XLSX,
        as_attachment=True,
        download_name=g.report.filename or f"rapportage-{report_id}.xlsx",
    )


@bp.route("/reports/<int:report_id>/annotated.xlsx")
def annotated(report_id):
    """The supplier's own workbook, each bad cell marked with what to change."""
    report = g.report
    if report.status != "rejected":
        abort(404)
    data = _stored_file(report)
    try:
        marked = annotate(data, stored_issues(report.errors), translate)
    except Exception:
        current_app.logger.warning("report %s could not be annotated", report.id)
        abort(404)
    return send_file(
        io.BytesIO(marked),
        mimetype=XLSX,
        as_attachment=True,
        download_name=f"verbeteren-{g.contract.reference}-{report.period}.xlsx",
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
