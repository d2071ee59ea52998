"""The import path against the database: CLI, storage, duplicates, superseding."""

import json
from datetime import date

import pytest
from report_books import header_cells, person, raw_package, report, sheet_rows_xml

from srtracker.models import AuditLog, Contribution, Flag, Report, StoredFile

GOOD = report(person("K-001"), person("K-002", clause="SR2", kind="training", group="ww", hours=20))


@pytest.fixture
def workbook(tmp_path):
    def write(data, name="voortgang.xlsx"):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def run(runner, *args):
    result = runner.invoke(args=["import-report", *args, "--json"])
    return result.exit_code, (json.loads(result.output) if result.output.startswith("{") else None)


def test_an_accepted_report_exits_0_and_stores_its_rows(runner, spec_contract, workbook, conn):
    code, outcome = run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    assert code == 0
    assert (outcome["status"], outcome["rows"], outcome["errors"]) == ("accepted", 2, [])
    assert Contribution.select().count() == 2
    assert Report.get().sha256 == StoredFile.get().sha256


def test_the_json_result_has_the_spec_keys(runner, spec_contract, workbook, conn):
    _, outcome = run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    assert list(outcome) == [
        "status",
        "report_id",
        "contract",
        "period",
        "rows",
        "errors",
        "warnings",
    ]
    assert (outcome["contract"], outcome["period"]) == ("2026-HH-014", "2026-Q1")


def test_a_rejected_report_exits_1_keeps_the_file_and_no_rows(
    runner, spec_contract, workbook, conn
):
    bad = report(person("K-001", start="31-02-2026"))
    code, outcome = run(runner, "2026-HH-014", "2026-Q1", workbook(bad))
    assert code == 1
    assert [(e["code"], e["cell"]) for e in outcome["errors"]] == [("bad_date", "E2")]
    assert Report.get().status == "rejected"
    assert StoredFile.select().count() == 1
    assert Contribution.select().count() == 0


def test_a_file_with_a_possible_bsn_is_not_kept(runner, spec_contract, workbook, conn):
    code, outcome = run(runner, "2026-HH-014", "2026-Q1", workbook(report(person("123456782"))))
    assert code == 1
    assert outcome["errors"][0]["code"] == "possible_bsn"
    assert "123456782" not in json.dumps(outcome)
    assert StoredFile.select().count() == 0
    assert Report.get().file_id is None


@pytest.mark.parametrize(
    "data, code",
    [
        (report(person("Jan Jansen")), "possible_name"),
        (report(person(note="BSN 123.456.782")), "possible_bsn"),
        (b"kandidaat;verplichting\n", "not_xlsx"),
        (
            raw_package(sheet_rows_xml({1: header_cells(), 9: {"XFD": 1}})),
            "too_many_rows",
        ),
    ],
    ids=["name", "bsn-in-note", "csv", "far-away-cell"],
)
def test_a_file_refused_for_what_it_may_hold_or_is_keeps_only_its_record(
    runner, spec_contract, workbook, conn, data, code
):
    _, outcome = run(runner, "2026-HH-014", "2026-Q1", workbook(data))
    assert outcome["errors"][0]["code"] == code
    assert StoredFile.select().count() == 0
    assert Report.get().file_id is None


def test_a_byte_identical_resend_is_a_duplicate_and_stores_nothing(
    runner, spec_contract, workbook, conn
):
    _, first = run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    code, again = run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    assert code == 0
    assert (again["status"], again["report_id"]) == ("duplicate", first["report_id"])
    assert Report.select().count() == 1


def test_a_new_accepted_report_supersedes_the_older_one(runner, spec_contract, workbook, conn):
    run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    newer = report(person("K-001"), person("K-003"))
    _, outcome = run(runner, "2026-HH-014", "2026-Q1", workbook(newer, "v2.xlsx"))
    assert outcome["status"] == "accepted"
    assert Report.select().where(Report.status == "accepted").count() == 2
    latest = Report.select().order_by(Report.id.desc()).get()
    assert {c.candidate_ref for c in latest.contributions} == {"K-001", "K-003"}


def test_an_older_upload_sent_again_becomes_the_newest(runner, spec_contract, workbook, conn):
    _, first = run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    run(
        runner,
        "2026-HH-014",
        "2026-Q1",
        workbook(report(person("K-001"), person("K-003")), "v2.xlsx"),
    )
    _, again = run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    assert again["status"] == "accepted" and again["report_id"] > first["report_id"]


def test_a_report_dropping_a_candidate_warns_about_it(runner, spec_contract, workbook, conn):
    run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    _, outcome = run(runner, "2026-HH-014", "2026-Q2", workbook(report(person("K-001")), "q2.xlsx"))
    assert [w["code"] for w in outcome["warnings"]] == ["missing_candidate"]
    assert "K-002" not in outcome["warnings"][0]["message"]


def test_an_unknown_contract_exits_2(runner, spec_contract, workbook, conn):
    result = runner.invoke(args=["import-report", "NOPE", "2026-Q1", workbook(GOOD)])
    assert result.exit_code == 2
    assert "unknown contract" in result.output


@pytest.mark.parametrize("period", ["2026-Q9", "2025-Q4", "2028-Q1", "2026-03"])
def test_a_period_that_is_not_the_contracts_exits_2_and_stores_nothing(
    runner, spec_contract, workbook, conn, period
):
    result = runner.invoke(args=["import-report", "2026-HH-014", period, workbook(GOOD)])
    assert result.exit_code == 2
    assert Report.select().count() == 0


def test_a_period_that_has_not_started_exits_2(runner, spec_contract, workbook, conn, monkeypatch):
    monkeypatch.setattr("srtracker.reports.commands.today", lambda: date(2026, 2, 1))
    result = runner.invoke(args=["import-report", "2026-HH-014", "2026-Q2", workbook(GOOD)])
    assert result.exit_code == 2
    assert "not started" in result.output


def test_an_upload_over_the_size_limit_is_not_stored(app, runner, spec_contract, workbook, conn):
    app.config["REPORT_MAX_UPLOAD_BYTES"] = 1000
    code, outcome = run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    assert code == 1
    assert (outcome["report_id"], outcome["errors"][0]["code"]) == (None, "too_large")
    assert Report.select().count() == 0


def test_an_accepted_report_resolves_its_overdue_flag(runner, spec_contract, workbook, conn):
    runner.invoke(args=["check", "--as-of", "2026-05-15"])
    assert Flag.get(Flag.kind == "report_overdue").state == "open"
    run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    assert Flag.get(Flag.kind == "report_overdue").state == "resolved"


def test_a_failure_half_way_leaves_no_partial_report(
    runner, spec_contract, workbook, conn, monkeypatch
):
    def explode(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr("srtracker.store.reports.resolve_overdue_up_to", explode)
    with pytest.raises(RuntimeError):
        runner.invoke(
            args=["import-report", "2026-HH-014", "2026-Q1", workbook(GOOD)], catch_exceptions=False
        )
    assert (
        Report.select().count(),
        Contribution.select().count(),
        StoredFile.select().count(),
    ) == (0, 0, 0)


def test_every_upload_is_in_the_audit_log(runner, spec_contract, workbook, conn):
    run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    entry = AuditLog.get(AuditLog.action == "upload")
    assert json.loads(entry.changes)["status"] == "accepted"


def test_the_template_command_writes_a_prefilled_workbook(
    runner, spec_contract, workbook, conn, tmp_path
):
    run(runner, "2026-HH-014", "2026-Q1", workbook(GOOD))
    out = tmp_path / "t.xlsx"
    result = runner.invoke(args=["template", "2026-HH-014", "-o", str(out), "--period", "2026-Q2"])
    assert result.exit_code == 0, result.output
    _, outcome = run(runner, "2026-HH-014", "2026-Q2", str(out))
    assert (outcome["status"], outcome["rows"]) == ("accepted", 2)
