"""The explanation of one clause's figures, computed live as of today."""

from flask import Blueprint, abort, g, render_template

from ..clock import today
from ..domain.contracts import code_key
from ..domain.explain import explain, show_number
from ..i18n import translate
from .run import check_one

bp = Blueprint("compliance", __name__)


@bp.route("/contracts/<reference>/clauses/<code>")
def clause(reference, code):
    contract = g.contract  # looked up by access, within what the user may see
    if contract.archived_at is not None:
        abort(404)
    as_of = today()
    check = check_one(contract, as_of)
    result = next((r for r in check.clauses if code_key(r.code) == code_key(code)), None)
    if result is None:
        abort(404)
    return render_template(
        "compliance/clause.html",
        contract=contract,
        result=result,
        check=check,
        as_of=as_of,
        explanation=explain(result, translate),
        show=lambda v: "" if v is None else show_number(v),
    )
