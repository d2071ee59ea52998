"""The council report and every surface of an enforcement case agree (enforcement.md, issue 17).

The scenario of the issue's "done when": a clause behind, warned, given notice, its
remedial period passed: an exact proposed amount on the flag page, the supplier's page,
check --json and the council report; exempting or imposing changes the report at once.
"""

import re
from datetime import date
from io import BytesIO

import openpyxl
import pytest

from srtracker.enforcement import council
from srtracker.enforcement.models import EnforcementCase
from srtracker.models import Clause, Flag
from tests.enforcement.test_cases import add_report, check, enforce, enforced_contract, sr1

OVERVIEW_HEADER = [
    "Opdrachtgever",
    "Verplicht (€)",
    "Gerealiseerd (€)",
    "Deelnemers",
    "Zaken geopend",
    "Hersteld",
    "Vrijgesteld",
    "Opgelegd",
    "Opgelegd (€)",
]


@pytest.fixture
def proposed(runner, conn, users, tmp_path, monkeypatch):
    """SR1 (worth 100,000) at 4 of 10, warned, noticed until 2027-07-31, proposed 2027-08-01."""
    monkeypatch.setattr(council, "today", lambda: date(2028, 3, 1))
    assert runner.invoke(args=["load-contracts", str(enforced_contract(tmp_path))]).exit_code == 0
    add_report("2026-HH-014", "2027-Q1", 4)
    check(runner, "2027-06-15")
    assert enforce(runner, "warn", "2026-HH-014", "SR1").exit_code == 0
    assert enforce(runner, "notice", "2026-HH-014", "SR1", "--until", "2027-07-31").exit_code == 0
    return check(runner, "2027-08-01")


def workbook(runner, tmp_path, year=2027):
    path = tmp_path / f"raad-{year}.xlsx"
    result = runner.invoke(args=["report", "--year", str(year), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(path)


def rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [
        dict(zip(header, (c.value for c in row), strict=False))
        for row in sheet.iter_rows(min_row=2)
    ]


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("\xa0", " ")


def sr1_flag_id() -> int:
    return (
        Flag.select(Flag.id)
        .join(Clause, on=(Flag.clause == Clause.id))
        .where((Clause.code == "SR1") & (Flag.kind == "behind"))
        .scalar()
    )


def test_the_overview_has_the_specs_columns_and_hand_worked_figures(runner, proposed, tmp_path):
    book = workbook(runner, tmp_path)
    assert book.sheetnames[0] == "Overzicht"
    assert [c.value for c in book["Overzicht"][1]] == OVERVIEW_HEADER
    (apeldoorn,) = rows(book["Overzicht"])
    # SR1: 100,000 x 365/730 = 50,000 committed; 4 of 10 realised: 20,000.
    # SR2: 5% of 2,400,000 = 120,000 x 365/730 = 60,000 committed; nothing realised.
    assert {k: float(v) if "€" in k else v for k, v in apeldoorn.items()} == {
        "Opdrachtgever": "Gemeente Apeldoorn",
        "Verplicht (€)": 110000.0,
        "Gerealiseerd (€)": 20000.0,
        "Deelnemers": 4,
        "Zaken geopend": 1,
        "Hersteld": 0,
        "Vrijgesteld": 0,
        "Opgelegd": 0,
        "Opgelegd (€)": 0.0,
    }


def test_the_workbook_holds_values_never_formulas_and_a_native_chart_per_buyer(
    runner, proposed, tmp_path
):
    book = workbook(runner, tmp_path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.data_type == "f")
    assert len(book["Grafieken"]._charts) == 1
    quarters = rows(book["Per kwartaal"])
    assert [q["Kwartaal"] for q in quarters] == ["K1", "K2", "K3", "K4"]
    assert float(quarters[-1]["Verplicht t/m kwartaal (€)"]) == 110000.0
    assert float(quarters[-1]["Gerealiseerd t/m kwartaal (€)"]) == 20000.0
    assert {
        "Per doelgroep",
        "Per soort bijdrage",
        "Duurzaamheid",
        "Verplichtingen",
        "Zaken",
    } <= set(book.sheetnames)


def test_the_proposed_amount_is_the_same_on_every_surface(runner, client, auth, proposed, tmp_path):
    assert sr1(proposed)["enforcement"]["amount_due"] == 30000.0
    auth.login("bureau")
    flag_page = text(client.get(f"/bureau/flags/{sr1_flag_id()}").get_data(as_text=True))
    assert "Voorgesteld bedrag € 30.000,00" in flag_page
    assert (
        "SR1: 6 van 10 plaatsingen niet gerealiseerd; waarde € 60.000; 50%: € 30.000" in flag_page
    )
    auth.logout()
    auth.login("supplier")
    supplier_page = text(client.get("/contracts/2026-HH-014").get_data(as_text=True))
    assert "Voorgesteld bedrag € 30.000,00" in supplier_page
    assert "Einde van de herstelperiode bij ingebrekestelling 31-07-2027" in supplier_page
    book = workbook(runner, tmp_path)
    (line,) = [c for c in rows(book["Verplichtingen"]) if c["Verplichting"] == "SR1"]
    assert (line["Handhaving"], float(line["Bedrag handhaving (€)"])) == (
        "bedrag voorgesteld",
        30000.0,
    )
    result = runner.invoke(args=["export", "-o", str(tmp_path / "export.xlsx")])
    assert result.exit_code == 0, result.output
    export = openpyxl.load_workbook(tmp_path / "export.xlsx")
    (in_export,) = [c for c in rows(export["Gemeente Apeldoorn"]) if c["Verplichting"] == "SR1"]
    assert (in_export["Handhaving"], float(in_export["Bedrag handhaving (€)"])) == (
        "bedrag voorgesteld",
        30000.0,
    )
    steps = [(s["Stap"], s["Datum"].date()) for s in rows(book["Zaken"])]
    assert steps == [
        ("waarschuwing", date(2027, 6, 15)),
        ("ingebrekestelling", date(2027, 6, 15)),
        ("bedrag voorgesteld", date(2027, 8, 1)),
    ]


def test_imposing_changes_the_council_report_and_page_at_once(
    runner, client, auth, proposed, tmp_path
):
    auth.login("bureau")
    response = client.post(
        f"/bureau/flags/{sr1_flag_id()}/enforce/impose",
        data={"amount": "", "reason": "", "confirmed": "1"},
    )
    assert response.status_code == 303
    (apeldoorn,) = rows(workbook(runner, tmp_path)["Overzicht"])
    assert (apeldoorn["Opgelegd"], float(apeldoorn["Opgelegd (€)"])) == (1, 30000.0)
    page = client.get("/bureau/council?year=2027").get_data(as_text=True)
    assert re.search(r'class="num imposed-eur">€\s30\.000,00<', page)
    assert re.search(r'class="num committed">€\s110\.000,00<', page)
    assert "<svg" in page and 'class="council-chart"' in page
    download = client.get("/bureau/council/2027.xlsx")
    (same,) = rows(openpyxl.load_workbook(BytesIO(download.data))["Overzicht"])
    assert same == apeldoorn


def test_imposing_first_asks_for_a_confirmation_naming_the_amount(client, auth, proposed):
    """Imposing is final (enforcement.md), so the first press only says what will happen."""
    auth.login("bureau")
    response = client.post(
        f"/bureau/flags/{sr1_flag_id()}/enforce/impose", data={"amount": "", "reason": ""}
    )
    assert response.status_code == 200
    page = text(response.get_data(as_text=True))
    assert "30.000,00 opleggen?" in page
    assert "Dit is definitief" in page
    assert "Nee, terug naar het signaal" in page
    assert EnforcementCase.get(EnforcementCase.step == "proposed")


def test_the_confirmation_carries_the_lower_amount_and_its_reason(client, auth, proposed):
    auth.login("bureau")
    response = client.post(
        f"/bureau/flags/{sr1_flag_id()}/enforce/impose",
        data={"amount": "20.000,00", "reason": "deels ingehaald"},
    )
    page = response.get_data(as_text=True)
    assert "20.000,00 opleggen?" in text(page)
    assert "Reden: deels ingehaald" in text(page)
    assert '<input type="hidden" name="amount" value="20.000,00">' in page
    assert '<input type="hidden" name="confirmed" value="1">' in page
    confirmed = client.post(
        f"/bureau/flags/{sr1_flag_id()}/enforce/impose",
        data={"amount": "20.000,00", "reason": "deels ingehaald", "confirmed": "1"},
    )
    assert confirmed.status_code == 303
    case = EnforcementCase.get(EnforcementCase.step == "imposed")
    assert (case.amount_cents, case.reason) == (2000000, "deels ingehaald")


def test_exempting_changes_the_council_report_at_once(runner, proposed, tmp_path):
    result = enforce(runner, "exempt", "2026-HH-014", "SR1", "--reason", "inspanningen aangetoond")
    assert result.exit_code == 0, result.output
    (apeldoorn,) = rows(workbook(runner, tmp_path)["Overzicht"])
    assert (apeldoorn["Vrijgesteld"], apeldoorn["Opgelegd"], float(apeldoorn["Opgelegd (€)"])) == (
        1,
        0,
        0.0,
    )


def test_a_refused_step_on_the_flag_page_says_why_and_changes_nothing(client, auth, proposed):
    auth.login("bureau")
    response = client.post(
        f"/bureau/flags/{sr1_flag_id()}/enforce/impose",
        data={"amount": "40000"},
        follow_redirects=True,
    )
    assert "Niet gedaan" in text(response.get_data(as_text=True))
    assert EnforcementCase.get(EnforcementCase.step == "proposed")


def test_a_refused_step_is_shown_above_its_own_form_with_the_focus(client, auth, proposed):
    """Issue 15.9: each form's errors by that form, the focus on them, the page again."""
    auth.login("bureau")
    response = client.post(
        f"/bureau/flags/{sr1_flag_id()}/enforce/impose", data={"amount": "40000"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    form = page[
        page.index('id="step-impose"') : page.index("</form>", page.index('id="step-impose"'))
    ]
    assert 'class="notice notice-error error-summary" role="alert" tabindex="-1" autofocus' in form
    assert "Niet gedaan" in form
    top = page[page.index('<main id="main"') : page.index("<h1>")]
    assert "Niet gedaan" not in top
    assert "<title>Fout: " in page


def test_a_refused_step_says_why_beside_the_field_and_keeps_what_was_typed(client, auth, proposed):
    auth.login("bureau")
    response = client.post(
        f"/bureau/flags/{sr1_flag_id()}/enforce/impose",
        data={"amount": "40000", "reason": "twee plaatsingen in voorbereiding"},
    )
    page = response.get_data(as_text=True)
    assert re.search(
        r'<p class="field-error" id="impose-amount-error">.*Fout:.*niet hoger zijn dan het '
        r"voorgestelde bedrag",
        page,
    )
    assert re.search(
        r'<input[^>]*id="impose-amount"[^>]*value="40000"[^>]*aria-invalid="true"', page
    )
    assert ">twee plaatsingen in voorbereiding</textarea>" in page
    assert '<a href="#impose-amount">Bedrag in euro</a>' in page


def test_an_amount_that_is_no_number_is_refused_beside_the_amount(client, auth, proposed):
    auth.login("bureau")
    response = client.post(f"/bureau/flags/{sr1_flag_id()}/enforce/impose", data={"amount": "veel"})
    assert response.status_code == 422
    assert 'id="impose-amount-error"' in response.get_data(as_text=True)
    assert EnforcementCase.get(EnforcementCase.step == "proposed")


def test_the_council_page_shows_only_the_buyers_a_bureau_serves(client, auth, proposed):
    auth.login("other_bureau")
    page = client.get("/bureau/council?year=2027").get_data(as_text=True)
    assert "Gemeente Apeldoorn" not in page
