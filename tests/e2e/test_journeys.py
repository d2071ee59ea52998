"""The three journeys of issue 8 in a real browser, as one story.

An officer creates a contract with two clauses; the supplier downloads the
template, uploads a bad file and sees what to fix, then a good one that is
accepted but falls short; the scheduler's check runs; the bureau sees the
flag, acknowledges it, sets a remedial deadline, comments, and exports the
overview. Every page is screenshotted (test-artifacts/e2e/<test>/) and
checked for labelled fields and badges with text.

The contract runs two years from 1 January and reports quarterly: from 1
January of this year, or of last year while this year's first quarter still
runs (as 2026-01-01 to 2027-12-31 does in late 2026), so at least one period
has ended and the contract still runs. The template and the upload form both
offer the latest ended period; two placements against a target of 25 are
behind on any of its dates.
"""

from datetime import date, timedelta
from io import BytesIO

import openpyxl

from srtracker.db import db
from srtracker.models import CheckRun, Flag
from srtracker.scheduler.jobs import Jobs
from tests.e2e.conftest import assert_accessible, log_in

TODAY = date.today()
START = date(TODAY.year if TODAY.month > 3 else TODAY.year - 1, 1, 1)
END = date(START.year + 1, 12, 31)
REFERENCE = f"{START.year}-E2E-001"
TITLE = "Schoonmaak gemeentelijke gebouwen"
PLACEMENT = "Plaatsing (dienstverband of detachering)"


def expect(locator):
    """Playwright's retrying assertions, imported late: without Playwright the tests skip."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def log_out(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login**")


def tab_to(page, target, limit=80):
    """Press Tab until `target` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def fill_template(template: bytes, rows) -> tuple[bytes, int, dict]:
    """The template with `rows` under its header; also the header row and column letters."""
    book = openpyxl.load_workbook(BytesIO(template))
    sheet = book["Voortgang"]
    header = next(r for r in range(1, 51) if sheet.cell(r, 1).value == "kandidaat")
    letters = {
        sheet.cell(header, c).value: sheet.cell(header, c).column_letter
        for c in range(1, sheet.max_column + 1)
        if sheet.cell(header, c).value
    }
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(header + offset, column, value)
    out = BytesIO()
    book.save(out)
    return out.getvalue(), header, letters


def officer_creates_the_contract(page, shot):
    log_in(page, "officer")
    shot("officer-contracts")
    assert_accessible(page)

    page.get_by_role("link", name="Nieuw contract").click()
    expect(page.get_by_role("heading", name="Nieuw contract")).to_be_visible()
    assert_accessible(page)
    shot("officer-new-contract-form")
    page.get_by_label("Kenmerk", exact=True).fill(REFERENCE)
    page.get_by_label("Omschrijving", exact=True).fill(TITLE)
    page.get_by_label("Opdrachtnemer", exact=True).fill("Thuiszorg Oost B.V.")
    page.get_by_label("Contractwaarde in euro (excl. btw)").fill("1.250.000,00")
    page.get_by_label("Startdatum", exact=True).fill(START.isoformat())
    page.get_by_label("Einddatum", exact=True).fill(END.isoformat())
    page.get_by_label("Rapportage", exact=True).select_option(label="per kwartaal")
    page.get_by_label("Code", exact=True).fill("SR1")
    page.get_by_label("Omschrijving van de verplichting").fill("Plaatsingen vanuit de bijstand")
    page.get_by_label("Maat", exact=True).select_option(label="personen")
    page.get_by_label("Doel", exact=True).fill("25")
    page.get_by_label(PLACEMENT).check()
    page.get_by_label("Participatiewet / bijstand").check()
    page.get_by_label("Wajong", exact=True).check()
    page.get_by_label("Minimaal aantal uren per week").fill("24")
    shot("officer-new-contract-filled")
    page.get_by_role("button", name="Opslaan").click()

    page.wait_for_url(f"**/contracts/{REFERENCE}")
    expect(page.get_by_role("status").filter(has_text="is aangemaakt")).to_be_visible()
    assert_accessible(page)
    shot("officer-contract-created")

    # The second clause by keyboard alone: Tab between fields, Space for a
    # checkbox, arrow keys in a select, Enter to submit.
    page.get_by_role("link", name="Verplichting toevoegen").click()
    assert_accessible(page)
    shot("officer-clause-form")
    page.get_by_label("Code", exact=True).focus()
    page.keyboard.type("SR2")
    page.keyboard.press("Tab")
    page.keyboard.type("Uren opleiding en stage")
    page.keyboard.press("Tab")
    measure = page.get_by_label("Maat", exact=True)
    expect(measure).to_be_focused()
    page.keyboard.press("ArrowDown")  # personen -> uren
    expect(measure).to_have_value("hours")
    page.keyboard.press("Tab")
    page.keyboard.type("4000")
    for label in ("Stageplaats", "Opleidingstraject"):  # in the order of the page
        tab_to(page, page.get_by_label(label, exact=True))
        page.keyboard.press("Space")
        expect(page.get_by_label(label, exact=True)).to_be_checked()
    tab_to(page, page.get_by_label("Minimaal aantal uren per week"))
    page.keyboard.type("8")
    expect(page.get_by_label("Minimaal aantal uren per week")).to_have_value("8")
    shot("officer-clause-typed")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/contracts/{REFERENCE}")
    clauses = page.get_by_role("region", name="Verplichtingen")
    expect(clauses.get_by_role("link", name="SR1", exact=True)).to_be_visible()
    expect(clauses.get_by_role("link", name="SR2", exact=True)).to_be_visible()
    expect(clauses.get_by_text("Uren opleiding en stage")).to_be_visible()
    assert_accessible(page)
    shot("officer-contract-two-clauses")
    log_out(page)


def supplier_reports_progress(page, shot, tmp_path):
    log_in(page, "supplier")
    assert_accessible(page)
    shot("supplier-contracts")
    page.get_by_role("link", name=REFERENCE).first.click()
    assert_accessible(page)
    shot("supplier-contract")
    with page.expect_download() as download:
        page.get_by_role("link", name="Sjabloon downloaden").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    info = {
        row[0]: row[1]
        for row in openpyxl.load_workbook(template)["Info"].iter_rows(values_only=True)
        if row and row[0]
    }
    assert info["contract"] == REFERENCE

    # Two placements in the first quarter, far short of the 25 the clause asks for.
    good = [
        "TZO-0001",
        "SR1",
        PLACEMENT,
        "Participatiewet / bijstand",
        START + timedelta(days=32),
        None,
        32,
    ]
    bad_row = ["TZO-0002", "SR1", PLACEMENT, "Wajong", START + timedelta(days=59), None, 75]
    bad, header, letters = fill_template(template.read_bytes(), [good, bad_row])
    bad_cell = f"{letters['uren_per_week']}{header + 2}"
    (tmp_path / "bad.xlsx").write_bytes(bad)

    page.get_by_role("link", name="Voortgang uploaden").click()
    assert_accessible(page)
    shot("supplier-upload-form")
    period = page.get_by_label("Periode", exact=True)
    expect(period).to_have_value(info["period"])  # the form offers the template's period
    page.get_by_label("Voortgangsrapportage (Excel, .xlsx)").set_input_files(tmp_path / "bad.xlsx")
    page.get_by_role("button", name="Uploaden en controleren").click()
    expect(page.get_by_text("afgewezen", exact=True)).to_be_visible()
    errors = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Cel"))
    bad_line = errors.get_by_role("row").filter(
        has=page.get_by_role("cell", name=bad_cell, exact=True)
    )
    expect(bad_line).to_have_count(1)
    expect(bad_line).to_contain_text("uren per week")
    assert_accessible(page)
    shot("supplier-rejected")
    with page.expect_download() as marked:
        page.get_by_role("link", name="Download uw bestand met de fouten gemarkeerd").click()
    marked.value.save_as(tmp_path / "marked.xlsx")
    comment = openpyxl.load_workbook(tmp_path / "marked.xlsx")["Voortgang"][bad_cell].comment
    assert comment is not None and comment.text.strip()

    fixed = bad_row[:6] + [30]
    good_file, _, _ = fill_template(template.read_bytes(), [good, fixed])
    (tmp_path / "good.xlsx").write_bytes(good_file)
    page.get_by_role("link", name=f"{REFERENCE} {TITLE}").click()
    page.get_by_role("link", name="Voortgang uploaden").click()
    expect(page.get_by_label("Periode", exact=True)).to_have_value(info["period"])
    page.get_by_label("Voortgangsrapportage (Excel, .xlsx)").set_input_files(tmp_path / "good.xlsx")
    page.get_by_role("button", name="Uploaden en controleren").click()
    expect(page.get_by_text("geaccepteerd", exact=True)).to_be_visible()
    assert_accessible(page)
    shot("supplier-accepted")
    page.get_by_role("link", name=f"{REFERENCE} {TITLE}").click()
    history = page.get_by_role("region", name="Geschiedenis van rapportages")
    expect(history.get_by_text("geaccepteerd", exact=True)).to_be_visible()
    expect(history.get_by_text("afgewezen", exact=True)).to_be_visible()
    assert_accessible(page)
    shot("supplier-contract-after-upload")
    log_out(page)


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


def bureau_handles_the_flag(page, shot, tmp_path):
    log_in(page, "bureau")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Portefeuille"
    ).click()
    page.wait_for_url("**/bureau")
    assert_accessible(page)
    shot("bureau-dashboard")
    portfolio = page.get_by_role("region", name="Verplichtingen", exact=True)
    sr1 = portfolio.get_by_role("row").filter(has=page.get_by_role("link", name=f"SR1 {REFERENCE}"))
    expect(sr1.get_by_text("achter", exact=True)).to_be_visible()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Signalen").click()
    assert_accessible(page)
    shot("bureau-flags")
    page.get_by_role("link", name=f"loopt achter {REFERENCE} SR1").click()
    expect(page.get_by_role("heading", name="Signaal: loopt achter")).to_be_visible()
    assert_accessible(page)
    shot("bureau-flag")

    page.get_by_role("button", name="Markeren als gezien").click()
    expect(page.get_by_role("status").filter(has_text="gemarkeerd als gezien")).to_be_visible()
    expect(page.get_by_text("gezien", exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="Markeren als gezien")).to_have_count(0)
    shot("bureau-flag-acknowledged")

    deadline = TODAY + timedelta(days=60)
    work = page.get_by_role("region", name="Afhandelen")
    work.get_by_label("Herstelperiode tot en met").fill(deadline.strftime("%d-%m-%Y"))
    page.get_by_role("button", name="Herstelperiode opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Herstelperiode opgeslagen")).to_be_visible()
    expect(page.get_by_text(deadline.strftime("%d-%m-%Y")).first).to_be_visible()

    # The comment by keyboard: type, Tab to the checkbox, Space, Tab to the button, Enter.
    page.get_by_label("Opmerking", exact=True).focus()
    page.keyboard.type("Gebeld met Thuiszorg Oost: drie plaatsingen in voorbereiding.")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Ook zichtbaar voor de opdrachtnemer")).to_be_focused()
    page.keyboard.press("Space")  # meant for the supplier too
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Opmerking opslaan")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Opmerking toegevoegd")).to_be_visible()
    history = page.get_by_role("region", name="Geschiedenis")
    expect(history.get_by_text("drie plaatsingen in voorbereiding")).to_be_visible()
    assert_accessible(page)
    shot("bureau-flag-handled")

    with page.expect_download() as download:
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Export").click()
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


def test_officer_supplier_scheduler_and_bureau_in_one_story(page, live_app, shot, tmp_path):
    officer_creates_the_contract(page, shot)
    supplier_reports_progress(page, shot, tmp_path)
    scheduler_checks(live_app)
    bureau_handles_the_flag(page, shot, tmp_path)


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
