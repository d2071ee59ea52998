"""The sample reports of sample_contracts/reports/ (manifest.toml) and `srtracker demo`."""

import shutil
import subprocess
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from flask import current_app

from srtracker.clock import today
from srtracker.contracts.commands import contract_files, load_file
from srtracker.db import db
from srtracker.demo import DEMO_USERS, REPORTS, load_sample_reports, sample_reports
from srtracker.domain.report_rules import NOT_KEPT
from srtracker.enforcement.demo import EARLIER_CHECKS
from srtracker.models import AuditLog, BureauBuyer, CheckRun, Contribution, Flag, Report, User
from srtracker.services.checks import run_check
from srtracker.services.reports import import_report
from srtracker.store import contracts
from srtracker.store.reports import resolve_period
from tests.conftest import ROOT, SAMPLES

AS_OF = date(2026, 11, 26)
GOOD = sample_reports("accepted")
BAD = sample_reports("rejected")

# What the compliance check shows as of 2026-11-26 with every good sample loaded.
STATUSES = {
    ("2026-HH-014", "SR1"): "on_track",
    ("2026-HH-014", "SR2"): "behind",
    ("2025-BW-031", "SR1"): "on_track",
    ("2025-BW-031", "SR2"): "behind",
    ("2025-BW-031", "SR3"): "at_risk",
    ("2025-BW-031", "SR4"): "behind",  # 5% in euros (Oost-Nederland v6), two rows so far
    ("2025-SC-002", "SR1"): "on_track",
    ("2025-SC-002", "SR2"): "at_risk",
    ("2025-GR-009", "SR1"): "on_track",
    ("2025-GR-009", "SR2"): "on_track",
    ("2025-LV-004", "SR1"): "on_track",
    ("2025-LV-004", "SR2"): "on_track",
    ("2025-LV-004", "SR3"): "at_risk",  # purchases without a register count at 50%
    ("2025-CA-017", "SR1"): "failed",
    ("2025-CA-017", "SR2"): "met",
    ("2026-WV-021", "SR1"): "met",
    ("2026-WV-021", "SR2"): "behind",
    ("2026-WV-021", "SR3"): "behind",
    ("2026-WV-021", "SR4"): "behind",
    ("2026-WV-021", "SR5"): "met",
    ("2024-HA-003", "SR1"): "met",
    ("2025-HA-008", "SR1"): "on_track",  # KN-2024-017 keeps one Harlingen cap
}


@contextmanager
def opened(app):
    """The app's context with an open connection (a fixture's context does not carry over)."""
    with app.app_context(), db.connection_context():
        yield


@pytest.fixture
def samples_app(app):
    """The test app, its fresh database holding the sample contracts."""
    with opened(app):
        for path in contract_files([SAMPLES]):
            assert load_file(path, actor="test")[0] == "created", path
    return app


def test_manifest_lists_every_file_once():
    on_disk = {p.relative_to(REPORTS).as_posix() for p in REPORTS.rglob("*.xlsx")}
    listed = [entry["file"] for entry in GOOD + BAD]
    assert sorted(listed) == sorted(on_disk)
    assert len(set(listed)) == len(listed)
    assert all(entry["errors"] for entry in BAD)


def test_every_good_period_has_ended_by_the_reference_date(samples_app):
    with opened(samples_app):
        periods = [
            (entry, resolve_period(contracts.find(entry["contract"]), entry["period"], today()))
            for entry in GOOD
        ]
    for entry, period in periods:
        assert period.end < AS_OF, entry["file"]


def test_good_samples_are_accepted_in_period_order(samples_app):
    with opened(samples_app):
        assert load_sample_reports(today()) == len(GOOD)
        reports = list(Report.select().order_by(Report.id))
        periods = {(r.contract.reference, r.period) for r in reports}
    assert [r.status for r in reports] == ["accepted"] * len(GOOD)
    assert all(r.errors == "[]" for r in reports)
    ends = {}
    for r in reports:
        assert r.period_end >= ends.get(r.contract_id, r.period_end)
        ends[r.contract_id] = r.period_end
    assert periods == {(e["contract"], e["period"]) for e in GOOD}


def test_good_samples_show_a_mix_of_statuses_and_an_overdue_report(samples_app):
    with opened(samples_app):
        load_sample_reports(today())
        document, stored = run_check(
            AS_OF, trigger="test", actor="test", at_risk_ratio=current_app.config["AT_RISK_RATIO"]
        )
    assert stored
    assert {(c["contract"], c["clause"]): c["status"] for c in document["clauses"]} == STATUSES
    assert {
        "contract": "2026-HH-014",
        "clause": None,
        "kind": "report_overdue",
        "period": "2026-Q3",
    } in document["open_flags"]


@pytest.mark.parametrize("entry", BAD, ids=[e["file"] for e in BAD])
def test_bad_sample_is_rejected_with_exactly_the_listed_errors(samples_app, entry):
    with opened(samples_app):
        contract = contracts.find(entry["contract"])
        period = resolve_period(contract, entry["period"], today())
        outcome = import_report(
            contract,
            period,
            (REPORTS / entry["file"]).read_bytes(),
            Path(entry["file"]).name,
            actor="test",
        )
        kept = Report.get_by_id(outcome.report_id).file is not None
    assert outcome.status == "rejected"
    assert [[e["code"], e["cell"] or ""] for e in outcome.errors] == entry["errors"]
    assert kept == NOT_KEPT.isdisjoint(e[0] for e in entry["errors"])


def _counts() -> dict:
    return {
        model.__name__: model.select().count()
        for model in (Report, Contribution, User, Flag, CheckRun, AuditLog)
    }


def test_demo_loads_contracts_reports_and_users_and_a_second_run_changes_nothing(app, runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert f"[{len(GOOD)}/{len(GOOD)}]" in first.output
    assert first.output.count(": accepted") == len(GOOD)
    assert "demo-wachtwoord-2026" in first.output
    with opened(app):
        before = _counts()
        assert before["Report"] == len(GOOD)
        assert {u.email for u in User.select()} == {email for email, _, _ in DEMO_USERS}
        assert BureauBuyer.select().count() == 7  # the bureau serves every sample buyer
        # Today's check, after the enforcement scenario's checks (srtracker/enforcement/demo.py).
        assert before["CheckRun"] == 1 + len(EARLIER_CHECKS)
        assert before["Flag"] > 0

    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert second.output.count(": duplicate") == len(GOOD)
    assert ": accepted" not in second.output and ": created" not in second.output
    with opened(app):
        assert _counts() == before


def test_the_generator_rewrites_the_same_files(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sample_reports.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    written = {
        p.relative_to(tmp_path).as_posix(): p.read_bytes()
        for p in tmp_path.rglob("*")
        if p.is_file()
    }
    stored = {
        p.relative_to(REPORTS).as_posix(): p.read_bytes()
        for p in REPORTS.rglob("*")
        if p.is_file() and p.name != "README.md"
    }
    assert written.keys() == stored.keys()
    assert [name for name in written if written[name] != stored[name]] == []


def test_demo_fails_loudly_when_a_good_sample_is_rejected(app, runner, tmp_path, monkeypatch):
    shutil.copy(REPORTS / "bad" / "hours_above_60.xlsx", tmp_path / "2026-HH-014_2026-Q3.xlsx")
    (tmp_path / "manifest.toml").write_text(
        '[[report]]\nfile = "2026-HH-014_2026-Q3.xlsx"\ncontract = "2026-HH-014"\n'
        'period = "2026-Q3"\nexpect = "accepted"\nshows = ""\n',
        encoding="utf-8",
    )
    monkeypatch.setattr("srtracker.demo.REPORTS", tmp_path)
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 1
    assert "[1/1] 2026-HH-014_2026-Q3.xlsx: rejected" in result.output
    assert "2026-HH-014_2026-Q3.xlsx was not accepted: out_of_range G11" in result.output
