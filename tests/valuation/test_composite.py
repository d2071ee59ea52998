"""Composite clauses: all of / any of other clauses, with what is left on each branch."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from srtracker.domain.check_json import clause_json
from srtracker.domain.compliance import check_contract
from srtracker.domain.composite import composite_status
from srtracker.domain.contracts import Clause, Contract
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import AcceptedReport
from srtracker.domain.explain import explain
from srtracker.domain.explain_messages_en import translate as english
from srtracker.domain.flag_rules import Flag, decide_flags
from srtracker.domain.periods import parse_period

START, DEADLINE = date(2026, 1, 1), date(2027, 12, 31)
# "10 placements and 4 training trajectories, or 5% of the contract value"
PLACEMENTS = Clause("SR1", "Plaatsingen", "persons", Decimal(10), ("placement",), START, DEADLINE)
TRAINING = Clause("SR2", "Opleidingen", "persons", Decimal(4), ("training",), START, DEADLINE)
PERCENT = Clause(
    "SR3",
    "5% van de opdrachtwaarde",
    "euros",
    Decimal(60000),
    ("placement", "social_purchase"),
    START,
    DEADLINE,
    target_percent=Decimal(5),
)
BOTH = Clause(
    "SR4",
    "Plaatsingen en opleidingen",
    "all_of",
    Decimal(2),
    (),
    START,
    DEADLINE,
    branches=("SR1", "SR2"),
)
EITHER = Clause(
    "SR5",
    "Plaatsingen en opleidingen, of 5%",
    "any_of",
    Decimal(1),
    (),
    START,
    DEADLINE,
    branches=("SR4", "SR3"),
)
CONTRACT = Contract(
    "2026-CO-001",
    "Test",
    "Gemeente X",
    "Y B.V.",
    Decimal(1200000),
    START,
    DEADLINE,
    "quarterly",
    30,
    (PLACEMENTS, TRAINING, PERCENT, BOTH, EITHER),
    "oost-nederland",
    5,
)
Q4 = AcceptedReport(1, parse_period("quarterly", "2026-Q4"))
AS_OF = date(2027, 2, 1)


def people(clause, kind, count, group="participatiewet"):
    return [
        Contribution(
            number, f"{clause}-{number}", clause, kind, date(2026, 1, 1), group, None, Decimal(36)
        )
        for number in range(2, count + 2)
    ]


def purchase(amount):
    return Contribution(
        99,
        "INK-1",
        "SR3",
        "social_purchase",
        date(2026, 3, 1),
        amount_eur=Decimal(amount),
        purchased_from="code_sociale_ondernemingen",
    )


def check(rows, as_of=AS_OF, contract=CONTRACT):
    return {r.code: r for r in check_contract(contract, [Q4], rows, (), as_of).clauses}


def test_all_of_is_met_when_every_branch_is_met_and_any_of_when_one_is():
    results = check(people("SR1", "placement", 10) + people("SR2", "training", 4))
    assert [results[c].status for c in ("SR1", "SR2", "SR3", "SR4", "SR5")] == [
        "met",
        "met",
        "behind",
        "met",
        "met",
    ]
    assert (results["SR4"].realised, results["SR4"].target) == (2, 2)


def test_an_all_of_with_one_branch_short_has_the_worst_status_and_says_what_is_left():
    # expected at E = 2026-12-31 for 10 persons: 10 * 364/729 = 4.99; 7 >= 4.99 (on track);
    # training: 4 * 364/729 = 2.00 expected, 1 realised (behind)
    results = check(people("SR1", "placement", 7) + people("SR2", "training", 1))
    both = results["SR4"]
    assert (both.status, both.realised) == ("behind", 0)
    assert clause_json(both)["branches"] == [
        {
            "clause": "SR1",
            "measure": "persons",
            "target": 10,
            "realised": 7,
            "expected": 4.99,
            "status": "on_track",
            "remaining": 3,
        },
        {
            "clause": "SR2",
            "measure": "persons",
            "target": 4,
            "realised": 1,
            "expected": 2.0,
            "status": "behind",
            "remaining": 3,
        },
    ]


def test_any_of_is_met_by_the_percentage_alone_with_what_is_left_elsewhere():
    # 60000 of purchases at 100% meets SR3; SR4 has nothing yet
    results = check([purchase(60000)])
    either = results["SR5"]
    assert (either.status, either.realised, either.target) == ("met", 1, 1)
    document = clause_json(either)
    assert (document["measure"], document["realised"], document["expected"]) == ("any_of", 1, None)
    assert [(b["clause"], b["status"], b["remaining"]) for b in document["branches"]] == [
        ("SR4", "behind", 2),
        ("SR3", "met", 0),
    ]
    assert clause_json(results["SR3"])["realised"] == 60000.0


def test_the_explanation_of_a_composite_lists_each_branch():
    explanation = explain(check([purchase(60000)])["SR5"])
    assert explanation.summary == (
        "één van de 2 onderdelen moet gehaald worden; gehaald: 1",
        "SR4 (achter): doel 2 onderdelen, gerealiseerd 0, nog te gaan 2",
        "SR3 (gehaald): doel 60000 euro, gerealiseerd 60000, nog te gaan 0",
        "gehaald: het doel is bereikt",
    )
    assert (
        explain(check([purchase(60000)])["SR5"], english).summary[2]
        == "SR3 (met): target 60000 euros, realised 60000, still to go 0"
    )


def test_branches_raise_no_flags_of_their_own_their_composite_does():
    results = check([purchase(60000)])
    checked = check_contract(CONTRACT, [Q4], [purchase(60000)], (), AS_OF)
    decision = decide_flags([checked], [Flag(CONTRACT.reference, "SR1", "behind", id=7)], (), AS_OF)
    assert results["SR1"].status == "behind"
    assert decision.opened == ()  # SR5 is met: nothing to follow up
    assert [r.flag.id for r in decision.resolved] == [7]
    nothing = check_contract(CONTRACT, [Q4], [], (), AS_OF)
    assert decide_flags([nothing], (), (), AS_OF).opened == (
        Flag(CONTRACT.reference, "SR5", "behind"),
    )


def test_without_a_report_a_composite_has_no_report_and_before_its_start_has_not_started():
    results = check_contract(CONTRACT, [], [], (), AS_OF).clauses
    assert {r.code: r.status for r in results}["SR5"] == "no_report"
    early = check_contract(CONTRACT, [], [], (), date(2025, 12, 1)).clauses
    assert {r.code: r.status for r in early}["SR5"] == "not_started"


@pytest.mark.parametrize(
    "measure, branches, status",
    [
        ("all_of", ["met", "failed"], "failed"),
        ("all_of", ["met", "not_started"], "on_track"),
        ("all_of", ["at_risk", "on_track"], "at_risk"),
        ("all_of", ["met", "not_evaluated"], "not_evaluated"),
        ("all_of", ["failed", "not_evaluated"], "failed"),
        ("any_of", ["failed", "failed"], "failed"),
        ("any_of", ["failed", "behind"], "behind"),
        ("any_of", ["at_risk", "not_started"], "on_track"),
        ("any_of", ["met", "not_evaluated"], "met"),
        ("any_of", ["behind", "not_evaluated"], "not_evaluated"),
    ],
)
def test_composite_status_from_branch_statuses(measure, branches, status):
    clause = replace(BOTH, measure=measure)
    assert composite_status(clause, AS_OF, branches) == status


def test_a_failed_branch_fails_an_all_of_but_not_an_any_of_with_a_live_branch():
    contract = replace(
        CONTRACT,
        clauses=(replace(PLACEMENTS, deadline=date(2026, 12, 31)), TRAINING, PERCENT, BOTH, EITHER),
    )
    results = check(people("SR2", "training", 4) + [purchase(30000)], contract=contract)
    # SR1's deadline passed with E at it and 0 of 10: failed; SR3 30000 >= 29958.85 expected
    assert [results[c].status for c in ("SR1", "SR3", "SR4", "SR5")] == [
        "failed",
        "on_track",
        "failed",
        "on_track",
    ]
