"""The overview workbook as a download, for the buyers the user serves (admin: all).

XlsxWriter writes a file, not a stream (a zip's directory comes last, and the
sheets' sizes must be known before it): the workbook is written to a spooled
temporary file, kept in memory up to SPOOL_BYTES and on disk beyond, then sent
from it in chunks (the WSGI server's file wrapper), which closes and so deletes
it. Memory stays that of one batch of contracts whatever the size of the
portfolio.
"""

import tempfile
from datetime import date
from io import BytesIO

from flask import Blueprint, abort, current_app, request, send_file
from flask_login import current_user

from ..access import contract_scope
from ..services.checks import check_date
from .overview import gather
from .workbook import write_overview_to

bp = Blueprint("exports", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPOOL_BYTES = 8 * 2**20


def _spooled(write):
    """What ``write`` writes into a file object, as a body to send and its size: in memory
    up to SPOOL_BYTES, else the temporary file on disk, closed once sent."""
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    try:
        write(out)
        size = out.tell()
        out.seek(0)
        if size > SPOOL_BYTES:
            return out, size
        data = out.read()
    except BaseException:
        out.close()
        raise
    out.close()
    return BytesIO(data), size


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
    body, size = _spooled(lambda out: write_overview_to(out, overview))
    response = send_file(
        body,
        mimetype=XLSX,
        as_attachment=True,
        download_name=f"social-return-overzicht-{as_of.isoformat()}.xlsx",
    )
    response.content_length = size
    response.headers["Cache-Control"] = "no-store"
    return response
