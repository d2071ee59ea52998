"""Errors of the API as RFC 9457 problem documents (application/problem+json).

Every one has ``type`` (a link to its code on the API page), ``title``, ``status``,
``detail`` and ``code``, a stable word a script may test; the texts are in the token
user's language, as the pages' error texts are.
"""

from flask import jsonify, url_for
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from ..errors import N_, PAGES

PROBLEM_JSON = "application/problem+json"

# status -> the code of a problem with no more specific one
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "unprocessable",
    429: "rate_limited",
    500: "server_error",
}
TEXTS = {
    401: (
        N_("Niet aangemeld"),
        N_(
            "Deze vraag heeft een geldige API-sleutel nodig in de kop "
            "'Authorization: Bearer <sleutel>'. Maak er een op de pagina Mijn account."
        ),
    ),
    405: (
        N_("Methode niet toegestaan"),
        N_("Dit adres kent deze methode niet; zie /api/v1/openapi.json voor wat het wel kent."),
    ),
    422: (
        N_("De vraag kan niet worden uitgevoerd"),
        N_("De vraag is goed gevormd, maar kan zo niet worden uitgevoerd."),
    ),
    429: (
        N_("Te veel vragen"),
        N_(
            "Deze sleutel deed deze minuut te veel vragen. "
            "Wacht het aantal seconden uit Retry-After."
        ),
    ),
}
# Every code a problem document may carry, for the OpenAPI document and the API page.
PROBLEM_CODES = (
    *CODES.values(),
    "unknown_period",
    "contract_archived",
    "no_file",
    "invalid_body",
    "unknown_candidate",
    "missing_reason",
    "nothing_to_withdraw",
)


class Problem(Exception):
    """Raised by a view: answered as the problem document of `status`."""

    def __init__(self, status: int, detail: str | None = None, code: str | None = None, **extra):
        super().__init__(detail or code or str(status))
        self.status, self.detail, self.code, self.extra = status, detail, code, extra


def from_problem(raised: Problem):
    return problem(raised.status, raised.detail, raised.code, **raised.extra)


def _texts(status: int) -> tuple[str, str]:
    return TEXTS.get(status) or PAGES.get(status, PAGES[500])[:2]


def title_of(status: int) -> str:
    """The title of a problem of `status`, in the reader's language."""
    return gettext(_texts(status)[0])


def problem(status: int, detail: str | None = None, code: str | None = None, **extra):
    """The problem response; ``extra`` members are added as they are."""
    title, happened = _texts(status)
    code = code or CODES.get(status, "server_error" if status >= 500 else "bad_request")
    body = {
        "type": url_for("api.docs", _anchor=f"problem-{code}"),
        "title": gettext(title),
        "status": status,
        "detail": detail or gettext(happened),
        "code": code,
        **extra,
    }
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="srtracker"'
    return response


def from_http_error(error: HTTPException):
    """Any HTTP error raised under /api/v1 (routing, access, a view) as a problem."""
    if error.code is None or error.code < 400:
        return error
    response = problem(error.code)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response
