"""The supplier's journey in a real browser: template, a bad upload, a good one."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest

from tests.conftest import SPEC_EXAMPLE
from tests.e2e.conftest import assert_accessible, log_in


@pytest.fixture
def contract(live_app):
    result = live_app.test_cli_runner().invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    assert result.exit_code == 0, result.output


def fill(template: bytes, rows) -> bytes:
    book = openpyxl.load_workbook(BytesIO(template))
    sheet = book["Voortgang"]
    header = next(r for r in range(1, 51) if sheet.cell(r, 1).value == "kandidaat")
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(header + offset, column, value)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_supplier_fixes_a_bad_upload_and_gets_it_accepted(page, contract, shot, tmp_path):
    log_in(page, "supplier")
    shot("my-contracts")
    assert_accessible(page)
    page.get_by_role("link", name="2026-HH-014").first.click()
    shot("contract")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Sjabloon downloaden").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    good = [
        "TZO-0001",
        "SR1",
        "Plaatsing (dienstverband of detachering)",
        "Participatiewet / bijstand",
        date(2026, 2, 2),
        None,
        32,
    ]
    bad = fill(
        template.read_bytes(),
        [
            good,
            [
                "TZO-0002",
                "SR1",
                "Plaatsing (dienstverband of detachering)",
                "Wajong",
                date(2026, 3, 1),
                None,
                75,
            ],
        ],
    )
    (tmp_path / "bad.xlsx").write_bytes(bad)
    page.get_by_role("link", name="Voortgang uploaden").click()
    assert_accessible(page)
    shot("upload-form")
    page.get_by_label("Voortgangsrapportage (Excel, .xlsx)").set_input_files(tmp_path / "bad.xlsx")
    page.get_by_role("button", name="Uploaden en controleren").click()
    assert page.get_by_text("afgewezen").first.is_visible()
    assert page.locator("td", has_text="G3").count() == 1
    shot("rejected")
    with page.expect_download() as marked:
        page.get_by_role("link", name="Download uw bestand met de fouten gemarkeerd").click()
    marked.value.save_as(tmp_path / "marked.xlsx")
    assert openpyxl.load_workbook(tmp_path / "marked.xlsx")["Voortgang"]["G3"].comment

    (tmp_path / "good.xlsx").write_bytes(fill(template.read_bytes(), [good]))
    page.get_by_role("link", name="2026-HH-014").first.click()
    page.get_by_role("link", name="Voortgang uploaden").click()
    page.get_by_label("Voortgangsrapportage (Excel, .xlsx)").set_input_files(tmp_path / "good.xlsx")
    page.get_by_role("button", name="Uploaden en controleren").click()
    assert page.get_by_text("geaccepteerd").first.is_visible()
    shot("accepted")


def test_the_login_form_works_by_keyboard_alone(page, shot):
    log_in(page, "admin")
    assert page.url.endswith("/")
    shot("logged-in")


def test_a_wrong_password_shows_a_message_beside_the_form(page, shot):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill("nobody@example.nl")
    page.get_by_label("Wachtwoord").fill("wrong password")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_text("klopt niet").is_visible()
    assert_accessible(page)
    shot("login-failed")
