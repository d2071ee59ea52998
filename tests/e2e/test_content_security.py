"""The Content-Security-Policy as a browser applies it: no page breaks a rule of it."""

import pytest

from tests.conftest import SPEC_EXAMPLE
from tests.e2e.conftest import log_in

PAGES = [
    "/",
    "/contracts/2026-HH-014",
    "/contracts/2026-HH-014/clauses/SR1",
    "/bureau",
    "/bureau/flags",
    "/audit/",
    "/outbox",
]


@pytest.fixture
def contract(live_app):
    runner = live_app.test_cli_runner()
    assert runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)]).exit_code == 0
    assert runner.invoke(args=["check", "--as-of", "2026-08-15"]).exit_code == 0


def test_no_page_violates_the_content_security_policy(page, contract):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append((page.url, message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto("/login")
    log_in(page, "admin")
    for url in PAGES:
        response = page.goto(url)
        assert response.status < 400, url
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert violations == []
