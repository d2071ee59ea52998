"""The turnover invoiced per reporting period, recorded by the officer (issue 18).

A euros clause with ``target_basis = "invoiced"`` owes a percentage of what was invoiced so
far. The page changes one period's amount in the contract as its file would say it
(``[[contract.invoiced]]``) and stores it through parse_contract and
services.contracts.save, so the page and a contract file are checked by the same rules and
leave the same audit entry.
"""

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import InputRequired

from ..auth.actors import current_actor
from ..domain.contract_file import parse_contract
from ..domain.periods import contract_periods
from ..i18n import translate
from ..services import contracts as contract_service
from ..store import contracts as store
from .forms import REQUIRED, AmountField, contract_data, toml_number
from .views import bp


class InvoicedForm(FlaskForm):
    period = SelectField(_l("Periode"), [InputRequired(REQUIRED)])
    amount_eur = AmountField(
        _l("Gefactureerd bedrag (euro, excl. btw)"),
        [InputRequired(REQUIRED)],
        description=_l("Het bedrag dat in deze periode is gefactureerd; 0 mag."),
    )


def with_amount(data: dict, period: str, amount) -> dict:
    """The contract mapping with ``period``'s invoiced amount set (added or replaced)."""
    entries = [e for e in data["contract"].get("invoiced", []) if e["period"] != period]
    entries.append({"period": period, "amount_eur": toml_number(amount)})
    data["contract"]["invoiced"] = sorted(entries, key=lambda e: e["period"])
    return data


@bp.route("/contracts/<reference>/invoiced", methods=["GET", "POST"])
def invoiced(reference):
    """Record the turnover invoiced in one period; the invoiced targets follow it."""
    if g.contract.archived_at is not None:
        abort(404)
    stored = store.to_domain(g.contract)
    form = InvoicedForm()
    form.period.choices = [
        (p.key, p.key) for p in contract_periods(stored.reporting, stored.start, stored.end)
    ]
    general = []
    if form.validate_on_submit():
        data = with_amount(contract_data(stored), form.period.data, form.amount_eur.data)
        contract, errors = parse_contract(
            data,
            current_app.config["REFERENCE"],
            current_app.config["REPORT_DUE_DAYS"],
            max_milestones=current_app.config["MAX_MILESTONES"],
        )
        general = [e.message.render(translate) for e in errors]
        if not errors:
            try:
                contract_service.save(contract, current_actor())
            except contract_service.ContractConflict as conflict:
                general = [e.message.render(translate) for e in conflict.errors]
            else:
                flash(
                    _(
                        "Het gefactureerde bedrag over %(period)s is opgeslagen.",
                        period=form.period.data,
                    ),
                    "success",
                )
                return redirect(url_for(".invoiced", reference=reference))
    basis = [c for c in stored.clauses if c.target_basis == "invoiced"]
    page = render_template(
        "contracts/invoiced.html",
        contract=g.contract,
        stored=stored,
        form=form,
        general=general,
        clauses=basis,
    )
    return page, 422 if form.is_submitted() and (form.errors or general) else 200
