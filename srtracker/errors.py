"""Error pages as pages of the app: what happened and where to go, in the user's language.

One handler for every HTTP error (and for a refused CSRF token), so any part of
the app, or a guard in front of it, gets the same page by raising or aborting
with the status: `abort(413)`, or `render_error(413, message)` for a page that
knows more. JSON clients get `{"error": code, "message": ...}` instead.
"""

import logging

from flask import g, jsonify, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def N_(text):
    return text


# status -> (title, what happened, what to do); plain language, no jargon.
PAGES = {
    400: (
        N_("De vraag kon niet worden verwerkt"),
        N_("De pagina kreeg gegevens die zij niet kan lezen."),
        N_("Ga terug, controleer wat u invulde en probeer het opnieuw."),
    ),
    403: (
        N_("Geen toegang tot deze pagina"),
        N_("Uw account heeft geen toegang tot deze pagina."),
        N_("Denkt u dat u wel toegang zou moeten hebben? Vraag het de beheerder van srtracker."),
    ),
    404: (
        N_("Pagina niet gevonden"),
        N_("Deze pagina bestaat niet, of u hebt er geen toegang toe."),
        N_(
            "Controleer het adres als u het hebt getypt, of ga naar de contracten en zoek "
            "het daar op."
        ),
    ),
    405: (
        N_("Deze pagina kan zo niet worden geopend"),
        N_("Dit adres is voor het versturen van een formulier, niet om te openen."),
        N_("Ga terug naar de pagina met het formulier en gebruik de knop daar."),
    ),
    413: (
        N_("Bestand te groot"),
        N_("Het bestand is te groot om te verwerken."),
        N_("Maak het bestand kleiner en probeer het opnieuw."),
    ),
    429: (
        N_("Te veel pogingen"),
        N_("U hebt dit in korte tijd te vaak geprobeerd."),
        N_("Wacht een paar minuten en probeer het dan opnieuw."),
    ),
    500: (
        N_("Er ging iets mis"),
        N_("Er ging aan onze kant iets mis. Er is niets opgeslagen van wat u net deed."),
        N_(
            "Probeer het over een paar minuten opnieuw. Blijft het misgaan? Geef de "
            "beheerder dan de code hieronder."
        ),
    ),
}
CSRF = (
    N_("Het formulier is verlopen"),
    N_("Het formulier was te lang open, of is in een ander venster al verstuurd."),
    N_("Ga terug, laad de pagina opnieuw en verstuur het formulier nog een keer."),
)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def render_error(code: int, message: str | None = None, texts=None):
    """The error page for `code`; `message` replaces the general 'what happened'."""
    title, happened, todo = texts or PAGES.get(code) or PAGES[500 if code >= 500 else 400]
    happened = message or gettext(happened)
    if _wants_json():
        return jsonify({"error": code, "message": happened}), code
    try:
        signed_in = current_user.is_authenticated
        links = (
            [(url_for("contracts.index"), gettext("Naar de contracten"))]
            if signed_in
            else [(url_for("auth.login"), gettext("Naar de inlogpagina"))]
        )
        return render_template(
            "errors/error.html",
            code=code,
            title=gettext(title),
            happened=happened,
            todo=gettext(todo),
            links=links,
            request_id=g.get("request_id"),
        ), code
    except Exception:  # the page itself failed (database gone): say it plainly
        logging.getLogger(__name__).exception("error page failed")
        return f"{code}: {happened}", code, {"Content-Type": "text/plain; charset=utf-8"}


def http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error  # redirects raised by routing pass through
    if request.path.startswith("/api/v1/"):  # no route matched: still the API's answer
        from .api.problems import from_http_error

        return from_http_error(error)
    if isinstance(error, CSRFError):
        return render_error(400, texts=CSRF)
    return render_error(error.code)


def init_app(app):
    app.register_error_handler(HTTPException, http_error)
