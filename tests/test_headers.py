"""Security headers on every response, and pages without inline script or style.

tests/test_access.py checks every route for every role with `assert_secure_response`.
"""

import re
from pathlib import Path

from tests.conftest import ROOT, AuthActions

INLINE = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.I)


def assert_secure_response(response, where=""):
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in policy, where
    assert "'unsafe-inline'" not in policy and "script-src 'self'" in policy, where
    assert "style-src 'self'" in policy, where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy"), where
    assert headers.get("Cache-Control") == "no-store", where
    if response.mimetype == "text/html":
        found = INLINE.search(response.get_data(as_text=True))
        assert found is None, f"{where}: inline {found and found.group()!r}"


def test_no_template_has_inline_script_or_style():
    templates = sorted(Path(ROOT, "templates").rglob("*.html"))
    assert templates
    assert [str(t) for t in templates if INLINE.search(t.read_text())] == []


def test_the_login_page_an_error_and_a_redirect_carry_the_headers(client):
    for url in ("/login", "/no-such-page", "/", "/health"):
        assert_secure_response(client.get(url), url)


def test_static_files_carry_the_headers_and_may_be_cached(client):
    response = client.get("/static/style.css")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers.get("Cache-Control") != "no-store"
    response.close()


def test_a_download_with_contract_figures_is_not_stored(client, users, spec_contract):
    AuthActions(client).login("bureau")
    response = client.get("/bureau/export.xlsx")
    assert response.mimetype != "text/html"
    assert response.headers["Cache-Control"] == "no-store"
