"""Enforcement cases through the check and `srtracker enforce` (enforcement.md, cli.md)."""

import json
from datetime import date
from decimal import Decimal

import pytest

from srtracker.enforcement.models import EnforcementCase, EnforcementStep
from srtracker.models import AuditLog, Clause, Contribution, Report
from srtracker.notify.models import OutboxMessage
from srtracker.store.contracts import find
from tests.conftest import SPEC_EXAMPLE

TERMS = """
[contract.enforcement]
basis = "shortfall_value"
rate = 0.5
"""


def enforced_contract(tmp_path, terms=TERMS, extra=""):
    """The spec's contract with enforcement terms and SR1 worth 100,000."""
    text = SPEC_EXAMPLE.read_text()
    text = text.replace("\n[[clause]]", terms + extra + "\n[[clause]]", 1)
    text = text.replace('accepts = ["placement"]', 'accepts = ["placement"]\nvalue_eur = 100000', 1)
    path = tmp_path / "hh014.toml"
    path.write_text(text)
    return path


PERIOD_ENDS = {
    "2027-Q1": date(2027, 3, 31),
    "2027-Q2": date(2027, 6, 30),
    "2027-Q4": date(2027, 12, 31),
}


def add_report(reference: str, period: str, persons: int) -> Report:
    """An accepted upload with ``persons`` counting placements under SR1, as the importer stores."""
    contract = find(reference)
    report = Report.create(
        contract=contract,
        period=period,
        period_end=PERIOD_ENDS[period],
        status="accepted",
        sha256=f"{period}{persons}".ljust(64, "0"),
        rows=persons,
    )
    sr1 = Clause.get((Clause.contract == contract) & (Clause.code == "SR1"))
    Contribution.insert_many(
        [
            {
                "report": report.id,
                "clause": sr1.id,
                "row": n + 2,
                "candidate_ref": f"K-{n:03}",
                "candidate_key": f"k-{n:03}",
                "type": "placement",
                "target_group": "participatiewet",
                "start_date": date(2026, 2, 2),
                "hours_per_week": Decimal(32),
            }
            for n in range(persons)
        ]
    ).execute()
    return report


def check(runner, as_of) -> dict:
    result = runner.invoke(args=["check", "--as-of", as_of, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def sr1(document) -> dict:
    return next(c for c in document["clauses"] if c["clause"] == "SR1")


def enforce(runner, *args):
    return runner.invoke(args=["enforce", *args])


@pytest.fixture
def behind(runner, conn, users, tmp_path):
    """SR1 behind (4 of 10, E = 2027-03-31) as of 2027-06-15, with its open flag."""
    assert runner.invoke(args=["load-contracts", str(enforced_contract(tmp_path))]).exit_code == 0
    add_report("2026-HH-014", "2027-Q1", 4)
    document = check(runner, "2027-06-15")
    assert sr1(document)["status"] == "behind"
    return document


def test_a_clause_never_in_a_case_has_no_enforcement_but_shows_its_unrealised_value(behind):
    # 6 of 10 placements short of a value of 100,000.
    assert sr1(behind)["enforcement"] is None
    assert sr1(behind)["unrealised_value"] == 60000.0


def test_warning_notice_and_the_remedial_period_end_in_an_exact_proposed_amount(runner, behind):
    assert enforce(runner, "warn", "2026-HH-014", "SR1").exit_code == 0
    result = enforce(runner, "notice", "2026-HH-014", "SR1", "--until", "2027-07-31")
    assert result.exit_code == 0, result.output
    assert "remedial period until 2027-07-31" in result.output
    assert sr1(check(runner, "2027-07-31"))["enforcement"]["step"] == "notice"
    document = check(runner, "2027-08-01")
    assert sr1(document)["enforcement"] == {
        "step": "proposed",
        "since": "2027-08-01",
        "remedial_until": "2027-07-31",
        "amount_due": 30000.0,
        "obligation": "result",
    }


def test_a_notice_without_until_runs_the_contracts_remedial_days(runner, behind):
    result = enforce(runner, "notice", "2026-HH-014", "SR1")
    assert result.exit_code == 0, result.output
    # 2027-06-15 + 60 days.
    assert EnforcementCase.get().remedial_until == date(2027, 8, 14)


def test_warning_and_notice_are_messages_to_the_supplier_with_figures_and_the_end(runner, behind):
    enforce(runner, "warn", "2026-HH-014", "SR1")
    enforce(runner, "notice", "2026-HH-014", "SR1", "--until", "2027-07-31")
    messages = list(
        OutboxMessage.select()
        .where(OutboxMessage.kind.startswith("enforcement_"))
        .order_by(OutboxMessage.id)
    )
    assert [m.kind for m in messages] == ["enforcement_warning", "enforcement_notice"]
    assert {m.recipient for m in messages} == {"planning@thuiszorg-oost.nl"}
    assert messages[0].subject == "Waarschuwing social return 2026-HH-014 SR1"
    notice = messages[1].body
    assert "tot en met 31-07-2027" in notice
    assert "doel 10, gerealiseerd 4" in notice and "€ 60.000" in notice


def test_steps_need_an_open_behind_or_failed_flag(runner, conn, users, tmp_path):
    runner.invoke(args=["load-contracts", str(enforced_contract(tmp_path))])
    result = enforce(runner, "warn", "2026-HH-014", "SR1")
    assert result.exit_code == 1
    assert "open melding" in result.output
    assert EnforcementCase.select().count() == 0


def test_impose_refuses_more_than_proposed_and_less_without_a_reason(runner, behind):
    enforce(runner, "notice", "2026-HH-014", "SR1", "--until", "2027-07-31")
    check(runner, "2027-08-01")
    assert enforce(runner, "impose", "2026-HH-014", "SR1", "--amount", "30000.01").exit_code == 1
    assert enforce(runner, "impose", "2026-HH-014", "SR1", "--amount", "20000").exit_code == 1
    assert EnforcementCase.get().step == "proposed"
    result = enforce(
        runner, "impose", "2026-HH-014", "SR1", "--amount", "20000", "--reason", "deels ingehaald"
    )
    assert result.exit_code == 0, result.output
    assert (EnforcementCase.get().step, EnforcementCase.get().amount_cents) == ("imposed", 2000000)


def test_an_imposed_amount_stays_fixed_after_a_late_report(runner, behind):
    enforce(runner, "notice", "2026-HH-014", "SR1", "--until", "2027-07-31")
    check(runner, "2027-08-01")
    assert enforce(runner, "impose", "2026-HH-014", "SR1").exit_code == 0
    add_report("2026-HH-014", "2027-Q2", 10)
    document = check(runner, "2027-08-15")
    assert sr1(document)["status"] == "met"
    assert sr1(document)["enforcement"]["step"] == "imposed"
    assert sr1(document)["enforcement"]["amount_due"] == 30000.0


def test_a_late_cumulative_report_turns_a_proposed_amount_into_none(runner, behind):
    enforce(runner, "notice", "2026-HH-014", "SR1", "--until", "2027-07-31")
    check(runner, "2027-08-01")
    add_report("2026-HH-014", "2027-Q2", 10)
    document = check(runner, "2027-08-15")
    assert sr1(document)["enforcement"]["step"] == "remedied"
    assert sr1(document)["enforcement"]["amount_due"] is None
    assert sr1(document)["unrealised_value"] == 0.0


def test_a_clause_remedied_in_its_remedial_period_owes_nothing(runner, behind):
    enforce(runner, "notice", "2026-HH-014", "SR1", "--until", "2027-07-31")
    add_report("2026-HH-014", "2027-Q2", 7)  # on track at 2027-06-30 (expected 6.48)
    document = check(runner, "2027-07-20")
    assert sr1(document)["status"] == "on_track"
    assert sr1(document)["enforcement"]["step"] == "remedied"
    assert sr1(check(runner, "2027-08-20"))["enforcement"]["step"] == "remedied"


def test_exempt_needs_a_reason_and_ends_the_case(runner, behind):
    enforce(runner, "warn", "2026-HH-014", "SR1")
    assert enforce(runner, "exempt", "2026-HH-014", "SR1").exit_code == 1
    result = enforce(runner, "exempt", "2026-HH-014", "SR1", "--reason", "inspanningen aangetoond")
    assert result.exit_code == 0, result.output
    assert EnforcementCase.get().step == "exempted"


def test_after_an_ended_case_the_check_opens_no_new_one(runner, behind):
    enforce(runner, "warn", "2026-HH-014", "SR1")
    enforce(runner, "exempt", "2026-HH-014", "SR1", "--reason", "overmacht")
    add_report("2026-HH-014", "2027-Q4", 4)
    document = check(runner, "2028-02-15")
    assert sr1(document)["status"] == "failed"
    assert sr1(document)["enforcement"]["step"] == "exempted"
    assert EnforcementCase.select().join(Clause).where(Clause.code == "SR1").count() == 1


def test_the_check_proposes_straight_after_the_deadline_with_final_figures(runner, behind):
    add_report("2026-HH-014", "2027-Q4", 4)
    document = check(runner, "2028-02-15")
    assert sr1(document)["enforcement"]["step"] == "proposed"
    assert sr1(document)["enforcement"]["amount_due"] == 30000.0


def test_without_an_enforcement_block_nothing_is_proposed_and_impose_is_refused(
    runner, conn, users
):
    runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    add_report("2026-HH-014", "2027-Q4", 4)
    document = check(runner, "2028-02-15")
    assert sr1(document)["enforcement"] is None
    assert enforce(runner, "warn", "2026-HH-014", "SR1").exit_code == 0
    assert enforce(runner, "impose", "2026-HH-014", "SR1").exit_code == 1


def test_an_effort_obligation_needs_a_reason_to_impose(runner, conn, users, tmp_path):
    path = enforced_contract(tmp_path, extra="")
    path.write_text(
        path.read_text().replace(
            "[contract.enforcement]", 'obligation = "effort"\n\n[contract.enforcement]'
        )
    )
    runner.invoke(args=["load-contracts", str(path)])
    add_report("2026-HH-014", "2027-Q4", 4)
    assert sr1(check(runner, "2028-02-15"))["enforcement"]["obligation"] == "effort"
    assert enforce(runner, "impose", "2026-HH-014", "SR1").exit_code == 1
    result = enforce(runner, "impose", "2026-HH-014", "SR1", "--reason", "weinig inspanning")
    assert result.exit_code == 0, result.output


def test_every_step_is_in_the_audit_log_with_its_actor(runner, behind, users):
    enforce(runner, "warn", "2026-HH-014", "SR1", "--as", "adviseur@srbureau.nl")
    enforce(runner, "notice", "2026-HH-014", "SR1", "--until", "2027-07-31")
    check(runner, "2027-08-01")
    entries = [
        (e.action, json.loads(e.changes)["step"])
        for e in AuditLog.select()
        .where(AuditLog.entity == "enforcement_case")
        .order_by(AuditLog.id)
    ]
    assert entries == [
        ("warning", [None, "warning"]),
        ("notice", ["warning", "notice"]),
        ("proposed", ["notice", "proposed"]),
    ]
    actors = [e.actor for e in AuditLog.select().where(AuditLog.entity == "enforcement_case")]
    assert actors[0] == f"user:{users['bureau'].id}" and actors[1] == "cli"
    assert [s.step for s in EnforcementStep.select().order_by(EnforcementStep.id)] == [
        "warning",
        "notice",
        "proposed",
    ]


def test_the_cap_is_shared_with_imposed_amounts(runner, conn, users, tmp_path):
    terms = TERMS + "cap_eur = 40000\n"
    runner.invoke(args=["load-contracts", str(enforced_contract(tmp_path, terms))])
    add_report("2026-HH-014", "2027-Q4", 4)
    document = check(runner, "2028-02-15")
    # SR1: 30,000; SR2 (worth 5% of 2,400,000 = 120,000, nothing realised): 60,000; cap 40,000.
    amounts = {c["clause"]: c["enforcement"]["amount_due"] for c in document["clauses"]}
    assert amounts == {"SR1": 30000.0, "SR2": 10000.0}
    enforce(runner, "impose", "2026-HH-014", "SR1")
    amounts = {
        c["clause"]: c["enforcement"]["amount_due"] for c in check(runner, "2028-02-16")["clauses"]
    }
    assert amounts == {"SR1": 30000.0, "SR2": 10000.0}


def test_enforcement_entries_are_in_the_audit_log_of_their_contract(runner, behind, users):
    """Scoped like the contracts (srtracker/access.py): the bureau serving the buyer sees them."""
    enforce(runner, "warn", "2026-HH-014", "SR1", "--as", "adviseur@srbureau.nl")
    contract = Clause.get(Clause.code == "SR1").contract_id
    entries = AuditLog.select().where(AuditLog.entity == "enforcement_case")
    assert [e.contract_id for e in entries] == [contract]
