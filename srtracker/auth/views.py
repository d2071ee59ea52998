"""Logging in and out, and one's own account."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm

from ..i18n import clock
from ..services import accounts, api_tokens
from .actors import current_actor
from .forms import AccountForm, LoginForm, TokenForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only a path on this site; never an open redirect, nor a header split by CR/LF
    (browsers read a backslash as a slash: `/\\host` is another site)."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and target.isprintable()
        and "\\" not in target
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("contracts.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        address = request.remote_addr or "unknown"
        outcome = accounts.login(
            email,
            form.password.data,
            address,
            current_app.config.get("PASSWORD_HASH_COST", "default"),
        )
        if outcome.blocked_until is not None:
            flash(
                _(
                    "Te veel mislukte pogingen. Probeer het na %(time)s opnieuw.",
                    time=clock(outcome.blocked_until),
                ),
                "error",
            )
            return login_page(form), 429
        user = outcome.user
        if user is None:
            flash(_("E-mailadres of wachtwoord klopt niet."), "error")
            return login_page(form), 401
        session.clear()
        login_user(user)
        return redirect(_safe_next(request.args.get("next")))
    return login_page(form)


def cookie_needs_https() -> bool:
    """The session cookie is Secure but this request came over plain http: the browser
    will not send it back, so no form (the login form first) can pass its CSRF check."""
    return bool(current_app.config["SESSION_COOKIE_SECURE"]) and not request.is_secure


def login_page(form=None):
    """The login form; over plain http with Secure cookies it says why logging in fails."""
    return render_template(
        "auth/login.html", form=form or LoginForm(), cookie_needs_https=cookie_needs_https()
    )


@bp.route("/logout", methods=["POST"])
def logout():
    """Ends the session on the server too: the new token makes a saved cookie worthless
    (on every device of the user, as a new password does)."""
    accounts.end_sessions(current_user)
    logout_user()
    session.clear()
    flash(_("U bent uitgelogd. Tot ziens!"), "success")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
def account():
    form = AccountForm(language=current_user.language)
    if form.validate_on_submit():
        accounts.set_language(current_user, form.language.data)
        return redirect(url_for("auth.account"))
    return account_page(form)


def account_page(form=None, token_form=None, new_token=None, status=200):
    """The account page; `new_token` is shown this once and never again."""
    return render_template(
        "auth/account.html",
        form=form or AccountForm(formdata=None, language=current_user.language),
        token_form=token_form or TokenForm(formdata=None),
        tokens=api_tokens.tokens_of(current_user),
        new_token=new_token,
    ), status


@bp.post("/account/tokens")
def token_new():
    """A personal API token: shown on this answer only (no redirect: a token in the
    session or a flash message would sit in a cookie)."""
    form = TokenForm()
    if not form.validate_on_submit():
        return account_page(token_form=form, status=422)
    try:
        token, raw = api_tokens.create(current_user, form.name.data, current_actor())
    except api_tokens.TokenError as problem:
        form.name.errors = [_(str(problem))]
        return account_page(token_form=form, status=422)
    return account_page(new_token=(token, raw), status=201)


@bp.post("/account/tokens/<int:token_id>/revoke")
def token_revoke(token_id):
    """Refused at once, by every worker: the next request finds no active token."""
    if FlaskForm().validate_on_submit() and api_tokens.revoke(
        current_user, token_id, current_actor()
    ):
        flash(_("De API-sleutel is ingetrokken; hij werkt niet meer."), "success")
    else:
        flash(_("Deze sleutel bestaat niet of is al ingetrokken."), "error")
    return redirect(url_for("auth.account"), 303)
