"""Done when: 2026-WV-021's 5% clause is met by a mix of placements, a BBL place and purchases,
every euro explained, with the same figures from the check, the page and the export."""

import json
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from srtracker.domain.contract_file import read_contract_file
from srtracker.domain.figures import DUTCH, NOTATION, show_number
from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.models import Contract, User
from srtracker.services import checks
from srtracker.store.contracts import to_domain
from tests.conftest import SAMPLES

WV021 = SAMPLES / "2026-WV-021_onderhoud-wegen-en-verhardingen.toml"
REPORTS = SAMPLES / "reports"
AS_OF = "2026-11-26"

# Oost-Nederland V05 at E = 2026-09-30 (the 2026-Q3 report), by hand:
ROW_VALUES = {
    # Participatiewet > 2 jaar (30 months on benefit): 40000 * 36/36 * 9 months/12
    "WVB-0001": Decimal("30000"),
    # WW > 1 jaar (14 months): 15000 * 24/36 * 8/12 = 6666.666.. -> 6666.67
    "WVB-0002": Decimal("6666.67"),
    # BBL: 20000 * 32/36 * 8/12 = 320000/27 = 11851.851.. -> 11851.85
    "WVB-0004": Decimal("11851.85"),
    # Code Sociale Ondernemingen: 100% of 2500
    "INK-2026-01": Decimal("2500"),
    # Participatiewet < 2 jaar (10 months): 30000 * 32/36 * 5 months (April-August)/12
    "WVB-0003": Decimal("11111.11"),
    # Social Enterprise NL: 50% of 8000
    "INK-2026-02": Decimal("4000"),
    # Werkervaringsplek: 750 a month * 3 months (June-August)
    "WVB-0005": Decimal("2250"),
}
REALISED = sum(ROW_VALUES.values())  # 68379.63
EXPECTED = Decimal("22386.83")  # 60000 * 272/729 days (2026-01-01 .. 2026-09-30 .. 2027-12-31)


@pytest.fixture
def wv021(runner, conn):
    result = runner.invoke(args=["load-contracts", str(WV021)])
    assert result.exit_code == 0, result.output
    for period in ("2026-Q2", "2026-Q3"):
        result = runner.invoke(
            args=[
                "import-report",
                "2026-WV-021",
                period,
                str(REPORTS / f"2026-WV-021_{period}.xlsx"),
                "--json",
            ]
        )
        assert json.loads(result.output)["status"] == "accepted", result.output


def check(runner) -> dict:
    result = runner.invoke(args=["check", "--as-of", AS_OF, "--json"])
    assert result.exit_code == 0, result.output
    return {c["clause"]: c for c in json.loads(result.output)["clauses"]}


def test_the_table_version_is_pinned_at_load_and_the_contract_round_trips(runner, wv021):
    row = Contract.get(Contract.reference == "2026-WV-021")
    assert (row.valuation_table, row.valuation_version) == ("oost-nederland", 5)
    parsed, errors = read_contract_file(WV021.read_bytes(), DEFAULT_REFERENCE, 30)

    def shown(contract):
        return [
            (c.code, c.measure, c.target, c.target_percent, c.branches, c.start, c.deadline)
            for c in contract.clauses
        ]

    assert shown(to_domain(row)) == shown(parsed)
    # the sample names version 5, the one in force at its award (version 6 came later)
    assert to_domain(row).valuation_version == 5 and parsed.valuation_version == 5
    result = runner.invoke(args=["load-contracts", str(WV021)])
    assert "unchanged" in result.output, result.output


def test_a_named_version_is_stored_and_a_changed_file_keeps_its_pin(runner, conn, tmp_path):
    text = re.sub(r"\nvaluation_version = 5[^\n]*", "", WV021.read_text(encoding="utf-8"))
    path = tmp_path / "wv.toml"
    path.write_text(
        text.replace(
            'valuation_table = "oost-nederland"',
            'valuation_table = "utrecht"\nvaluation_version = 1',
        ),
        encoding="utf-8",
    )
    assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0
    assert Contract.get().valuation_version == 1
    # the file no longer names the version: the contract keeps version 1, not the newest
    path.write_text(
        text.replace('valuation_table = "oost-nederland"', 'valuation_table = "utrecht"').replace(
            "raamovereenkomst", "overeenkomst"
        ),
        encoding="utf-8",
    )
    assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0
    assert (Contract.get().valuation_table, Contract.get().valuation_version) == ("utrecht", 1)
    stored = to_domain(Contract.get())
    assert [c.branches for c in stored.clauses] == [(), (), (), ("SR2", "SR3"), ("SR1", "SR4")]


def test_the_check_values_the_5_percent_clause_and_the_composites(runner, wv021):
    assert REALISED == Decimal("68379.63")
    clauses = check(runner)
    assert clauses["SR1"] == {
        "contract": "2026-WV-021",
        "clause": "SR1",
        "measure": "euros",
        "target": 60000,
        "realised": 68379.63,
        "expected": float(EXPECTED),
        "status": "met",
        "report_period": "2026-Q3",
        "target_percent": 5,
        "excluded": {},
        "pending": 68379.63,
        "enforcement": None,  # enforcement.md: met, nothing to enforce
        "unrealised_value": 0.0,
    }
    assert {code: clauses[code]["status"] for code in ("SR2", "SR3", "SR4", "SR5")} == {
        "SR2": "behind",
        "SR3": "behind",
        "SR4": "behind",
        "SR5": "met",
    }
    assert clauses["SR5"]["branches"] == [
        {
            "clause": "SR1",
            "measure": "euros",
            "target": 60000,
            "realised": 68379.63,
            "expected": float(EXPECTED),
            "status": "met",
            "remaining": 0,
        },
        {
            "clause": "SR4",
            "measure": "all_of",
            "target": 2,
            "realised": 0,
            "expected": None,
            "status": "behind",
            "remaining": 2,
        },
    ]
    assert [(b["clause"], b["remaining"]) for b in clauses["SR4"]["branches"]] == [
        ("SR2", 3),
        ("SR3", 2),
    ]


def test_no_flag_for_branches_of_a_met_composite(runner, wv021):
    result = runner.invoke(args=["check", "--as-of", AS_OF, "--json"])
    document = json.loads(result.output)
    assert [f for f in document["open_flags"] if f["contract"] == "2026-WV-021"] == []


def test_the_page_explains_every_euro(client, users, auth, monkeypatch, wv021):
    monkeypatch.setattr(checks, "today", lambda: date(2026, 11, 26))
    auth.login("admin")
    page = client.get("/contracts/2026-WV-021/clauses/SR1").get_data(as_text=True)
    # Pages write figures the Dutch way (15.555,56); the check's JSON keeps plain numbers.
    assert "68.379,63" in page and "22.386,83" in page and "60.000" in page
    assert "doel (euro): 60.000, 5% van de contractwaarde" in page
    assert (
        "Participatiewet &gt; 2 jaar (€ 40.000 per jaar), 36 van 36 uur per week, "
        "9 maanden: € 30.000"
    ) in page
    assert (
        "WW &gt; 1 jaar (€ 15.000 per jaar), 24 van 36 uur per week, 8 maanden: € 6.666,67" in page
    )
    assert (
        "BBL-leerling (leerbaan) (€ 20.000 per jaar), 32 van 36 uur per week, 8 maanden: "
        "€ 11.851,85" in page
    )
    assert (
        "Inkoop bij sociale onderneming (lid Social Enterprise NL): 50% van € 8.000: € 4.000"
        in page
    )
    assert "Werkervaringsplek / proefplaatsing (€ 750 per maand), 3 maanden: € 2.250" in page
    token = NOTATION.set(DUTCH)
    try:
        for value in ROW_VALUES.values():
            assert f"€ {show_number(value)}" in page
    finally:
        NOTATION.reset(token)
    composite = client.get("/contracts/2026-WV-021/clauses/SR5").get_data(as_text=True)
    assert "één van de 2 onderdelen moet gehaald worden; gehaald: 1" in composite
    assert "SR4 (achter): doel 2 onderdelen, gerealiseerd 0, nog te gaan 2" in composite


def test_the_export_shows_the_same_figures(runner, tmp_path, wv021):
    clauses = check(runner)
    out = tmp_path / "overzicht.xlsx"
    result = runner.invoke(args=["export", "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Gemeente Ede"]
    lines = {row[3]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    for code in ("SR1", "SR2", "SR3"):
        assert (lines[code][6], lines[code][7], lines[code][9]) == (
            clauses[code]["target"],
            clauses[code]["realised"],
            clauses[code]["expected"],
        )
    assert lines["SR1"][7] == float(REALISED)
    assert (lines["SR5"][7], lines["SR5"][10]) == (1, "gehaald")


def test_the_contract_page_shows_every_clause(client, users, auth, wv021):
    auth.login("admin")
    response = client.get("/contracts/2026-WV-021")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert all(code in page for code in ("SR1", "SR2", "SR3", "SR4", "SR5"))


def test_the_english_page_explains_in_english_with_the_tables_english_labels(
    client, users, auth, monkeypatch, wv021
):
    User.update(language="en").where(User.role == "admin").execute()
    monkeypatch.setattr(checks, "today", lambda: date(2026, 11, 26))
    auth.login("admin")
    page = client.get("/contracts/2026-WV-021/clauses/SR1").get_data(as_text=True)
    assert (
        "Participation Act &gt; 2 years (€ 40,000 a year), 36 of 36 hours a week, 9 months: "
        "€ 30,000"
    ) in page
    assert (
        "valuation table: Building blocks SROI East Netherlands V05 (April 2023), version 5" in page
    )


def test_editing_the_contract_in_the_form_keeps_table_percentage_and_composites(
    client, users, auth, wv021
):
    auth.login("admin")
    response = client.post(
        "/contracts/2026-WV-021/edit",
        data={
            "title": "Onderhoud wegen, raamovereenkomst",
            "buyer": "Gemeente Ede",
            "supplier": "Wegenbouw Veluwezoom B.V.",
            "value_eur": "1000000",
            "start": "2026-01-01",
            "end": "2027-12-31",
            "reporting": "quarterly",
            "report_due_days": "30",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = to_domain(Contract.get(Contract.reference == "2026-WV-021"))
    assert (stored.valuation_table, stored.valuation_version) == ("oost-nederland", 5)
    sr1, *_, sr5 = stored.clauses
    assert (sr1.target_percent, sr1.target) == (5, 50000)  # 5% of the new value
    assert (sr5.measure, sr5.branches) == ("any_of", ("SR1", "SR4"))
