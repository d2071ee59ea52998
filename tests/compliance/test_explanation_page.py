"""The page that explains one clause's figures row by row."""

from datetime import date

import pytest

from srtracker.services import checks
from srtracker.store.contracts import find
from tests.compliance.test_check import HH014, add_report


@pytest.fixture
def hh014(runner, conn, auth, monkeypatch):
    """The spec example with its Q1 report, seen by its bureau on 2026-08-15."""
    assert runner.invoke(args=["load-contracts", str(HH014)]).exit_code == 0
    add_report(find("2026-HH-014"), "2026-Q1")
    monkeypatch.setattr(checks, "today", lambda: date(2026, 8, 15))
    auth.login("bureau")


def test_the_page_shows_counted_and_excluded_rows_with_reasons(client, hh014):
    response = client.get("/contracts/2026-HH-014/clauses/SR1")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for counted in ("K-001", "K-002", "K-003"):
        assert counted in page
    assert "K-004" in page and "doelgroep telt niet mee voor deze verplichting" in page
    assert 'class="badge status-on_track"' in page
    assert "2026-Q1" in page and "31-03-2026" in page


def test_the_page_shows_target_expected_and_realised(client, hh014):
    page = client.get("/contracts/2026-hh-014/clauses/sr2").get_data(as_text=True)
    assert "4.000" in page and "488,34" in page and "120" in page
    assert 'class="badge status-behind"' in page


def test_an_unknown_contract_or_clause_is_not_found(client, hh014):
    assert client.get("/contracts/NOPE/clauses/SR1").status_code == 404
    assert client.get("/contracts/2026-HH-014/clauses/SR9").status_code == 404


def test_the_contract_list_links_each_clause_to_its_explanation(client, hh014):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/contracts/2026-HH-014/clauses/SR1"' in page
