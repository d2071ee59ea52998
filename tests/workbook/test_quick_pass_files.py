"""The quick pass over rows (report_rules._Quick) on real files: every corpus file and every
sample report validates as it does with every row through the full checks (check_row).

Each sample report is validated against its own contract and period (the manifest), so
its valid rows take the quick pass; the corpus files against the test contract. The
references the quick pass tells apart without the checks (ASCII, one to seven digits) are
compared with the checks too, next to those it must leave to them.
"""

import tomllib
from pathlib import Path

import pytest
from report_books import (
    CONTRACT,
    PERIOD,
    REFERENCE,
    full_checks,
    person,
    report,
    validation_outcome,
)

from srtracker.domain import report_rules
from srtracker.domain.contract_file import read_contract_file
from srtracker.domain.periods import parse_period
from srtracker.domain.report_rules import Limits
from srtracker.workbook.upload import validate_upload

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_contracts"
FILES = sorted([*(ROOT / "tests" / "corpus").glob("*.xlsx"), *SAMPLES.rglob("*.xlsx")])


def contract_and_period(path: Path):
    """The sample's own contract and period from the manifest; else the test contract's."""
    manifest = tomllib.loads((SAMPLES / "reports" / "manifest.toml").read_text())
    entry = next((r for r in manifest["report"] if r["file"] == path.name), None)
    if entry is None:
        return CONTRACT, PERIOD
    toml = next(SAMPLES.glob(f"{entry['contract']}_*.toml"))
    contract, errors = read_contract_file(toml.read_bytes(), REFERENCE, 30)
    assert not errors
    return contract, parse_period(contract.reporting, entry["period"])


def outcome(data: bytes, contract, period):
    return validation_outcome(
        validate_upload(data, contract, period, REFERENCE, None, False, Limits())
    )


def both_ways(data: bytes, contract=CONTRACT, period=PERIOD):
    quick = outcome(data, contract, period)
    with full_checks():
        full = outcome(data, contract, period)
    return quick, full


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_corpus_file_and_sample_report_validates_as_the_full_checks_do(path):
    quick, full = both_ways(path.read_bytes(), *contract_and_period(path))
    assert quick == full


def test_the_accepted_sample_reports_take_the_quick_pass():
    """So that the comparison above compares the quick pass, not the full checks twice."""
    taken = []
    row = report_rules._Quick.row

    def counted(self, *args):
        found = row(self, *args)
        taken.append(found not in (None, report_rules.BLANK))
        return found

    report_rules._Quick.row = counted
    try:
        for path in sorted((SAMPLES / "reports").glob("*.xlsx")):
            outcome(path.read_bytes(), *contract_and_period(path))
    finally:
        report_rules._Quick.row = row
    assert sum(taken) >= 50


REFERENCES = [
    "K-001",
    " K-002 ",
    "INK-12345",
    "A1",
    "K-1234567",  # seven digits: the quick pass's own
    "K-12345678",  # eight: to the checks
    "12-34-56-78",  # eight digits between hyphens: looks like a BSN
    "123.456.782",  # a BSN that passes the 11-proof
    "BSN 123456782",
    "１２３４５６７８２",  # full-width digits
    "Kandidaat één",  # not ASCII, no digit: a name
    "Jan Jansen",  # no digit: a name
    "Jan Jansen 2",
    "X" * 40 + "1",  # too long
    "K" * 39 + "1",
    "\tK-003\n",
    "   ",
    "1234567",
    4711.0,
    123456782,
]


@pytest.mark.parametrize("ref", REFERENCES)
def test_a_reference_gets_from_the_quick_pass_what_the_checks_give_it(ref):
    rows = [person(f"K-1{n}") for n in range(3)]
    rows[1][0] = ref
    quick, full = both_ways(report(*rows))
    assert quick == full
