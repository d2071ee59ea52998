"""The audit log, for admin and bureau: each sees the entries of the contracts they may see."""

import json

from flask import Blueprint, render_template, request
from flask_login import current_user

from ..paging import linker, page_number
from ..store.audit import actor_names, visible_entries

bp = Blueprint("audit", __name__, url_prefix="/audit")

PER_PAGE = 50
# What an entry is about; users and whole checks concern no contract: the admin's only.
ENTITIES = (
    "contract",
    "clause",
    "report",
    "flag",
    "flag_suppression",
    "candidate_review",
    "count_decision",
    "follow_up",
    "enforcement_case",
)
ADMIN_ENTITIES = (*ENTITIES, "user", "check_run")


@bp.route("/")
def index():

    entities = ADMIN_ENTITIES if current_user.role == "admin" else ENTITIES
    entity = request.args.get("entity", "").strip()
    entity = entity if entity in entities else ""
    query = visible_entries(current_user, entity or None)
    last = max(1, -(-query.count() // PER_PAGE))
    page = page_number(last)
    rows = list(query.paginate(page, PER_PAGE))
    names = actor_names({row.actor for row in rows}, current_user)
    entries = [(row, names.get(row.actor, row.actor), json.loads(row.changes)) for row in rows]
    return render_template(
        "audit/index.html",
        entries=entries,
        entities=entities,
        entity=entity,
        page=page,
        last=last,
        link=linker("audit.index", {"entity": entity}),
    )
