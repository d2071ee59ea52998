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

The list and the counts read the portfolio read model (srtracker/portfolio.py: one
narrow row per clause, refreshed by the stored check and by every contract save or
archive), so a page is one index scan in the order of its sort and a join of just
its 50 rows; the counts are a one-table GROUP BY, kept per worker until the
portfolio changes. Filter choices come from one pass over the user's contracts,
kept per worker for five minutes.
"""

import math
import operator
from datetime import date
from functools import reduce
from typing import NamedTuple

from flask import Blueprint, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from peewee import JOIN, SQL, NodeList, fn

from ..access import contract_scope, portfolio_scope
from ..cache import TtlCache
from ..db import db
from ..domain.contracts import code_key
from ..domain.status import STATUS_LABELS
from ..i18n import day
from ..links import url_maker
from ..models import Clause, ClauseStatus, Contract, ContributionType, Flag, Organisation, Portfolio
from ..paging import linker, page_number
from ..store.checks import OPEN_STATES
from ..store.portfolio import RANK, SEVERITY, UNCHECKED, version
from .forms import ANY, DashboardFilters, SelectChoice, options

bp = Blueprint("bureau", __name__, url_prefix="/bureau")

PAGE_SIZE = 50


def in_scope():
    """The active contracts of the logged-in user."""
    return Contract.archived_at.is_null() & contract_scope(current_user)


# A select of thousands of suppliers helps nobody and weighs hundreds of kilobytes:
# above this many, the supplier list waits until a buyer is chosen.
MAX_LISTED = 300
# Filter choices change with a contract edit; each worker keeps them 5 minutes. Counts
# are kept per version of the portfolio (it moves with every stored check, contract save
# or archive) for at most a minute; the rollup they are summed from like the choices.
CHOICES = TtlCache(300)
COUNTS = TtlCache(60)


def scope_key() -> tuple:
    return (db.obj.database, current_user.role, current_user.organisation_id)


class Choices(NamedTuple):
    """(id, name) of the buyers and suppliers of the user's active contracts, the suppliers
    per buyer id, and the years those contracts run in (clauses run within their contract)."""

    buyers: list[tuple[str, str]]
    suppliers: list[tuple[str, str]]
    suppliers_of: dict[str, list[tuple[str, str]]]
    years: list[tuple[str, str]]
    # The buyer select's choices, "alle" first: made once with the rest (hundreds of options).
    buyer_options: list[SelectChoice]


def _choices() -> Choices:
    """One pass over the user's contracts (grouped per buyer and supplier), then names."""
    pairs = (
        Contract.select(
            Contract.buyer, Contract.supplier, fn.MIN(Contract.start), fn.MAX(Contract.end)
        )
        .where(in_scope())
        .group_by(Contract.buyer, Contract.supplier)
    )
    buyers_of, buyer_ids, starts, ends = {}, set(), set(), set()
    # The raw cursor: tens of thousands of pairs, where peewee would convert each value.
    # Dates come as dates (PostgreSQL) or ISO text (SQLite); either way they compare.
    for buyer, supplier, start, end in db.execute(pairs):
        buyers_of.setdefault(supplier, []).append(buyer)
        buyer_ids.add(buyer)
        starts.add(start)
        ends.add(end)
    buyers, suppliers, suppliers_of = [], [], {}
    for id_, name in (
        Organisation.select(Organisation.id, Organisation.name)
        .order_by(Organisation.name_key)
        .tuples()
    ):
        entry = (str(id_), name)
        if id_ in buyer_ids:
            buyers.append(entry)
        if id_ in buyers_of:
            suppliers.append(entry)
            for buyer in buyers_of[id_]:
                suppliers_of.setdefault(buyer, []).append(entry)
    years = (
        []
        if not starts
        else [
            (str(y), str(y))
            for y in range(
                date.fromisoformat(str(min(starts))).year,
                date.fromisoformat(str(max(ends))).year + 1,
            )
        ]
    )
    return Choices(
        buyers,
        suppliers,
        {str(b): of for b, of in suppliers_of.items()},
        years,
        [ANY, *options(buyers)],
    )


def choices() -> Choices:
    return CHOICES.get(("choices", scope_key()), _choices)


def _supplier_choices(form, buyer: str) -> list[tuple[str, str]]:
    found = choices()
    if len(found.suppliers) <= MAX_LISTED:
        return found.suppliers
    if buyer.isdigit():
        return found.suppliers_of.get(buyer, [])
    form.supplier_waits_for_buyer = True
    chosen = request.args.get("supplier", "")
    return [(id_, name) for id_, name in found.suppliers if id_ == chosen]


def _fill_choices(form: DashboardFilters, status_labels: dict[str, str]) -> None:
    label = "label_en" if str(get_locale()) == "en" else "label_nl"
    form.buyer.choices = choices().buyer_options
    form.supplier_waits_for_buyer = False
    form.supplier.choices = [ANY, *options(_supplier_choices(form, request.args.get("buyer", "")))]
    form.status.choices = [ANY, *options((s, status_labels[s]) for s in SEVERITY)]
    form.type.choices = [
        ANY,
        *options(
            (t.code, getattr(t, label))
            for t in ContributionType.select().order_by(ContributionType.code)
        ),
    ]
    form.year.choices = [ANY, *options(choices().years)]


def read_filters(labels: dict[str, str]) -> tuple[DashboardFilters, dict[str, str]]:
    """The filter form of this request with its choices, and its cleaned values."""
    form = DashboardFilters(request.args)
    _fill_choices(form, labels)
    return form, form.cleaned()


def _like(field, pattern: str, prefix: str = "", suffix: str = "%"):
    """field LIKE prefix + pattern (its wildcards taken literally) + suffix.

    LIKE, not peewee's ILIKE on PostgreSQL: the keys are case-folded already, and
    a prefix LIKE can use the reference index there.
    """
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    # Spelled out: peewee turns LIKE into SQLite's GLOB, which takes no ESCAPE.
    return NodeList((field, SQL("LIKE"), prefix + escaped + suffix, SQL("ESCAPE"), "\\"))


def conditions_of(values: dict[str, str]) -> list:
    """The filters other than status, as peewee conditions on the portfolio read model."""
    where = [Portfolio.archived == False, portfolio_scope(current_user)]  # noqa: E712
    if values["buyer"]:
        where.append(Portfolio.buyer_id == int(values["buyer"]))
    if values["supplier"]:
        where.append(Portfolio.supplier_id == int(values["supplier"]))
    if values["type"]:
        # The clause's accepted types, copied as "|a|b|" (see srtracker/portfolio.py).
        where.append(_like(Portfolio.types, values["type"], "%|", "|%"))
    if values["year"]:
        first, last = date(int(values["year"]), 1, 1), date(int(values["year"]), 12, 31)
        if values["within"] == "deadline":
            where.append(Portfolio.deadline.between(first, last))
        else:
            where.append((Portfolio.start <= last) & (Portfolio.deadline >= first))
    if values["q"]:
        where.append(_like(Portfolio.reference_key, code_key(values["q"])))
    return where


def status_condition(status: str):
    return Portfolio.severity == RANK[status]


def _all(conditions):
    return reduce(operator.and_, conditions)


def status_counts(conditions, values=None) -> dict[str, int]:
    """Clauses per stored status (unchecked: no status yet) under these conditions.

    With `values` (the filters, which `conditions` were made from), kept per worker
    until the portfolio changes (a stored check, a contract saved or archived) or a
    minute; and without a supplier or reference filter (those select few rows through
    their index) summed from the scope's `rollup` instead of counted again.
    """
    if values is not None:
        now = version()
        key = (
            now,
            scope_key(),
            tuple(sorted((k, v) for k, v in values.items() if k not in ("status", "sort", "page"))),
        )
        if values["supplier"] or values["q"]:
            return COUNTS.get(key, lambda: status_counts(conditions))
        return COUNTS.get(key, lambda: counted(rollup(now), values))
    query = (
        Portfolio.select(Portfolio.severity, fn.COUNT(Portfolio.clause))
        .where(_all(conditions))
        .group_by(Portfolio.severity)
        .tuples()
    )
    return {SEVERITY[severity]: number for severity, number in query}


def rollup(now) -> list[tuple]:
    """The user's portfolio counted per (buyer, severity, types, start year, deadline year).

    A few thousand rows at national scale, fetched once per worker and version (kept like
    the choices): enough to count any mix of the buyer, type and year filters exactly.
    """

    def fetch():
        start, deadline = Portfolio.start.year, Portfolio.deadline.year
        return list(
            Portfolio.select(
                Portfolio.buyer_id,
                Portfolio.severity,
                Portfolio.types,
                start,
                deadline,
                fn.COUNT(Portfolio.clause),
            )
            .where(
                (Portfolio.archived == False)  # noqa: E712
                & portfolio_scope(current_user)
            )
            .group_by(Portfolio.buyer_id, Portfolio.severity, Portfolio.types, start, deadline)
            .tuples()
        )

    return CHOICES.get(("rollup", now, scope_key()), fetch)


def counted(groups: list[tuple], values: dict[str, str]) -> dict[str, int]:
    """status_counts from the rollup: a clause runs in year Y when it starts in Y or before
    and its deadline falls in Y or after (the same test as conditions_of, by whole years)."""
    buyer = int(values["buyer"]) if values["buyer"] else None
    accepts = f"|{values['type']}|" if values["type"] else None
    year = int(values["year"]) if values["year"] else None
    by_deadline = values["within"] == "deadline"
    counts = {}
    for buyer_id, severity, types, start, deadline, number in groups:
        if buyer is not None and buyer_id != buyer or accepts and accepts not in types:
            continue
        if year is not None and not (
            int(deadline) == year if by_deadline else int(start) <= year <= int(deadline)
        ):
            continue
        counts[SEVERITY[severity]] = counts.get(SEVERITY[severity], 0) + number
    return counts


SORTS = {
    "reference": [],
    "buyer": [Portfolio.buyer_key],
    "supplier": [Portfolio.supplier_key],
    "status": [Portfolio.severity],
    "deadline": [Portfolio.deadline],
}


def clause_query(conditions, sort: str, page: int, total: int | None = None):
    """One page of clauses with their contract, organisations and stored status (as dicts).

    The page is picked from the portfolio alone along the index of the sort (the
    reference, position and id break ties, so the order is total); only its rows are
    joined to their clause, contract, organisations and status. Given the `total`
    under these conditions, a page in the back half is read from the end of the index
    backwards, so no page walks more than half of it.
    """
    order = [
        *SORTS[sort or "reference"],
        Portfolio.reference_key,
        Portfolio.position,
        Portfolio.clause,
    ]
    offset, limit = (page - 1) * PAGE_SIZE, PAGE_SIZE
    backwards = total is not None and offset * 2 > total
    if backwards:
        limit = max(min(PAGE_SIZE, total - offset), 0)
        offset = max(total - offset - limit, 0)
    listed = (
        Portfolio.select(*order)
        .where(_all(conditions))
        .order_by(*(f.desc() if backwards else f for f in order))
        .limit(limit)
        .offset(offset)
        .alias("listed")
    )
    buyer, supplier = Organisation.alias(), Organisation.alias()
    query = (
        Clause.select(
            Clause.id,
            Clause.code,
            Clause.title,
            Clause.measure,
            Clause.target,
            Clause.deadline,
            Contract.id.alias("contract_id"),
            Contract.reference,
            Contract.title.alias("contract_title"),
            buyer.name.alias("buyer"),
            supplier.name.alias("supplier"),
            ClauseStatus.status,
            ClauseStatus.realised,
            ClauseStatus.expected,
            ClauseStatus.report_period,
        )
        .join(listed, on=(Clause.id == listed.c.clause_id))
        .switch(Clause)
        .join(Contract)
        .join(buyer, on=(Contract.buyer == buyer.id))
        .switch(Contract)
        .join(supplier, on=(Contract.supplier == supplier.id))
        .switch(Clause)
        .join(ClauseStatus, JOIN.LEFT_OUTER)
        .order_by(*(listed.c[f.column_name] for f in order))
    )
    return query.dicts()


def open_flag_counts(rows: list[dict]) -> tuple[dict[int, int], dict[int, int]]:
    """Open or acknowledged flags per clause id, and report_overdue ones per contract id.

    Selected by contract only, so SQLite walks the (contract, state) index.
    """
    clauses, contracts = {}, {}
    contract_ids = sorted({r["contract_id"] for r in rows})
    query = (
        Flag.select(Flag.clause, Flag.contract, fn.COUNT(Flag.id))
        .where(Flag.contract.in_(contract_ids) & Flag.state.in_(OPEN_STATES))
        .group_by(Flag.clause, Flag.contract)
        .tuples()
    )
    for clause_id, contract_id, number in query if rows else ():
        if clause_id is None:  # report_overdue
            contracts[contract_id] = contracts.get(contract_id, 0) + number
        else:
            clauses[clause_id] = clauses.get(clause_id, 0) + number
    return clauses, contracts


def status_labels() -> dict[str, str]:
    return {
        **{code: _(label) for code, label in STATUS_LABELS.items()},
        UNCHECKED: _("nog niet gecontroleerd"),
    }


def once_each(format_):
    """format_, called once per distinct value: a page repeats few figures 150 times."""
    done = {}

    def formatted(value):
        if value not in done:
            done[value] = format_(value)
        return done[value]

    return formatted


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
    rows = list(clause_query(conditions, values["sort"], page, total)) if total else []
    clause_flags, contract_flags = open_flag_counts(rows)
    return render_template(
        "bureau/dashboard.html",
        form=form,
        rows=rows,
        counts=counts,
        total=total,
        page=page,
        last=last,
        labels=labels,
        severity=SEVERITY,
        clause_flags=clause_flags,
        contract_flags=contract_flags,
        sort=values["sort"] or "reference",
        status=status,
        link=linker("bureau.dashboard", values),
        figure=once_each(current_app.jinja_env.filters["figure"]),
        date_of=once_each(day),
        clause_url=url_maker("compliance.clause", "reference", "code"),
        contract_url=url_maker("contracts.detail", "reference"),
        flags_url=url_maker("bureau.flags", "q"),
    )
