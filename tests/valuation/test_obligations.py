"""Obligations as municipalities write them (issue 18): a percentage with a minimum and a
maximum, a percentage of the turnover invoiced per period, and the PSO discount by step."""

from datetime import date
from decimal import Decimal

import pytest

from srtracker.domain.contract_file import extension_keys, parse_contract
from srtracker.domain.explain import summary
from srtracker.domain.obligations import Invoiced, euros_target
from srtracker.domain.reference import DEFAULT_REFERENCE
from srtracker.domain.valuation_tables import read_tables


def contract(*clauses, **head):
    return {
        "contract": {
            "reference": "SWF-1",
            "title": "Onderhoud kades",
            "buyer": "Gemeente Súdwest-Fryslân",
            "supplier": "Y B.V.",
            "value_eur": 20000000,
            "start": date(2026, 1, 1),
            "end": date(2027, 12, 31),
            "reporting": "quarterly",
            "valuation_table": "harlingen",
            **head,
        },
        "clause": list(clauses),
    }


def euros(**keys):
    return {
        "code": "SR1",
        "title": "Social return",
        "measure": "euros",
        "accepts": ["placement"],
        "target_percent": 2,
        **keys,
    }


def parse(data, tables=None):
    return parse_contract(data, DEFAULT_REFERENCE, 30, tables)


def messages(data, tables=None) -> list[str]:
    return [e.render() for e in parse(data, tables)[1]]


def test_sudwest_fryslan_at_least_two_percent_at_most_300000():
    """2% of EUR 20,000,000 is EUR 400,000; the contract caps it at EUR 300,000."""
    found, errors = parse(contract(euros(target_max_eur=300000)))
    assert errors == []
    assert found.clauses[0].target == 300000 and found.clauses[0].target_max == 300000
    small = contract(euros(target_max_eur=300000), value_eur=1000000)
    assert parse(small)[0].clauses[0].target == 20000  # 2% of 1,000,000: below the cap


def test_a_minimum_raises_a_small_percentage():
    found, _ = parse(contract(euros(target_min_eur=25000), value_eur=1000000))
    assert found.clauses[0].target == 25000


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"target_max_eur": -1}, "clause[1].target_max_eur: moet groter dan 0 zijn"),
        (
            {"target_min_eur": 5000, "target_max_eur": 4000},
            "clause[1].target_max_eur: is lager dan target_min_eur",
        ),
        ({"target_basis": "omzet"}, "clause[1].target_basis: kies uit contract_value, invoiced"),
        ({"target_max_eur": "300000"}, "clause[1].target_max_eur: moet een getal zijn"),
    ],
)
def test_bad_bounds_are_named_by_key(keys, message):
    assert any(m.startswith(message) for m in messages(contract(euros(**keys)))), messages(
        contract(euros(**keys))
    )


def test_bounds_need_a_percentage():
    clause = euros(target_max_eur=300000)
    del clause["target_percent"]
    clause["target"] = 1000
    assert "clause[1].target_max_eur: alleen naast target_percent" in messages(contract(clause))


def test_a_framework_contract_owes_a_percentage_of_what_was_invoiced():
    invoiced = [
        {"period": "2026-Q1", "amount_eur": 180000},
        {"period": "2026-Q2", "amount_eur": 220000.5},
    ]
    data = contract(euros(target_percent=5, target_basis="invoiced"), invoiced=invoiced)
    found, errors = parse(data)
    assert errors == []
    assert found.invoiced == (
        Invoiced("2026-Q1", Decimal(180000)),
        Invoiced("2026-Q2", Decimal("220000.5")),
    )
    assert found.clauses[0].target == Decimal("20000.03")  # 5% of 400,000.50, half up
    assert extension_keys(found)["invoiced"] == invoiced


def test_nothing_invoiced_yet_owes_nothing_yet():
    found, errors = parse(contract(euros(target_percent=5, target_basis="invoiced")))
    assert errors == [] and found.clauses[0].target == 0


def checked(data, as_of=date(2026, 8, 15)):
    from srtracker.domain.compliance import check_contract

    found, errors = parse(data)
    assert errors == []
    return check_contract(found, (), (), (), as_of).clauses[0]


def test_nothing_invoiced_yet_is_not_judged_rather_than_met():
    """A target of 0 because nothing was invoiced yet is not a target met: the clause waits."""
    result = checked(contract(euros(target_percent=5, target_basis="invoiced")))
    assert result.status == "not_evaluated"
    assert summary(result)[-1] == (
        "niet beoordeeld: nog geen gefactureerde omzet vastgelegd; het doel volgt de bedragen "
        "die de inkoper per periode vastlegt"
    )


def test_once_an_amount_is_invoiced_the_clause_is_judged():
    invoiced = [{"period": "2026-Q1", "amount_eur": 100000}]
    data = contract(euros(target_percent=5, target_basis="invoiced"), invoiced=invoiced)
    result = checked(data)
    assert result.status == "no_report"
    assert summary(result)[0] == "doel (euro): 5000, 5% van de tot nu toe gefactureerde omzet"


def test_a_minimum_is_owed_before_anything_is_invoiced():
    data = contract(euros(target_percent=5, target_basis="invoiced", target_min_eur=25000))
    result = checked(data)
    assert result.clause.target == 25000 and result.status == "no_report"
    assert summary(result)[:2] == (
        "doel (euro): 25000, 5% van de tot nu toe gefactureerde omzet",
        "ten minste 25000 euro",
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"period": "2026-03", "amount_eur": 1},
            "contract.invoiced[1].period: is geen periode van dit contract (per kwartaal), "
            "bijvoorbeeld 2026-Q1",
        ),
        (
            {"period": "2029-Q1", "amount_eur": 1},
            "contract.invoiced[1].period: valt buiten de looptijd van het contract "
            "(2026-01-01 tot en met 2027-12-31)",
        ),
        (
            {"period": "2026-Q1", "amount_eur": -5},
            "contract.invoiced[1].amount_eur: mag niet negatief zijn",
        ),
        (
            {"period": "2026-Q1"},
            "contract.invoiced[1].amount_eur: ontbreekt; deze sleutel is verplicht",
        ),
        (
            {"period": "2026-Q1", "amount_eur": 1, "btw": 0},
            "contract.invoiced[1].btw: onbekende sleutel; controleer de spelling "
            "(toegestaan: amount_eur, period)",
        ),
    ],
)
def test_a_bad_invoiced_amount_is_named_by_key(entry, message):
    assert message in messages(contract(euros(), invoiced=[entry]))


def test_one_amount_per_period():
    twice = [{"period": "2026-Q1", "amount_eur": 1}, {"period": "2026-Q1", "amount_eur": 2}]
    assert (
        "contract.invoiced[2].period: periode 2026-Q1 staat er al; geef per periode één bedrag"
        in messages(contract(euros(), invoiced=twice))
    )


def test_milestones_do_not_fit_an_invoiced_target():
    clause = euros(target_basis="invoiced", milestone=[{"date": date(2026, 6, 30), "target": 1}])
    assert any(
        m.startswith("clause[1].milestone: een doel over de gefactureerde omzet")
        for m in messages(contract(clause))
    )


PSO_TABLE = """\
[table]
id = "pso-regio"
version = 1
name = "PSO-regio"
name_en = "PSO region"
source = "https://example.org"
fulltime_hours = 36

[[block]]
code = "pw"
label = "Participatiewet"
label_en = "Participation Act"
types = ["placement"]
per_year = 30000

[[pso_discount]]
step = "trede_2"
percent = 25
"""


def pso_tables():
    return read_tables([("pso-regio-v1.toml", PSO_TABLE.encode())])


def test_the_pso_step_discounts_the_target_where_the_table_says_so():
    data = contract(
        euros(target_percent=5, target_max_eur=300000),
        valuation_table="pso-regio",
        valuation_version=1,
        pso_step="trede_2",
    )
    found, errors = parse(data, pso_tables())
    assert errors == []
    assert found.pso_step == "trede_2"
    assert found.clauses[0].target == 225000  # 5% is 1,000,000; capped at 300,000; less 25%


def test_a_pso_step_the_table_does_not_discount_is_refused():
    data = contract(euros(), valuation_version=2, pso_step="trede_1")
    assert messages(data) == [
        "contract.pso_step: waarderingstabel harlingen versie 2 geeft geen PSO-korting voor "
        "trede 1 (wel voor: -)"
    ]


def test_a_pso_step_needs_the_pinned_version_and_a_known_step():
    assert messages(contract(euros(), pso_step="trede_1"))[0].startswith(
        "contract.pso_step: noem ook valuation_table en valuation_version"
    )
    assert messages(contract(euros(), valuation_version=2, pso_step="trede 4")) == [
        "contract.pso_step: kies uit aspirant, basistrede, trede_1, trede_2, trede_3"
    ]


def test_the_order_is_percentage_then_bounds_then_discount():
    assert euros_target(Decimal(5), Decimal(10000000), None, Decimal(300000), Decimal(10)) == 270000
    assert euros_target(Decimal(2), Decimal(100000), Decimal(5000), None, None) == 5000


SWF_FILE = """\
[contract]
reference = "2026-SWF-007"
title = "Raamovereenkomst onderhoud kades"
buyer = "Gemeente Súdwest-Fryslân"
supplier = "Kadebouw Fryslân B.V."
value_eur = 20000000
start = 2026-01-01
end = 2027-12-31
reporting = "quarterly"
valuation_table = "harlingen"
valuation_version = 2

[[contract.invoiced]]
period = "2026-Q1"
amount_eur = 1250000

[[clause]]
code = "SR1"
title = "Social return: 2% van de opdrachtwaarde, hoogstens 300.000 euro"
measure = "euros"
target_percent = 2
target_max_eur = 300000
accepts = ["placement", "apprenticeship"]

[[clause]]
code = "SR2"
title = "Social return: 5% van de gefactureerde omzet"
measure = "euros"
target_percent = 5
target_basis = "invoiced"
accepts = ["placement"]
"""


def test_the_obligations_are_stored_and_a_second_load_changes_nothing(runner, conn, tmp_path):
    from srtracker.store.contracts import find, to_domain

    path = tmp_path / "swf.toml"
    path.write_text(SWF_FILE, encoding="utf-8")
    assert "created" in runner.invoke(args=["load-contracts", str(path)]).output
    stored = to_domain(find("2026-SWF-007"))
    assert [(c.target, c.target_max, c.target_basis) for c in stored.clauses] == [
        (300000, 300000, "contract_value"),
        (62500, None, "invoiced"),
    ]
    assert stored.invoiced == (Invoiced("2026-Q1", Decimal(1250000)),)
    assert "unchanged" in runner.invoke(args=["load-contracts", str(path)]).output
    more = SWF_FILE.replace(
        "amount_eur = 1250000\n",
        'amount_eur = 1250000\n\n[[contract.invoiced]]\nperiod = "2026-Q2"\namount_eur = 750000\n',
    )
    path.write_text(more, encoding="utf-8")
    assert "updated" in runner.invoke(args=["load-contracts", str(path)]).output
    assert to_domain(find("2026-SWF-007")).clauses[1].target == 100000  # 5% of 2,000,000
