"""The contract file's enforcement keys (enforcement.md): read exactly, bad values refused by key."""

from decimal import Decimal

import pytest

from srtracker.domain.contract_file import (
    as_file_clause,
    extension_keys,
    parse_contract,
    read_contract_file,
)
from srtracker.domain.contracts import Enforcement
from srtracker.domain.reference import DEFAULT_REFERENCE

HEAD = """
[contract]
reference = "2026-HH-014"
title = "Hulp bij het huishouden"
buyer = "Gemeente Apeldoorn"
supplier = "Thuiszorg Oost B.V."
value_eur = 2400000
start = 2026-01-01
end = 2027-12-31
reporting = "quarterly"
"""
CLAUSES = """
[[clause]]
code = "SR1"
title = "Plaatsingen"
measure = "persons"
target = 10
accepts = ["placement"]
{clause_extra}

[[clause]]
code = "SR2"
title = "Uren"
measure = "hours"
target = 4000
accepts = ["training"]
"""


def read(contract_extra="", enforcement=None, clause_extra=""):
    text = HEAD + contract_extra + "\n"
    if enforcement is not None:
        text += "[contract.enforcement]\n" + enforcement + "\n"
    text += CLAUSES.format(clause_extra=clause_extra)
    return read_contract_file(text.encode(), DEFAULT_REFERENCE, 30)


def keys(errors):
    return [e.key for e in errors]


def test_without_enforcement_keys_the_obligation_is_a_result_and_nothing_is_enforced():
    contract, errors = read()
    assert errors == []
    assert (contract.obligation, contract.enforcement) == ("result", None)


def test_shortfall_value_reads_exactly_with_the_default_remedial_days():
    contract, errors = read('obligation = "effort"', 'basis = "shortfall_value"\nrate = 0.5')
    assert errors == []
    assert contract.obligation == "effort"
    assert contract.enforcement == Enforcement("shortfall_value", Decimal("0.5"), None, 60, None)


def test_fixed_per_unit_with_remedial_days_and_a_cap():
    contract, errors = read(
        enforcement='basis = "fixed_per_unit"\nper_unit_eur = 5000\nremedial_days = 30\n'
        "cap_eur = 100000"
    )
    assert errors == []
    assert contract.enforcement == Enforcement(
        "fixed_per_unit", None, Decimal(5000), 30, Decimal(100000)
    )


def test_a_clause_takes_its_own_value():
    contract, errors = read(clause_extra="value_eur = 40000")
    assert errors == []
    assert contract.clauses[0].value_eur == Decimal(40000)
    assert contract.clauses[1].value_eur is None


@pytest.mark.parametrize(
    ("contract_extra", "enforcement", "clause_extra", "key"),
    [
        ('obligation = "inspanning"', None, "", "contract.obligation"),
        ("", 'basis = "percentage"', "", "contract.enforcement.basis"),
        ("", "rate = 0.5", "", "contract.enforcement.basis"),
        ("", 'basis = "shortfall_value"', "", "contract.enforcement.rate"),
        ("", 'basis = "shortfall_value"\nrate = 0', "", "contract.enforcement.rate"),
        ("", 'basis = "shortfall_value"\nrate = 1.5', "", "contract.enforcement.rate"),
        ("", 'basis = "shortfall_value"\nrate = "50%"', "", "contract.enforcement.rate"),
        ("", 'basis = "fixed_per_unit"', "", "contract.enforcement.per_unit_eur"),
        ("", 'basis = "fixed_per_unit"\nper_unit_eur = 0', "", "contract.enforcement.per_unit_eur"),
        (
            "",
            'basis = "fixed_per_unit"\nper_unit_eur = 5000\nrate = 0.5',
            "",
            "contract.enforcement.rate",
        ),
        (
            "",
            'basis = "shortfall_value"\nrate = 0.5\nper_unit_eur = 5000',
            "",
            "contract.enforcement.per_unit_eur",
        ),
        (
            "",
            'basis = "shortfall_value"\nrate = 0.5\ncap_eur = -1',
            "",
            "contract.enforcement.cap_eur",
        ),
        (
            "",
            'basis = "shortfall_value"\nrate = 0.5\ncap_eur = 0',
            "",
            "contract.enforcement.cap_eur",
        ),
        (
            "",
            'basis = "shortfall_value"\nrate = 0.5\nremedial_days = 0',
            "",
            "contract.enforcement.remedial_days",
        ),
        (
            "",
            'basis = "shortfall_value"\nrate = 0.5\nremedial_days = 366',
            "",
            "contract.enforcement.remedial_days",
        ),
        (
            "",
            'basis = "shortfall_value"\nrate = 0.5\nremedial_days = 30.5',
            "",
            "contract.enforcement.remedial_days",
        ),
        ("", 'basis = "shortfall_value"\nrate = 0.5\nrat = 1', "", "contract.enforcement.rat"),
        ("", None, "value_eur = -1", "clause[1].value_eur"),
        ("", None, 'value_eur = "40000"', "clause[1].value_eur"),
        ("", None, "value_eur = 1.234", "clause[1].value_eur"),
    ],
)
def test_a_bad_enforcement_value_refuses_the_file_naming_the_key(
    contract_extra, enforcement, clause_extra, key
):
    contract, errors = read(contract_extra, enforcement, clause_extra)
    assert contract is None
    assert key in keys(errors)


def test_enforcement_must_be_a_table():
    contract, errors = read('enforcement = "shortfall_value"')
    assert contract is None
    assert keys(errors) == ["contract.enforcement"]


def test_a_euros_clause_takes_no_value_of_its_own():
    data = {
        "contract": {
            "reference": "X-1",
            "title": "t",
            "buyer": "b",
            "supplier": "s",
            "value_eur": 100000,
            "start": __import__("datetime").date(2026, 1, 1),
            "end": __import__("datetime").date(2026, 12, 31),
            "reporting": "quarterly",
            "valuation_table": "utrecht",
        },
        "clause": [
            {
                "code": "SR1",
                "title": "Inkoop",
                "measure": "euros",
                "target": 1000,
                "accepts": ["social_purchase"],
                "value_eur": 500,
            }
        ],
    }
    contract, errors = parse_contract(data, DEFAULT_REFERENCE, 30)
    assert contract is None
    assert "clause[1].value_eur" in keys(errors)


def test_the_enforcement_keys_read_back_as_a_file_gives_them():
    contract, _ = read(
        'obligation = "effort"',
        'basis = "shortfall_value"\nrate = 0.125\ncap_eur = 100000',
        "value_eur = 40000",
    )
    assert extension_keys(contract) == {
        "obligation": "effort",
        "enforcement": {
            "basis": "shortfall_value",
            "rate": 0.125,
            "remedial_days": 60,
            "cap_eur": 100000,
        },
    }
    assert as_file_clause(contract.clauses[0], {"code": "SR1"}) == {
        "code": "SR1",
        "value_eur": 40000,
    }
