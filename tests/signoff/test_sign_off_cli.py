"""Sign-off end to end from the command line: on_approval, lapses, double counts (sign-off.md)."""

import json
from datetime import date

import pytest
from report_books import HEADER, person, report

from srtracker.models import AuditLog, CandidateReview, Flag, FollowUp, Organisation
from srtracker.services import decisions
from srtracker.store import followups
from tests.conftest import SPEC_EXAMPLE

NUMBERED = [*HEADER, "kandidaatnummer"]


@pytest.fixture
def contracts(runner, conn, tmp_path):
    """2026-HH-014 (the spec's contract) and 2026-HH-015, its twin for the same buyer."""
    text = SPEC_EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(text.replace("2026-HH-014", "2026-HH-015"), encoding="utf-8")
    assert runner.invoke(args=["load-contracts", str(tmp_path)]).exit_code == 0
    return tmp_path


def upload(runner, tmp_path, reference, period, *rows, header=HEADER):
    path = tmp_path / f"{reference}-{period}.xlsx"
    path.write_bytes(report(*rows, header=header))
    result = runner.invoke(args=["import-report", reference, period, str(path), "--json"])
    document = json.loads(result.output)
    assert document["status"] == "accepted", document
    return document


def check(runner, as_of="2026-04-15") -> dict:
    result = runner.invoke(args=["check", "--as-of", as_of, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def clause_of(document, reference, code="SR1") -> dict:
    return next(
        c for c in document["clauses"] if c["contract"] == reference and c["clause"] == code
    )


def review(runner, *args):
    return runner.invoke(args=["review", *args])


Q1 = (
    person("K-001", group="participatiewet"),
    person("K-002", start=date(2026, 2, 1), hours=24),
    person("K-004", group="ww", start=date(2026, 3, 2)),
)


def on_approval(conn):
    Organisation.update(counting_policy="on_approval").where(
        Organisation.name == "Gemeente Apeldoorn"
    ).execute()


def test_an_on_approval_buyer_shows_0_realised_until_the_bureau_approves(runner, contracts, conn):
    on_approval(conn)
    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    sr1 = clause_of(check(runner), "2026-HH-014")
    assert (sr1["realised"], sr1["pending"]) == (0, 2)
    assert sr1["excluded"] == {"ineligible_group": 1, "not_approved": 2}
    assert review(runner, "approve", "2026-HH-014", "SR1", "k-001").exit_code == 0
    sr1 = clause_of(check(runner), "2026-HH-014")
    assert (sr1["realised"], sr1["pending"]) == (1, 2)
    assert sr1["excluded"] == {"ineligible_group": 1, "not_approved": 1}


def test_under_on_report_pending_equals_realised(runner, contracts, conn):
    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    sr1 = clause_of(check(runner), "2026-HH-014")
    assert (sr1["realised"], sr1["pending"], sr1["excluded"]) == (2, 2, {"ineligible_group": 1})


def test_an_approval_records_the_row_and_a_new_target_group_lapses_it(runner, contracts, conn):
    on_approval(conn)
    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    check(runner)
    assert review(runner, "approve", "2026-HH-014", "SR1", "K-001").exit_code == 0
    approval = CandidateReview.get()
    assert (approval.approved_type, approval.approved_group, approval.approved_start) == (
        "placement",
        "participatiewet",
        date(2026, 1, 5),
    )
    upload(runner, contracts, "2026-HH-014", "2026-Q2", person("K-001", group="wajong"))
    sr1 = clause_of(check(runner, "2026-07-15"), "2026-HH-014")
    assert sr1["realised"] == 0 and sr1["excluded"] == {"approval_lapsed": 1}
    assert sr1["pending"] == 1


def test_a_rejection_needs_a_reason_and_an_unknown_candidate_is_refused(runner, contracts, conn):
    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    check(runner)
    missing = review(runner, "reject", "2026-HH-014", "SR1", "K-001")
    assert missing.exit_code == 1 and "reason" in missing.output
    unknown = review(runner, "approve", "2026-HH-014", "SR1", "K-999")
    assert unknown.exit_code == 1 and "K-999" in unknown.output
    assert review(runner, "approve", "2026-XX-000", "SR1", "K-001").exit_code == 1
    nothing = review(runner, "withdraw", "2026-HH-014", "SR1", "K-001")
    assert nothing.exit_code == 1 and "withdraw" in nothing.output
    assert CandidateReview.select().count() == 0


def test_reject_then_withdraw_is_in_the_audit_log(runner, contracts, conn):
    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    check(runner)
    rejected = review(runner, "reject", "2026-HH-014", "SR1", "K-001", "--reason", "geen bewijs")
    assert rejected.exit_code == 0
    assert clause_of(check(runner), "2026-HH-014")["excluded"] == {
        "ineligible_group": 1,
        "rejected_by_bureau": 1,
    }
    assert review(runner, "withdraw", "2026-HH-014", "SR1", "K-001").exit_code == 0
    actions = [e.action for e in AuditLog.select().where(AuditLog.entity == "candidate_review")]
    assert actions == ["reject", "withdraw"]


def twice(runner, contracts):
    """KN-7 counts in both contracts: from 2026-01-05 in HH-014, from 2026-02-01 in HH-015."""
    upload(
        runner,
        contracts,
        "2026-HH-014",
        "2026-Q1",
        [*person("K-001", group="participatiewet"), "KN-7"],
        header=NUMBERED,
    )
    return upload(
        runner,
        contracts,
        "2026-HH-015",
        "2026-Q1",
        [*person("A-1", start=date(2026, 2, 1)), " kn-7 "],
        [*person("A-2", start=date(2026, 2, 1)), "KN-8"],
        header=NUMBERED,
    )


def test_a_person_counted_in_two_contracts_raises_one_double_counted_flag(runner, contracts, conn):
    imported = twice(runner, contracts)
    assert [(w["code"], w["row"], w["column"]) for w in imported["warnings"]] == [
        ("counted_elsewhere", 2, "bureau_ref")
    ]
    assert "2026-HH-014" not in json.dumps(imported)
    document = check(runner)
    counted = [f for f in document["open_flags"] if f["kind"] == "double_counted"]
    assert counted == [
        {
            "contract": "2026-HH-015",
            "clause": "SR1",
            "kind": "double_counted",
            "period": None,
            "candidate": "kn-7",
            "other_contract": "2026-HH-014",
            "other_clause": "SR1",
        }
    ]
    assert check(runner)["flags_opened"] == []
    assert Flag.select().where(Flag.kind == "double_counted").count() == 1


def test_the_decision_takes_the_days_from_the_other_contract(runner, contracts, conn):
    twice(runner, contracts)
    before = check(runner)
    assert clause_of(before, "2026-HH-015")["realised"] == 2
    decided = review(runner, "count", "2026-HH-015", "SR1", "KN-7", "2026-HH-014")
    assert decided.exit_code == 0, decided.output
    after = check(runner)
    hh015 = clause_of(after, "2026-HH-015")
    assert hh015["realised"] == 1 and hh015["excluded"] == {"counted_in_other_contract": 1}
    assert clause_of(after, "2026-HH-014")["realised"] == 1
    assert [f for f in after["open_flags"] if f["kind"] == "double_counted"] == []


def test_both_keeps_both_counting_and_closes_the_flag(runner, contracts, conn):
    twice(runner, contracts)
    check(runner)
    assert review(runner, "count", "2026-HH-015", "SR1", "KN-7", "both").exit_code == 0
    after = check(runner)
    assert clause_of(after, "2026-HH-015")["realised"] == 2
    assert after["flags_opened"] == []
    assert Flag.get(Flag.kind == "double_counted").state == "resolved"


def test_a_count_decision_on_no_double_count_is_refused(runner, contracts, conn):
    twice(runner, contracts)
    refused = review(runner, "count", "2026-HH-015", "SR1", "KN-8", "both")
    assert refused.exit_code == 1 and "not counted twice" in refused.output


def test_a_placement_that_ended_6_months_ago_has_a_follow_up_task(runner, contracts, conn):
    # SR1 asks 6 months: 2026-01-05 to 2026-07-10 counts, and ended before E (2026-09-30)
    ended = person("K-001", group="participatiewet", end=date(2026, 7, 10))
    upload(runner, contracts, "2026-HH-014", "2026-Q3", ended, person("K-002"))
    check(runner, "2027-01-09")
    assert FollowUp.select().count() == 0
    check(runner, "2027-01-10")  # EDATE(2026-07-10, 6)
    (task,) = FollowUp.select()
    assert (task.candidate_ref, task.months, task.due, task.answer) == (
        "K-001",
        6,
        date(2027, 1, 10),
        None,
    )
    check(runner, "2027-01-11")
    assert FollowUp.select().count() == 1
    check(runner, "2027-07-10")
    assert sorted(t.months for t in FollowUp.select()) == [6, 12]


def test_follow_up_answers_make_the_shares(runner, contracts, conn):
    ended = [
        person(f"K-00{n}", group="participatiewet", end=date(2026, 7, 10)) for n in range(1, 5)
    ]
    upload(runner, contracts, "2026-HH-014", "2026-Q3", *ended)
    check(runner, "2027-01-10")
    tasks = list(FollowUp.select().order_by(FollowUp.candidate_key))
    for task, value in zip(tasks, ["with_supplier", "elsewhere", "no"], strict=False):
        decisions.answer_follow_up(task, value, None, "cli")
    (share,) = followups.shares()
    assert (share.buyer, share.year, share.months) == ("Gemeente Apeldoorn", 2027, 6)
    assert (share.in_work, share.answered, share.unanswered) == (2, 3, 1)
    with pytest.raises(followups.AnswerRefused):
        decisions.answer_follow_up(tasks[3], "maybe", None, "cli")


def test_the_export_gives_the_shares_and_pending_beside_realised(runner, contracts, conn):
    import openpyxl

    on_approval(conn)
    ended = [
        person(f"K-00{n}", group="participatiewet", end=date(2026, 7, 10)) for n in range(1, 3)
    ]
    upload(runner, contracts, "2026-HH-014", "2026-Q3", *ended)
    check(runner, "2027-01-10")
    assert FollowUp.select().count() == 0  # awaiting approval: not counted, no follow-up
    for ref in ("K-001", "K-002"):
        assert review(runner, "approve", "2026-HH-014", "SR1", ref).exit_code == 0
    check(runner, "2027-01-10")
    decisions.answer_follow_up(FollowUp.get(FollowUp.candidate_key == "k-001"), "no", None, "cli")
    out = contracts / "overzicht.xlsx"
    assert runner.invoke(args=["export", "-o", str(out), "--as-of", "2027-01-10"]).exit_code == 0
    book = openpyxl.load_workbook(out)
    durability = [list(r) for r in book["Duurzaamheid"].iter_rows(values_only=True)]
    assert durability[1] == ["Gemeente Apeldoorn", 2027, 6, 0, 1, 1, 0]
    header, *lines = [list(r) for r in book["Gemeente Apeldoorn"].iter_rows(values_only=True)]
    assert header[7:9] == ["Gerealiseerd", "In afwachting van beoordeling"]
    sr1 = next(line for line in lines if line[0] == "2026-HH-014" and line[3] == "SR1")
    assert sr1[7:9] == [2, 2]


def test_a_buyer_s_new_policy_re_checks_its_contracts_at_once(app, runner, contracts, conn):
    from srtracker.models import Clause, ClauseStatus, Contract
    from srtracker.services.decisions import set_counting_policy

    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    check(runner)
    sr1 = (
        Clause.select()
        .join(Contract)
        .where((Clause.code == "SR1") & (Contract.reference == "2026-HH-014"))
        .get()
    )
    assert ClauseStatus.get_by_id(sr1.id).realised == 2
    with app.app_context():
        set_counting_policy("Gemeente Apeldoorn", "on_approval", "test")
    assert ClauseStatus.get_by_id(sr1.id).realised == 0


def test_a_buyer_s_evidence_settings_are_stored_with_their_audit_entry(app, contracts, conn):
    from srtracker.services.decisions import set_evidence_settings

    with app.app_context():
        buyer = set_evidence_settings("gemeente  apeldoorn", True, 30, "test")
    assert (buyer.evidence_files, buyer.evidence_retention_days) == (True, 30)
    entry = AuditLog.select().where(AuditLog.entity == "organisation").get()
    assert (entry.action, entry.actor) == ("update", "test")
    assert json.loads(entry.changes) == {
        "evidence_files": [False, True],
        "evidence_retention_days": [0, 30],
    }


def test_a_decision_as_a_user_outside_its_buyers_is_refused_and_logged(
    runner, contracts, conn, users, caplog
):
    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    check(runner)
    outside = review(runner, "approve", "2026-HH-014", "SR1", "K-001", "--as", "adviseur@elders.nl")
    assert outside.exit_code == 1 and "unknown contract 2026-HH-014" in outside.output
    assert CandidateReview.select().count() == 0
    assert any("outside the scope" in r.message for r in caplog.records)
    served = review(
        runner, "approve", "2026-HH-014", "SR1", "K-001", "--as", "adviseur@srbureau.nl"
    )
    assert served.exit_code == 0, served.output
