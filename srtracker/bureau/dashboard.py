"""The bureau's portfolio: every clause of the contracts it oversees, at the last stored check.

One row per clause of an active (not archived) contract in the user's scope
(a bureau: the buyers it serves; admin: all), with the status stored by the
latest check (ClauseStatus); a clause no check has seen yet is "unchecked".

Filters, all combinable and kept in the query string:

- buyer, supplier: the contract's organisations;
- status: the stored status (or unchecked);
- type: clauses that accept that contribution type;
- year with "within": by default clauses *running* in that year (start on or
  before 31 December, deadline on or after 1 January), i.e. the obligations a
  bureau follows up and reports on for that year; or clauses whose *deadline*
  falls in it, to see what must be settled that year;
- q: contract reference prefix, case-insensitive.

The counts per status at the top honour every filter except status itself,
so they stay a breakdown of the selection and each can be clicked to narrow
it. The page takes a fixed handful of set-based queries with LIMIT/OFFSET.
"""
import math
import operator
from datetime import date
from functools import reduce

from flask import Blueprint
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from peewee import JOIN
from peewee import Case
from peewee import fn

from ..access import contract_scope
from ..cache import TtlCache
from ..compliance.run import OPEN_STATES
from ..db import db
from ..domain.contracts import code_key
from ..domain.status import STATUSES
from ..models import CheckRun
from ..models import Clause
from ..models import ClauseStatus
from ..models import ClauseType
from ..models import Contract
from ..models import ContributionType
from ..models import Flag
from ..models import Organisation
from .forms import ANY
from .forms import DashboardFilters
from .forms import options

bp = Blueprint("bureau", __name__, url_prefix="/bureau")

PAGE_SIZE = 50
UNCHECKED = "unchecked"
# Most severe first: what the bureau must act on, then what it cannot judge, then what is fine.
SEVERITY = ("failed", "behind", "at_risk", "no_report", "on_track", "met", "not_evaluated",
            "not_started", UNCHECKED)
assert set(SEVERITY) == {*STATUSES, UNCHECKED}


def in_scope():
    """The active contracts of the logged-in user."""
    return Contract.archived_at.is_null() & contract_scope(current_user)


def page_number(last: int) -> int:
    """The requested page, kept within 1..last."""
    try:
        wanted = int(request.args.get("page", 1))
    except ValueError:
        wanted = 1
    return min(max(wanted, 1), max(last, 1))


# A select of thousands of suppliers helps nobody and weighs hundreds of kilobytes:
# above this many, the supplier list waits until a buyer is chosen.
MAX_LISTED = 300
# Filter choices and counts change with a stored check or a contract edit; each worker
# keeps them this long (counts also renew at once when a new check is stored).
CHOICES = TtlCache(300)
COUNTS = TtlCache(60)


def scope_key() -> tuple:
    return (db.obj.database, current_user.role, current_user.organisation_id)


def organisations_in_scope(field, extra=None) -> list[tuple[str, str]]:
    """(id, name) of the buyers or suppliers of the user's active contracts."""
    ids = Contract.select(field).where(in_scope() if extra is None else in_scope() & extra)
    return [(str(id_), name) for id_, name in
            Organisation.select(Organisation.id, Organisation.name)
            .where(Organisation.id.in_(ids)).order_by(Organisation.name_key).tuples()]


def _year_choices() -> list[tuple[str, str]]:
    """The years the user's contracts run in (clauses run within their contract)."""
    first, last = (Contract.select(fn.MIN(Contract.start), fn.MAX(Contract.end))
                   .where(in_scope()).tuples().get())
    if first is None:
        return []
    years = range(date.fromisoformat(str(first)).year, date.fromisoformat(str(last)).year + 1)
    return [(str(y), str(y)) for y in years]


def _supplier_choices(form, buyer: str) -> list[tuple[str, str]]:
    everyone = CHOICES.get(("suppliers", scope_key()),
                           lambda: organisations_in_scope(Contract.supplier))
    if len(everyone) <= MAX_LISTED:
        return everyone
    if buyer.isdigit():
        return CHOICES.get(("suppliers", scope_key(), buyer), lambda: organisations_in_scope(
            Contract.supplier, Contract.buyer == int(buyer)))
    form.supplier_waits_for_buyer = True
    chosen = request.args.get("supplier", "")
    return [(id_, name) for id_, name in everyone if id_ == chosen]


def _fill_choices(form: DashboardFilters, status_labels: dict[str, str]) -> None:
    label = "label_en" if str(get_locale()) == "en" else "label_nl"
    form.buyer.choices = [ANY, *options(CHOICES.get(
        ("buyers", scope_key()), lambda: organisations_in_scope(Contract.buyer)))]
    form.supplier_waits_for_buyer = False
    form.supplier.choices = [ANY, *options(_supplier_choices(form, request.args.get("buyer", "")))]
    form.status.choices = [ANY, *options((s, status_labels[s]) for s in SEVERITY)]
    form.type.choices = [ANY, *options((t.code, getattr(t, label)) for t in
                                       ContributionType.select().order_by(ContributionType.code))]
    form.year.choices = [ANY, *options(CHOICES.get(("years", scope_key()), _year_choices))]


def read_filters(labels: dict[str, str]) -> tuple[DashboardFilters, dict[str, str]]:
    """The filter form of this request with its choices, and its cleaned values."""
    form = DashboardFilters(request.args)
    _fill_choices(form, labels)
    return form, form.cleaned()


def conditions_of(values: dict[str, str]) -> list:
    """The filters other than status, as peewee conditions on Clause and Contract."""
    where = [in_scope()]
    if values["buyer"]:
        where.append(Contract.buyer == int(values["buyer"]))
    if values["supplier"]:
        where.append(Contract.supplier == int(values["supplier"]))
    if values["type"]:
        # EXISTS, not IN (list): SQLite would probe the whole list for every clause.
        where.append(fn.EXISTS(ClauseType.select(ClauseType.clause).where(
            (ClauseType.clause == Clause.id) & (ClauseType.type == values["type"]))))
    if values["year"]:
        first, last = date(int(values["year"]), 1, 1), date(int(values["year"]), 12, 31)
        if values["within"] == "deadline":
            where.append(Clause.deadline.between(first, last))
        else:
            where.append((Clause.start <= last) & (Clause.deadline >= first))
    if values["q"]:
        where.append(Contract.reference_key.startswith(code_key(values["q"])))
    return where


def status_condition(status: str):
    return ClauseStatus.clause.is_null() if status == UNCHECKED else ClauseStatus.status == status


def _all(conditions):
    return reduce(operator.and_, conditions)


def status_counts(conditions, values=None) -> dict[str, int]:
    """Clauses per stored status (unchecked: no status yet) under these conditions.

    With `values` (the filters), kept per worker until the next stored check or a minute.
    """
    if values is not None:
        latest = CheckRun.select(fn.MAX(CheckRun.id)).scalar()
        key = (latest, scope_key(), tuple(sorted((k, v) for k, v in values.items()
                                                 if k not in ("status", "sort", "page"))))
        return COUNTS.get(key, lambda: status_counts(conditions))
    query = (Clause.select(ClauseStatus.status, fn.COUNT(Clause.id))
             .join(Contract).switch(Clause).join(ClauseStatus, JOIN.LEFT_OUTER)
             .where(_all(conditions)).group_by(ClauseStatus.status).tuples())
    return {status or UNCHECKED: number for status, number in query}


def severity_rank():
    return Case(ClauseStatus.status, [(s, n) for n, s in enumerate(SEVERITY[:-1])],
                len(SEVERITY) - 1)


def clause_query(conditions, sort: str, page: int):
    """One page of clauses with their contract, organisations and stored status (as dicts)."""
    buyer, supplier = Organisation.alias(), Organisation.alias()
    order = {
        "reference": [],
        "buyer": [buyer.name_key],
        "supplier": [supplier.name_key],
        "status": [severity_rank()],
        "deadline": [Clause.deadline],
    }[sort or "reference"]
    query = (Clause.select(Clause.id, Clause.code, Clause.title, Clause.measure, Clause.target,
                           Clause.deadline, Contract.id.alias("contract_id"),
                           Contract.reference, Contract.title.alias("contract_title"),
                           buyer.name.alias("buyer"), supplier.name.alias("supplier"),
                           ClauseStatus.status, ClauseStatus.realised, ClauseStatus.expected,
                           ClauseStatus.report_period)
             .join(Contract)
             .join(buyer, on=(Contract.buyer == buyer.id))
             .switch(Contract).join(supplier, on=(Contract.supplier == supplier.id))
             .switch(Clause).join(ClauseStatus, JOIN.LEFT_OUTER)
             .where(_all(conditions))
             .order_by(*order, Contract.reference_key, Clause.position)
             .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    return query.dicts()


def open_flag_counts(rows: list[dict]) -> tuple[dict[int, int], dict[int, int]]:
    """Open or acknowledged flags per clause id, and report_overdue ones per contract id.

    Selected by contract only, so SQLite walks the (contract, state) index.
    """
    clauses, contracts = {}, {}
    contract_ids = sorted({r["contract_id"] for r in rows})
    query = (Flag.select(Flag.clause, Flag.contract, fn.COUNT(Flag.id))
             .where(Flag.contract.in_(contract_ids) & Flag.state.in_(OPEN_STATES))
             .group_by(Flag.clause, Flag.contract).tuples())
    for clause_id, contract_id, number in query if rows else ():
        if clause_id is None:  # report_overdue
            contracts[contract_id] = contracts.get(contract_id, 0) + number
        else:
            clauses[clause_id] = clauses.get(clause_id, 0) + number
    return clauses, contracts


def linker(endpoint: str, values: dict[str, str]):
    """For templates: this page's URL with the current filters, some changed (None drops one)."""
    def link(**changes):
        args = {k: v for k, v in {**values, **changes}.items() if v not in (None, "")}
        return url_for(endpoint, **args)
    return link


def status_labels() -> dict[str, str]:
    return {"not_started": _("nog niet begonnen"), "not_evaluated": _("niet beoordeeld"),
            "met": _("gehaald"), "failed": _("niet gehaald"), "no_report": _("geen rapportage"),
            "on_track": _("op schema"), "at_risk": _("risico"), "behind": _("achter"),
            UNCHECKED: _("nog niet gecontroleerd")}


@bp.route("")
def dashboard():
    """The portfolio of clauses, filtered, sorted and paged; see the module docstring."""
    labels = status_labels()
    form, values = read_filters(labels)
    conditions = conditions_of(values)
    counts = status_counts(conditions, values)
    status = values["status"]
    total = counts.get(status, 0) if status else sum(counts.values())
    last = math.ceil(total / PAGE_SIZE)
    page = page_number(last)
    if status:
        conditions.append(status_condition(status))
    rows = list(clause_query(conditions, values["sort"], page)) if total else []
    clause_flags, contract_flags = open_flag_counts(rows)
    return render_template("bureau/dashboard.html", form=form, rows=rows, counts=counts,
                           total=total, page=page, last=last, labels=labels, severity=SEVERITY,
                           clause_flags=clause_flags, contract_flags=contract_flags,
                           sort=values["sort"] or "reference", status=status,
                           link=linker("bureau.dashboard", values))
