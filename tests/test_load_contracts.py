import json
import shutil
from datetime import date

from srtracker.models import AuditLog, Clause, Contract, Contribution, Organisation, Report
from tests.conftest import SAMPLES

SPEC_EXAMPLE = SAMPLES / "2026-HH-014_huishoudelijke-hulp.toml"


def counts():
    return Contract.select().count(), Clause.select().count(), Organisation.select().count()


def test_loads_every_file_of_a_folder(runner, conn):
    result = runner.invoke(args=["load-contracts", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert Contract.select().count() == len(list(SAMPLES.glob("*.toml")))
    assert "created" in result.output


def test_does_not_descend_into_subfolders(runner, conn):
    result = runner.invoke(args=["load-contracts", str(SAMPLES)])
    assert "bad" not in result.output


def test_loading_the_same_file_twice_changes_nothing(runner, conn):
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    entries = AuditLog.select().count()
    result = runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    assert "unchanged" in result.output
    assert AuditLog.select().count() == entries


def test_a_changed_file_updates_the_contract_and_records_the_change(runner, conn, tmp_path):
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    changed = tmp_path / "c.toml"
    changed.write_text(SPEC_EXAMPLE.read_text().replace("target = 4000", "target = 4500"))
    result = runner.invoke(args=["load-contracts", str(changed)])
    assert "updated" in result.output
    assert Clause.get(Clause.code == "SR2").target == 4500
    entry = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert entry.action == "update"
    assert json.loads(entry.changes)["clauses"]["sr2"][1]["target"] == "4.5E+3"


def test_the_file_wins_over_edits_in_the_app(runner, conn):
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    Contract.update(title="Edited").execute()
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    assert Contract.get().title == "Hulp bij het huishouden, perceel Noord"


def test_a_removed_clause_without_rows_is_deleted(runner, conn, tmp_path):
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    text = SPEC_EXAMPLE.read_text()
    shorter = tmp_path / "c.toml"
    shorter.write_text(text[: text.index('[[clause]]\ncode = "SR2"')])
    result = runner.invoke(args=["load-contracts", str(shorter)])
    assert result.exit_code == 0, result.output
    assert [c.code for c in Clause.select()] == ["SR1"]


def test_a_bad_file_exits_1_names_file_and_key_and_stores_nothing(runner, conn):
    bad = SAMPLES / "bad" / "milestone_above_target.toml"
    result = runner.invoke(args=["load-contracts", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}: clause[1].milestone[1].target:" in result.output
    assert counts() == (0, 0, 0)
    assert AuditLog.select().count() == 0


def test_good_files_load_beside_bad_ones(runner, conn, tmp_path):
    shutil.copy(SPEC_EXAMPLE, tmp_path)
    shutil.copy(SAMPLES / "bad" / "unknown_key.toml", tmp_path)
    result = runner.invoke(args=["load-contracts", str(tmp_path)])
    assert result.exit_code == 1
    assert Contract.select().count() == 1
    assert "unknown_key.toml: rejected" in result.output


def test_a_missing_file_is_refused(runner, conn, tmp_path):
    result = runner.invoke(args=["load-contracts", str(tmp_path / "nope.toml")])
    assert result.exit_code == 1


def _accepted_report_with_a_row():
    contract = Contract.get()
    report = Report.create(
        contract=contract,
        period="2026-Q1",
        period_end=date(2026, 3, 31),
        status="accepted",
        sha256="0" * 64,
    )
    Contribution.create(
        report=report,
        clause=Clause.get(Clause.code == "SR2"),
        row=2,
        candidate_ref="K1",
        candidate_key="k1",
        type="training",
        target_group="ww",
        start_date=date(2026, 1, 5),
        hours_per_week=20,
    )


def test_reporting_cannot_change_once_a_report_is_accepted(runner, conn, tmp_path):
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    _accepted_report_with_a_row()
    monthly = tmp_path / "c.toml"
    monthly.write_text(SPEC_EXAMPLE.read_text().replace('"quarterly"', '"monthly"'))
    result = runner.invoke(args=["load-contracts", str(monthly)])
    assert result.exit_code == 1
    assert "contract.reporting" in result.output
    assert Contract.get().reporting == "quarterly"


def test_a_clause_with_reported_rows_cannot_be_removed(runner, conn, tmp_path):
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    _accepted_report_with_a_row()
    text = SPEC_EXAMPLE.read_text()
    shorter = tmp_path / "c.toml"
    shorter.write_text(text[: text.index('[[clause]]\ncode = "SR2"')])
    result = runner.invoke(args=["load-contracts", str(shorter)])
    assert result.exit_code == 1
    assert Clause.select().count() == 2


def test_loading_a_file_without_counting_clears_an_override_made_in_the_app(runner, conn, tmp_path):
    from srtracker.models import Contract

    path = tmp_path / "c.toml"
    text = SPEC_EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0
    Contract.update(counting="on_approval").execute()
    assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0
    assert Contract.get().counting is None
    path.write_text(
        text.replace("reporting = ", 'counting = "on_approval"\nreporting = ', 1),
        encoding="utf-8",
    )
    assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0
    assert Contract.get().counting == "on_approval"
