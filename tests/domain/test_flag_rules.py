"""The flag life cycle of compliance.md, "Flags", as examples of decide_flags."""

from datetime import date
from decimal import Decimal

from srtracker.domain.compliance import ClauseResult, ContractCheck
from srtracker.domain.contracts import Clause
from srtracker.domain.flag_rules import Flag, StatusChange, decide_flags, suppression_for
from srtracker.domain.periods import parse_period

D = date(2026, 8, 15)
REF = "2026-HH-014"


def check(status="on_track", *overdue, contract=REF, code="SR2"):
    clause = Clause(
        code, "Uren", "hours", Decimal(4000), ("training",), date(2026, 1, 1), date(2027, 12, 31)
    )
    result = ClauseResult(contract, clause, status, None, None, None, None, (), ())
    return ContractCheck(
        contract, D, None, tuple(parse_period("quarterly", p) for p in overdue), (result,)
    )


def status_flag(kind, id=1, clause="SR2"):
    return Flag(REF, clause, kind, id=id)


def overdue_flag(period, id=9):
    return Flag(REF, None, "report_overdue", period, id=id)


def decide(*checks, open_flags=(), suppressions=(), previous_status=None, as_of=D):
    return decide_flags(checks, open_flags, suppressions, as_of, previous_status)


def test_a_status_with_a_flag_opens_one():
    assert decide(check("behind")).opened == (Flag(REF, "SR2", "behind"),)


def test_statuses_without_a_flag_open_nothing():
    for status in ("not_started", "not_evaluated", "met", "no_report", "on_track"):
        assert decide(check(status)).opened == ()


def test_one_report_overdue_flag_per_overdue_period():
    assert decide(check("on_track", "2026-Q1", "2026-Q2")).opened == (
        Flag(REF, None, "report_overdue", "2026-Q1"),
        Flag(REF, None, "report_overdue", "2026-Q2"),
    )


def test_running_the_same_check_twice_opens_nothing_new():
    first = decide(check("failed", "2026-Q2"))
    stored = [
        Flag(f.contract, f.clause, f.kind, f.period, id=n) for n, f in enumerate(first.opened)
    ]
    second = decide(check("failed", "2026-Q2"), open_flags=stored)
    assert (second.opened, second.resolved) == ((), ())


def test_an_acknowledged_flag_counts_as_open_and_is_not_duplicated():
    assert decide(check("at_risk"), open_flags=[status_flag("at_risk")]).opened == ()


def test_a_status_change_resolves_flags_of_other_kinds_with_the_reason():
    decision = decide(check("on_track"), open_flags=[status_flag("behind")])
    assert [(r.flag.id, r.reason) for r in decision.resolved] == [
        (1, "status is now on_track as of 2026-08-15")
    ]


def test_a_worse_status_resolves_the_milder_flag_and_opens_its_own():
    decision = decide(check("failed"), open_flags=[status_flag("behind")])
    assert [r.flag.kind for r in decision.resolved] == ["behind"]
    assert decision.opened == (Flag(REF, "SR2", "failed"),)


def test_open_after_lists_remaining_and_new_flags():
    open_flags = [status_flag("behind"), overdue_flag("2026-Q1")]
    decision = decide(check("failed", "2026-Q1"), open_flags=open_flags)
    assert decision.open_after(open_flags) == [overdue_flag("2026-Q1"), Flag(REF, "SR2", "failed")]


def test_report_overdue_resolves_when_its_period_is_no_longer_overdue():
    decision = decide(check("on_track", "2026-Q2"), open_flags=[overdue_flag("2026-Q1")])
    assert [(r.flag.period, r.reason) for r in decision.resolved] == [
        ("2026-Q1", "report for 2026-Q1 or a later period accepted as of 2026-08-15")
    ]


def test_a_still_overdue_period_keeps_its_flag():
    assert decide(check("on_track", "2026-Q1"), open_flags=[overdue_flag("2026-Q1")]).resolved == ()


def test_a_status_flag_closed_by_hand_is_not_reopened_at_the_same_status():
    closed = suppression_for(status_flag("behind"))
    decision = decide(check("behind"), suppressions=[closed])
    assert (decision.opened, decision.cleared) == ((), ())


def test_a_status_flag_closed_by_hand_stays_closed_at_a_milder_status_in_between():
    closed = suppression_for(status_flag("behind"))
    mild = decide(check("at_risk"), suppressions=[closed])
    assert mild.opened == (Flag(REF, "SR2", "at_risk"),) and mild.cleared == ()
    assert decide(check("behind"), suppressions=[closed]).opened == ()


def test_a_better_status_lifts_the_hand_closed_suppression():
    closed = suppression_for(status_flag("behind"))
    assert decide(check("on_track"), suppressions=[closed]).cleared == (closed,)
    assert decide(check("met"), suppressions=[closed]).cleared == (closed,)


def test_a_hand_closed_flag_reopens_after_a_check_found_a_better_status_in_between():
    suppressions = {suppression_for(status_flag("behind"))}
    for status in ("on_track", "at_risk"):
        suppressions -= set(decide(check(status), suppressions=suppressions).cleared)
    assert decide(check("behind"), suppressions=suppressions).opened == (
        Flag(REF, "SR2", "behind"),
    )


def test_a_more_severe_status_lifts_the_suppression_and_opens_its_own_flag():
    closed = suppression_for(status_flag("behind"))
    decision = decide(check("failed"), suppressions=[closed])
    assert decision.cleared == (closed,) and decision.opened == (Flag(REF, "SR2", "failed"),)


def test_a_hand_closed_failed_flag_is_lifted_only_by_a_better_status():
    closed = suppression_for(status_flag("failed"))
    assert decide(check("failed"), suppressions=[closed]).opened == ()
    assert decide(check("no_report"), suppressions=[closed]).cleared == ()


def test_a_hand_closed_report_overdue_flag_is_never_reopened_for_that_period():
    closed = suppression_for(overdue_flag("2026-Q2"))
    decision = decide(check("met", "2026-Q2"), suppressions=[closed])
    assert (decision.opened, decision.cleared) == ((), ())


def test_matching_is_trimmed_and_case_insensitive():
    decision = decide(
        check("behind", "2026-Q2"),
        open_flags=[
            Flag(" 2026-hh-014", "sr2 ", "behind", id=1),
            Flag("2026-HH-014", None, "report_overdue", "2026-q2", id=2),
        ],
    )
    assert (decision.opened, decision.resolved) == ((), ())


def test_flags_of_contracts_not_checked_are_left_alone():
    decision = decide(
        check("on_track", contract="2026-OTHER"),
        open_flags=[status_flag("behind"), overdue_flag("2026-Q1")],
    )
    assert decision.resolved == ()


def test_status_changes_are_reported_against_the_previous_stored_status():
    decision = decide(check("behind"), previous_status={(REF, "SR2"): "on_track"})
    assert decision.status_changes == (StatusChange(REF, "SR2", "on_track", "behind"),)
    assert decide(check("behind"), previous_status={(REF, "SR2"): "behind"}).status_changes == ()
