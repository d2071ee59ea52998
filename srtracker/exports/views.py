"""The overview workbook as a download, for the buyers the user serves (admin: all)."""

from datetime import date
from io import BytesIO

from flask import Blueprint, abort, current_app, request, send_file
from flask_login import current_user

from ..access import contract_scope
from ..services.checks import check_date
from .overview import gather
from .workbook import write_overview

bp = Blueprint("exports", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/bureau/export.xlsx")
def download():
    """``?as_of=YYYY-MM-DD`` picks the date, as ``srtracker export --as-of`` does."""
    as_of = check_date()  # the date every page shows figures as of
    if request.args.get("as_of"):
        try:
            as_of = date.fromisoformat(request.args["as_of"])
        except ValueError:
            abort(400)
    overview = gather(contract_scope(current_user), as_of, current_app.config["AT_RISK_RATIO"])
    response = send_file(
        BytesIO(write_overview(overview)),
        mimetype=XLSX,
        as_attachment=True,
        download_name=f"social-return-overzicht-{as_of.isoformat()}.xlsx",
    )
    response.headers["Cache-Control"] = "no-store"
    return response
