"""The compliance check against the database: `srtracker check`, stored flags, statuses, audit."""

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from srtracker.compliance.models import FlagSuppression
from srtracker.db import insert_rows
from srtracker.models import (
    AuditLog,
    CheckRun,
    Clause,
    ClauseStatus,
    Contract,
    Contribution,
    Flag,
    Report,
)
from srtracker.services.flags import close_by_hand as close_flag_by_hand
from srtracker.store.contracts import find
from srtracker.store.flags import resolve_overdue_up_to as resolve_overdue_after_import
from tests.conftest import SPEC_EXAMPLE
from tests.domain.test_compliance_example import EXPECTED_JSON, Q1_ROWS

HH014 = SPEC_EXAMPLE
PERIOD_ENDS = {"2026-Q1": date(2026, 3, 31), "2026-Q2": date(2026, 6, 30)}


def add_report(contract: Contract, period: str, rows=Q1_ROWS) -> Report:
    """An accepted upload with these rows, stored the way the importer stores them."""
    report = Report.create(
        contract=contract,
        period=period,
        period_end=PERIOD_ENDS[period],
        status="accepted",
        sha256="0" * 64,
        rows=len(rows),
    )
    clauses = {c.code: c.id for c in Clause.select().where(Clause.contract == contract)}
    Contribution.insert_many(
        [
            {
                "report": report.id,
                "clause": clauses[r.clause],
                "row": r.row,
                "candidate_ref": r.candidate_ref,
                "candidate_key": r.candidate_key,
                "type": r.type,
                "target_group": r.target_group,
                "start_date": r.start_date,
                "end_date": r.end_date,
                "hours_per_week": r.hours_per_week,
            }
            for r in rows
        ]
    ).execute()
    return report


@pytest.fixture
def hh014(runner, conn):
    """The contract of contract-file.md with its accepted 2026-Q1 report."""
    assert runner.invoke(args=["load-contracts", str(HH014)]).exit_code == 0
    contract = find("2026-HH-014")
    add_report(contract, "2026-Q1")
    return contract


def check(runner, as_of="2026-08-15") -> dict:
    result = runner.invoke(args=["check", "--as-of", as_of, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def open_flags() -> set:
    return {
        (f.clause.code if f.clause else None, f.kind, f.period)
        for f in Flag.select().where(Flag.state.in_(("open", "acknowledged")))
    }


def spec_keys(document: dict) -> dict:
    """The keys of cli.md's example; each clause "may carry more keys" (cli.md)."""
    expected = json.loads(EXPECTED_JSON)
    keys = expected["clauses"][0].keys()
    return {**document, "clauses": [{k: c[k] for k in keys} for c in document["clauses"]]}


def test_check_json_prints_exactly_the_example_of_cli_md(runner, hh014):
    result = runner.invoke(args=["check", "--as-of", "2026-08-15", "--json"])
    assert result.exit_code == 0
    printed = json.loads(result.output)
    sign_off = [{k: c.pop(k) for k in ("excluded", "pending")} for c in printed["clauses"]]
    assert spec_keys(printed) == json.loads(EXPECTED_JSON)
    assert '"realised": 120.0' in result.output and '"realised": 3,' in result.output
    assert [s["excluded"] for s in sign_off] == [{"ineligible_group": 1}, {}]


def test_running_the_same_check_twice_opens_nothing_new(runner, hh014):
    first = check(runner)
    second = check(runner)
    assert second["flags_opened"] == [] and second["flags_resolved"] == []
    assert second["open_flags"] == first["open_flags"]
    assert Flag.select().count() == 2


def test_a_check_as_of_an_earlier_date_stores_nothing(runner, hh014):
    check(runner)
    flags, runs = Flag.select().count(), CheckRun.select().count()
    earlier = check(runner, "2026-05-15")
    assert earlier["stored"] is False
    assert (Flag.select().count(), CheckRun.select().count()) == (flags, runs)
    assert "stored" not in check(runner)


def test_a_flag_closed_by_hand_is_not_reopened_by_the_next_check(runner, hh014):
    check(runner)
    behind = Flag.get(Flag.kind == "behind")
    close_flag_by_hand(behind.id, "waived", "afgesproken met de leverancier", actor="bureau@x")
    again = check(runner)
    assert again["flags_opened"] == []
    assert ("SR2", "behind", None) not in open_flags()
    assert FlagSuppression.select().count() == 1


def test_a_hand_closed_status_flag_reopens_after_a_better_status(runner, hh014):
    check(runner)
    close_flag_by_hand(Flag.get(Flag.kind == "behind").id, "resolved", "gesproken", actor="b")
    ClauseStatus.update(status="on_track").execute()
    Clause.update(target=Decimal(100)).where(Clause.code == "SR2").execute()
    assert check(runner, "2026-08-16")["flags_opened"] == []
    Clause.update(target=Decimal(4000)).where(Clause.code == "SR2").execute()
    assert FlagSuppression.select().count() == 0
    assert check(runner, "2026-08-17")["flags_opened"] == [
        {"contract": "2026-HH-014", "clause": "SR2", "kind": "behind", "period": None}
    ]


def test_an_archived_contract_is_not_checked(runner, hh014):
    Contract.update(archived_at=datetime(2026, 7, 1)).execute()
    before = list(ClauseStatus.select().tuples())
    document = check(runner)
    assert document["clauses"] == [] and document["flags_opened"] == []
    assert list(ClauseStatus.select().tuples()) == before


def test_a_later_accepted_report_resolves_report_overdue_at_import(runner, hh014):
    check(runner)
    add_report(hh014, "2026-Q2")
    resolved = resolve_overdue_after_import(hh014, PERIOD_ENDS["2026-Q2"], actor="importer")
    flag = Flag.get(Flag.kind == "report_overdue")
    assert resolved == [flag.id]
    assert (flag.state, flag.closed_reason) == (
        "resolved",
        "report for 2026-Q2 or a later period accepted",
    )


def test_statuses_are_stored_per_clause(runner, hh014):
    check(runner)
    stored = {
        s.clause.code: (s.status, s.realised, s.expected, s.report_period)
        for s in ClauseStatus.select()
    }
    assert stored == {
        "SR1": ("on_track", Decimal(3), Decimal("0.98"), "2026-Q1"),
        "SR2": ("behind", Decimal(120), Decimal("488.34"), "2026-Q1"),
    }


def test_a_later_check_that_changes_nothing_moves_every_status_to_its_run(runner, hh014):
    check(runner)
    before = sorted(ClauseStatus.select(ClauseStatus.clause, ClauseStatus.status).tuples())
    check(runner, "2026-08-16")
    latest = CheckRun.select().order_by(CheckRun.id.desc()).first()
    assert {s.check_run_id for s in ClauseStatus.select()} == {latest.id}
    assert sorted(ClauseStatus.select(ClauseStatus.clause, ClauseStatus.status).tuples()) == before


def test_a_later_check_that_changes_nothing_rewrites_no_status(runner, hh014, monkeypatch):
    check(runner)
    written = []

    def spied(model, fields, rows, conflict=None):
        written.extend(rows if model is ClauseStatus else ())
        return insert_rows(model, fields, rows, conflict)

    monkeypatch.setattr("srtracker.store.checks.insert_rows", spied)
    check(runner, "2026-08-16")
    assert written == []


def test_a_check_rewrites_a_status_whose_figures_changed(runner, hh014):
    check(runner)
    ClauseStatus.update(realised=Decimal(1), status="failed").execute()
    check(runner)
    stored = {s.clause.code: (s.status, s.realised) for s in ClauseStatus.select()}
    assert stored == {"SR1": ("on_track", Decimal(3)), "SR2": ("behind", Decimal(120))}


def test_flag_changes_are_in_the_audit_log(runner, hh014):
    check(runner)
    ClauseStatus.delete().execute()
    Clause.update(target=Decimal(100)).where(Clause.code == "SR2").execute()
    check(runner, "2026-08-16")
    entries = {
        (e.action, e.entity_id): json.loads(e.changes)
        for e in AuditLog.select().where(AuditLog.entity == "flag")
    }
    behind = Flag.get(Flag.kind == "behind")
    opened, resolved = entries["open", str(behind.id)], entries["resolve", str(behind.id)]
    assert opened["state"] == [None, "open"] and opened["as_of"] == "2026-08-15"
    assert resolved["state"] == ["open", "resolved"]
    assert resolved["reason"] == "status is now met as of 2026-08-16"
    assert resolved["check_run"] == CheckRun.select().order_by(CheckRun.id.desc()).get().id


def test_check_exits_0_and_prints_a_summary_without_json(runner, hh014):
    result = runner.invoke(args=["check", "--as-of", "2026-08-15"])
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if " SR2 " in f" {line} ")
    assert "behind" in line and "120.0" in line and "488.34" in line


def test_a_bad_as_of_date_is_a_usage_error(runner, conn):
    result = runner.invoke(args=["check", "--as-of", "2026-13-01"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_flag_suppression_matches_its_migration(conn):
    stored = {column.name for column in conn.get_columns(FlagSuppression._meta.table_name)}
    assert stored == {field.column_name for field in FlagSuppression._meta.sorted_fields}
