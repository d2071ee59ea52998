"""The bureau's enforcement steps from the flag page, and the case as the pages show it.

Steps are POSTs with a CSRF token, one call of service.take_step each; a refused step
changes nothing and says why. The flag page and the contract page read the cases
through the Jinja globals registered in ``init_app`` (``enforcement_case``,
``enforcement_cases``), so the flag and contract views need not know about them.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from decimal import Decimal

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import format_currency
from flask_babel import gettext as _
from flask_login import current_user

from ..access import contract_scope
from ..auth.actors import current_actor
from ..domain import enforcement as rules
from ..domain.contracts import code_key
from ..i18n import day, translate
from ..models import Clause, Contract
from ..services import enforcement as service
from ..services.checks import check_date
from ..store import enforcement as store

bp = Blueprint("enforcement", __name__)


def _date(text: str) -> date | None:
    """A date as the browser's picker sends it (ISO) or as typed (dd-mm-jjjj)."""
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _amount(text: str) -> Decimal | None:
    from ..contracts.forms import read_number

    text = (text or "").strip()
    return read_number(text) if text else None


@dataclass
class StepForm:
    """A refused step as the flag page shows it again: the message above the step's form and
    beside the field at fault (``field``), with what was typed kept."""

    step: str
    message: str
    field: str | None = None
    values: dict = dataclass_field(default_factory=dict)

    @property
    def errors(self) -> dict:
        return {self.field or "": [self.message]}


def _refused(form: StepForm):
    """The flag page again, the refused step's form showing why (422)."""
    from ..bureau.flag_pages import _page as flag_page

    return flag_page(422, step=form)


@bp.route("/bureau/flags/<int:flag_id>/enforce/<step>", methods=["POST"])
def flag_step(flag_id, step):
    """warn, notice, exempt or impose, for the clause of this flag.

    A refusal shows the flag page again (422) with the message above that step's form, the
    focus on it, and beside the field at fault, the typed values kept; a step taken
    redirects back to the flag with what was recorded.
    """
    flag = g.flag
    back = redirect(url_for("bureau.flag", flag_id=flag.id), code=303)
    if step not in service.STEP_COMMANDS or flag.clause_id is None:
        flash(_("Deze stap bestaat niet voor dit signaal."), "error")
        return back
    values = {name: request.form.get(name, "") for name in ("until", "amount", "reason")}
    try:
        until = _date(values["until"])
    except ValueError:
        message = _("Vul een datum in als dd-mm-jjjj.")
        return _refused(StepForm(step, message, "until", values))
    try:
        amount = _amount(values["amount"])
    except ValueError as why:
        return _refused(StepForm(step, str(why.args[0]), "amount", values))
    code = Clause.get_by_id(flag.clause_id).code
    if step == "impose" and request.form.get("confirmed") != "1":
        try:
            return _confirm_impose(
                flag,
                code,
                service.preview_impose(g.contract, code, amount, values["reason"]),
                values,
            )
        except rules.Refused as why:
            message = _("Niet gedaan: %(reason)s", reason=why.message.render(translate))
            return _refused(StepForm(step, message, why.field, values))
    try:
        taken = service.take_step(
            g.contract,
            code,
            step,
            current_actor(),
            until,
            amount,
            values["reason"],
        )
    except rules.Refused as why:
        message = _("Niet gedaan: %(reason)s", reason=why.message.render(translate))
        return _refused(StepForm(step, message, why.field, values))
    flash(
        _(
            "Stap vastgelegd: %(step)s per %(day)s.",
            step=_(rules.STEP_LABELS[taken.case.step]),
            day=day(taken.on),
        ),
        "success",
    )
    return back


def _confirm_impose(flag, code: str, case: rules.Case, values: dict):
    """What imposing will do, with the amount it will be, before the final step."""
    amount = format_currency(case.amount, "EUR")
    consequences = [
        _(
            "%(supplier)s krijgt %(amount)s opgelegd voor verplichting %(code)s van contract "
            "%(reference)s.",
            supplier=g.contract.supplier.name,
            amount=amount,
            code=code,
            reference=g.contract.reference,
        ),
        _(
            "Dit is definitief: latere controles en rapportages veranderen het bedrag niet, "
            "en het komt in het raadsrapport."
        ),
    ]
    if case.reason:
        consequences.append(_("Reden: %(reason)s", reason=case.reason))
    return render_template(
        "contracts/confirm.html",
        heading=_("%(amount)s opleggen?", amount=amount),
        consequences=consequences,
        button=_("Ja, %(amount)s opleggen", amount=amount),
        danger=True,
        hidden={"amount": values["amount"], "reason": values["reason"], "confirmed": "1"},
        cancel=url_for("bureau.flag", flag_id=flag.id),
        cancel_label=_("Nee, terug naar het signaal"),
    )


def _year() -> int:
    """?year=YYYY, else the year of the check date."""
    text = request.args.get("year", "").strip()
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return check_date().year


@bp.route("/bureau/council")
def council():
    """The council's annual report for the buyers in scope, with a chart per buyer."""
    from .council import council_report
    from .council_chart import council_svg

    year = _year()
    report = council_report(year, contract_scope(current_user))
    charts = {b.buyer: council_svg(b, year, f"council-{n}") for n, b in enumerate(report.buyers)}
    return render_template(
        "enforcement/council.html",
        report=report,
        charts=charts,
        years=list(range(year - 3, year + 2)),
    )


@bp.route("/bureau/council/<int:year>.xlsx")
def council_download(year):
    """The same report as the council's workbook (srtracker report --year)."""
    from .commands import dutch_labels
    from .council import council_report
    from .council_workbook import write_council_report

    data = write_council_report(council_report(year, contract_scope(current_user)), dutch_labels())
    return Response(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="jaarrapportage-{year}.xlsx"'},
    )


def _view(contract_row: Contract, clause_rows) -> dict:
    """Per clause id: its latest case, its steps, the live amount explanation and value."""
    ids = [c.id for c in clause_rows]
    cases = store.latest_cases(Clause.id.in_(ids)) if ids else {}
    steps = store.steps_of(ids)
    live = service.live_outcomes(contract_row)
    found = {}
    for clause in clause_rows:
        outcome = live.get(code_key(clause.code))
        case = cases.get(clause.id)
        explanation = None
        if outcome is not None and outcome.explanation is not None and case is not None:
            explanation = outcome.explanation.render(translate)
        found[clause.id] = {
            "code": clause.code,
            "title": clause.title,
            "case": case,
            "steps": steps.get(clause.id, []),
            "explanation": explanation,
            "unrealised": None
            if outcome is None or outcome.unrealised is None
            else rules.cents(outcome.unrealised),
        }
    return found


def enforcement_case(flag) -> dict | None:
    """The case of a flag's clause, for the flag page."""
    if flag.clause_id is None:
        return None
    clause = Clause.get_by_id(flag.clause_id)
    contract = Contract.get_by_id(flag.contract_id)
    view = _view(contract, [clause])[clause.id]
    view["has_terms"] = contract.enforcement_basis is not None
    view["obligation"] = contract.obligation
    return view


def enforcement_cases(contract: Contract) -> list[dict]:
    """The clauses of a contract that have a case, for its contract page."""
    cases = store.latest_cases(Clause.contract == contract.id)
    clauses = Clause.select().where(Clause.contract == contract.id).order_by(Clause.position)
    with_case = [c for c in clauses if c.id in cases]
    if not with_case:
        return []
    return list(_view(contract, with_case).values())


def init_app(app):
    app.register_blueprint(bp)
    app.jinja_env.globals["enforcement_case"] = enforcement_case
    app.jinja_env.globals["enforcement_cases"] = enforcement_cases
    app.jinja_env.globals["step_labels"] = rules.STEP_LABELS
