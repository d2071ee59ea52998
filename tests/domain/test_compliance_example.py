"""The worked example of cli.md, ``check --json``, reproduced from contract-file.md's contract."""

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

from srtracker.domain.check_json import check_json
from srtracker.domain.compliance import check_contract
from srtracker.domain.contracts import Clause, Contract, Milestone
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import AcceptedReport
from srtracker.domain.flag_rules import decide_flags
from srtracker.domain.periods import parse_period

CONTRACT = Contract(
    reference="2026-HH-014",
    title="Hulp bij het huishouden, perceel Noord",
    buyer="Gemeente Apeldoorn",
    supplier="Thuiszorg Oost B.V.",
    value_eur=Decimal(2400000),
    start=date(2026, 1, 1),
    end=date(2027, 12, 31),
    reporting="quarterly",
    report_due_days=30,
    clauses=(
        Clause(
            "SR1",
            "Plaatsingen vanuit de bijstand",
            "persons",
            Decimal(10),
            ("placement",),
            date(2026, 1, 1),
            date(2027, 12, 31),
            eligible_groups=("participatiewet", "wajong"),
            min_hours_per_week=Decimal(24),
            min_duration_months=6,
            milestones=(Milestone(date(2026, 12, 31), Decimal(4)),),
        ),
        Clause(
            "SR2",
            "Uren opleiding en stage",
            "hours",
            Decimal(4000),
            ("training", "internship", "apprenticeship"),
            date(2026, 1, 1),
            date(2027, 12, 31),
        ),
    ),
)

Q1_ROWS = (
    Contribution(
        2,
        "K-001",
        "SR1",
        "placement",
        date(2026, 1, 5),
        "participatiewet",
        hours_per_week=Decimal(32),
    ),
    Contribution(
        3, "K-002", "SR1", "placement", date(2026, 2, 1), "wajong", hours_per_week=Decimal(24)
    ),
    Contribution(
        4,
        "K-003",
        "SR1",
        "placement",
        date(2026, 3, 2),
        "participatiewet",
        hours_per_week=Decimal(36),
    ),
    Contribution(
        5, "K-004", "SR1", "placement", date(2026, 3, 2), "ww", hours_per_week=Decimal(36)
    ),
    # 8 h/week over 56 days (2026-02-04..03-31) + 14 h/week over 28 days (03-04..03-31) = 64 + 56 = 120 h
    Contribution(6, "K-010", "SR2", "training", date(2026, 2, 4), "nug", hours_per_week=Decimal(8)),
    Contribution(
        7, "K-011", "SR2", "internship", date(2026, 3, 4), "nug", hours_per_week=Decimal(14)
    ),
)
REPORTS = (AcceptedReport(1, parse_period("quarterly", "2026-Q1"), newest=1),)
AS_OF = date(2026, 8, 15)

EXPECTED_JSON = """
{"as_of": "2026-08-15",
 "clauses": [{"contract": "2026-HH-014", "clause": "SR1", "measure": "persons", "target": 10,
              "realised": 3, "expected": 0.98, "status": "on_track", "report_period": "2026-Q1"},
             {"contract": "2026-HH-014", "clause": "SR2", "measure": "hours", "target": 4000,
              "realised": 120.0, "expected": 488.34, "status": "behind", "report_period": "2026-Q1"}],
 "flags_opened": [{"contract": "2026-HH-014", "clause": "SR2", "kind": "behind", "period": null},
                  {"contract": "2026-HH-014", "clause": null, "kind": "report_overdue", "period": "2026-Q2"}],
 "flags_resolved": [],
 "open_flags": [{"contract": "2026-HH-014", "clause": "SR2", "kind": "behind", "period": null},
                {"contract": "2026-HH-014", "clause": null, "kind": "report_overdue", "period": "2026-Q2"}]}
"""


def run_check():
    check = check_contract(CONTRACT, REPORTS, Q1_ROWS, (), AS_OF)
    decision = decide_flags([check], open_flags=(), suppressions=(), as_of=AS_OF)
    return check, decision


def test_reporting_date_is_the_end_of_the_q1_report_not_d():
    check, _ = run_check()
    assert check.counting.period.key == "2026-Q1"
    assert {r.reporting_date for r in check.clauses} == {date(2026, 3, 31)}


def test_sr1_expected_follows_the_first_milestone_4_times_89_over_364():
    check, _ = run_check()
    sr1 = check.clauses[0]
    assert sr1.expected == Fraction(4 * 89, 364)
    assert (sr1.realised, sr1.status) == (3, "on_track")
    assert [(e.row.candidate_ref, e.reason) for e in sr1.excluded] == [
        ("K-004", "ineligible_group")
    ]


def test_sr2_expected_is_linear_4000_times_89_over_729():
    check, _ = run_check()
    sr2 = check.clauses[1]
    assert sr2.expected == Fraction(4000 * 89, 729)
    assert (sr2.realised, sr2.status) == (120, "behind")


def test_check_json_matches_cli_md_exactly():
    check, decision = run_check()
    document = check_json(
        AS_OF, [check], decision.opened, decision.resolved, decision.open_after(())
    )
    printed = json.loads(json.dumps(document))
    sign_off = [{k: c.pop(k) for k in ("excluded", "pending")} for c in printed["clauses"]]
    assert printed == json.loads(EXPECTED_JSON)
    assert '"realised": 120.0' in json.dumps(document) and '"realised": 3,' in json.dumps(document)
    assert sign_off == [
        {"excluded": {"ineligible_group": 1}, "pending": 3},
        {"excluded": {}, "pending": 120.0},
    ]
