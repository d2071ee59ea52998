"""Response headers and request limits, in one place.

A small after_request rather than an extension: flask-talisman would also redirect to
https and set HSTS, which belong to the reverse proxy in front of the app (README,
"Production"), and which pages may be cached follows from this app's own data anyway.
"""

from flask import request

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


def init_app(app):
    app.after_request(secure_headers)
