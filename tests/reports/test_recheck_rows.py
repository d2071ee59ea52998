"""The re-check after an import takes the rows the import stored instead of reading them
back (issue 19): they must be the very rows, and give the very check, that reading gives."""

import json
from datetime import date

import pytest
from report_books import person, report, xlsx

from srtracker.models import Contract, Report
from srtracker.services import reports as service
from srtracker.store.checks import ACTIVE, Loaded
from srtracker.store.reports import rows_of
from tests.valuation.test_new_columns_end_to_end import CONTRACT, HEADER

SPEC_ROWS = report(
    person("K-002", clause="sr2 ", kind="training", group="ww", hours=12.5),
    person("K-001", end=date(2026, 3, 1), note="halve week"),
    person("K-003", clause="SR2", kind="internship", group="nug", hours=20.25),
    person("K-004", clause="SR2", kind="apprenticeship", group="wajong", hours=7.75),
)
VALUED_ROWS = xlsx(
    {
        "Voortgang": [
            HEADER,
            ["K-1", "SR1", "placement", "participatiewet", date(2026, 1, 1), None, 36]
            + [None, None, "ja", None, None],
            ["K-2", "SR1", "internship", "nug", date(2026, 1, 1), None, 18]
            + [None, None, "nee", "mbo niveau 3", None],
            ["OPL-1", "SR1", "training", "nug", date(2026, 2, 1), None, 8]
            + [None, None, None, None, 30.5],
        ]
    }
)


@pytest.fixture
def handed(monkeypatch):
    """The rows each import hands its re-check, by report id."""
    seen = {}
    original = service.recheck

    def recheck(contract_id, actor, cause, rows=None):
        seen.update(rows or {})
        return original(contract_id, actor, cause, rows)

    monkeypatch.setattr(service, "recheck", recheck)
    return seen


def imported(runner, tmp_path, reference, period, data):
    path = tmp_path / "voortgang.xlsx"
    path.write_bytes(data)
    result = runner.invoke(args=["import-report", reference, period, str(path), "--json"])
    assert json.loads(result.output)["status"] == "accepted", result.output
    return Report.get(Report.contract == Contract.get(Contract.reference == reference))


def same_rows_and_check(report_id, handed, as_of):
    report = Report.get_by_id(report_id)
    read_back = rows_of(report)
    assert len(read_back) == report.rows > 0
    # repr: equal Decimals may differ in their digits (20.25 vs 20.250), equal ints and bools
    assert [repr(row) for row in handed[report_id]] == [repr(row) for row in read_back]
    where = (Contract.id == report.contract_id) & ACTIVE
    given = Loaded(where, as_of, {report_id: handed[report_id]})
    read = Loaded(where, as_of)
    assert given.rows == read.rows
    ratio = 0.9
    assert given.check(report.contract_id, as_of, ratio) == read.check(
        report.contract_id, as_of, ratio
    )


def test_rows_handed_to_the_recheck_are_those_read_back(
    runner, spec_contract, tmp_path, handed, conn
):
    report = imported(runner, tmp_path, "2026-HH-014", "2026-Q1", SPEC_ROWS)
    same_rows_and_check(report.id, handed, date(2026, 4, 15))


def test_valuation_columns_handed_to_the_recheck_are_those_read_back(
    runner, tmp_path, handed, conn
):
    contract = tmp_path / "ut.toml"
    contract.write_text(CONTRACT, encoding="utf-8")
    assert runner.invoke(args=["load-contracts", str(contract)]).exit_code == 0
    report = imported(runner, tmp_path, "2026-UT-018", "2026-Q2", VALUED_ROWS)
    same_rows_and_check(report.id, handed, date(2026, 6, 30))
