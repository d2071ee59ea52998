"""The admin's and the account's forms by keyboard alone, at 1280 and 390 px, in Dutch and in
English: Tab to each field, type, arrow keys in a select, Enter to send; a refused form
puts the focus on its error summary. Screenshots: test-artifacts/e2e/keyboard-<test>/.
"""

import pytest

from srtracker.db import db
from srtracker.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import (
    Screens,
    _dutch_only,
    assert_accessible,
    assert_english,
    assert_fits,
    assert_focus_on_errors,
    assert_no_codes,
    english,
    key_choose,
    key_press,
    key_type,
    log_in,
)

NEW = "nieuw@apeldoorn.nl"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture(
    params=[("nl", 1280), ("nl", 390), ("en", 1280), ("en", 390)],
    ids=["nl-1280", "nl-390", "en-1280", "en-390"],
)
def visit(request, browser, live_app, axe_source):
    language, width = request.param
    with live_app.app_context(), db.connection_context():
        User.update(language=language).execute()
    context = browser.new_context(
        base_url=live_app.config["LIVE_URL"], viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.axe_source = axe_source
    page.set_default_timeout(15000)
    screens = Screens(page, f"keyboard-{request.node.name}")
    t = english() if language == "en" else (lambda text: text)
    dutch = _dutch_only() if language == "en" else None

    def see(name):
        screens(name)
        assert_fits(page)
        assert_accessible(page)
        if dutch is None:
            assert_no_codes(page)
        else:
            assert_english(page, dutch)

    yield page, t, see
    context.close()


def test_the_admin_adds_a_user_to_a_chosen_organisation_by_keyboard(visit, live_app):
    page, t, see = visit
    log_in(page, "admin")
    page.goto("/admin/users")
    key_press(page, page.get_by_role("link", name=t("Gebruiker toevoegen")))
    add = page.get_by_role("button", name=t("Toevoegen"))
    key_press(page, add)
    assert_focus_on_errors(page)
    see("user-form-refused")

    key_type(page, page.get_by_label(t("E-mailadres")), NEW)
    key_choose(page, page.get_by_label(t("Rol"), exact=True), t("inkoper"))
    key_type(page, page.get_by_label(t("Nieuwe organisatie")), "gemeente  APELDOORN")
    key_type(page, page.get_by_label(t("Wachtwoord")), PASSWORD)
    key_press(page, add)
    assert_focus_on_errors(page)
    message = t("%(name)s bestaat al: kies die organisatie in de lijst.") % {
        "name": "Gemeente Apeldoorn"
    }
    expect(page.locator("#new_organisation-error")).to_contain_text(message)
    see("user-form-organisation-exists")

    key_type(page, page.get_by_label(t("Nieuwe organisatie")), "")
    key_choose(page, page.get_by_label(t("Organisatie"), exact=True), "Gemeente Apeldoorn")
    key_type(page, page.get_by_label(t("Wachtwoord")), PASSWORD)
    key_press(page, add)
    expect(page.get_by_role("status").filter(has_text=t("Gebruiker aangemaakt."))).to_be_visible()
    see("user-added")
    with live_app.app_context(), db.connection_context():
        user = User.get(User.email == NEW)
        assert (user.role, user.organisation.name) == ("officer", "Gemeente Apeldoorn")

    role = page.get_by_label(t("Rol van %(email)s") % {"email": NEW})
    key_choose(page, role, t("social return bureau"))
    key_press(page, page.get_by_role("button", name=f"{t('Rol wijzigen')} {NEW}"))
    changed = t("De rol van %(email)s is gewijzigd.") % {"email": NEW}
    expect(page.get_by_role("status").filter(has_text=changed)).to_be_visible()
    key_press(page, page.get_by_role("button", name=f"{t('Deactiveren')} {NEW}"))
    off = t("%(email)s is gedeactiveerd en overal uitgelogd.") % {"email": NEW}
    expect(page.get_by_role("status").filter(has_text=off)).to_be_visible()
    see("user-deactivated")
    with live_app.app_context(), db.connection_context():
        user = User.get(User.email == NEW)
        assert (user.role, user.active) == ("bureau", False)


def test_a_user_changes_the_language_by_keyboard(visit):
    page, t, see = visit
    log_in(page, "supplier")
    menu = page.get_by_role("navigation", name=t("Hoofdmenu"))
    key_press(page, menu.get_by_role("link", name=t("Mijn account")))
    see("account")
    other = "English" if t("Taal") == "Taal" else "Nederlands"
    key_choose(page, page.get_by_label(t("Taal")), other)
    key_press(page, page.get_by_role("button", name=t("Opslaan")))
    heading = "My account" if other == "English" else "Mijn account"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
