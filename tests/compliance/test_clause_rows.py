"""The explanation page of a clause with many rows: paged, counts per reason, all as xlsx."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from srtracker.compliance import views
from srtracker.domain.contributions import Contribution
from srtracker.services import checks
from srtracker.store.contracts import find
from tests.compliance.test_check import HH014, add_report

COUNTED, WRONG_TYPE, TOO_FEW_HOURS = 150, 60, 45


def rows():
    number = 1
    for count, kind, hours in (
        (COUNTED, "placement", 32),
        (WRONG_TYPE, "training", 32),
        (TOO_FEW_HOURS, "placement", 8),
    ):
        for _ in range(count):
            number += 1
            ref = '=HYPERLINK("http://x")' if number == 2 else f"K-{number:05d}"
            yield Contribution(
                number,
                ref,
                "SR1",
                kind,
                date(2026, 1, 5),
                "participatiewet",
                hours_per_week=Decimal(hours),
            )


@pytest.fixture
def big(runner, conn, auth, monkeypatch):
    assert runner.invoke(args=["load-contracts", str(HH014)]).exit_code == 0
    add_report(find("2026-HH-014"), "2026-Q1", rows=list(rows()))
    monkeypatch.setattr(checks, "today", lambda: date(2026, 8, 15))
    auth.login("bureau")


def shown_rows(page: str, section: str) -> int:
    part = page.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
    return part.count("<tr><td")


def test_each_table_shows_one_page_of_rows(client, big):
    page = client.get("/contracts/2026-HH-014/clauses/SR1").get_data(as_text=True)
    assert shown_rows(page, "counting") == views.PER_PAGE
    assert shown_rows(page, "excluded") == views.PER_PAGE
    assert "Pagina 1 van 2" in page


def test_the_last_page_shows_the_rest_and_keeps_the_other_tables_page(client, big):
    page = client.get(
        "/contracts/2026-HH-014/clauses/SR1", query_string={"counting_page": 2}
    ).get_data(as_text=True)
    assert shown_rows(page, "counting") == COUNTED - views.PER_PAGE
    assert shown_rows(page, "excluded") == views.PER_PAGE
    assert "excluded_page=2&amp;counting_page=2" in page or (
        "counting_page=2&amp;excluded_page=2" in page
    )


def test_the_counts_per_reason_stand_on_top(client, big):
    page = client.get("/contracts/2026-HH-014/clauses/SR1").get_data(as_text=True)
    top = page.split('id="counting"', 1)[0]
    assert 'Tellen mee</th><td class="num">150' in top
    assert 'Tellen niet mee: soort telt niet mee</th><td class="num">60' in top
    assert 'Tellen niet mee: te weinig uur per week</th><td class="num">45' in top


def test_the_download_has_every_row_with_user_text_as_text(client, big):
    response = client.get("/contracts/2026-HH-014/clauses/SR1/rows.xlsx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "2026-HH-014_SR1_regels-2026-08-15.xlsx" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    values = list(sheet.values)
    assert values[0] == ("Regel", "Kandidaat", "Telt mee", "Reden", "Toelichting")
    assert len(values) - 1 == COUNTED + WRONG_TYPE + TOO_FEW_HOURS
    assert values[1][:3] == (2, '=HYPERLINK("http://x")', "telt mee")
    assert sheet.cell(row=2, column=2).data_type == "s"
    reasons = [v[3] for v in values[1:] if v[2] == "telt niet mee"]
    assert reasons.count("soort telt niet mee") == WRONG_TYPE


def test_another_buyers_bureau_cannot_download_the_rows(app, big, users):
    from tests.conftest import AuthActions

    other = app.test_client()
    AuthActions(other).login("other_bureau")
    assert other.get("/contracts/2026-HH-014/clauses/SR1/rows.xlsx").status_code == 404
