"""Sign-off (sign-off.md "Counting policy"): approvals, lapses and pending, worked by hand."""

from datetime import date
from decimal import Decimal

from srtracker.domain.compliance import check_contract
from srtracker.domain.contracts import Clause, Contract
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import AcceptedReport
from srtracker.domain.periods import parse_period
from srtracker.domain.signoff import (
    APPROVED,
    LAPSED,
    ON_APPROVAL,
    ON_REPORT,
    PENDING,
    REJECTED,
    Approval,
    ClauseSignOff,
    approval_of,
    counting_policy,
)

SR1 = Clause(
    "SR1",
    "Plaatsingen",
    "persons",
    Decimal(4),
    ("placement",),
    date(2026, 1, 1),
    date(2026, 12, 31),
    min_hours_per_week=Decimal(24),
)
SR2 = Clause(
    "SR2", "Uren", "hours", Decimal(1000), ("internship",), date(2026, 1, 1), date(2026, 12, 31)
)
CONTRACT = Contract(
    "2026-AP-001",
    "Schoonmaak",
    "Gemeente Apeldoorn",
    "Schoon B.V.",
    Decimal(100000),
    date(2026, 1, 1),
    date(2026, 12, 31),
    "quarterly",
    30,
    (SR1, SR2),
)
Q1 = (AcceptedReport(1, parse_period("quarterly", "2026-Q1")),)
AS_OF = date(2026, 4, 15)


def placement(row, ref, start=date(2026, 1, 5), group="participatiewet", hours=32):
    return Contribution(row, ref, "SR1", "placement", start, group, hours_per_week=Decimal(hours))


def internship(row, ref, start, hours):
    return Contribution(row, ref, "SR2", "internship", start, "nug", hours_per_week=Decimal(hours))


ROWS = (
    placement(2, "K-1"),
    placement(3, "K-2"),
    placement(4, "K-3", hours=12),  # below the minimum hours: excluded before condition 6
    # 14 h/week from 2026-03-04 to E 2026-03-31: 28 days, 14 * 28 / 7 = 56 h
    internship(5, "K-4", date(2026, 3, 4), 14),
    # 7 h/week from 2026-03-25: 7 days, 7 h
    internship(6, "K-5", date(2026, 3, 25), 7),
)


def check(policy, rejections=(), approvals=()):
    return check_contract(
        CONTRACT, Q1, ROWS, rejections, AS_OF, approvals=approvals, policy=policy
    ).clauses


def approve(row):
    return (row.clause, row.candidate_ref, approval_of([row]))


def test_the_contract_file_overrides_its_buyer_policy():
    assert counting_policy(ON_REPORT, ON_APPROVAL) == ON_APPROVAL
    assert counting_policy(ON_APPROVAL, None) == ON_APPROVAL
    assert counting_policy(None, None) == ON_REPORT


def test_on_approval_nothing_counts_until_the_bureau_approves():
    sr1, sr2 = check(ON_APPROVAL)
    assert (sr1.realised, sr2.realised) == (0, 0)
    assert sr1.excluded_counts == {"below_min_hours": 1, "not_approved": 2}
    assert sr2.excluded_counts == {"not_approved": 2}


def test_pending_is_realised_over_the_rows_awaiting_approval():
    sr1, sr2 = check(ON_APPROVAL)
    assert sr1.pending == 2  # K-1 and K-2; K-3 stays out (below the minimum hours)
    assert sr2.pending == 56 + 7


def test_approving_counts_the_candidate_and_the_rest_stays_pending():
    sr1, sr2 = check(ON_APPROVAL, approvals=[approve(ROWS[0]), approve(ROWS[3])])
    assert (sr1.realised, sr1.pending) == (1, 2)
    assert (sr2.realised, sr2.pending) == (56, 63)


def test_under_on_report_pending_equals_realised_and_an_approval_changes_nothing():
    plain = check(ON_REPORT)
    approved = check(ON_REPORT, approvals=[approve(ROWS[0])])
    assert [r.realised for r in plain] == [r.realised for r in approved] == [2, 63]
    assert [r.pending for r in plain] == [2, 63]


def test_a_rejection_comes_before_not_approved():
    sr1, _ = check(ON_APPROVAL, rejections=[("SR1", " k-1 ")])
    assert [(e.row.candidate_ref, e.reason) for e in sr1.excluded] == [
        ("K-1", "rejected_by_bureau"),
        ("K-2", "not_approved"),
        ("K-3", "below_min_hours"),
    ]
    assert sr1.pending == 1  # a rejected candidate is not pending


def test_approving_a_row_that_fails_conditions_1_to_5_changes_nothing():
    sr1, _ = check(ON_APPROVAL, approvals=[approve(ROWS[2])])
    assert sr1.realised == 0
    assert ("K-3", "below_min_hours") in [(e.row.candidate_ref, e.reason) for e in sr1.excluded]


def test_a_new_target_group_lapses_the_approval():
    approval = approval_of([ROWS[0]])
    later = placement(2, "K-1", group="wajong")
    result = check_contract(
        CONTRACT, Q1, (later,), (), AS_OF, approvals=[("SR1", "K-1", approval)], policy=ON_APPROVAL
    ).clauses[0]
    assert result.realised == 0 and result.pending == 1
    assert [e.reason for e in result.excluded] == ["approval_lapsed"]


def test_a_new_end_date_or_hours_keep_the_approval():
    approval = approval_of([ROWS[0]])
    later = ROWS[0]._replace(end_date=date(2026, 3, 31), hours_per_week=Decimal(36))
    assert approval.holds_for(later)


def test_restoring_the_approved_values_restores_the_approval():
    approval = approval_of([ROWS[0]])
    changed = ROWS[0]._replace(start_date=date(2026, 1, 6))
    assert not approval.holds_for(changed)
    assert approval.holds_for(changed._replace(start_date=date(2026, 1, 5)))


def test_an_approval_records_the_row_with_the_latest_start():
    first = placement(2, "K-1", start=date(2026, 1, 5))
    second = placement(3, "K-1", start=date(2026, 2, 20), group="wajong")
    assert approval_of([second, first]) == Approval("placement", "wajong", date(2026, 2, 20))


def test_the_supplier_sees_approved_pending_lapsed_and_rejected():
    approval = approval_of([ROWS[0]])
    as_wajong = approval._replace(target_group="wajong")
    sign_off = ClauseSignOff(ON_APPROVAL, frozenset({"k-2"}), {"k-1": approval, "k-3": as_wajong})
    assert sign_off.state("k-1", ROWS) == APPROVED
    assert sign_off.state("k-2", ROWS) == REJECTED
    assert sign_off.state("k-3", ROWS) == LAPSED  # approved as wajong, reported as bijstand
    assert sign_off.state("k-4", ROWS) == PENDING
