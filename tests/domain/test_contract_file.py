from datetime import date
from decimal import Decimal

import pytest

from srtracker.domain.contract_file import conflicts_with_stored, parse_contract, read_contract_file
from srtracker.domain.reference import DEFAULT_REFERENCE
from tests.conftest import SAMPLES

GOOD = sorted(SAMPLES.glob("*.toml"))

# Each bad sample file and the key its first error must name.
BAD = {
    "bad_clause_code_characters": "clause[2].code",
    "bad_reference_characters": "contract.reference",
    "clause_start_before_contract_start": "clause[1].start",
    "clause_start_equals_deadline": "clause[1].deadline",
    "date_as_string": "contract.start",
    "deadline_after_contract_end": "clause[1].deadline",
    "duplicate_clause_code": "clause[2].code",
    "duplicate_clause_code_spaces": "clause[2].code",
    "empty_accepts": "clause[2].accepts",
    "end_before_start": "contract.end",
    "end_equals_start": "contract.end",
    "invalid_toml": "",
    "milestone_above_target": "clause[1].milestone[1].target",
    "milestone_before_clause_start": "clause[1].milestone[1].date",
    "milestone_date_as_string": "clause[1].milestone[1].date",
    "milestone_negative_target": "clause[1].milestone[1].target",
    "milestone_on_clause_start": "clause[1].milestone[1].date",
    "milestone_on_deadline": "clause[1].milestone[1].date",
    "milestone_targets_decreasing": "clause[1].milestone[2].target",
    "milestones_not_increasing": "clause[1].milestone[2].date",
    "milestones_same_date": "clause[1].milestone[2].date",
    "min_duration_fraction": "clause[1].min_duration_months",
    "min_duration_zero": "clause[1].min_duration_months",
    "min_hours_too_high": "clause[1].min_hours_per_week",
    "min_hours_zero": "clause[1].min_hours_per_week",
    "missing_clause_key": "clause[2].accepts",
    "missing_contract_key": "contract.supplier",
    "negative_value": "contract.value_eur",
    "no_clause": "clause",
    "reference_too_long": "contract.reference",
    "reporting_weekly": "contract.reporting",
    "target_as_string": "clause[2].target",
    "target_zero": "clause[2].target",
    "unknown_contract_key": "contract.reporting_frequency",
    "unknown_contribution_type": "clause[2].accepts",
    "unknown_key": "clause[2].tagret",
    "unknown_measure": "clause[2].measure",
    "unknown_target_group": "clause[1].eligible_groups",
}


def read(path):
    return read_contract_file(path.read_bytes(), DEFAULT_REFERENCE, 30)


def minimal(**contract_overrides):
    return {
        "contract": {
            "reference": "T-1",
            "title": "Test",
            "buyer": "Gemeente X",
            "supplier": "Y B.V.",
            "value_eur": 1000,
            "start": date(2026, 1, 1),
            "end": date(2026, 12, 31),
            "reporting": "quarterly",
            **contract_overrides,
        },
        "clause": [
            {
                "code": "SR1",
                "title": "Plaatsingen",
                "measure": "persons",
                "target": 2,
                "accepts": ["placement"],
            }
        ],
    }


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_every_sample_contract_is_valid(path):
    contract, errors = read(path)
    assert [e.render() for e in errors] == []
    assert contract.clauses


def test_every_bad_sample_is_listed_here():
    assert {p.stem for p in (SAMPLES / "bad").glob("*.toml")} == set(BAD)


@pytest.mark.parametrize("name,key", sorted(BAD.items()))
def test_bad_sample_is_rejected_naming_its_key(name, key):
    contract, errors = read(SAMPLES / "bad" / f"{name}.toml")
    assert contract is None
    assert errors[0].key == key
    assert errors[0].render()


def test_spec_example_reads_into_exact_figures():
    contract, _ = read(SAMPLES / "2026-HH-014_huishoudelijke-hulp.toml")
    sr1 = contract.clause("sr1")
    assert contract.value_eur == Decimal("2400000")
    assert sr1.target == 10 and sr1.milestones[0].target == 4
    assert sr1.eligible_groups == ("participatiewet", "wajong")
    assert contract.clause("SR2").start == date(2026, 1, 1)


def test_clause_dates_default_to_the_contract_dates():
    contract, _ = parse_contract(minimal(), DEFAULT_REFERENCE, 30)
    assert (contract.clauses[0].start, contract.clauses[0].deadline) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
    )


def test_report_due_days_defaults_to_the_configured_value():
    contract, _ = parse_contract(minimal(), DEFAULT_REFERENCE, 45)
    assert contract.report_due_days == 45


def test_codes_and_labels_are_trimmed_and_case_insensitive():
    data = minimal(reference="  T-1 ")
    data["clause"][0]["accepts"] = [" Placement "]
    contract, errors = parse_contract(data, DEFAULT_REFERENCE, 30)
    assert errors == []
    assert contract.reference == "T-1" and contract.clauses[0].accepts == ("placement",)


def test_a_fractional_person_target_is_refused():
    data = minimal()
    data["clause"][0]["target"] = 2.5
    _, errors = parse_contract(data, DEFAULT_REFERENCE, 30)
    assert [e.key for e in errors] == ["clause[1].target"]


def test_every_error_is_reported_not_just_the_first():
    data = minimal(reporting="weekly", value_eur=-1)
    _, errors = parse_contract(data, DEFAULT_REFERENCE, 30)
    assert {e.key for e in errors} == {"contract.reporting", "contract.value_eur"}


def test_reporting_cannot_change_after_an_accepted_report():
    contract, _ = parse_contract(minimal(reporting="monthly"), DEFAULT_REFERENCE, 30)
    errors = conflicts_with_stored(contract, True, "quarterly", set())
    assert [e.key for e in errors] == ["contract.reporting"]


def test_a_clause_with_reported_rows_cannot_be_removed():
    contract, _ = parse_contract(minimal(), DEFAULT_REFERENCE, 30)
    errors = conflicts_with_stored(contract, True, "quarterly", {"SR1", "SR9"})
    assert len(errors) == 1 and "SR9" in errors[0].render()


def test_counting_is_optional_and_overrides_the_buyer_policy():
    contract, _ = parse_contract(minimal(counting="on_approval"), DEFAULT_REFERENCE, 30)
    assert contract.counting == "on_approval"
    assert parse_contract(minimal(), DEFAULT_REFERENCE, 30)[0].counting is None


def test_an_unknown_counting_policy_is_refused_by_key():
    contract, errors = parse_contract(minimal(counting="on_sight"), DEFAULT_REFERENCE, 30)
    assert contract is None and [e.key for e in errors] == ["contract.counting"]
