"""The contract-file extension: a pinned valuation table, targets in euros or as a
percentage, and composite clauses (docs/valuation.md)."""

from datetime import date
from decimal import Decimal

import pytest

from srtracker.domain.contract_file import as_file_clause, extension_keys, parse_contract
from srtracker.domain.reference import DEFAULT_REFERENCE


def contract(*clauses, **head):
    return {
        "contract": {
            "reference": "T-1",
            "title": "Test",
            "buyer": "Gemeente X",
            "supplier": "Y B.V.",
            "value_eur": 1200000,
            "start": date(2026, 1, 1),
            "end": date(2027, 12, 31),
            "reporting": "quarterly",
            "valuation_table": "oost-nederland",
            **head,
        },
        "clause": list(clauses),
    }


def clause(code="SR1", **keys):
    return {
        "code": code,
        "title": "Plaatsingen",
        "measure": "persons",
        "target": 2,
        "accepts": ["placement"],
        **keys,
    }


def euros(code="SR3", **keys):
    return {
        "code": code,
        "title": "Social return",
        "measure": "euros",
        "accepts": ["placement", "social_purchase"],
        **keys,
    }


def parse(data):
    return parse_contract(data, DEFAULT_REFERENCE, 30)


def errors(data) -> list[tuple[str, str]]:
    return [(e.key, e.render()) for e in parse(data)[1]]


def keys(data) -> list[str]:
    return [key for key, _ in errors(data)]


# -- the valuation table -----------------------------------------------------------------


def test_a_euros_clause_with_a_target_in_euros():
    found, problems = parse(contract(euros(target=120000)))
    assert problems == []
    assert (found.valuation_table, found.valuation_version) == ("oost-nederland", None)
    assert (found.clauses[0].target, found.clauses[0].target_percent) == (120000, None)


def test_a_version_may_be_named():
    found, _ = parse(contract(euros(target=1), valuation_table="utrecht", valuation_version=1))
    assert (found.valuation_table, found.valuation_version) == ("utrecht", 1)


def test_a_euros_clause_needs_a_valuation_table():
    data = contract(euros(target=120000))
    del data["contract"]["valuation_table"]
    assert errors(data) == [
        (
            "clause[1].measure",
            "clause[1].measure: een verplichting in euro wordt gewaardeerd met "
            "een waarderingstabel: zet valuation_table in [contract] (bekend: harlingen, hilversum, "
            "holland-rijnland, oost-nederland, rijnvicus, utrecht)",
        )
    ]


def test_an_unknown_table_or_version_is_an_error():
    assert errors(contract(clause(), valuation_table="rotterdam")) == [
        (
            "contract.valuation_table",
            "contract.valuation_table: onbekende waarderingstabel "
            "(bekend: harlingen, hilversum, holland-rijnland, oost-nederland, rijnvicus, "
            "utrecht)",
        )
    ]
    assert errors(contract(clause(), valuation_version=4)) == [
        (
            "contract.valuation_version",
            "contract.valuation_version: onbekende versie van oost-nederland (bekend: 5, 6)",
        )
    ]
    data = contract(clause(), valuation_version=5)
    del data["contract"]["valuation_table"]
    assert keys(data) == ["contract.valuation_version"]


# -- target_percent ----------------------------------------------------------------------


def test_a_percentage_of_the_contract_value_is_the_target_in_euros():
    found, _ = parse(contract(euros(target_percent=5)))
    assert (found.clauses[0].target, found.clauses[0].target_percent) == (60000, 5)


def test_a_percentage_target_is_rounded_half_up_to_cents():
    # 5% of 1984750.50 = 99237.525 -> 99237.53
    found, _ = parse(contract(euros(target_percent=5), value_eur=1984750.50))
    assert found.clauses[0].target == Decimal("99237.53")


def test_milestones_of_a_percentage_target_are_in_euros():
    milestone = [{"date": date(2026, 12, 31), "target": 30000}]
    assert errors(contract(euros(target_percent=5, milestone=milestone))) == []
    milestone[0]["target"] = 60000.01
    assert keys(contract(euros(target_percent=5, milestone=milestone))) == [
        "clause[1].milestone[1].target"
    ]


@pytest.mark.parametrize(
    "extra, key",
    [
        ({"target_percent": 5, "target": 60000}, "clause[1].target_percent"),
        ({"target_percent": 0}, "clause[1].target_percent"),
        ({"target_percent": 100.5}, "clause[1].target_percent"),
        ({"target_percent": 5.125}, "clause[1].target_percent"),
        ({"target_percent": "5%"}, "clause[1].target_percent"),
        ({}, "clause[1].target"),
    ],
)
def test_exactly_one_valid_euros_target(extra, key):
    assert keys(contract(euros(**extra))) == [key]


def test_target_percent_is_for_euros_only():
    assert errors(contract(clause(target_percent=5)))[0] == (
        "clause[1].target_percent",
        'clause[1].target_percent: alleen bij measure = "euros"; geef anders target',
    )


def test_a_percentage_of_nothing_is_refused():
    assert keys(contract(euros(target_percent=5), value_eur=0)) == ["clause[1].target_percent"]


# -- composite clauses ------------------------------------------------------------------------


def test_composites_take_their_period_and_target_from_their_branches():
    data = contract(
        clause("SR1", start=date(2026, 3, 1)),
        clause("SR2", deadline=date(2027, 6, 30)),
        euros("SR3", target_percent=5),
        {"code": "SR4", "title": "Beide", "all_of": ["sr1", " SR2 "]},
        {"code": "SR5", "title": "Of", "any_of": ["SR3", "SR4"]},
    )
    found, problems = parse(data)
    assert problems == []
    sr4, sr5 = found.clauses[3:]
    assert (sr4.measure, sr4.branches, sr4.target, sr4.start, sr4.deadline) == (
        "all_of",
        ("SR1", "SR2"),
        2,
        date(2026, 1, 1),
        date(2027, 12, 31),
    )
    assert (sr5.measure, sr5.branches, sr5.target, sr5.accepts) == ("any_of", ("SR3", "SR4"), 1, ())


@pytest.mark.parametrize(
    "composite, message",
    [
        ({"all_of": ["SR1", "SR9"]}, "onbekende verplichting 'SR9' (bekend: SR1, SR2, SR4)"),
        ({"all_of": ["SR1", "SR4"]}, "een verplichting kan geen onderdeel van zichzelf zijn"),
        ({"any_of": ["SR1", "sr1"]}, "noem elk onderdeel één keer"),
        (
            {"any_of": ["SR1"]},
            "moet een lijst van minstens twee codes van andere verplichtingen "
            'zijn, bijvoorbeeld ["SR1", "SR2"]',
        ),
        ({"any_of": "SR1, SR2"}, "moet een lijst van minstens twee codes"),
    ],
)
def test_composite_branches_must_be_other_clauses_named_once(composite, message):
    data = contract(clause("SR1"), clause("SR2"), {"code": "SR4", "title": "X", **composite})
    ((key, text),) = errors(data)
    assert key == f"clause[3].{next(iter(composite))}" and message in text


def test_composites_may_not_refer_to_each_other_in_a_cycle():
    data = contract(
        clause("SR1"),
        {"code": "A", "title": "A", "all_of": ["SR1", "B"]},
        {"code": "B", "title": "B", "any_of": ["SR1", "A"]},
    )
    assert errors(data) == [
        (
            "clause[2].all_of",
            "clause[2].all_of: de samengestelde verplichtingen verwijzen in een kring naar elkaar",
        )
    ]


def test_a_composite_has_no_keys_of_its_own_measure():
    data = contract(
        clause("SR1"),
        clause("SR2"),
        {
            "code": "SR4",
            "title": "X",
            "all_of": ["SR1", "SR2"],
            "target": 2,
            "any_of": ["SR1", "SR2"],
            "tagret": 1,
        },
    )
    assert keys(data) == ["clause[3].tagret", "clause[3].target", "clause[3].any_of"]


def test_the_existing_rules_still_apply_to_a_composites_code():
    data = contract(
        clause("SR1"), clause("SR2"), {"code": "sr1", "title": "X", "all_of": ["SR1", "SR2"]}
    )
    assert keys(data) == ["clause[3].code"]


def test_a_parsed_contract_round_trips_through_its_file_keys():
    data = contract(
        clause("SR1"),
        euros("SR2", target_percent=5),
        {"code": "SR4", "title": "Of", "any_of": ["SR1", "SR2"]},
        valuation_version=5,
    )
    found, _ = parse(data)
    base = {
        "code": "SR2",
        "title": "Social return",
        "measure": "euros",
        "target": 60000,
        "accepts": ["placement", "social_purchase"],
    }
    again = {
        "contract": {**data["contract"], **extension_keys(found)},
        "clause": [
            data["clause"][0],
            as_file_clause(found.clauses[1], base),
            as_file_clause(found.clauses[2], {"code": "SR4", "measure": "any_of"}),
        ],
    }
    assert parse(again)[0] == found
