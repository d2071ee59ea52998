"""The officer records the turnover invoiced per period (issue 18); a target on the invoiced
basis follows it, checked by the contract-file rules and audited like any change."""

import pytest

from srtracker.models import AuditLog
from srtracker.store.contracts import find, to_domain

FRAMEWORK = """\
[contract]
reference = "2026-RO-500"
title = "Raamovereenkomst groenonderhoud"
buyer = "Gemeente Apeldoorn"
supplier = "Thuiszorg Oost B.V."
value_eur = 0
start = 2026-01-01
end = 2027-12-31
reporting = "quarterly"
valuation_table = "oost-nederland"

[[clause]]
code = "SR1"
title = "5% van de gefactureerde omzet"
measure = "euros"
target_percent = 5
target_basis = "invoiced"
accepts = ["placement"]
"""


@pytest.fixture
def framework(runner, tmp_path):
    path = tmp_path / "ro.toml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    result = runner.invoke(args=["load-contracts", str(path)])
    assert result.exit_code == 0, result.output


def stored(conn):
    return to_domain(find("2026-RO-500"))


def test_an_amount_recorded_for_a_period_moves_the_target(client, auth, framework, conn):
    auth.login("officer")
    page = client.get("/contracts/2026-RO-500/invoiced")
    assert page.status_code == 200 and "Nog geen bedragen vastgelegd." in page.text
    assert "nog niet te bepalen: wacht op het eerste gefactureerde bedrag" in page.text
    response = client.post(
        "/contracts/2026-RO-500/invoiced", data={"period": "2026-Q1", "amount_eur": "250.000,00"}
    )
    assert response.status_code == 302
    assert stored(conn).clauses[0].target == 12500  # 5% of 250,000
    client.post(
        "/contracts/2026-RO-500/invoiced", data={"period": "2026-Q2", "amount_eur": "150000"}
    )
    client.post(
        "/contracts/2026-RO-500/invoiced", data={"period": "2026-Q1", "amount_eur": "50000"}
    )
    contract = stored(conn)
    assert [(i.period, i.amount_eur) for i in contract.invoiced] == [
        ("2026-Q1", 50000),
        ("2026-Q2", 150000),
    ]
    assert contract.clauses[0].target == 10000
    assert AuditLog.select().where(AuditLog.action == "update").count() == 3


def test_a_bad_amount_is_refused_beside_its_field_and_nothing_is_stored(
    client, auth, framework, conn
):
    auth.login("officer")
    page = client.post(
        "/contracts/2026-RO-500/invoiced", data={"period": "2026-Q1", "amount_eur": "veel"}
    )
    assert page.status_code == 422 and "Vul een getal in" in page.text
    negative = client.post(
        "/contracts/2026-RO-500/invoiced", data={"period": "2026-Q1", "amount_eur": "-5"}
    )
    assert "mag niet negatief zijn" in negative.text
    assert stored(conn).invoiced == ()


def test_a_period_outside_the_contract_is_not_offered(client, auth, framework, conn):
    auth.login("officer")
    page = client.post(
        "/contracts/2026-RO-500/invoiced", data={"period": "2029-Q1", "amount_eur": "5"}
    )
    assert page.status_code == 422  # not among the choices: refused beside the field
    assert stored(conn).invoiced == ()


def test_a_supplier_may_not_record_invoiced_amounts(client, auth, framework, conn):
    auth.login("supplier")
    response = client.post(
        "/contracts/2026-RO-500/invoiced", data={"period": "2026-Q1", "amount_eur": "5"}
    )
    assert response.status_code in (403, 404)
    assert stored(conn).invoiced == ()


def test_the_contract_form_offers_the_pso_step_with_the_file_rules(client, auth, conn):
    from srtracker.models import Contract
    from tests.contracts.test_officer_forms import NEW_CONTRACT, error_beside

    auth.login("officer")
    page = client.post("/contracts/+new", data={**NEW_CONTRACT, "pso_step": "trede_2"})
    assert page.status_code == 422
    assert "noem ook valuation_table en valuation_version" in error_beside(page.text, "pso_step")
    assert Contract.select().count() == 0
    assert client.post("/contracts/+new", data={**NEW_CONTRACT, "pso_step": ""}).status_code == 302


def test_the_pso_steps_are_offered_by_their_labels(client, auth, conn):
    auth.login("officer")
    page = client.get("/contracts/+new").get_data(as_text=True)
    assert '<option value="trede_1">trede 1</option>' in page
    assert ">trede_1<" not in page
