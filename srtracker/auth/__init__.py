"""Accounts: Flask-Login sessions, Argon2id passwords, throttled logins, CSRF everywhere."""

from flask import g, request
from flask_login import LoginManager
from flask_wtf.csrf import CSRFError, CSRFProtect

from ..errors import http_error
from ..models import User

login_manager = LoginManager()
csrf = CSRFProtect()


@login_manager.user_loader
def load_user(user_id: str):
    """The id carries the session token: a new password ends old sessions."""
    key, _, token = user_id.partition(".")
    if not key.isdigit():
        return None
    user = User.get_or_none((User.id == int(key)) & User.active)
    if user is None or not token or user.session_token != token:
        return None
    return user


def session_language() -> str | None:
    """The language of the user whose session cookie came with this request, without logging
    them in: the API's readable page follows it, while under /api/v1 only a token ever
    authenticates (srtracker.api)."""
    from flask import session

    user_id = session.get("_user_id")
    user = load_user(user_id) if isinstance(user_id, str) else None
    return user.language if user is not None else None


def _remember_user():
    from flask_login import current_user

    g.user = current_user if current_user.is_authenticated else None


def _csrf_refused(error):
    from . import views

    if request.endpoint == "auth.login" and views.cookie_needs_https():
        return views.login_page(), 400
    return http_error(error)


def init_app(app):
    from . import commands, views

    secure = app.config["SECURE_COOKIES"] and not (app.debug or app.testing)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
    )
    login_manager.init_app(app)
    login_manager.login_view = None
    csrf.init_app(app)
    app.register_error_handler(CSRFError, _csrf_refused)
    app.before_request(_remember_user)
    app.register_blueprint(views.bp)
    app.cli.add_command(commands.user_group)
