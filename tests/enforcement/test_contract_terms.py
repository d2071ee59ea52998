"""The enforcement terms of a contract stored exactly, from a file and from the officer's forms."""

from decimal import Decimal

from srtracker.domain.contracts import Enforcement
from srtracker.models import Clause, Contract
from srtracker.store.contracts import to_domain
from tests.conftest import SPEC_EXAMPLE
from tests.contracts.test_officer_forms import NEW_CONTRACT, create, error_beside

TERMS = """
obligation = "effort"

[contract.enforcement]
basis = "shortfall_value"
rate = 0.125
remedial_days = 45
cap_eur = 100000.50
"""


def spec_with_terms(tmp_path, terms=TERMS, value="value_eur = 40000"):
    text = SPEC_EXAMPLE.read_text()
    text = text.replace("\n[[clause]]", terms + "\n[[clause]]", 1)
    text = text.replace('accepts = ["placement"]', f'accepts = ["placement"]\n{value}', 1)
    path = tmp_path / "c.toml"
    path.write_text(text)
    return path


def test_a_loaded_file_stores_the_terms_and_clause_values_exactly(runner, conn, tmp_path):
    result = runner.invoke(args=["load-contracts", str(spec_with_terms(tmp_path))])
    assert result.exit_code == 0, result.output
    contract = to_domain(Contract.get())
    assert contract.obligation == "effort"
    assert contract.enforcement == Enforcement(
        "shortfall_value", Decimal("0.125"), None, 45, Decimal("100000.50")
    )
    assert [c.value_eur for c in contract.clauses] == [Decimal(40000), None]


def test_loading_the_same_terms_again_changes_nothing(runner, conn, tmp_path):
    path = spec_with_terms(tmp_path)
    runner.invoke(args=["load-contracts", str(path)])
    assert "unchanged" in runner.invoke(args=["load-contracts", str(path)]).output


def test_a_file_without_the_block_removes_the_terms(runner, conn, tmp_path):
    runner.invoke(args=["load-contracts", str(spec_with_terms(tmp_path))])
    result = runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    assert "updated" in result.output
    contract = to_domain(Contract.get())
    assert (contract.obligation, contract.enforcement) == ("result", None)


def test_a_bad_rate_refuses_the_file_naming_the_key(runner, conn, tmp_path):
    path = spec_with_terms(
        tmp_path, terms='\n[contract.enforcement]\nbasis = "shortfall_value"\nrate = 2\n'
    )
    result = runner.invoke(args=["load-contracts", str(path)])
    assert result.exit_code == 1
    assert "contract.enforcement.rate" in result.output
    assert Contract.select().count() == 0


ENFORCED = {
    **NEW_CONTRACT,
    "obligation": "result",
    "enforcement_basis": "fixed_per_unit",
    "enforcement_per_unit_eur": "5.000,00",
    "enforcement_remedial_days": "30",
    "clause_value_eur": "60000",
}


def test_an_officer_sets_the_terms_and_a_clause_value_in_the_forms(client, auth, conn):
    auth.login("officer")
    response = create(client, **ENFORCED)
    assert response.status_code == 302
    contract = to_domain(Contract.get())
    assert contract.enforcement == Enforcement("fixed_per_unit", None, Decimal(5000), 30, None)
    assert Clause.get().value_cents == 6_000_000
    page = client.get(f"/contracts/{NEW_CONTRACT['reference']}/edit").get_data(as_text=True)
    assert 'value="5000"' in page


def test_a_rate_with_a_fixed_amount_is_shown_beside_the_rate(client, auth, conn):
    auth.login("officer")
    page = create(client, **ENFORCED, enforcement_rate="0,5").get_data(as_text=True)
    assert "basis = fixed_per_unit" in error_beside(page, "enforcement_rate")
    assert Contract.select().count() == 0


def test_a_missing_rate_is_shown_beside_the_rate(client, auth, conn):
    auth.login("officer")
    data = {**ENFORCED, "enforcement_basis": "shortfall_value"}
    page = create(client, **data).get_data(as_text=True)
    assert "ontbreekt" in error_beside(page, "enforcement_rate")
    assert "basis = shortfall_value" in error_beside(page, "enforcement_per_unit_eur")


def test_editing_the_contract_can_remove_the_terms(client, auth, conn):
    auth.login("officer")
    create(client, **ENFORCED)
    edit = {k: v for k, v in ENFORCED.items() if not k.startswith("clause_")}
    edit.pop("reference")
    edit["enforcement_basis"] = ""
    response = client.post(f"/contracts/{NEW_CONTRACT['reference']}/edit", data=edit)
    assert response.status_code == 302
    assert to_domain(Contract.get()).enforcement is None
