"""The bureau's review of candidates, posted from the clause explanation page.

Who may post, and which contract <reference> is, is settled in access.py; the
clause and candidate are checked here against what the page shows, the live
check as of the check date, so the bureau can only review a candidate it can see.
"""

from flask import Blueprint, abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.actors import current_actor
from ..domain.contracts import code_key
from ..models import Clause
from ..services import decisions
from ..services import reviews as service
from .forms import RejectForm, VerifyForm, WithdrawForm

bp = Blueprint("reviews", __name__)
PREFIX = "/contracts/<reference>/clauses/<code>/reviews"


def _clause(code: str) -> Clause:
    contract = g.contract  # looked up by access, within what the user may see
    if contract.archived_at is not None:
        abort(404)
    clause = Clause.get_or_none(
        (Clause.contract == contract.id) & (Clause.code_key == code_key(code))
    )
    if clause is None:
        abort(404)
    clause.contract = contract
    return clause


def _back(clause: Clause):
    return redirect(
        url_for("compliance.clause", reference=clause.contract.reference, code=clause.code),
        code=303,
    )


def _refused(form, clause: Clause):
    """No JavaScript needed: the reasons come back as messages on the clause page."""
    for errors in form.errors.values():
        for error in errors:
            flash(error, "error")
    return _back(clause)


def _decide(code: str, decision: str, form):
    clause = _clause(code)
    if not form.validate():
        return _refused(form, clause)
    try:
        if decision == service.VERIFIED:
            decisions.approve(
                clause, form.candidate.data, form.note.data, current_user, current_actor()
            )
        else:
            decisions.reject(
                clause, form.candidate.data, form.note.data, current_user, current_actor()
            )
    except decisions.ReviewRefused:
        flash(
            _(
                "Kandidaat %(candidate)s staat niet in de rapportage die meetelt voor %(clause)s.",
                candidate=form.candidate.data,
                clause=clause.code,
            ),
            "error",
        )
        return _back(clause)
    if decision == service.VERIFIED:
        flash(
            _(
                "Kandidaat %(candidate)s is geverifieerd voor %(clause)s.",
                candidate=form.candidate.data.strip(),
                clause=clause.code,
            ),
            "success",
        )
    else:
        flash(
            _(
                "Kandidaat %(candidate)s is afgewezen voor %(clause)s en telt niet meer mee.",
                candidate=form.candidate.data.strip(),
                clause=clause.code,
            ),
            "success",
        )
    return _back(clause)


@bp.post(f"{PREFIX}/verify")
def verify(reference, code):
    """The bureau saw evidence for the candidate; noted, no document kept."""
    return _decide(code, service.VERIFIED, VerifyForm())


@bp.post(f"{PREFIX}/reject")
def reject(reference, code):
    """The candidate stops counting for this clause, in this and later reports."""
    return _decide(code, service.REJECTED, RejectForm())


@bp.post(f"{PREFIX}/withdraw")
def withdraw(reference, code):
    """Undo a verification or a rejection; a rejected candidate counts again."""
    clause = _clause(code)
    form = WithdrawForm()
    if not form.validate():
        return _refused(form, clause)
    withdrawn = service.withdraw(
        clause, service.candidate_key(form.candidate.data), current_actor()
    )
    if withdrawn is None:
        flash(
            _(
                "Er was geen beoordeling van kandidaat %(candidate)s om in te trekken.",
                candidate=form.candidate.data.strip(),
            ),
            "info",
        )
    else:
        flash(
            _(
                "De beoordeling van kandidaat %(candidate)s is ingetrokken.",
                candidate=form.candidate.data.strip(),
            ),
            "success",
        )
    return _back(clause)
