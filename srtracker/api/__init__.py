"""The JSON API under /api/v1, authenticated by personal tokens only (docs/api.md).

A request under /api/v1 is authenticated by its `Authorization: Bearer` token alone,
before Flask-Login could read a session cookie: a cookie is never accepted here, and no
page outside /api/v1 ever reads a token. Token requests carry no cookie, so the API is
exempt from CSRF. Each token may make `[api] requests_per_minute` requests a minute,
counted in the database so the limit holds across web workers.
"""

from flask import current_app, g, request

PREFIX = "/api/v1/"


def _bearer() -> str:
    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def authenticate():
    """Sets the request's user from its token (or none); over the rate: a 429 at once."""
    if not request.path.startswith(PREFIX):
        return None
    from ..auth import login_manager
    from ..services import api_tokens
    from .problems import problem

    raw = _bearer()
    found = (
        api_tokens.authenticate(raw, current_app.config["API_REQUESTS_PER_MINUTE"])
        if raw
        else api_tokens.Authenticated()
    )
    login_manager._update_request_context_with_user(found.user)
    g.api_rate = found
    if found.retry_after is not None:
        response = problem(429)
        response.headers["Retry-After"] = str(found.retry_after)
        return _rate_headers(response)
    return None


def _rate_headers(response):
    found = g.get("api_rate")
    if found is not None and found.token is not None:
        response.headers["RateLimit-Limit"] = str(found.limit)
        response.headers["RateLimit-Remaining"] = str(found.remaining)
    return response


def init_app(app):
    """Call before auth.init_app: the token must be read before any session is."""
    from ..auth import csrf
    from . import (
        models,  # noqa: F401  (the table, for the migrations test)
        views,
    )

    app.before_request(authenticate)
    app.after_request(_rate_headers)
    csrf.exempt(views.bp)
    app.register_blueprint(views.bp)
