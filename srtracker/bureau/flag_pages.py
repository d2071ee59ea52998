"""The bureau's flag queue and the work on one flag.

The queue lists open and acknowledged flags of the contracts in scope, most
severe first: failed, then report_overdue, then behind, then at_risk. An
overdue report comes right after failed because without it the bureau cannot
judge the clauses at all, and at the deadline it turns them into failed; but a
clause already failed is a settled breach and comes first. Within a kind the
oldest flag (earliest check date) comes first.

Every action is a POST with a CSRF token, changes the flag and writes its
audit entry in one transaction, and redirects back to the flag. Which flag
<flag_id> is, and whether the user may see it, is settled in access.py.
"""

import json
import math

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import contract_scope
from ..auth.actors import current_actor
from ..cache import TtlCache
from ..clock import today
from ..domain.contracts import code_key
from ..domain.flag_rules import REPORT_OVERDUE
from ..domain.labels import FLAG_LABELS, FLAG_STATE_LABELS
from ..i18n import day
from ..links import url_maker
from ..models import AuditLog, ClauseStatus, Flag
from ..paging import linker, page_number
from ..services import flags as flag_service
from ..store import audit
from ..store import flags as store_flags
from ..store.checks import OPEN_STATES
from ..store.portfolio import version
from .dashboard import PAGE_SIZE, bp, choices, once_each, scope_key
from .forms import ANY, AcknowledgeForm, CloseForm, CommentForm, DeadlineForm, FlagFilters, options
from .models import FlagComment

# Queue order, most severe first (see the module docstring).
QUEUE_ORDER = ("failed", REPORT_OVERDUE, "behind", "at_risk")
# The queue's order per worker, scope and filter of contracts: sorting the 86,340 open flags
# of a national scope on every click (and walking them for a deep page) took most of the
# page's time. Its key moves with every change (`_queue`); the time to live is a backstop.
FLAG_QUEUES = TtlCache(300, size=64)


def flag_labels() -> dict[str, str]:
    return {kind: _(label) for kind, label in FLAG_LABELS.items()}


def state_labels() -> dict[str, str]:
    return {state: _(label) for state, label in FLAG_STATE_LABELS.items()}


@bp.route("/flags")
def flags():
    """Open and acknowledged flags in scope, most severe then oldest first; filters and pages."""
    form = FlagFilters(request.args)
    kinds, states = flag_labels(), state_labels()
    form.kind.choices = [ANY, *options((k, kinds[k]) for k in QUEUE_ORDER)]
    form.buyer.choices = choices().buyer_options
    form.state.choices = [ANY, *options((s, states[s]) for s in OPEN_STATES)]
    values = form.cleaned()
    ids = _queue(values).ids(values["kind"] or "", values["state"] or "")
    total = len(ids)
    last = math.ceil(total / PAGE_SIZE)
    page = page_number(last)
    queue = store_flags.queue_rows(ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    return render_template(
        "bureau/flags.html",
        form=form,
        queue=queue,
        total=total,
        page=page,
        last=last,
        kinds=kinds,
        states=states,
        link=linker("bureau.flags", values),
        date_of=once_each(day),
        contract_url=once_each(url_maker("contracts.detail", "reference")),
        flag_url=url_maker("bureau.flag", "flag_id"),
    )


class Queue:
    """One scope's open and acknowledged flags in queue order, as rows of
    ``store.flags.queue_order``: a page is a slice of its ids."""

    def __init__(self, rows: list[tuple[int, str, str, str, int]]):
        self.rows = rows
        self.filtered: dict[tuple[str, str], list[int]] = {}

    def ids(self, kind: str, state: str) -> list[int]:
        """The ids of one kind and state ('' for any), in queue order."""
        key = (kind, state)
        if key not in self.filtered:
            self.filtered[key] = [
                r[0] for r in self.rows if kind in ("", r[1]) and state in ("", r[2])
            ]
        return self.filtered[key]

    def narrowed(self, buyer: int | None, prefix: str) -> "Queue":
        """The flags of contracts of ``buyer`` (None: any) whose reference key starts with
        ``prefix`` (a key, `code_key`): what the query with those conditions on Contract
        returns, in the same order, read from this queue instead of the database."""
        return Queue(
            [r for r in self.rows if (buyer is None or r[4] == buyer) and r[3].startswith(prefix)]
        )


def _queue(values) -> Queue:
    """The queue of the user's scope narrowed by the filters of buyer and reference, each
    kept per worker (FLAG_QUEUES) until a flag is opened, an audited change (every change
    of a flag's state writes its audit entry, as does a bureau's choice of buyers) or a
    change of the portfolio (a contract's buyer, reference, clauses), for at most five
    minutes. The scope's whole queue is read once; a filter narrows it in memory (a query
    per filter took up to half a second at national scale for a short reference prefix)."""
    kept = (store_flags.newest_id(), audit.last_id(), version(), scope_key())
    whole = FLAG_QUEUES.get(
        (*kept, "", ""),
        lambda: Queue(store_flags.queue_order(contract_scope(current_user), QUEUE_ORDER)),
    )
    buyer, prefix = values["buyer"], code_key(values["q"])
    if not buyer and not prefix:
        return whole
    return FLAG_QUEUES.get(
        (*kept, buyer, prefix), lambda: whole.narrowed(int(buyer) if buyer else None, prefix)
    )


def history(flag: Flag) -> list[dict]:
    """The flag's audit entries and comments, oldest first, with who made each."""
    entries = [
        {
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "changes": json.loads(e.changes),
            "text": None,
        }
        for e in AuditLog.select().where(
            (AuditLog.entity == "flag") & (AuditLog.entity_id == str(flag.id))
        )
        if e.action != "comment"
    ]
    entries += [
        {
            "at": c.created_at,
            "actor": audit.user_actor(c.author_id) if c.author_id else "",
            "action": "comment",
            "changes": {},
            "text": c.text,
        }
        for c in FlagComment.select().where(FlagComment.flag == flag.id)
    ]
    names = audit.actor_names({e["actor"] for e in entries}, current_user)
    for entry in entries:
        entry["actor"] = names.get(entry["actor"], entry["actor"])
    return sorted(entries, key=lambda e: e["at"])


def _page(status=200, **forms):
    """The flag page; forms given replace the empty ones (to show their errors)."""
    flag = g.flag
    flag = Flag.get_by_id(flag.id)  # fresh: an action may just have changed it
    shown = {
        "acknowledge": AcknowledgeForm(formdata=None),
        "comment": CommentForm(formdata=None),
        "deadline": DeadlineForm(formdata=None, remedial_deadline=flag.remedial_deadline),
        "close": CloseForm(formdata=None),
        **forms,
    }
    return render_template(
        "bureau/flag.html",
        flag=flag,
        contract=g.contract,
        clause=flag.clause if flag.clause_id else None,
        figures=ClauseStatus.get_or_none(ClauseStatus.clause == flag.clause_id)
        if flag.clause_id
        else None,
        history=history(flag),
        forms=shown,
        kinds=flag_labels(),
        states=state_labels(),
        is_open=flag.state in OPEN_STATES,
    ), status


def _back():
    return redirect(url_for("bureau.flag", flag_id=g.flag.id), code=303)


@bp.route("/flags/<int:flag_id>")
def flag(flag_id):
    """One flag: its contract and clause, its history, and what the bureau can do with it."""
    return _page()


@bp.route("/flags/<int:flag_id>/acknowledge", methods=["POST"])
def flag_acknowledge(flag_id):
    """Open -> acknowledged: the bureau has seen it and is on it (the check leaves it so)."""
    form = AcknowledgeForm()
    if not form.validate_on_submit():
        return _page(422, acknowledge=form)
    if flag_service.acknowledge(flag_id, current_actor()):
        flash(_("Signaal gemarkeerd als gezien."), "success")
    else:
        flash(_("Dit signaal staat niet meer open; er is niets veranderd."), "error")
    return _back()


@bp.route("/flags/<int:flag_id>/comment", methods=["POST"])
def flag_comment(flag_id):
    form = CommentForm()
    if not form.validate_on_submit():
        return _page(422, comment=form)
    text = form.text.data.strip()
    flag_service.comment(
        flag_id, current_user.id, text, current_actor(), for_supplier=bool(form.for_supplier.data)
    )
    flash(_("Opmerking toegevoegd."), "success")
    return _back()


@bp.route("/flags/<int:flag_id>/deadline", methods=["POST"])
def flag_deadline(flag_id):
    """Set (or clear, when empty) the remedial period agreed with the supplier."""
    form = DeadlineForm()
    if not form.validate_on_submit():
        return _page(422, deadline=form)
    new = form.remedial_deadline.data
    refusal = _deadline_refusal(new, g.flag)
    if refusal:
        form.remedial_deadline.errors = [refusal]
        return _page(422, deadline=form)
    current, changed = flag_service.set_remedial_deadline(flag_id, new, current_actor())
    if current.state not in OPEN_STATES:
        flash(_("Dit signaal is al afgesloten; er is niets veranderd."), "error")
    elif changed:
        flash(
            _("Herstelperiode opgeslagen.") if new else _("Herstelperiode verwijderd."), "success"
        )
    return _back()


def _deadline_refusal(new, flag: Flag) -> str | None:
    """A remedial period ends after the check that opened the flag, and not in the past."""
    if new is None:
        return None
    if new <= flag.opened_as_of:
        return _(
            "De herstelperiode moet eindigen na %(day)s, de controle waarbij dit signaal "
            "opende. Kies een latere datum.",
            day=day(flag.opened_as_of),
        )
    if new < today():
        return _(
            "De herstelperiode kan niet in het verleden eindigen. Kies vandaag (%(day)s) of "
            "later, of laat het veld leeg om de herstelperiode te verwijderen.",
            day=day(today()),
        )
    return None


@bp.route("/flags/<int:flag_id>/close", methods=["POST"])
def flag_close(flag_id):
    """Resolve or waive with a reason; the check will not simply open it again."""
    form = CloseForm()
    if not form.validate_on_submit():
        return _page(422, close=form)
    try:
        flag_service.close_by_hand(
            flag_id, form.state.data, form.reason.data.strip(), actor=current_actor()
        )
    except flag_service.FlagClosed:
        flash(_("Dit signaal is al afgesloten; er is niets veranderd."), "error")
    else:
        flash(_("Signaal afgesloten."), "success")
    return _back()
