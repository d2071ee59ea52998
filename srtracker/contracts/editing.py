"""The procurement officer's workspace: contracts and clauses made and changed in the browser.

Every change is checked by parse_contract (the TOML loader's rules) and stored by
services.contracts.save (the loader's upsert, with its audit entry and its checks against stored
reports), so the browser and a contract file can never disagree on what is valid.
Who may come here, and which contract <reference> is, is settled in access.py.
"""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.actors import current_actor
from ..domain.contract_file import parse_contract
from ..i18n import translate
from ..services import contracts as contract_service
from ..store import contracts as store
from .forms import (
    ClauseForm,
    ConfirmForm,
    ContractForm,
    NewContractForm,
    contract_data,
    draft,
    initial,
    place_errors,
)
from .views import bp


def _parse(data: dict):
    return parse_contract(
        data,
        current_app.config["REFERENCE"],
        current_app.config["REPORT_DUE_DAYS"],
        max_milestones=current_app.config["MAX_MILESTONES"],
    )


def _submit(form, stored=None, clause_code=None, fixed=None, creating=False):
    """Check a posted form with the contract-file rules and save it.

    Returns (outcome, contract, general errors); outcome is None when something
    was refused, with the reasons placed beside the fields of `form`.
    """
    form.validate()
    found = draft(form, stored, clause_code, fixed)
    contract, errors = _parse(found.data)
    general = place_errors(form, errors, found)
    if creating:
        _refuse_taken_reference(form)
    if general or any(f.errors for f in form):
        return None, None, general
    try:
        return contract_service.save(contract, current_actor(), creating=creating), contract, []
    except contract_service.ReferenceTaken:
        _refuse_taken_reference(form)
        return None, None, []
    except contract_service.ContractConflict as conflict:
        return None, None, place_errors(form, conflict.errors, found)


def _refuse_taken_reference(form) -> bool:
    """A new contract may not take the reference of an existing one (any buyer's)."""
    reference = (form.reference.data or "").strip()
    if not reference or store.find(reference) is None:
        return False
    if not form.reference.errors:
        form.reference.errors = [
            _(
                "Er bestaat al een contract met kenmerk %(reference)s. Kies "
                "een ander kenmerk; een bestaand contract wijzigt u op de "
                "pagina van dat contract.",
                reference=reference,
            )
        ]
    return True


def _done(outcome: str, reference: str):
    if outcome == "created":
        flash(_("Contract %(reference)s is aangemaakt.", reference=reference), "success")
    elif outcome == "updated":
        flash(_("De wijzigingen in %(reference)s zijn opgeslagen.", reference=reference), "success")
    else:
        flash(_("Er was niets gewijzigd in %(reference)s.", reference=reference), "info")
    return redirect(url_for(".detail", reference=reference))


def _archived_refusal():
    """Archived contracts are read only: a redirect saying how to change one, else None."""
    if g.contract.archived_at is None:
        return None
    flash(
        _(
            "Contract %(reference)s is gearchiveerd en kan niet worden gewijzigd. Zet het "
            "eerst terug uit het archief.",
            reference=g.contract.reference,
        ),
        "error",
    )
    return redirect(url_for(".detail", reference=g.contract.reference))


def _render(form, heading, general, cancel, **context):
    """The form page; a refused submission answers 422, so that scripts see it was refused."""
    refused = request.method == "POST" and bool(form.errors or general)
    page = render_template(
        "contracts/form.html", form=form, heading=heading, general=general, cancel=cancel, **context
    )
    return page, 422 if refused else 200


@bp.route("/contracts/+new", methods=["GET", "POST"])
def new():
    """A new contract with its first clause; an officer buys for their own organisation."""
    form = NewContractForm(data={"report_due_days": current_app.config["REPORT_DUE_DAYS"]})
    fixed = {}
    if current_user.role == "officer":
        fixed["buyer"] = current_user.organisation.name
        del form.buyer
    general = []
    if form.is_submitted():
        outcome, contract, general = _submit(form, fixed=fixed, creating=True)
        if outcome:
            return _done(outcome, contract.reference)
    return _render(form, _("Nieuw contract"), general, url_for(".index"), buyer=fixed.get("buyer"))


@bp.route("/contracts/<reference>/edit", methods=["GET", "POST"])
def edit(reference):
    """The contract's own fields; the reference stays, since it identifies the contract."""
    if refused := _archived_refusal():
        return refused
    stored = store.to_domain(g.contract)
    form = ContractForm(data=initial(contract=stored))
    del form.reference
    if current_user.role == "officer":
        del form.buyer
    general = []
    if form.is_submitted():
        outcome, _contract, general = _submit(form, stored)
        if outcome:
            return _done(outcome, g.contract.reference)
    return _render(
        form,
        _("Contract %(reference)s bewerken", reference=stored.reference),
        general,
        url_for(".detail", reference=g.contract.reference),
        reference=stored.reference,
        buyer=stored.buyer,
    )


@bp.route("/contracts/<reference>/clauses/+new", methods=["GET", "POST"])
def clause_new(reference):
    """Another clause for this contract."""
    if refused := _archived_refusal():
        return refused
    stored = store.to_domain(g.contract)
    form = ClauseForm()
    general = []
    if form.is_submitted():
        outcome, _contract, general = _submit(form, stored)
        if outcome:
            return _done(outcome, g.contract.reference)
    return _render(
        form,
        _("Verplichting toevoegen aan %(reference)s", reference=stored.reference),
        general,
        url_for(".detail", reference=g.contract.reference),
        reference=stored.reference,
    )


@bp.route("/contracts/<reference>/clauses/<code>/edit", methods=["GET", "POST"])
def clause_edit(reference, code):
    """One clause; its code stays, since reported rows are booked on it."""
    if refused := _archived_refusal():
        return refused
    stored = store.to_domain(g.contract)
    clause = stored.clause(code) or abort(404)
    if clause.composite:
        flash(
            _(
                "Verplichting %(code)s is samengesteld; wijzig haar in het contractbestand "
                "(srtracker load-contracts).",
                code=clause.code,
            ),
            "error",
        )
        return redirect(url_for(".detail", reference=g.contract.reference))
    form = ClauseForm(data=initial(clause=clause))
    del form.clause_code
    general = []
    if form.is_submitted():
        outcome, _contract, general = _submit(form, stored, clause_code=clause.code)
        if outcome:
            return _done(outcome, g.contract.reference)
    return _render(
        form,
        _(
            "Verplichting %(code)s van %(reference)s bewerken",
            code=clause.code,
            reference=stored.reference,
        ),
        general,
        url_for(".detail", reference=g.contract.reference),
        reference=stored.reference,
        clause_code=clause.code,
    )


@bp.route("/contracts/<reference>/clauses/<code>/delete", methods=["GET", "POST"])
def clause_delete(reference, code):
    """Remove a clause after a confirmation page, unless reports already count on it.

    Deleting a clause that is already gone only says so: a second click is harmless.
    """
    if refused := _archived_refusal():
        return refused
    stored = store.to_domain(g.contract)
    clause = stored.clause(code)
    form = ConfirmForm()
    if clause is not None and not form.is_submitted():
        return _confirm(
            _("Verplichting %(code)s verwijderen?", code=clause.code),
            [
                _(
                    "Verplichting %(code)s (%(title)s) verdwijnt uit het contract.",
                    code=clause.code,
                    title=clause.title,
                ),
                _("Dit kan alleen zolang er geen rapportage op deze verplichting meetelt."),
                _("Terugzetten kan niet; voeg haar zo nodig opnieuw toe."),
            ],
            _("Ja, verplichting %(code)s verwijderen", code=clause.code),
        )
    if form.is_submitted() and not form.validate():
        abort(400)
    for message, category in _delete_clause(stored, clause, code):
        flash(message, category)
    return redirect(url_for(".detail", reference=g.contract.reference))


def _confirm(heading, consequences, button, danger=True):
    """The page that says what will happen before a change that one click cannot undo."""
    return render_template(
        "contracts/confirm.html",
        form=ConfirmForm(),
        heading=heading,
        consequences=consequences,
        button=button,
        danger=danger,
        cancel=url_for(".detail", reference=g.contract.reference),
    )


def _delete_clause(stored, clause, code) -> list[tuple[str, str]]:
    """Flash messages for removing `clause` from the stored contract."""
    if clause is None:
        return [
            (_("Verplichting %(code)s bestaat niet (meer) in dit contract.", code=code), "info")
        ]
    if len(stored.clauses) == 1:
        return [
            (
                _(
                    "Verplichting %(code)s is de enige van dit contract en kan niet worden "
                    "verwijderd: een contract heeft minstens één verplichting.",
                    code=clause.code,
                ),
                "error",
            )
        ]
    data = contract_data(stored)
    data["clause"] = [c for c in data["clause"] if c["code"] != clause.code]
    contract, errors = _parse(data)
    if not errors:
        try:
            contract_service.save(contract, current_actor())
        except contract_service.ContractConflict as conflict:
            errors = conflict.errors
    if errors:
        return [(error.message.render(translate), "error") for error in errors]
    return [(_("Verplichting %(code)s is verwijderd.", code=clause.code), "success")]


@bp.route("/contracts/<reference>/archive", methods=["GET", "POST"])
def archive(reference):
    """Archive after a confirmation page: no longer checked nor listed, but kept."""
    contract = g.contract
    form = ConfirmForm()
    if contract.archived_at is None and not form.is_submitted():
        return _confirm(
            _("Contract %(reference)s archiveren?", reference=contract.reference),
            [
                _(
                    "Het contract wordt niet meer gecontroleerd en staat niet meer in de "
                    "overzichten."
                ),
                _("Rapportages, signalen en geschiedenis blijven bewaard."),
                _("Het contract kan niet meer worden gewijzigd zolang het in het archief staat."),
                _("U kunt het later terugzetten vanaf de pagina van het contract."),
            ],
            _("Ja, contract %(reference)s archiveren", reference=contract.reference),
        )
    if form.is_submitted() and not form.validate():
        abort(400)
    if contract_service.archive(contract, current_actor()):
        flash(
            _(
                "Contract %(reference)s is gearchiveerd: het wordt niet meer gecontroleerd "
                "en staat niet meer in het overzicht.",
                reference=contract.reference,
            ),
            "success",
        )
    else:
        flash(
            _("Contract %(reference)s was al gearchiveerd.", reference=contract.reference), "info"
        )
    return redirect(url_for(".detail", reference=contract.reference))


@bp.route("/contracts/<reference>/unarchive", methods=["POST"])
def unarchive(reference):
    """The undo of archiving: the contract is re-checked and listed again at once."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    contract = g.contract
    if contract_service.restore(contract, current_actor()):
        flash(
            _(
                "Contract %(reference)s staat weer in de overzichten en is meteen opnieuw "
                "gecontroleerd.",
                reference=contract.reference,
            ),
            "success",
        )
    else:
        flash(
            _("Contract %(reference)s stond niet in het archief.", reference=contract.reference),
            "info",
        )
    return redirect(url_for(".detail", reference=contract.reference))
