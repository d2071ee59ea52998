"""The bureau's review queue, double counts and follow-ups; evidence of candidates.

Every item named in a form is looked up within the user's contracts (access.py's
scope); one outside it is refused with 404 and logged, and nothing of the batch
is stored.
"""

import math
from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..access import contract_scope
from ..auth.actors import current_actor
from ..bureau.dashboard import once_each, scope_key
from ..domain.durability import ANSWERS
from ..domain.evidence import EXTENSIONS, KINDS, MAX_FILE_BYTES, MESSAGES
from ..domain.ledger import BOTH, DOUBLE_COUNTED
from ..i18n import day
from ..links import url_maker
from ..models import Contract
from ..paging import linker, page_number
from ..services import decisions, evidence
from ..services.checks import check_date
from ..store import evidence as store_evidence
from ..store import followups
from ..store import ledger as store_ledger
from ..store.checks import OPEN_STATES
from . import queue

bp = Blueprint("signoff", __name__)
ACTIONS = ("approve", "reject")


def refused(what: str):
    """Outside the user's buyers: 404, and a line in the log (no reference, no candidate)."""
    current_app.logger.warning(
        "refused %s outside the scope of user %s on %s", what, current_user.id, request.endpoint
    )
    abort(404)


def in_scope_clause(reference: str, code: str):
    try:
        clause = decisions.find_clause(reference, code)
    except decisions.ReviewRefused:
        refused("a clause")
    if (
        not Contract.select()
        .where((Contract.id == clause.contract.id) & contract_scope(current_user))
        .exists()
    ):
        refused("a clause")
    return clause


@bp.get("/bureau/reviews")
def review_queue():
    scope, as_of = contract_scope(current_user), check_date()
    total = queue.count(scope, key=scope_key())
    last = math.ceil(total / queue.PAGE_SIZE)
    page = page_number(last)
    shown = queue.waiting(scope, (page - 1) * queue.PAGE_SIZE, queue.PAGE_SIZE)
    return render_template(
        "reviews/queue.html",
        items=queue.with_evidence(scope, shown),
        total=total,
        page=page,
        last=last,
        link=linker("signoff.review_queue", {}),
        as_of=as_of,
        kinds=KINDS,
        date_of=once_each(day),
        contract_url=once_each(url_maker("contracts.detail", "reference")),
        evidence_url=once_each(url_maker("signoff.evidence_record", "reference")),
        clause_url=url_maker("compliance.clause", "reference", "code"),
        file_url=url_maker("signoff.evidence_download", "file_id"),
    )


def _selection():
    chosen = []
    for item in request.form.getlist("item"):
        reference, _sep, rest = item.partition("|")
        code, _sep, candidate = rest.partition("|")
        if not (reference and code and candidate):
            abort(400)
        chosen.append((reference, code, candidate))
    return chosen


def _batch():
    """The form's action, reason and selection; None when no action or no item is chosen
    (the queue then says to choose)."""
    action = request.form.get("action", "")
    reason = request.form.get("reason", "").strip()
    chosen = _selection()
    if action not in ACTIONS or not chosen:
        flash(_("Kies eerst een of meer kandidaten."), "error")
        return None
    return action, reason, chosen


def _in_scope(chosen):
    """Each item's clause, looked up within the user's contracts (404 and logged outside)."""
    return [(in_scope_clause(reference, code), candidate) for reference, code, candidate in chosen]


@bp.post("/bureau/reviews/confirm")
def review_confirm():
    """Ask before approving or rejecting a selection: the list, the action, the reason."""
    if (batch := _batch()) is None:
        return redirect(url_for("signoff.review_queue"), code=303)
    action, reason, chosen = batch
    if action == "reject" and not reason:
        flash(_("Geef de reden van de afwijzing."), "error")
        return redirect(url_for("signoff.review_queue"), code=303)
    _in_scope(chosen)
    return render_template("reviews/confirm.html", action=action, reason=reason, chosen=chosen)


@bp.post("/bureau/reviews/decide")
def review_decide():
    """Apply a confirmed selection: all of it or, when one item is refused, none of it."""
    if (batch := _batch()) is None:
        return redirect(url_for("signoff.review_queue"), code=303)
    action, reason, chosen = batch
    clauses = _in_scope(chosen)
    try:
        decisions.decide_all(action, clauses, reason, current_user, current_actor())
    except decisions.ReviewRefused:
        flash(
            _(
                "Een kandidaat staat niet meer in de rapportage die meetelt; "
                "er is niets vastgelegd."
            ),
            "error",
        )
        return redirect(url_for("signoff.review_queue"), code=303)
    if action == "approve":
        flash(_("%(num)s kandidaten goedgekeurd.", num=len(chosen)), "success")
    else:
        flash(_("%(num)s kandidaten afgewezen.", num=len(chosen)), "success")
    return redirect(url_for("signoff.review_queue"), code=303)


@bp.get("/bureau/double-counts")
def double_counts():
    flags = store_ledger.open_double_counts(contract_scope(current_user))
    return render_template("reviews/double_counts.html", flags=flags)


@bp.post("/bureau/double-counts/<int:flag_id>")
def double_count_decide(flag_id):
    flag = g.flag  # looked up by access, within the user's contracts (404 and logged outside)
    if flag.kind != DOUBLE_COUNTED or flag.state not in OPEN_STATES:
        flash(_("Deze persoon telt niet meer dubbel; er is niets vastgelegd."), "error")
        return redirect(url_for("signoff.double_counts"), code=303)
    keeper = request.form.get("keeper", "")
    other = Contract.get_by_id(flag.other_contract_id) if flag.other_contract_id else None
    if keeper != BOTH and (
        other is None or keeper not in (flag.contract.reference, other.reference)
    ):
        abort(400)
    try:
        decisions.decide_count(
            flag.contract.reference,
            flag.clause.code,
            flag.candidate,
            keeper,
            current_user,
            current_actor(),
        )
    except decisions.ReviewRefused:
        flash(_("Deze persoon telt niet meer dubbel; er is niets vastgelegd."), "error")
        return redirect(url_for("signoff.double_counts"), code=303)
    if keeper == BOTH:
        flash(_("Beide contracten tellen de gedeelde dagen."), "success")
    else:
        flash(_("%(reference)s houdt de gedeelde dagen.", reference=keeper), "success")
    return redirect(url_for("signoff.double_counts"), code=303)


@bp.get("/bureau/follow-ups")
def follow_ups():
    tasks = followups.tasks(contract_scope(current_user), open_only=True)
    return render_template("reviews/follow_ups.html", tasks=tasks)


@bp.post("/follow-ups/<int:task_id>")
def follow_up_answer(task_id):
    """The bureau, or the supplier for its own candidates, answers a follow-up."""
    task = g.follow_up  # looked up by access, within the user's contracts
    answer = request.form.get("answer", "")
    back = url_for("signoff.follow_ups")
    if request.form.get("back") == "contract" or current_user.role == "supplier":
        back = url_for("contracts.detail", reference=task.clause.contract.reference)
    if answer not in ANSWERS:
        flash(_("Kies een antwoord."), "error")
        return redirect(back, code=303)
    decisions.answer_follow_up(task, answer, current_user, current_actor())
    flash(_("Antwoord vastgelegd."), "success")
    return redirect(back, code=303)


@bp.post("/contracts/<reference>/evidence")
def evidence_record(reference):
    """The bureau notes the evidence it saw for a candidate; no document is kept."""
    candidate = request.form.get("candidate", "").strip()
    kind = request.form.get("kind", "")
    note = request.form.get("note", "").strip()
    try:
        checked_on = date.fromisoformat(request.form.get("checked_on", ""))
    except ValueError:
        checked_on = None
    if not candidate or kind not in KINDS or checked_on is None or len(note) > 500:
        flash(_("Kies de soort bewijs en de datum waarop u het zag."), "error")
        return redirect(url_for("signoff.review_queue"), code=303)
    evidence.record(g.contract, candidate, kind, checked_on, note, current_user, current_actor())
    flash(_("Bewijs vastgelegd."), "success")
    return redirect(url_for("signoff.review_queue"), code=303)


@bp.post("/contracts/<reference>/evidence/files")
def evidence_upload(reference):
    """A supplier or the bureau attaches a PDF, PNG or JPEG, where the buyer allows files."""
    contract = g.contract
    candidate = request.form.get("candidate", "").strip()
    upload = request.files.get("file")
    data = upload.read(MAX_FILE_BYTES + 1) if upload else b""
    try:
        evidence.attach(contract, candidate, data, current_user, current_actor())
    except evidence.EvidenceRefused as problem:
        flash(_(MESSAGES[problem.code]), "error")
    else:
        flash(_("Bestand bewaard als bewijs."), "success")
    return redirect(url_for("contracts.detail", reference=contract.reference), code=303)


@bp.get("/evidence/files/<int:file_id>")
def evidence_download(file_id):
    """Only the bureau serving the buyer and the supplier that sent it; every download audited."""
    found = store_evidence.readable(g.file.id, current_user)
    if found is None:
        refused("an evidence file")
    path = evidence.open_for_download(found, current_actor())
    return send_file(
        path,
        mimetype=found.content_type,
        as_attachment=True,
        download_name=f"bewijs-{found.id}.{EXTENSIONS[found.content_type]}",
    )
