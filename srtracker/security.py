"""Response headers and request limits, in one place.

Ids in URLs are bounded by the database's integer; posted forms by [app] max_form_kb and
max_form_fields; uploads by [reports] max_upload_mb (MAX_CONTENT_LENGTH).


A small after_request rather than an extension: flask-talisman would also redirect to
https and set HSTS, which belong to the reverse proxy in front of the app (README,
"Production"), and which pages may be cached follows from this app's own data anyway.
"""

from flask import current_app, request
from flask_babel import gettext
from werkzeug.routing import IntegerConverter

# The largest id a database row can have (a signed 64-bit integer, SQLite and PostgreSQL).
MAX_ID = 2**63 - 1

# No inline script or style anywhere (templates/ link srtracker/static/ only); the
# progress charts are inline SVG with presentation attributes, which CSP allows.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # for browsers without frame-ancestors
    "Referrer-Policy": "same-origin",
}


def secure_headers(response):
    """Every response gets the headers; every page and download but the static files
    gets Cache-Control: no-store (they show candidates, contract figures or both)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    return response


def limit_request():
    """A form without files may hold max_form_kb in all (urlencoded text is parsed at
    once, so per field is not possible); a multipart body (an upload) may be as large as
    MAX_CONTENT_LENGTH ([reports] max_upload_mb), each of its text parts max_form_kb and
    at most max_form_fields parts; the API's upload takes the workbook as its raw body
    too. Beyond that: 413 before anything is read."""
    if request.mimetype != "multipart/form-data" and request.endpoint != "api.upload":
        request.max_content_length = current_app.config["MAX_FORM_MEMORY_SIZE"]


def form_too_large():
    """The 413 page of a form (the upload page has its own, naming the file's limit)."""
    from .errors import render_error

    return render_error(
        413,
        gettext(
            "Wat u verstuurde is te groot: een formulier mag samen hoogstens %(kb)s kB tekst "
            "bevatten, in hoogstens %(fields)s velden. Maak de tekst korter en probeer het "
            "opnieuw.",
            kb=current_app.config["MAX_FORM_MEMORY_SIZE"] // 1024,
            fields=current_app.config["MAX_FORM_PARTS"],
        ),
    )


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: an id beyond MAX_ID matches no route (404) instead of
    overflowing the database driver (500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app):
    """Call before any blueprint registers its routes (their converters are made then)."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(limit_request)
    app.after_request(secure_headers)
