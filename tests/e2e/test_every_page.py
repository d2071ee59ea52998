"""Every page of the demo, for every role, at 1280 and 390 px wide, in Dutch and English.

Each page must fit its viewport (tables fold into label/value rows on a phone),
label every field and be screenshotted (test-artifacts/e2e/every-page-*/).
"""

import re
import shutil
from urllib.parse import urlsplit

import pytest

from srtracker import create_app
from srtracker.db import db
from srtracker.demo import DEMO_PASSWORD, DEMO_USERS
from srtracker.migrate import init_database
from srtracker.models import User
from tests.conftest import _scratch_database
from tests.e2e.conftest import (
    ARTIFACTS,
    _dutch_only,
    assert_accessible,
    assert_axe_clean,
    assert_english,
    assert_fits,
    assert_no_codes,
)

# Under /api/v1 only the readable page /api/v1/ is a page (in the session's language); the
# rest answers JSON to tokens.
SKIP = re.compile(
    r"\.xlsx|/export|logout|/api/v1/.|[?&](page|sort|status|q|buyer|supplier|type|year)="
)
PER_ROLE = 12


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory, postgres_template):
    import threading

    from werkzeug.serving import make_server

    folder = tmp_path_factory.mktemp("demo")
    scratch = _scratch_database(folder, "demo", postgres_template)
    url = next(scratch)
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "e2e", "DATABASE_URL": url, "PASSWORD_HASH_COST": "test"}
    )
    init_database(app)
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    if not db.is_closed():
        db.close()
    next(scratch, None)


def set_language(app, language):
    with app.app_context(), db.connection_context():
        User.update(language=language).execute()


def shape(path):
    """One page of each kind: /contracts/2026-HH-014/clauses/SR1 is /contracts/R/clauses/C."""
    path = re.sub(r"/contracts/(?!\+new)[^/]+", "/contracts/R", path)
    return re.sub(r"\d+", "N", re.sub(r"/clauses/(?!\+new)[^/]+", "/clauses/C", path))


def crawl(page, start):
    """One page of each kind that a user reaches by following links from `start`."""
    seen, queue = [], list(start)
    while queue and len(seen) < PER_ROLE:
        path = queue.pop(0)
        if shape(path) in seen:
            continue
        seen.append(shape(path))
        page.goto(path)
        yield path
        for href in page.eval_on_selector_all(
            "main a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            href = href.split("#")[0]
            if href and shape(href) not in seen and href not in queue and not SKIP.search(href):
                queue.append(href)


START = {
    "officer": ["/", "/contracts/+new", "/account"],
    "supplier": ["/", "/account", "/api/v1/"],
    "bureau": ["/bureau", "/bureau/flags", "/bureau/settings", "/outbox", "/audit/"],
    "admin": ["/admin/users", "/admin/users/new"],
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_fits_and_is_labelled(browser, demo_app, language, width, axe_source):
    set_language(demo_app, language)
    folder = ARTIFACTS / f"every-page-{language}-{width}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    dutch = _dutch_only()
    for email, role, _ in DEMO_USERS:
        context = browser.new_context(
            base_url=demo_app.config["LIVE_URL"], viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.goto("/login")
        page.fill("#email", email)
        page.fill("#password", DEMO_PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/login" not in url)
        for number, path in enumerate(crawl(page, START[role]), start=1):
            name = re.sub(r"[^\w]+", "-", urlsplit(path).path).strip("-") or "home"
            page.screenshot(path=str(folder / f"{role}-{number:02d}-{name}.png"), full_page=True)
            assert_fits(page)
            assert_axe_clean(page, axe_source)
            assert_accessible(page)
            if language == "nl":
                assert_no_codes(page)
            else:
                assert_english(page, dutch)
        context.close()
