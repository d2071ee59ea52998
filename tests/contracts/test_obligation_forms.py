"""The obligations as municipalities write them (issue 18) typed in the officer's forms: a
percentage with a minimum and a maximum, of the contract value or of the invoiced turnover,
under a valuation table. The forms build a contract-file mapping and parse_contract checks it,
so each refusal is the contract file's, beside its field."""

from decimal import Decimal

from srtracker.models import Clause, Contract
from srtracker.store.contracts import find, to_domain
from tests.conftest import SAMPLES
from tests.contracts.test_officer_forms import NEW_CONTRACT, create, error_beside

EUROS = {
    **NEW_CONTRACT,
    "value_eur": "20.000.000,00",
    "valuation_table": "harlingen",
    "clause_title": "Social return: 2% van de opdrachtwaarde, hoogstens 300.000 euro",
    "clause_measure": "euros",
    "clause_target": "",
    "clause_target_percent": "2",
    "clause_target_max_eur": "300000",
    "clause_accepts": ["placement", "apprenticeship"],
    "clause_eligible_groups": [],
    "clause_min_hours_per_week": "",
    "clause_min_duration_months": "",
    "clause_milestones": "",
}


def stored():
    return to_domain(find(NEW_CONTRACT["reference"]))


def refused(page):
    assert page.status_code == 422
    assert Contract.select().where(Contract.reference == NEW_CONTRACT["reference"]).count() == 0
    return page.get_data(as_text=True)


def test_a_percentage_with_a_maximum_is_typed_in_the_form(client, auth, conn):
    """Súdwest-Fryslân: 2% of EUR 20,000,000 is EUR 400,000, capped at EUR 300,000."""
    auth.login("officer")
    assert client.post("/contracts/+new", data=EUROS).status_code == 302
    contract = stored()
    clause = contract.clauses[0]
    assert (contract.valuation_table, contract.valuation_version) == ("harlingen", 2)
    assert (clause.target_percent, clause.target_max, clause.target) == (2, 300000, 300000)
    assert clause.target_basis == "contract_value"


def test_a_minimum_above_the_maximum_is_refused_beside_the_maximum(client, auth, conn):
    auth.login("officer")
    page = refused(create(client, **{**EUROS, "clause_target_min_eur": "400000"}))
    assert error_beside(page, "clause_target_max_eur").endswith("is lager dan target_min_eur")


def test_a_target_and_a_percentage_together_are_refused(client, auth, conn):
    auth.login("officer")
    page = refused(create(client, **{**EUROS, "clause_target": "60000"}))
    assert "geef target of target_percent, niet allebei" in error_beside(
        page, "clause_target_percent"
    )


def test_bounds_without_a_percentage_are_refused_as_in_a_file(client, auth, conn):
    auth.login("officer")
    data = {**EUROS, "clause_target": "60000", "clause_target_percent": ""}
    page = refused(create(client, **data))
    assert "alleen naast target_percent" in error_beside(page, "clause_target_max_eur")


def test_a_euros_clause_needs_a_valuation_table(client, auth, conn):
    auth.login("officer")
    page = refused(create(client, **{**EUROS, "valuation_table": ""}))
    assert "zet valuation_table in [contract]" in error_beside(page, "clause_measure")


def test_an_unknown_table_version_is_refused_beside_the_version(client, auth, conn):
    auth.login("officer")
    page = refused(create(client, **{**EUROS, "valuation_version": "9"}))
    assert "onbekende versie van harlingen (bekend: 1, 2)" in error_beside(
        page, "valuation_version"
    )


def test_an_invoiced_basis_waits_for_the_amounts_recorded_per_period(client, auth, conn):
    auth.login("officer")
    data = {
        **EUROS,
        "clause_title": "5% van de gefactureerde omzet",
        "clause_target_percent": "5",
        "clause_target_max_eur": "",
        "clause_target_basis": "invoiced",
    }
    assert client.post("/contracts/+new", data=data).status_code == 302
    assert stored().clauses[0].awaiting_invoiced
    reference = NEW_CONTRACT["reference"]
    client.post(
        f"/contracts/{reference}/invoiced", data={"period": "2026-Q1", "amount_eur": "8000"}
    )
    clause = stored().clauses[0]
    assert (clause.target_basis, clause.target) == ("invoiced", 400)


def test_a_stored_percentage_clause_is_shown_and_changed_in_the_clause_form(
    client, auth, users, conn, runner
):
    path = SAMPLES / "2026-WV-021_onderhoud-wegen-en-verhardingen.toml"
    assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0
    percent = Clause.get(Clause.target_percent.is_null(False))
    url = f"/contracts/{percent.contract.reference}/clauses/{percent.code}/edit"
    auth.login("admin")
    page = client.get(url).get_data(as_text=True)
    assert 'name="clause_target_percent" type="text" value="5"' in page
    assert 'name="clause_target" type="text" value=""' in page
    form = {
        "clause_title": percent.title,
        "clause_measure": "euros",
        "clause_target_percent": "4",
        "clause_target_min_eur": "50000",
        "clause_accepts": ["placement", "apprenticeship", "work_experience", "social_purchase"],
    }
    assert client.post(url, data=form).status_code == 302
    changed = Clause.get_by_id(percent.id)
    assert changed.target_percent == 4
    assert Decimal(changed.target_min) == 50000
    # 4% of EUR 1,200,000 is EUR 48,000: raised to the minimum
    assert to_domain(percent.contract).clause(percent.code).target == 50000
