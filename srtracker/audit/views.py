"""The audit log, for admin and bureau."""

import json

from flask import Blueprint, render_template, request
from playhouse.flask_utils import PaginatedQuery

from ..models import AuditLog

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.route("/")
def index():
    query = AuditLog.select().order_by(AuditLog.id.desc())
    entity = request.args.get("entity", "").strip()
    if entity:
        query = query.where(AuditLog.entity == entity)
    page = PaginatedQuery(query, paginate_by=50, check_bounds=False)
    entries = [(entry, json.loads(entry.changes)) for entry in page.get_object_list()]
    return render_template("audit/index.html", entries=entries, page=page, entity=entity)
