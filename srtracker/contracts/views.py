"""The contract pages."""

from flask import Blueprint, g, render_template, request
from flask_login import current_user
from peewee import JOIN
from playhouse.flask_utils import PaginatedQuery

from ..access import contract_scope
from ..bureau.models import FlagComment
from ..bureau.progress import contract_charts
from ..clock import today
from ..domain.periods import due_date
from ..domain.status import covered, is_overdue
from ..models import Clause, ClauseStatus, Contract, Flag, Organisation, Report
from ..paging import linker, page_number
from ..store.reports import reportable_periods

bp = Blueprint("contracts", __name__)


PER_PAGE = 25


@bp.route("/")
def index():
    """My contracts: each with its clauses' latest status and the next report due; paged.

    `?archived=1` lists the archived ones instead, so they can be found and brought back.
    """
    archived = request.args.get("archived") == "1"
    buyer = Organisation.alias()
    supplier = Organisation.alias()
    query = (
        Contract.select(Contract, buyer, supplier)
        .join(buyer, on=(Contract.buyer == buyer.id), attr="buyer")
        .switch(Contract)
        .join(supplier, on=(Contract.supplier == supplier.id), attr="supplier")
        .where(
            (Contract.archived_at.is_null(False) if archived else Contract.archived_at.is_null())
            & contract_scope(current_user)
        )
        .order_by(Contract.reference_key)
    )
    last = max(1, -(-query.count() // PER_PAGE))
    page = PaginatedQuery(query, paginate_by=PER_PAGE, page=page_number(last))
    contracts = list(page.get_object_list())
    ids = [c.id for c in contracts]
    clauses, reports = {}, {}
    for clause in (
        Clause.select(Clause, ClauseStatus)
        .join(ClauseStatus, join_type=JOIN.LEFT_OUTER, attr="latest")
        .where(Clause.contract.in_(ids))
        .order_by(Clause.position)
    ):
        clauses.setdefault(clause.contract_id, []).append(clause)
    for report in Report.select(
        Report.contract, Report.period, Report.period_end, Report.status
    ).where(Report.contract.in_(ids)):
        reports.setdefault(report.contract_id, []).append(report)
    day = today()
    due = {c.id: next_due(reporting_calendar(c, reports.get(c.id, []), day)) for c in contracts}
    return render_template(
        "contracts/index.html",
        contracts=contracts,
        clauses=clauses,
        due=due,
        page=page,
        page_number=page.get_page(),
        last=last,
        link=linker("contracts.index", {"archived": "1" if archived else None}),
        archived=archived,
    )


def next_due(calendar: list[dict]) -> dict | None:
    """The oldest period whose report is still owed, else the running one."""
    owed = [row for row in calendar if row["state"] in ("overdue", "due")]
    running = [row for row in calendar if row["state"] == "running"]
    return owed[-1] if owed else running[0] if running else None


def reporting_calendar(contract: Contract, reports: list, today) -> list[dict]:
    """Each started period with its due date and where its report stands."""
    accepted_ends = [r.period_end for r in reports if r.status == "accepted"]
    latest = max(accepted_ends, default=None)
    rows = []
    for period in reportable_periods(contract, today):
        due = due_date(period, contract.report_due_days)
        own = [r for r in reports if r.period == period.key]
        counting = next((r for r in own if r.status == "accepted"), None)
        if counting is not None:
            state = "accepted"
        elif covered(period, latest):
            state = "covered"
        elif is_overdue(period, contract.report_due_days, latest, today):
            state = "overdue"
        elif period.end < today:
            state = "due"
        else:
            state = "running"
        rows.append(
            {"period": period, "due": due, "state": state, "report": counting, "uploads": len(own)}
        )
    return rows


@bp.route("/contracts/<reference>")
def detail(reference):
    """One contract: its clauses and their status, the reporting calendar, uploads, flags."""
    contract = g.contract
    clauses = list(
        Clause.select(Clause, ClauseStatus)
        .join(ClauseStatus, join_type=JOIN.LEFT_OUTER, attr="latest")
        .where(Clause.contract == contract)
        .order_by(Clause.position)
    )
    reports = list(Report.select().where(Report.contract == contract).order_by(Report.id.desc()))
    flags = list(
        Flag.select(Flag, Clause)
        .join(Clause, join_type=JOIN.LEFT_OUTER)
        .where((Flag.contract == contract) & Flag.state.in_(["open", "acknowledged"]))
        .order_by(Flag.opened_at)
    )
    shared = {}
    for comment in (
        FlagComment.select()
        .where(FlagComment.flag.in_([f.id for f in flags]) & FlagComment.for_supplier)
        .order_by(FlagComment.created_at)
    ):
        shared.setdefault(comment.flag_id, []).append(comment)
    return render_template(
        "contracts/detail.html",
        contract=contract,
        clauses=clauses,
        reports=reports,
        flags=flags,
        shared=shared,
        calendar=reporting_calendar(contract, reports, today()),
        charts=contract_charts(contract),
    )
