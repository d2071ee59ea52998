"""Logging in and out, and one's own account."""

import secrets
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

from .. import audit
from ..db import write_transaction
from ..i18n import clock
from ..models import User, utcnow
from . import throttle
from .forms import AccountForm, LoginForm
from .passwords import verify_password

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
        with write_transaction():
            user = throttle.hold_account(email)  # parallel attempts wait here
            until = throttle.blocked_until(email, address)
            if until is not None:
                flash(
                    _(
                        "Te veel mislukte pogingen. Probeer het na %(time)s opnieuw.",
                        time=clock(until),
                    ),
                    "error",
                )
                return login_page(form), 429
            cost = current_app.config.get("PASSWORD_HASH_COST", "default")
            ok, rehash = verify_password(
                user.password_hash if user else "", form.password.data, cost
            )
            if not ok or not user.active:
                throttle.record_failure(email, address)
                audit.record("anonymous", "login_failed", "user", user.id if user else None, {})
                flash(_("E-mailadres of wachtwoord klopt niet."), "error")
                return login_page(form), 401
            throttle.forget_failures(email, address)
            changes = {"last_login_at": utcnow()}
            if rehash:
                changes["password_hash"] = rehash
            User.update(**changes).where(User.id == user.id).execute()
            audit.record(f"user:{user.id}", "login", "user", user.id, {})
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
    with write_transaction():
        User.update(session_token=secrets.token_hex(16)).where(User.id == current_user.id).execute()
    logout_user()
    session.clear()
    flash(_("U bent uitgelogd. Tot ziens!"), "success")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
def account():
    form = AccountForm(language=current_user.language)
    if form.validate_on_submit():
        with write_transaction():
            User.update(language=form.language.data).where(User.id == current_user.id).execute()
            audit.record(
                f"user:{current_user.id}",
                "update",
                "user",
                current_user.id,
                {"language": [current_user.language, form.language.data]},
            )
        return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form)
