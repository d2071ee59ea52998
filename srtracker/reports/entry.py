"""Reporting in the browser (issue 20): the cumulative report as a table of text fields.

No JavaScript: "add a row" is a submit button that shows the same rows with one more,
removal is a checkbox. Saving hands the rows to services.reports.enter_report, which
validates them as an upload; refused, the page comes back with each message beside its
field and nothing is stored.
"""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from ..auth.actors import current_actor
from ..clock import today
from ..domain.report_entry import (
    EMPTY_ROWS,
    MAX_ENTRY_ROWS,
    empty_row,
    field_name,
    prefill,
    read_count,
    rows_from_form,
)
from ..domain.valuation_columns import VALUATION_CHOICES
from ..i18n import group_label, translate, type_label
from ..services.reports import enter_report, entry_columns, previous_rows
from ..store.contracts import to_domain
from ..store.reports import UnknownPeriod, reportable_periods, resolve_period
from .template import default_period
from .views import bp

# The columns chosen from a list; the others are typed.
SELECTS = ("clause", "type", "target_group", *VALUATION_CHOICES)
# What each typed column expects, as the hint beside it.
HINTS = {
    "start_date": _l("dd-mm-jjjj"),
    "end_date": _l("dd-mm-jjjj"),
    "hours_per_week": _l("32 of 12,5"),
    "amount_eur": _l("1250,00"),
    "quantity": _l("12,5"),
    "benefit_months": _l("0 tot 600"),
}


class EntryForm(FlaskForm):
    """Only the CSRF token: the rows are read by report_entry.rows_from_form."""


# The columns as the form names them (the workbook's names are for spreadsheets).
HEADINGS = {
    "candidate_ref": _l("Kandidaat"),
    "clause": _l("Verplichting"),
    "type": _l("Soort"),
    "target_group": _l("Doelgroep"),
    "start_date": _l("Startdatum"),
    "end_date": _l("Einddatum"),
    "hours_per_week": _l("Uren per week"),
    "amount_eur": _l("Bedrag (€)"),
    "note": _l("Opmerking"),
    "benefit_months": _l("Uitkeringsduur (maanden)"),
    "age_bracket": _l("Leeftijd"),
    "permanent_contract": _l("Vast contract"),
    "purchased_from": _l("Inkoop bij"),
    "statushouder": _l("Statushouder"),
    "level": _l("Niveau"),
    "quantity": _l("Aantal"),
    "bureau_ref": _l("Kandidaatnummer"),
}


def column_heading(name: str) -> str:
    return str(HEADINGS[name])


def _choices(contract, columns) -> dict[str, list[tuple[str, str]]]:
    """The options of each list column: the clauses, the types they accept, the
    reference's target groups and the valuation choices; "" first, for an empty row."""
    clauses = [c for c in to_domain(contract).clauses if not c.composite]
    reference = current_app.config["REFERENCE"]
    accepted = {code for c in clauses for code in c.accepts}
    lang = get_locale().language
    options = {
        "clause": [(c.code, f"{c.code} – {c.title}") for c in clauses],
        "type": [(code, type_label(code)) for code in reference.types if code in accepted],
        "target_group": [(code, group_label(code)) for code in reference.groups],
    }
    for name, choices in VALUATION_CHOICES.items():
        options[name] = [(item.code, choices.label(item.code, lang)) for item in choices.items]
    return {name: [("", "")] + options[name] for name in columns if name in options}


def _with_current(options, rows, columns):
    """Each list also offers the values its rows hold, so nothing typed or prefilled is
    silently replaced by another choice."""
    for name in columns:
        if name not in options:
            continue
        known = {value for value, _label in options[name]}
        for row in rows:
            value = row.values.get(name, "")
            if value not in known:
                options[name].append((value, value))
                known.add(value)
    return options


def _period():
    asked = request.args.get("period")
    try:
        return resolve_period(g.contract, asked, today()) if asked else default_period(g.contract)
    except UnknownPeriod:
        abort(404)


@bp.route("/contracts/<reference>/enter", methods=["GET", "POST"])
def enter(reference):
    """The report of one period, typed in a table prefilled with the previous report."""
    contract = g.contract
    periods = reportable_periods(contract, today())
    if contract.archived_at is not None or not periods:
        return render_template("reports/enter.html", contract=contract, period=None, form=None)
    period = _period()
    columns = entry_columns(contract)
    form = EntryForm()
    errors, warnings, status, focus = [], [], 200, None
    if request.method == "POST" and form.validate_on_submit():
        rows = rows_from_form(request.form, read_count(request.form.get("count")), columns)
        if request.form.get("action") == "add" and len(rows) < MAX_ENTRY_ROWS:
            rows.append(empty_row(len(rows) + 1, columns))
            focus = field_name(len(rows), columns[0])
        elif request.form.get("action") == "save":
            entered = enter_report(
                contract,
                period,
                rows,
                actor=current_actor(),
                user=current_user.id,
                lang=current_user.language or current_app.config["LANGUAGE"],
            )
            if entered.report_id is not None:
                flash(_saved_message(entered.status), "info")
                return redirect(url_for("reports.detail", report_id=entered.report_id), 303)
            errors, warnings, status = entered.errors, entered.warnings, 422
    else:
        rows = prefill(previous_rows(contract, period), columns)
        if len(rows) > MAX_ENTRY_ROWS:
            return render_template(
                "reports/enter.html", contract=contract, period=period, form=None, too_many=True
            )
        first = len(rows) + 1
        rows += [empty_row(number, columns) for number in range(first, first + EMPTY_ROWS)]
    return render_template(
        "reports/enter.html",
        contract=contract,
        form=form,
        period=period,
        periods=periods,
        columns=columns,
        rows=rows,
        options=_with_current(_choices(contract, columns), rows, columns),
        hints=HINTS,
        selects=SELECTS,
        errors=errors,
        warnings=warnings,
        by_field={(i.row, i.column): i for i in errors},
        warned={(i.row, i.column): i for i in warnings},
        focus=focus,
        field_name=field_name,
        column_heading=column_heading,
        max_rows=MAX_ENTRY_ROWS,
        general=bool(errors),
        translate=translate,
    ), status


def _saved_message(status: str) -> str:
    if status == "duplicate":
        return _(
            "Deze rapportage is precies gelijk aan die al meetelt. Er is niets nieuws opgeslagen."
        )
    return _("Uw rapportage is opgeslagen en de cijfers van het contract zijn bijgewerkt.")
