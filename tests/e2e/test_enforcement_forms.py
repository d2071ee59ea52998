"""The flag page's enforcement steps *Vrijstellen* and *Opleggen* by keyboard alone, at 1280 and
390 px, in Dutch and in English (issue 15.12: keyboard-only use of every form).

The bureau jumps to *Handhaving* from the page's *Op deze pagina*, Tabs to the step's fields,
types, and sends with Enter. A first try with a mistake comes back with the error summary on
top of that step's form holding the focus, the message beside the field, "Fout:" first in the
title and what was typed kept; the summary's link takes the focus to the field. The second try
records the step and the page says so. Every page fits the viewport, passes axe-core and shows
no code (Dutch) or no Dutch interface text (English). Screenshots:
test-artifacts/e2e/enforcement-<test>[<language>-<width>]/.

The case is the enforcement tests' own (tests/enforcement/test_council_report.py): SR1 of
2026-HH-014, worth 100,000, 4 of 10 placements, warned and given notice until 31-07-2027;
the check of 01-08-2027 proposes 30,000. A step takes the date of the latest check.
"""

import re

import pytest
from babel.numbers import format_currency

from srtracker.db import db
from srtracker.models import Clause, Flag, User
from tests.e2e.conftest import (
    Screens,
    _dutch_only,
    assert_accessible,
    assert_english,
    assert_fits,
    assert_focus_on_errors,
    assert_no_codes,
    english,
    key_press,
    key_type,
    log_in,
    tab_to,
)
from tests.e2e.test_journeys import expect
from tests.enforcement.test_cases import add_report, enforced_contract

STEP_DAY = "01-08-2027"


def proposed_case(app, tmp_path) -> int:
    """SR1 behind, warned, noticed until 31-07-2027 and proposed 30,000; its flag's id."""
    runner = app.test_cli_runner()

    def run(*args):
        result = runner.invoke(args=list(args))
        assert result.exit_code == 0, result.output

    run("load-contracts", str(enforced_contract(tmp_path)))
    with app.app_context(), db.connection_context():
        add_report("2026-HH-014", "2027-Q1", 4)
    run("check", "--as-of", "2027-06-15")
    run("enforce", "warn", "2026-HH-014", "SR1")
    run("enforce", "notice", "2026-HH-014", "SR1", "--until", "2027-07-31")
    run("check", "--as-of", "2027-08-01")
    with app.app_context(), db.connection_context():
        return (
            Flag.select(Flag.id)
            .join(Clause, on=(Flag.clause == Clause.id))
            .where((Clause.code == "SR1") & (Flag.kind == "behind"))
            .scalar()
        )


class Visit:
    """The bureau on the flag page at one width, in one language, checking every page."""

    def __init__(self, page, language, folder):
        self.page, self.language = page, language
        self.t = english() if language == "en" else (lambda text: text)
        self.dutch = _dutch_only() if language == "en" else None
        self.screens = Screens(page, folder)

    def number(self, dutch: str) -> str:
        """A figure as this language writes it (30.000,00 in Dutch, 30,000.00 in English)."""
        if self.language == "nl":
            return dutch
        return dutch.translate(str.maketrans({".": ",", ",": "."}))

    def see(self, name):
        self.screens(name)
        assert_fits(self.page)
        assert_accessible(self.page)
        if self.dutch is None:
            assert_no_codes(self.page)
        else:
            assert_english(self.page, self.dutch)

    def open_enforcement(self, flag_id):
        """Log in, open the flag from the queue and jump to *Handhaving*, all by keyboard."""
        page, t = self.page, self.t
        log_in(page, "bureau")
        menu = page.get_by_role("navigation", name=t("Hoofdmenu"))
        key_press(page, menu.get_by_role("link", name=t("Signalen")))
        key_press(page, page.get_by_role("link", name=f"{t('loopt achter')} 2026-HH-014 SR1"))
        page.wait_for_url(f"**/bureau/flags/{flag_id}")
        nav = page.get_by_role("navigation", name=t("Op deze pagina"))
        key_press(page, nav.get_by_role("link", name=t("Handhaving")))
        self.see("flag-proposed")

    def refused(self, step, field, message):
        """The step came back: summary on top with the focus, the message by its field."""
        page = self.page
        assert_focus_on_errors(page)
        expect(page).to_have_title(re.compile("^" + re.escape(self.t("Fout:"))))
        summary = page.locator(f"#step-{step} .error-summary")
        expect(summary).to_contain_text(message)
        beside = page.locator(f"#{step}-{field}-error")
        expect(beside).to_be_visible()
        expect(beside).to_contain_text(message)
        expect(page.locator(f"#{step}-{field}")).to_have_attribute("aria-invalid", "true")
        # The summary's link takes the focus to the field, as GOV.UK's does.
        tab_to(page, summary.get_by_role("link"))
        page.keyboard.press("Enter")
        expect(page.locator(f"#{step}-{field}")).to_be_focused()

    def recorded(self, step_label):
        t = self.t
        taken = t("Stap vastgelegd: %(step)s per %(day)s.") % {
            "step": t(step_label),
            "day": STEP_DAY,
        }
        expect(self.page.get_by_role("status").filter(has_text=taken)).to_be_visible()
        expect(self.page).not_to_have_title(re.compile("^" + re.escape(t("Fout:"))))


@pytest.fixture(params=["nl", "en"])
def language(request):
    return request.param


@pytest.fixture(params=[1280, 390])
def visit(request, browser, live_app, language, axe_source, tmp_path):
    flag_id = proposed_case(live_app, tmp_path)
    with live_app.app_context(), db.connection_context():
        User.update(language=language).execute()
    context = browser.new_context(
        base_url=live_app.config["LIVE_URL"],
        locale="nl-NL",
        viewport={"width": request.param, "height": 900},
    )
    page = context.new_page()
    page.axe_source = axe_source
    page.set_default_timeout(15000)
    yield Visit(page, language, f"enforcement-{request.node.name}"), flag_id
    context.close()


def test_the_bureau_exempts_a_case_by_keyboard_after_a_first_try_without_a_reason(visit):
    v, flag_id = visit
    page, t = v.page, v.t
    v.open_enforcement(flag_id)
    exempt = page.get_by_role("button", name=t("Vrijstellen"), exact=True)
    key_press(page, exempt)
    v.refused("exempt", "reason", t("geef een reden voor de vrijstelling"))
    v.see("exempt-refused")

    page.keyboard.type("Inspanningen aangetoond: twaalf sollicitaties begeleid.")
    page.keyboard.press("Shift+Tab")  # back to the summary's link, and Tab to the field again
    expect(page.locator("#step-exempt .error-summary a")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label(t("Reden van vrijstelling"))).to_be_focused()
    page.keyboard.press("Tab")
    expect(exempt).to_be_focused()
    page.keyboard.press("Enter")
    v.recorded("vrijgesteld")
    case = page.get_by_role("region", name=t("Handhaving"))
    expect(case.get_by_text(t("vrijgesteld"), exact=True).first).to_be_visible()
    expect(case.get_by_text("twaalf sollicitaties begeleid").first).to_be_visible()
    expect(page.get_by_role("button", name=t("Vrijstellen"), exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name=t("Opleggen"), exact=True)).to_have_count(0)
    v.see("exempted")


def test_the_bureau_imposes_the_proposed_amount_by_keyboard_after_a_first_try_above_it(visit):
    v, flag_id = visit
    page, t = v.page, v.t
    v.open_enforcement(flag_id)
    amount = page.get_by_label(t("Bedrag in euro"))
    impose = page.get_by_role("button", name=t("Opleggen"), exact=True)
    key_type(page, amount, "40.000,00")
    key_type(page, page.get_by_label(t("Reden van opleggen")), "Na overleg met de wethouder.")
    key_press(page, impose)
    too_much = t("het bedrag mag niet hoger zijn dan het voorgestelde bedrag (€ {proposed})")
    v.refused("impose", "amount", too_much.format(proposed=v.number("30.000")))
    expect(amount).to_have_value("40.000,00")
    expect(page.get_by_label(t("Reden van opleggen"))).to_have_value("Na overleg met de wethouder.")
    v.see("impose-refused")

    # Empty is the proposed amount: clear the field, Tab over the reason to the button, Enter.
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(impose).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_label(t("Reden van opleggen"))).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    # Imposing is final: a confirmation page names the amount before anything is stored.
    imposed = format_currency(30000, "EUR", locale=v.language).replace("\xa0", " ")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("%(amount)s opleggen?") % {"amount": imposed}
    )
    v.see("impose-confirm")
    key_press(
        page, page.get_by_role("button", name=t("Ja, %(amount)s opleggen") % {"amount": imposed})
    )
    v.recorded("opgelegd")
    case = page.get_by_role("region", name=t("Handhaving"))
    expect(case.get_by_text(t("Opgelegd bedrag"), exact=True)).to_be_visible()
    expect(case.get_by_text(imposed).first).to_be_visible()
    expect(page.get_by_role("button", name=t("Opleggen"), exact=True)).to_have_count(0)
    v.see("imposed")
