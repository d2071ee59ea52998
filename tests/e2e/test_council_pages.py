"""Issue 15 as a user sees it, at 1280 and 390 px wide, in Dutch and English.

Error pages are pages of the app; archiving and deleting ask first and can be
undone (archive) by the officer or the bureau; every link and button is used by keyboard
(Tab, Enter). Screenshots go to
test-artifacts/e2e/council-<language>-<width>/.
"""

import shutil

import pytest

from srtracker.db import db
from srtracker.models import Contract, User
from tests.conftest import PASSWORD, SPEC_EXAMPLE, USERS
from tests.e2e.conftest import ARTIFACTS, assert_accessible, assert_fits, key_press, key_type

WORDS = {
    "nl": {
        "logout": "Uitloggen",
        "not_found": "Pagina niet gevonden",
        "no_access": "Geen toegang tot deze pagina",
        "wrong_method": "Deze pagina kan zo niet worden geopend",
        "archive": "Archiveren",
        "archive_question": "Contract 2026-HH-014 archiveren?",
        "archive_yes": "Ja, contract 2026-HH-014 archiveren",
        "archived": "is gearchiveerd",
        "bring_back": "Terugzetten uit het archief",
        "back": "staat weer in de overzichten",
        "edit": "Contract bewerken",
        "delete": "verwijderen SR2",
        "delete_question": "Verplichting SR2 verwijderen?",
        "delete_no": "Nee, terug naar het contract",
    },
    "en": {
        "logout": "Log out",
        "not_found": "Page not found",
        "no_access": "No access to this page",
        "wrong_method": "This page cannot be opened like this",
        "archive": "Archive",
        "archive_question": "Archive contract 2026-HH-014?",
        "archive_yes": "Yes, archive contract 2026-HH-014",
        "archived": "has been archived",
        "bring_back": "Bring back from the archive",
        "back": "is back in the overviews",
        "edit": "Edit contract",
        "delete": "delete SR2",
        "delete_question": "Delete clause SR2?",
        "delete_no": "No, back to the contract",
    },
}


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


class Visit:
    """One browser context at a width, in a language, screenshotting every page it checks."""

    def __init__(self, browser, app, language, width, axe_source):
        self.app, self.language, self.words = app, language, WORDS[language]
        with app.app_context(), db.connection_context():
            User.update(language=language).execute()
        self.context = browser.new_context(
            base_url=app.config["LIVE_URL"], viewport={"width": width, "height": 900}
        )
        self.page = self.context.new_page()
        self.page.axe_source = axe_source
        self.page.set_default_timeout(15000)
        self.folder = ARTIFACTS / f"council-{language}-{width}"
        self.count = 0

    def check(self, label):
        """What every page must be: fits the viewport, every field labelled; screenshotted."""
        self.count += 1
        self.page.screenshot(
            path=str(self.folder / f"{self.count:02d}-{label}.png"), full_page=True
        )
        assert_fits(self.page)
        assert_accessible(self.page)

    def log_in(self, who):
        page = self.page
        if page.get_by_role("button", name=self.words["logout"]).count():
            key_press(page, page.get_by_role("button", name=self.words["logout"]))
            page.wait_for_url("**/login**")
        page.goto("/login")
        key_type(page, page.locator("#email"), USERS[who][0])
        key_type(page, page.locator("#password"), PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture(params=["nl", "en"])
def language(request):
    return request.param


@pytest.fixture(params=[1280, 390])
def visit(request, browser, live_app, language, axe_source):
    result = live_app.test_cli_runner().invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    assert result.exit_code == 0, result.output
    folder = ARTIFACTS / f"council-{language}-{request.param}"
    if request.node.name.startswith("test_error_pages"):
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    visit = Visit(browser, live_app, language, request.param, axe_source)
    yield visit
    visit.context.close()


def test_error_pages_are_pages_of_the_app(visit):
    page, words = visit.page, visit.words
    visit.log_in("supplier")
    response = page.goto("/no-such-page")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(words["not_found"])
    expect(page.get_by_role("navigation").first).to_be_visible()
    visit.check("404")
    assert page.goto("/audit/").status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(words["no_access"])
    visit.check("403")
    assert page.goto("/contracts/2026-HH-014/unarchive").status == 405
    expect(page.get_by_role("heading", level=1)).to_have_text(words["wrong_method"])
    visit.check("405")


def test_archiving_asks_first_and_can_be_undone(visit, live_app):
    page, words = visit.page, visit.words
    visit.log_in("officer")
    page.goto("/contracts/2026-HH-014")
    key_press(page, page.get_by_role("link", name=words["archive"], exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(words["archive_question"])
    visit.check("archive-confirm")
    key_press(page, page.get_by_role("button", name=words["archive_yes"]))
    expect(page.get_by_role("status").filter(has_text=words["archived"])).to_be_visible()
    expect(page.get_by_role("link", name=words["edit"])).to_have_count(0)
    visit.check("archived")

    visit.log_in("bureau")
    page.goto("/contracts/2026-HH-014")
    key_press(page, page.get_by_role("button", name=words["bring_back"]))
    expect(page.get_by_role("status").filter(has_text=words["back"])).to_be_visible()
    visit.check("brought-back")
    with live_app.app_context(), db.connection_context():
        assert Contract.get().archived_at is None


def test_deleting_a_clause_asks_first(visit):
    page, words = visit.page, visit.words
    visit.log_in("officer")
    page.goto("/contracts/2026-HH-014")
    key_press(page, page.get_by_role("link", name=words["delete"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(words["delete_question"])
    visit.check("delete-confirm")
    key_press(page, page.get_by_role("link", name=words["delete_no"]))
    expect(page.get_by_role("link", name=words["delete"])).to_be_visible()
