"""The JSON API under /api/v1 (docs/api.md): the same services, scope and codes as the pages.

Who may call what is in srtracker/access.py (RULES, and the objects in the URL looked up
within the token user's contracts, 404 outside them). Views parse, call one service or
read, and answer JSON; every error is a problem document (problems.py).
"""

from decimal import Decimal

from flask import Blueprint, current_app, g, jsonify, render_template, request
from flask_login import current_user
from peewee import JOIN
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_options_header

from ..access import contract_scope
from ..auth.actors import current_actor
from ..clock import today
from ..domain.check_json import clause_json, json_figure
from ..domain.contracts import code_key
from ..domain.explain import explain, summary
from ..i18n import translate
from ..models import Clause, ClauseStatus, Contract, Flag, Organisation, Report
from ..reviews import queue
from ..services import decisions
from ..services.checks import check_date, contract_figures
from ..services.reports import import_report, outcome_of
from ..store.checks import OPEN_STATES
from ..store.contracts import to_domain
from ..store.reports import UnknownPeriod, resolve_period
from . import problems
from .openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.register_error_handler(HTTPException, problems.from_http_error)
bp.register_error_handler(problems.Problem, problems.from_problem)

HTTP_STATUS = {"accepted": 200, "duplicate": 200, "rejected": 422}
MAX_PER_PAGE = 500
REVIEW_DECISIONS = ("approve", "reject", "withdraw")


def _iso(value):
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value.isoformat()


def _number(value: Decimal | None, whole_as_int: bool = True):
    return json_figure(value, whole_as_int=whole_as_int)


def _paging() -> tuple[int, int]:
    """?page= (from 1) and ?per_page= (at most 500); a bad value is a 400."""
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", 100))
    except ValueError:
        raise problems.Problem(400, "page and per_page are whole numbers") from None
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise problems.Problem(400, f"page is 1 or more, per_page from 1 to {MAX_PER_PAGE}")
    return page, per_page


# --- the document and its page ------------------------------------------------------------


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/")
def docs():
    """The API for people: every route, its roles and answers, read from the document.

    In the language of the reader's session when a session cookie comes along (read, never
    logged in: only a token authenticates here), else the app's default language.
    """
    from flask_babel import force_locale

    from ..auth import session_language
    from .page import problem_codes, routes

    with force_locale(session_language() or current_app.config["LANGUAGE"]):
        return render_template(
            "api/docs.html", routes=routes(document()), problem_codes=problem_codes()
        )


# --- contracts and clauses ----------------------------------------------------------------


def _clause_json(clause) -> dict:
    return {
        "code": clause.code,
        "title": clause.title,
        "measure": clause.measure,
        "target": _number(clause.target),
        "target_percent": _number(clause.target_percent),
        "accepts": list(clause.accepts),
        "eligible_groups": list(clause.eligible_groups),
        "start": _iso(clause.start),
        "deadline": _iso(clause.deadline),
        "min_hours_per_week": _number(clause.min_hours_per_week),
        "min_duration_months": clause.min_duration_months,
        "milestones": [
            {"date": _iso(m.date), "target": _number(m.target)} for m in clause.milestones
        ],
        "branches": list(clause.branches),
    }


def _contract_summary(row: Contract, statuses: dict) -> dict:
    return {
        "reference": row.reference,
        "title": row.title,
        "buyer": row.buyer.name,
        "supplier": row.supplier.name,
        "start": _iso(row.start),
        "end": _iso(row.end),
        "reporting": row.reporting,
        "report_due_days": row.report_due_days,
        "archived": row.archived_at is not None,
        "clauses": statuses.get(row.id, []),
    }


@bp.get("/contracts")
def contracts():
    """The contracts in the token user's scope, by reference; ?archived=1 the archived ones."""
    page, per_page = _paging()
    archived = request.args.get("archived") == "1"
    buyer, supplier = Organisation.alias(), Organisation.alias()
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
    total = query.count()
    rows = list(query.paginate(page, per_page))
    statuses: dict[int, list] = {}
    for clause in (
        Clause.select(Clause, ClauseStatus)
        .join(ClauseStatus, JOIN.LEFT_OUTER, attr="latest")
        .where(Clause.contract.in_([r.id for r in rows]))
        .order_by(Clause.position)
    ):
        latest = getattr(clause, "latest", None)
        statuses.setdefault(clause.contract_id, []).append(
            {
                "clause": clause.code,
                "measure": clause.measure,
                "status": latest.status if latest else None,
            }
        )
    return jsonify(
        {
            "contracts": [_contract_summary(r, statuses) for r in rows],
            "page": page,
            "per_page": per_page,
            "total": total,
        }
    )


@bp.get("/contracts/<reference>")
def contract(reference):
    """One contract with its clauses as the contract file gives them."""
    row = g.contract
    found = to_domain(row)
    return jsonify(
        {
            **_contract_summary(row, {}),
            "value_eur": _number(found.value_eur, whole_as_int=False),
            "obligation": found.obligation,
            "clauses": [_clause_json(c) for c in found.clauses],
        }
    )


def _figures_or_404():
    as_of, check, keys = contract_figures(g.contract)
    if check is None:
        raise problems.Problem(
            404, "an archived contract is not checked: it has no figures", "contract_archived"
        )
    return as_of, check, keys


@bp.get("/contracts/<reference>/figures")
def figures(reference):
    """Each clause as ``srtracker check --json`` gives it, as of the check date."""
    as_of, check, keys = _figures_or_404()
    return jsonify(
        {
            "as_of": as_of.isoformat(),
            "contract": check.contract,
            "report_period": check.counting.period.key if check.counting else None,
            "clauses": [{**clause_json(r), **keys(r)} for r in check.clauses],
            "overdue_periods": [p.key for p in check.overdue],
        }
    )


def _row_json(row, text: str, reason: str | None = None) -> dict:
    document = {
        "row": row.row,
        "candidate_ref": row.candidate_ref,
        "type": row.type,
        "target_group": row.target_group,
        "start_date": _iso(row.start_date),
        "end_date": _iso(row.end_date),
        "hours_per_week": _number(row.hours_per_week, whole_as_int=False),
        "amount_eur": _number(row.amount_eur, whole_as_int=False),
        "explanation": text,
    }
    if reason is not None:
        document["reason"] = reason
    return document


@bp.get("/contracts/<reference>/clauses/<code>")
def clause(reference, code):
    """One clause's figures and their explanation: the rows that count, and for each other
    row of the clause in the counting report the reason it does not."""
    as_of, check, keys = _figures_or_404()
    result = next((r for r in check.clauses if code_key(r.code) == code_key(code)), None)
    if result is None:
        raise problems.Problem(404)
    explanation = explain(result, translate)
    by_row = {r.row: r for r in result.counting}
    excluded = {e.row.row: e.row for e in result.excluded}
    return jsonify(
        {
            "as_of": as_of.isoformat(),
            **clause_json(result),
            **keys(result),
            "explanation": list(summary(result, translate)),
            "counting": [_row_json(by_row[e.row], e.text) for e in explanation.counting],
            "not_counting": [
                _row_json(excluded[e.row], e.text, e.reason) for e in explanation.excluded
            ],
        }
    )


# --- flags --------------------------------------------------------------------------------


def _flag_json(flag: Flag) -> dict:
    return {
        "id": flag.id,
        "contract": flag.contract.reference,
        "clause": flag.clause.code if flag.clause_id else None,
        "kind": flag.kind,
        "period": flag.period,
        "state": flag.state,
        "opened_as_of": _iso(flag.opened_as_of),
        "opened_at": _iso(flag.opened_at),
        "closed_at": _iso(flag.closed_at),
        "closed_reason": flag.closed_reason or None,
        "remedial_deadline": _iso(flag.remedial_deadline),
        "candidate": flag.candidate,
    }


def _flags(where):
    return (
        Flag.select(Flag, Contract, Clause)
        .join(Contract)
        .switch(Flag)
        .join(Clause, JOIN.LEFT_OUTER)
        .where(where)
        .order_by(Flag.opened_as_of, Flag.id)
    )


@bp.get("/contracts/<reference>/flags")
def contract_flags(reference):
    """The contract's open and acknowledged flags, as its page shows them."""
    flags = _flags((Flag.contract == g.contract.id) & Flag.state.in_(OPEN_STATES))
    return jsonify({"flags": [_flag_json(f) for f in flags]})


@bp.get("/flags")
def flags():
    """Flags of the contracts in scope: open and acknowledged, or ?state=all / a state;
    ?kind= one kind."""
    page, per_page = _paging()
    state = request.args.get("state", "open")
    where = contract_scope(current_user)
    if state == "open":
        where &= Flag.state.in_(OPEN_STATES)
    elif state != "all":
        where &= Flag.state == state
    if request.args.get("kind"):
        where &= Flag.kind == request.args["kind"]
    query = _flags(where)
    return jsonify(
        {
            "flags": [_flag_json(f) for f in query.paginate(page, per_page)],
            "page": page,
            "per_page": per_page,
            "total": query.count(),
        }
    )


@bp.get("/flags/<int:flag_id>")
def flag(flag_id):
    """One flag and its history: every change and comment, oldest first."""
    from ..bureau.flag_pages import history

    found = _flags(Flag.id == g.flag.id).get()
    return jsonify(
        {
            **_flag_json(found),
            "history": [
                {
                    "at": _iso(e["at"]),
                    "by": e["actor"],
                    "action": e["action"],
                    "changes": e["changes"],
                    "text": e["text"],
                }
                for e in history(found)
            ],
        }
    )


# --- reports ------------------------------------------------------------------------------


@bp.get("/contracts/<reference>/reports")
def reports(reference):
    """Every upload of the contract, newest first, accepted or rejected."""
    rows = Report.select().where(Report.contract == g.contract.id).order_by(Report.id.desc())
    return jsonify(
        {
            "reports": [
                {
                    "report_id": r.id,
                    "period": r.period,
                    "status": r.status,
                    "rows": r.rows,
                    "sha256": r.sha256,
                    "uploaded_at": _iso(r.uploaded_at),
                }
                for r in rows
            ]
        }
    )


@bp.get("/reports/<int:report_id>")
def report(report_id):
    """A stored report's result, as its upload answered it (progress-report.md)."""
    return jsonify(outcome_of(g.report).to_json())


def _upload() -> tuple[bytes, str]:
    """The workbook: the one file of a multipart body, else the raw body."""
    if request.mimetype == "multipart/form-data":
        files = list(request.files.values())
        if len(files) != 1:
            raise problems.Problem(400, "send exactly one file (multipart part 'file')", "no_file")
        limit = current_app.config["REPORT_MAX_UPLOAD_BYTES"] + 1
        return files[0].read(limit), files[0].filename or ""
    _kind, options = parse_options_header(request.headers.get("Content-Disposition", ""))
    return request.get_data(cache=False), options.get("filename", "")


@bp.post("/contracts/<reference>/reports/<period>")
def upload(reference, period):
    """Validate and store a progress workbook, exactly as the upload page does (re-check
    included); the answer is the spec's machine-readable result."""
    row = g.contract
    if row.archived_at is not None:
        raise problems.Problem(
            422, "the contract is archived: it takes no reports", "contract_archived"
        )
    try:
        chosen = resolve_period(row, period, today())
    except UnknownPeriod as exc:
        raise problems.Problem(422, str(exc), "unknown_period") from None
    data, filename = _upload()
    if not data:
        raise problems.Problem(400, "the body holds no workbook", "no_file")
    outcome = import_report(
        row,
        chosen,
        data,
        filename[:255],
        actor=current_actor(),
        user=current_user.id,
        channel="api",
    )
    if outcome.report_id is None:  # over the size limit: not stored
        raise problems.Problem(
            413, outcome.errors[0]["message"], "too_large", errors=outcome.errors
        )
    return jsonify(outcome.to_json()), HTTP_STATUS[outcome.status]


@bp.errorhandler(413)
def too_large(error):
    limit = current_app.config["REPORT_MAX_UPLOAD_BYTES"] // 2**20
    return problems.problem(413, f"the upload is over the limit of {limit} MB", "too_large")


# --- reviews ------------------------------------------------------------------------------


@bp.get("/reviews")
def reviews():
    """Candidates awaiting the bureau's decision in the contracts in scope, oldest first."""
    as_of = check_date()
    scope = contract_scope(current_user)
    items = queue.with_evidence(scope, queue.waiting(scope))
    return jsonify(
        {
            "as_of": as_of.isoformat(),
            "reviews": [
                {
                    "contract": w.contract,
                    "clause": w.clause,
                    "candidate_ref": w.candidate_ref,
                    "reason": w.reason,
                    "start_date": _iso(w.start_date),
                    "type": w.type,
                    "target_group": w.target_group,
                    "evidence": [
                        {"kind": e.kind, "checked_on": _iso(e.checked_on)} for e in w.evidence
                    ],
                }
                for w in items
            ],
        }
    )


def _review_body() -> tuple[str, str, str]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise problems.Problem(400, "send a JSON object", "invalid_body")
    candidate, decision = body.get("candidate"), body.get("decision")
    reason = body.get("reason") or ""
    if not isinstance(candidate, str) or not candidate.strip() or len(candidate) > 40:
        raise problems.Problem(422, "candidate: the candidate_ref, 1-40 characters", "invalid_body")
    if decision not in REVIEW_DECISIONS:
        raise problems.Problem(
            422, f"decision: one of {', '.join(REVIEW_DECISIONS)}", "invalid_body"
        )
    if not isinstance(reason, str) or len(reason) > 500:
        raise problems.Problem(422, "reason: text of at most 500 characters", "invalid_body")
    return candidate, decision, reason


@bp.post("/contracts/<reference>/clauses/<code>/reviews")
def review(reference, code):
    """The bureau approves, rejects (a reason required) or withdraws its decision on a
    candidate under a clause (sign-off.md); the contract is re-checked at once."""
    candidate, decision, reason = _review_body()
    try:
        clause_row = decisions.find_clause(g.contract.reference, code)
        if decision == "approve":
            decisions.approve(clause_row, candidate, reason, current_user, current_actor())
        elif decision == "reject":
            decisions.reject(clause_row, candidate, reason, current_user, current_actor())
        else:
            decisions.withdraw(clause_row, candidate, current_actor())
    except decisions.ReviewRefused as refused:
        status = 404 if refused.code == "unknown_clause" else 422
        raise problems.Problem(status, str(refused), refused.code) from None
    return jsonify(
        {
            "contract": g.contract.reference,
            "clause": clause_row.code,
            "candidate": candidate.strip(),
            "decision": decision,
            "reason": reason.strip() or None,
        }
    )
