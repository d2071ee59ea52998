"""Who may do what: every access rule of the app, in this one module.

Each endpoint names the roles that may use it; an endpoint without a rule is
refused for everyone (and fails tests/test_access.py). Objects named in the
URL (a contract reference, a report, a flag) are looked up here, within what
the user may see; outside it the answer is 404, so nobody learns what exists.
"""

from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup
from peewee import SQL, NodeList

from .cache import TtlCache
from .db import is_sqlite
from .models import (
    BureauBuyer,
    Clause,
    Contract,
    EvidenceFile,
    Flag,
    FollowUp,
    Organisation,
    Portfolio,
    Report,
)

ROLES = ("officer", "supplier", "bureau", "admin")
PUBLIC = "public"
EVERYONE = ROLES
OFFICE = ("officer", "admin")
SUPPLIER = ("supplier", "admin")
OVERSIGHT = ("bureau", "admin")
ADMIN = ("admin",)

RULES = {
    "static": PUBLIC,
    "favicon": PUBLIC,
    "auth.login": PUBLIC,
    "health.health": PUBLIC,
    "auth.logout": EVERYONE,
    "auth.account": EVERYONE,
    "contracts.index": EVERYONE,
    "contracts.detail": EVERYONE,
    "contracts.new": OFFICE,
    "contracts.edit": OFFICE,
    "contracts.archive": OFFICE,
    "contracts.unarchive": ("officer", "bureau", "admin"),
    "contracts.clause_new": OFFICE,
    "contracts.clause_edit": OFFICE,
    "contracts.clause_delete": OFFICE,
    "contracts.invoiced": OFFICE,
    "compliance.clause": EVERYONE,
    "compliance.clause_rows": EVERYONE,
    "reviews.verify": OVERSIGHT,
    "reviews.reject": OVERSIGHT,
    "reviews.withdraw": OVERSIGHT,
    "exports.download": OVERSIGHT,
    "signoff.review_queue": OVERSIGHT,
    "signoff.review_confirm": OVERSIGHT,
    "signoff.review_decide": OVERSIGHT,
    "signoff.double_counts": OVERSIGHT,
    "signoff.double_count_decide": OVERSIGHT,
    "signoff.follow_ups": OVERSIGHT,
    "signoff.follow_up_answer": ("supplier", "bureau", "admin"),
    "signoff.evidence_record": OVERSIGHT,
    "signoff.evidence_upload": ("supplier", "bureau"),
    "signoff.evidence_download": ("supplier", "bureau"),
    "signoff_settings.index": OVERSIGHT,
    "signoff_settings.buyer": OVERSIGHT,
    "signoff_settings.bureau": OVERSIGHT,
    "reports.template": EVERYONE,
    "reports.upload": SUPPLIER,
    "reports.enter": ("supplier",),  # only the contract's supplier types its own report
    "reports.detail": EVERYONE,
    "reports.original": EVERYONE,
    "reports.annotated": EVERYONE,
    "notify.outbox": OVERSIGHT,
    "audit.index": OVERSIGHT,
    "bureau.dashboard": OVERSIGHT,
    "bureau.flags": OVERSIGHT,
    "bureau.flag": OVERSIGHT,
    "bureau.flag_acknowledge": OVERSIGHT,
    "bureau.flag_comment": OVERSIGHT,
    "bureau.flag_deadline": OVERSIGHT,
    "bureau.flag_close": OVERSIGHT,
    "enforcement.flag_step": OVERSIGHT,
    "enforcement.council": OVERSIGHT,
    "enforcement.council_download": OVERSIGHT,
    "admin.users": ADMIN,
    "admin.user_new": ADMIN,
    "admin.user_password": ADMIN,
    "admin.user_active": ADMIN,
    "admin.user_role": ADMIN,
    "auth.token_new": EVERYONE,
    "auth.token_revoke": EVERYONE,
    # The JSON API (docs/api.md): the same roles as the pages it mirrors.
    "api.openapi": PUBLIC,
    "api.docs": PUBLIC,
    "api.contracts": EVERYONE,
    "api.contract": EVERYONE,
    "api.figures": EVERYONE,
    "api.clause": EVERYONE,
    "api.contract_flags": EVERYONE,
    "api.flags": OVERSIGHT,
    "api.flag": OVERSIGHT,
    "api.reports": EVERYONE,
    "api.report": EVERYONE,
    "api.upload": SUPPLIER,
    "api.reviews": OVERSIGHT,
    "api.review": OVERSIGHT,
}


def contract_scope(user):
    """A peewee condition on Contract: the contracts this user may see."""
    if user.role == "admin":
        return Contract.id.is_null(False)
    if user.role == "officer":
        return Contract.buyer == user.organisation_id
    if user.role == "supplier":
        return Contract.supplier == user.organisation_id
    if user.role == "bureau":
        served = BureauBuyer.select(BureauBuyer.buyer).where(
            BureauBuyer.bureau == user.organisation_id
        )
        return Contract.buyer.in_(served)
    return Contract.id.is_null()


def buyer_scope(user):
    """A peewee condition on Organisation: the buyers whose counting policy and evidence
    settings this user sets (sign-off.md: the admin, or the bureau serving the buyer)."""
    if user.role == "admin":
        return Organisation.kind == "buyer"
    if user.role == "bureau":
        served = BureauBuyer.select(BureauBuyer.buyer).where(
            BureauBuyer.bureau == user.organisation_id
        )
        return Organisation.id.in_(served)
    return Organisation.id.is_null()


def bureau_scope(user):
    """A peewee condition on Organisation: the bureaus whose numbering this user sets (a
    bureau its own, the admin every one)."""
    if user.role == "admin":
        return Organisation.kind == "bureau"
    if user.role == "bureau":
        return Organisation.id == user.organisation_id
    return Organisation.id.is_null()


def portfolio_scope(user):
    """contract_scope on the portfolio read model (its copies of buyer and supplier)."""
    if user.role == "admin":
        return Portfolio.clause.is_null(False)
    if user.role == "officer":
        return Portfolio.buyer_id == user.organisation_id
    if user.role == "supplier":
        return Portfolio.supplier_id == user.organisation_id
    if user.role == "bureau":
        # The served buyers as values, not a subquery: PostgreSQL then tests each row
        # against a hash of them while walking an index, instead of a join per row; there
        # as one array parameter (hundreds of IN values cost peewee milliseconds to build).
        served = [
            buyer
            for (buyer,) in BureauBuyer.select(BureauBuyer.buyer)
            .where(BureauBuyer.bureau == user.organisation_id)
            .tuples()
        ]
        if not is_sqlite():
            return NodeList((Portfolio.buyer_id, SQL("= ANY(%s)", [served])))
        return Portfolio.buyer_id.in_(served)
    return Portfolio.clause.is_null()


def _in_scope(query, scope=contract_scope):
    found = query.where(scope(current_user)).first()
    if found is None:
        if request.method == "POST":  # a change asked outside one's contracts: logged
            current_app.logger.warning(
                "refused %s outside the scope of user %s", request.endpoint, current_user.id
            )
        abort(404)
    return found


def _load_objects(args):
    """Resolve the objects in the URL within the user's scope, into g."""
    if "reference" in args:
        g.contract = _in_scope(
            Contract.select().where(Contract.reference_key == args["reference"].strip().casefold())
        )
    if "task_id" in args:  # a durability follow-up, through its clause
        g.follow_up = _in_scope(
            FollowUp.select(FollowUp, Clause, Contract)
            .join(Clause)
            .join(Contract)
            .where(FollowUp.id == args["task_id"])
        )
        g.contract = g.follow_up.clause.contract
    for name, scope in (("buyer_id", buyer_scope), ("bureau_id", bureau_scope)):
        if name in args:  # an organisation whose sign-off settings are set
            g.organisation = _in_scope(
                Organisation.select().where(Organisation.id == args[name]), scope
            )
    for name, model in (("report_id", Report), ("flag_id", Flag), ("file_id", EvidenceFile)):
        if name in args:
            found = _in_scope(
                model.select(model, Contract).join(Contract).where(model.id == args[name])
            )
            setattr(g, name.removesuffix("_id"), found)
            g.contract = found.contract


def check_access():
    endpoint = request.endpoint
    if endpoint is None:
        return None
    rule = RULES.get(endpoint)
    if rule is None:
        current_app.logger.error("no access rule for endpoint %s; refused", endpoint)
        abort(403)
    if rule == PUBLIC:
        return None
    if not current_user.is_authenticated:
        if request.blueprint == "api" or request.accept_mimetypes.best == "application/json":
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if current_user.role not in rule:
        abort(403)
    _load_objects(request.view_args or {})
    return None


def can(role_rule: str) -> bool:
    """For templates: show a link only when its endpoint would be allowed."""
    rule = RULES.get(role_rule)
    return rule == PUBLIC or (current_user.is_authenticated and current_user.role in (rule or ()))


def menu() -> Markup:
    """For base.html: the main menu's links (templates/_menu.html), written once per worker
    for each role, language and script root. Nothing else goes into them: which links show
    is `can` of the role (RULES, fixed in code), their URLs are url_for of endpoints without
    arguments and their words the language's catalogue (the logout form, with the session's
    CSRF token, stays in base.html)."""
    menus = current_app.extensions.setdefault("srtracker.menus", TtlCache(3600, size=64))
    key = (current_user.role, str(get_locale()), request.script_root)
    return menus.get(key, lambda: Markup(render_template("_menu.html")))


def init_app(app):
    app.before_request(check_access)
    app.jinja_env.globals["can"] = can
    app.jinja_env.globals["menu"] = menu
