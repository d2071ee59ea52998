"""The three journeys of issue 8 in a real browser, as one story, by keyboard alone.

An officer creates a contract with two clauses; the supplier downloads the
template, uploads a bad file and sees what to fix, then a good one that is
accepted but falls short; the scheduler's check runs; the bureau sees the
flag, acknowledges it, sets a remedial deadline, comments, and exports the
overview, warns the supplier (a notice ending today is refused by its form), and
closes the flag. The story runs at 1280 and 390 px wide, in Dutch and in English; every
form is reached with Tab and filled with typing, arrow keys and Space, sent with
Enter, and a refused form puts the focus on its error summary. Every page is
screenshotted (test-artifacts/e2e/<test>[<language>-<width>]/) and checked: it fits
the viewport, its fields are labelled, axe-core finds nothing, and it shows no code
(Dutch) or no Dutch interface text (English).

The contract runs two years from 1 January and reports quarterly: from 1
January of this year, or of last year while this year's first quarter still
runs (as 2026-01-01 to 2027-12-31 does in late 2026), so at least one period
has ended and the contract still runs. The template and the upload form both
offer the latest ended period; two placements against a target of 25 are
behind on any of its dates.
"""

import re
from datetime import date, timedelta
from io import BytesIO

import openpyxl
import pytest

from srtracker.db import db
from srtracker.domain.reference import DEFAULT_GROUPS, DEFAULT_TYPES
from srtracker.models import CheckRun, Flag, User
from srtracker.scheduler.jobs import Jobs
from tests.e2e.conftest import (
    Screens,
    _dutch_only,
    assert_accessible,
    assert_english,
    assert_fits,
    assert_focus_on_errors,
    assert_no_codes,
    english,
    key_check,
    key_choose,
    key_press,
    key_radio,
    key_type,
    key_upload,
    log_in,
    tab_to,
)

TODAY = date.today()
START = date(TODAY.year if TODAY.month > 3 else TODAY.year - 1, 1, 1)
END = date(START.year + 1, 12, 31)
REFERENCE = f"{START.year}-E2E-001"
TITLE = "Schoonmaak gemeentelijke gebouwen"
TYPES = {t.code: t for t in DEFAULT_TYPES}
GROUPS = {g.code: g for g in DEFAULT_GROUPS}
PLACEMENT = TYPES["placement"].label_nl


def expect(locator):
    """Playwright's retrying assertions, imported late: without Playwright the tests skip."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def log_out(page, name="Uitloggen"):
    page.get_by_role("button", name=name).click()
    page.wait_for_url("**/login**")


class Journey:
    """One browser context at a width, its users in one language, checking every page."""

    def __init__(self, page, language, width, folder_name):
        self.page, self.language, self.width = page, language, width
        self.t = english() if language == "en" else (lambda text: text)
        self.dutch = _dutch_only() if language == "en" else None
        self.screens = Screens(page, folder_name)

    def label(self, item):
        """A contribution type or target group as the page names it."""
        return item.label_en if self.language == "en" else item.label_nl

    def see(self, name):
        """What every page must be; screenshotted first, so a failure can be looked at."""
        self.screens(name)
        assert_fits(self.page)
        assert_accessible(self.page)
        if self.language == "en":
            assert_english(self.page, self.dutch)
        else:
            assert_no_codes(self.page)

    def log_out(self):
        key_press(self.page, self.page.get_by_role("button", name=self.t("Uitloggen")))
        self.page.wait_for_url("**/login**")


@pytest.fixture(params=["nl", "en"])
def language(request):
    return request.param


@pytest.fixture(params=[1280, 390])
def journey(request, browser, live_app, language, axe_source):
    with live_app.app_context(), db.connection_context():
        User.update(language=language).execute()
    context = browser.new_context(
        base_url=live_app.config["LIVE_URL"],
        accept_downloads=True,
        locale="nl-NL",
        viewport={"width": request.param, "height": 900},
    )
    page = context.new_page()
    page.axe_source = axe_source
    page.set_default_timeout(15000)
    yield Journey(page, language, request.param, request.node.name)
    context.close()


def fill_template(template: bytes, rows) -> tuple[bytes, int, dict]:
    """The template with `rows` under its header; also the header row and column letters.

    The header row is the one starting with the candidate column, named in the
    template's language; columns are returned by their English names.
    """
    from srtracker.domain.report_columns import RECOGNISED

    book = openpyxl.load_workbook(BytesIO(template))
    sheet = book["Progress"] if "Progress" in book.sheetnames else book["Voortgang"]
    english_name = {key: c.name for c in RECOGNISED for key in (c.name, c.name_nl)}
    header = next(
        r for r in range(1, 51) if sheet.cell(r, 1).value in ("kandidaat", "candidate_ref")
    )
    letters = {
        english_name.get(sheet.cell(header, c).value): sheet.cell(header, c).column_letter
        for c in range(1, sheet.max_column + 1)
        if sheet.cell(header, c).value
    }
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(header + offset, column, value)
    out = BytesIO()
    book.save(out)
    return out.getvalue(), header, letters


def officer_creates_the_contract(j):
    page, t = j.page, j.t
    log_in(page, "officer")
    j.see("officer-contracts")

    key_press(page, page.get_by_role("link", name=t("Nieuw contract")))
    expect(page.get_by_role("heading", name=t("Nieuw contract"), exact=True)).to_be_visible()
    j.see("officer-new-contract-form")

    # Sent empty: refused, with the focus on the error summary and "Error:" in the title.
    key_press(page, page.get_by_role("button", name=t("Opslaan")))
    expect(page.locator(".error-summary")).to_be_visible()
    assert_focus_on_errors(page)
    assert page.title().startswith(t("Fout:")), page.title()
    j.see("officer-new-contract-refused")

    def label(text):
        return page.get_by_label(t(text), exact=True)

    key_type(page, label("Kenmerk"), REFERENCE)
    key_type(page, label("Omschrijving"), TITLE)
    key_type(page, label("Opdrachtnemer"), "Thuiszorg Oost B.V.")
    key_type(page, label("Contractwaarde in euro (excl. btw)"), "1.250.000,00")
    key_type(page, label("Startdatum"), START.strftime("%d-%m-%Y"))
    key_type(page, label("Einddatum"), END.strftime("%d-%m-%Y"))
    key_choose(page, label("Rapportage"), t("per kwartaal"))
    key_type(page, label("Code"), "SR1")
    key_type(page, label("Omschrijving van de verplichting"), "Plaatsingen vanuit de bijstand")
    key_choose(page, label("Maat"), t("personen"))
    key_type(page, label("Doel"), "25")
    key_check(page, page.get_by_label(j.label(TYPES["placement"]), exact=True))
    key_check(page, page.get_by_label(j.label(GROUPS["participatiewet"]), exact=True))
    key_check(page, page.get_by_label(j.label(GROUPS["wajong"]), exact=True))
    key_type(page, label("Minimaal aantal uren per week"), "24")
    j.screens("officer-new-contract-filled")
    key_press(page, page.get_by_role("button", name=t("Opslaan")))

    page.wait_for_url(f"**/contracts/{REFERENCE}")
    created = t("Contract %(reference)s is aangemaakt.") % {"reference": REFERENCE}
    expect(page.get_by_role("status").filter(has_text=created)).to_be_visible()
    j.see("officer-contract-created")

    # The second clause: Tab between fields, Space for a checkbox, arrow keys in a
    # select, Enter to submit.
    key_press(page, page.get_by_role("link", name=t("Verplichting toevoegen")))
    j.see("officer-clause-form")
    tab_to(page, label("Code"))
    page.keyboard.type("SR2")
    page.keyboard.press("Tab")
    page.keyboard.type("Uren opleiding en stage")
    page.keyboard.press("Tab")
    measure = label("Maat")
    expect(measure).to_be_focused()
    page.keyboard.press("ArrowDown")  # persons -> hours
    expect(measure).to_have_value("hours")
    page.keyboard.press("Tab")
    page.keyboard.type("4000")
    for code in ("internship", "training"):  # in the order of the page
        key_check(page, page.get_by_label(j.label(TYPES[code]), exact=True))
    tab_to(page, label("Minimaal aantal uren per week"))
    page.keyboard.type("8")
    expect(label("Minimaal aantal uren per week")).to_have_value("8")
    j.screens("officer-clause-typed")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/contracts/{REFERENCE}")
    clauses = page.get_by_role("region", name=t("Verplichtingen"))
    expect(clauses.get_by_role("link", name="SR1", exact=True)).to_be_visible()
    expect(clauses.get_by_role("link", name="SR2", exact=True)).to_be_visible()
    expect(clauses.get_by_text("Uren opleiding en stage")).to_be_visible()
    j.see("officer-contract-two-clauses")
    j.log_out()


def supplier_reports_progress(j, tmp_path):
    page, t = j.page, j.t
    log_in(page, "supplier")
    j.see("supplier-contracts")
    key_press(page, page.get_by_role("link", name=REFERENCE).first)
    j.see("supplier-contract")
    with page.expect_download() as download:
        key_press(page, page.get_by_role("link", name=t("Sjabloon downloaden")))
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    info = {
        row[0]: row[1]
        for row in openpyxl.load_workbook(template)["Info"].iter_rows(values_only=True)
        if row and row[0]
    }
    assert info["contract"] == REFERENCE

    # Two placements in the first quarter, far short of the 25 the clause asks for.
    placement = j.label(TYPES["placement"])
    good = [
        "TZO-0001",
        "SR1",
        placement,
        j.label(GROUPS["participatiewet"]),
        START + timedelta(days=32),
        None,
        32,
    ]
    bad_row = [
        "TZO-0002",
        "SR1",
        placement,
        j.label(GROUPS["wajong"]),
        START + timedelta(days=59),
        None,
        75,
    ]
    bad, header, letters = fill_template(template.read_bytes(), [good, bad_row])
    bad_cell = f"{letters['hours_per_week']}{header + 2}"
    (tmp_path / "bad.xlsx").write_bytes(bad)

    upload_file = page.get_by_label(t("Voortgangsrapportage (Excel, .xlsx)"))
    upload_button = page.get_by_role("button", name=t("Uploaden en controleren"))
    key_press(page, page.get_by_role("link", name=t("Voortgang uploaden")))
    j.see("supplier-upload-form")
    # Sent without a file: refused, the focus on the error summary.
    key_press(page, upload_button)
    assert_focus_on_errors(page)
    j.see("supplier-upload-refused")
    period = page.get_by_label(t("Periode"), exact=True)
    expect(period).to_have_value(info["period"])  # the form offers the template's period
    key_upload(page, upload_file, tmp_path / "bad.xlsx")
    key_press(page, upload_button)
    expect(page.get_by_text(t("afgewezen"), exact=True).first).to_be_visible()
    errors = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name=t("Cel")))
    # By the cell's text: on a phone its accessible name starts with the column's label.
    bad_line = errors.get_by_role("row").filter(
        has=page.get_by_role("cell").filter(has_text=re.compile(rf"^\s*{bad_cell}\s*$"))
    )
    expect(bad_line).to_have_count(1)
    expect(bad_line).to_contain_text("uren per week" if j.language == "nl" else "hours per week")
    j.see("supplier-rejected")
    with page.expect_download() as marked:
        key_press(
            page, page.get_by_role("link", name=t("Download uw bestand met de fouten gemarkeerd"))
        )
    marked.value.save_as(tmp_path / "marked.xlsx")
    book = openpyxl.load_workbook(tmp_path / "marked.xlsx")
    sheet = book["Progress"] if "Progress" in book.sheetnames else book["Voortgang"]
    assert sheet[bad_cell].comment is not None and sheet[bad_cell].comment.text.strip()

    fixed = bad_row[:6] + [30]
    good_file, _, _ = fill_template(template.read_bytes(), [good, fixed])
    (tmp_path / "good.xlsx").write_bytes(good_file)
    key_press(page, page.get_by_role("link", name=t("Verbeterd bestand uploaden")))
    expect(page.get_by_label(t("Periode"), exact=True)).to_have_value(info["period"])
    key_upload(page, upload_file, tmp_path / "good.xlsx")
    key_press(page, upload_button)
    expect(page.get_by_text(t("geaccepteerd"), exact=True).first).to_be_visible()
    j.see("supplier-accepted")
    key_press(page, page.get_by_role("link", name=f"{REFERENCE} {TITLE}"))
    history = page.get_by_role("region", name=t("Geschiedenis van rapportages"))
    expect(history.get_by_text(t("geaccepteerd"), exact=True)).to_be_visible()
    expect(history.get_by_text(t("afgewezen"), exact=True)).to_be_visible()
    j.see("supplier-contract-after-upload")
    j.log_out()


def scheduler_checks(live_app):
    """The scheduler as it starts: takes the lease and catches up today's check."""
    jobs = Jobs(live_app, holder="e2e")
    try:
        jobs.heartbeat()
    finally:
        jobs.stop()
    with live_app.app_context(), db.connection_context():
        run = CheckRun.select().order_by(CheckRun.id.desc()).get()
        assert run.as_of == jobs.now().date()
        kinds = {
            (f.clause.code if f.clause_id else None, f.kind)
            for f in Flag.select().where(Flag.state == "open")
        }
    assert ("SR1", "behind") in kinds, kinds


def bureau_handles_the_flag(j, tmp_path):
    page, t = j.page, j.t
    log_in(page, "bureau")
    menu = page.get_by_role("navigation", name=t("Hoofdmenu"))
    key_press(page, menu.get_by_role("link", name=t("Portefeuille")))
    page.wait_for_url("**/bureau")
    j.see("bureau-dashboard")
    portfolio = page.get_by_role("region", name=t("Verplichtingen"), exact=True)
    sr1 = portfolio.get_by_role("row").filter(has=page.get_by_role("link", name=f"SR1 {REFERENCE}"))
    expect(sr1.get_by_text(t("achter"), exact=True)).to_be_visible()

    key_press(page, menu.get_by_role("link", name=t("Signalen")))
    j.see("bureau-flags")
    behind = t("loopt achter")
    key_press(page, page.get_by_role("link", name=f"{behind} {REFERENCE} SR1"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{t('Signaal')}: {behind}")
    j.see("bureau-flag")

    key_press(page, page.get_by_role("button", name=t("Markeren als gezien")))
    seen = t("Signaal gemarkeerd als gezien.")
    expect(page.get_by_role("status").filter(has_text=seen)).to_be_visible()
    expect(page.get_by_role("button", name=t("Markeren als gezien"))).to_have_count(0)
    j.screens("bureau-flag-acknowledged")

    # A remedial deadline in the past is refused by its form, the focus on its summary.
    work = page.get_by_role("region", name=t("Afhandelen"))
    deadline_field = work.get_by_label(t("Herstelperiode tot en met"))
    save_deadline = page.get_by_role("button", name=t("Herstelperiode opslaan"))
    key_type(page, deadline_field, (TODAY - timedelta(days=1)).strftime("%d-%m-%Y"))
    key_press(page, save_deadline)
    assert_focus_on_errors(page)
    expect(page.locator("#deadline .error-summary")).to_be_visible()
    j.see("bureau-deadline-refused")

    deadline = TODAY + timedelta(days=60)
    key_type(page, deadline_field, deadline.strftime("%d-%m-%Y"))
    key_press(page, save_deadline)
    saved = t("Herstelperiode opgeslagen.")
    expect(page.get_by_role("status").filter(has_text=saved)).to_be_visible()
    expect(page.get_by_text(deadline.strftime("%d-%m-%Y")).first).to_be_visible()

    # The comment: type, Tab to the checkbox, Space, Tab to the button, Enter.
    tab_to(page, page.get_by_label(t("Opmerking"), exact=True))
    page.keyboard.type("Gebeld met Thuiszorg Oost: drie plaatsingen in voorbereiding.")
    page.keyboard.press("Tab")
    expect(page.get_by_label(t("Ook zichtbaar voor de opdrachtnemer"))).to_be_focused()
    page.keyboard.press("Space")  # meant for the supplier too
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=t("Opmerking opslaan"))).to_be_focused()
    page.keyboard.press("Enter")
    added = t("Opmerking toegevoegd.")
    expect(page.get_by_role("status").filter(has_text=added)).to_be_visible()
    history = page.get_by_role("region", name=t("Geschiedenis"), exact=True)
    expect(history.get_by_text("drie plaatsingen in voorbereiding")).to_be_visible()
    j.see("bureau-flag-handled")

    with page.expect_download() as download:
        key_press(page, menu.get_by_role("link", name=t("Export")))
    export = tmp_path / "export.xlsx"
    download.value.save_as(export)
    book = openpyxl.load_workbook(export)
    texts = {
        str(v)
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if v is not None
    }
    assert REFERENCE in texts
    flags = book["Signaleringen"]
    lines = [row for row in flags.iter_rows(values_only=True) if REFERENCE in row]
    assert any("SR1" in row and "gezien" in row for row in lines), lines

    # Enforcement by keyboard: a warning, then a formal notice ending today, which is refused
    # above its own form, the focus on that refusal.
    key_press(page, page.get_by_role("button", name=t("Waarschuwen")))
    taken = t("Stap vastgelegd: %(step)s per %(day)s.").split(":")[0]
    expect(page.get_by_role("status").filter(has_text=taken)).to_be_visible()
    notice_until = page.get_by_label(t("Einde van de herstelperiode bij ingebrekestelling"))
    key_type(page, notice_until, TODAY.strftime("%d-%m-%Y"))
    key_press(page, page.get_by_role("button", name=t("In gebreke stellen")))
    assert_focus_on_errors(page)
    not_done = t("Niet gedaan: %(reason)s").split(":")[0]
    expect(page.locator("#step-notice .error-summary")).to_contain_text(not_done)
    j.see("bureau-notice-refused")

    # Closing the flag: Tab into the radio group, arrows to the choice, a reason, Enter.
    close = page.get_by_role("button", name=t("Signaal afsluiten"))
    key_press(page, close)  # no choice, no reason: refused by its own form
    assert_focus_on_errors(page)
    expect(page.locator("#close .error-summary")).to_be_visible()
    j.see("bureau-close-refused")
    key_radio(page, page.locator("#close input[type=radio]").last)
    key_type(page, page.locator("#close textarea, #close input[type=text]").first, "Afgesproken")
    key_press(page, close)
    expect(page.get_by_role("region", name=t("Afhandelen"))).to_have_count(0)
    j.see("bureau-flag-closed")


def test_officer_supplier_scheduler_and_bureau_in_one_story(journey, live_app, tmp_path):
    officer_creates_the_contract(journey)
    supplier_reports_progress(journey, tmp_path)
    scheduler_checks(live_app)
    bureau_handles_the_flag(journey, tmp_path)


FOCUS_STYLE = """() => { const el = document.activeElement, s = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), name: el.textContent.trim(),
          visible: el.matches(':focus-visible'), style: s.outlineStyle,
          width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }"""


def test_keyboard_focus_is_visible_on_links_and_buttons(page, shot):
    """Tab through the page: every link and button shows an outline when it has the focus."""
    log_in(page, "officer")
    page.locator("body").focus()
    stops = []
    for _ in range(20):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STYLE)
        if stop["tag"] in ("a", "button"):
            stops.append(stop)
            shot(f"focus-{len(stops):02d}")
        if stop["name"] == "Nieuw contract":
            break
    names = [stop["name"] for stop in stops]
    # The skip link, the menu's links, the log-out button and the page's button-styled link.
    assert {"Naar de inhoud", "Contracten", "Uitloggen", "Nieuw contract"} <= set(names), names
    for stop in stops:
        assert stop["visible"], stop
        assert stop["style"] != "none" and stop["width"] >= 2, stop
        assert stop["colour"] not in ("transparent", "rgba(0, 0, 0, 0)"), stop


def test_officer_types_a_percentage_with_a_maximum_under_a_valuation_table(page, shot):
    """Issue 18 in the browser: Súdwest-Fryslân's 2% of the contract value, at most EUR
    300,000, under the Harlingen table; the contract-file rules compute the target."""
    log_in(page, "officer")
    page.get_by_role("link", name="Nieuw contract").click()
    page.get_by_label("Kenmerk", exact=True).fill(f"{START.year}-E2E-018")
    page.get_by_label("Omschrijving", exact=True).fill("Onderhoud kades")
    page.get_by_label("Opdrachtnemer", exact=True).fill("Kadebouw Fryslân B.V.")
    page.get_by_label("Contractwaarde in euro (excl. btw)").fill("20.000.000,00")
    page.get_by_label("Startdatum", exact=True).fill(START.isoformat())
    page.get_by_label("Einddatum", exact=True).fill(END.isoformat())
    page.get_by_label("Waarderingstabel (bouwblokken)").select_option(value="harlingen")
    page.get_by_label("Code", exact=True).fill("SR1")
    page.get_by_label("Omschrijving van de verplichting").fill("2%, hoogstens 300.000 euro")
    page.get_by_label("Maat", exact=True).select_option(value="euros")
    page.get_by_label("Doel als percentage").fill("2")
    page.get_by_label("Hoogstens (euro)").fill("300000")
    page.get_by_label(PLACEMENT).check()
    assert_accessible(page)
    shot("officer-percentage-clause-filled")
    page.get_by_role("button", name="Opslaan").click()

    page.wait_for_url(f"**/contracts/{START.year}-E2E-018")
    clauses = page.get_by_role("region", name="Verplichtingen")
    expect(clauses.get_by_role("cell", name="300.000", exact=True)).to_be_visible()
    shot("officer-percentage-clause-stored")
