"""A supplier reports a period without Excel (issue 20.1), with the keyboard only, at 1280
and 390 pixels, in Dutch and in English, and sees the contract's status change."""

from datetime import date

import pytest

from srtracker.db import db
from srtracker.models import User
from tests.conftest import SPEC_EXAMPLE
from tests.e2e.conftest import (
    ARTIFACTS,
    assert_accessible,
    assert_english,
    assert_fits,
    assert_no_codes,
    log_in,
)

WORDS = {
    "nl": {
        "report": "Rapporteren in de browser",
        "add": "Rij toevoegen",
        "error": "Fout:",
        "bad_date": "Dit is geen datum.",
        "row2_start": "Regel 2, Startdatum",
        "browser": "ingevoerd in de browser",
        "clause": "SR1 – Plaatsingen vanuit de bijstand",
        "type": "Plaatsing (dienstverband of detachering)",
        "group": "Participatiewet / bijstand",
    },
    "en": {
        "report": "Report in the browser",
        "add": "Add a row",
        "error": "Error:",
        "bad_date": "This is not a date.",
        "row2_start": "Row 2, Start date",
        "browser": "entered in the browser",
        "clause": "SR1 – Plaatsingen vanuit de bijstand",
        "type": "Placement (employment or secondment)",
        "group": None,  # the English label, read from the page's list
    },
}


@pytest.fixture
def contract(live_app, monkeypatch):
    result = live_app.test_cli_runner().invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    assert result.exit_code == 0, result.output
    # The form opens on the latest period that has ended; re-checks are as of after it.
    monkeypatch.setattr("srtracker.services.checks.today", date.today)


def focused_id(page):
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def type_row(page, number, ref, words, start, hours):
    """Fill one row from its first field to its hours with Tab, typing and type-ahead."""
    page.locator(f"#r{number}-candidate_ref").focus()
    page.keyboard.type(ref)
    for name, text in (("clause", words["clause"]), ("type", words["type"])):
        page.keyboard.press("Tab")
        assert focused_id(page) == f"r{number}-{name}"
        page.keyboard.type(text.split()[0])  # type-ahead; a space would open the list
    page.keyboard.press("Tab")
    assert focused_id(page) == f"r{number}-target_group"
    group = (
        words["group"]
        or page.locator(f"#r{number}-target_group option[value=participatiewet]").inner_text()
    )
    page.keyboard.type(group.split()[0])
    page.keyboard.press("Tab")
    page.keyboard.type(start)
    page.keyboard.press("Tab")  # end date: still running
    page.keyboard.press("Tab")
    page.keyboard.type(hours)
    assert page.locator(f"#r{number}-type").input_value() == "placement"
    assert page.locator(f"#r{number}-target_group").input_value() == "participatiewet"


def clause_cells(page):
    row = page.locator("section[aria-labelledby=clauses] tbody tr").first
    return row.locator("td").nth(0).inner_text(), row.locator("td").nth(4).inner_text()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_a_supplier_reports_a_period_in_the_browser_and_sees_its_status_change(
    browser, live_app, contract, axe_source, language, width
):
    with live_app.app_context(), db.connection_context():
        User.update(language=language).execute()
    words = WORDS[language]
    context = browser.new_context(
        base_url=live_app.config["LIVE_URL"],
        viewport={"width": width, "height": 900},
        locale="nl-NL" if language == "nl" else "en-GB",
    )
    page = context.new_page()
    page.axe_source = axe_source
    page.set_default_timeout(15000)
    folder = ARTIFACTS / f"browser-report-{language}-{width}"
    folder.mkdir(parents=True, exist_ok=True)

    def check(label):
        page.screenshot(path=str(folder / f"{label}.png"), full_page=True)
        assert_accessible(page)
        assert_fits(page)
        if language == "en":
            assert_english(page)

    try:
        log_in(page, "supplier")
        page.goto("/contracts/2026-HH-014")
        status_before, realised_before = clause_cells(page)
        link = page.get_by_role("link", name=words["report"])
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/enter")
        check("1-form")

        type_row(page, 1, "TZO-0001", words, "02-02-2026", "32")
        add = page.get_by_role("button", name=words["add"])
        add.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("tbody tr").count() == 3
        assert focused_id(page) == "r3-candidate_ref"  # the new row has the focus
        type_row(page, 2, "TZO-0002", words, "31-02-2026", "36")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # Enter in a field saves: the first button
        assert page.title().startswith(words["error"])
        assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
        assert (
            page.locator("#r2-start_date-error")
            .inner_text()
            .endswith(page.locator(".error-summary li").first.inner_text().split(": ", 1)[1])
        )
        assert words["bad_date"] in page.locator("#r2-start_date-error").inner_text()
        if language == "nl":
            assert_no_codes(page)
        check("2-refused")

        summary_link = page.get_by_role("link", name=words["row2_start"])
        summary_link.focus()
        page.keyboard.press("Enter")
        assert focused_id(page) == "r2-start_date"
        page.keyboard.press("Control+A")
        page.keyboard.type("01-03-2026")
        page.keyboard.press("Enter")
        page.wait_for_url("**/reports/*")
        assert words["browser"] in page.locator("main").inner_text()
        check("3-accepted")

        page.goto("/contracts/2026-HH-014")
        status_after, realised_after = clause_cells(page)
        assert (realised_before, realised_after) == ("0", "2")
        assert status_after != status_before
        history = page.locator("section[aria-labelledby=history] tbody tr").first
        assert words["browser"] in history.inner_text()
        check("4-contract")
    finally:
        context.close()
