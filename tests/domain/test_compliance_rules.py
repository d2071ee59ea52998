"""compliance.md as examples: counting report, rows that count, realised, expected, status, overdue."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from srtracker.domain.check_json import json_figure
from srtracker.domain.compliance import check_contract
from srtracker.domain.contracts import Clause, Contract, Milestone
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import (
    AcceptedReport,
    counting_report,
    exclusion_reason,
    realised_hours,
)
from srtracker.domain.expectation import expected_at
from srtracker.domain.figures import round_half_up
from srtracker.domain.periods import parse_period
from srtracker.domain.status import clause_status, overdue_periods

E = date(2026, 12, 31)
STRICT = Clause(
    "SR1",
    "Plaatsingen",
    "persons",
    Decimal(10),
    ("placement",),
    date(2026, 1, 1),
    date(2027, 12, 31),
    eligible_groups=("participatiewet", "wajong"),
    min_hours_per_week=Decimal(24),
    min_duration_months=6,
)
HOURS = Clause(
    "SR2", "Uren", "hours", Decimal(4000), ("training",), date(2026, 1, 1), date(2027, 12, 31)
)
CONTRACT = Contract(
    "2026-HH-014",
    "Huishouden",
    "Apeldoorn",
    "Thuiszorg Oost",
    Decimal(0),
    date(2026, 1, 1),
    date(2027, 12, 31),
    "quarterly",
    30,
    (STRICT, HOURS),
)


def row(
    start=date(2026, 2, 1),
    end=None,
    *,
    candidate="K-001",
    clause="SR1",
    type="placement",
    group="participatiewet",
    hours=Decimal(32),
    number=2,
):
    return Contribution(number, candidate, clause, type, start, group, end, hours)


def report(key, report_id=1, newest=0):
    return AcceptedReport(report_id, parse_period("quarterly", key), newest)


def reason(contribution, clause=STRICT, reporting_date=E, rejected=frozenset()):
    return exclusion_reason(clause, contribution, reporting_date, rejected)


# The counting report and E


def test_counting_report_is_the_latest_period_ended_on_or_before_d():
    reports = [report("2026-Q1", 1), report("2026-Q2", 2)]
    assert counting_report(reports, date(2026, 6, 30)).report_id == 2


def test_counting_report_ignores_a_period_that_has_not_ended_on_d():
    reports = [report("2026-Q1", 1), report("2026-Q2", 2)]
    assert counting_report(reports, date(2026, 6, 29)).report_id == 1


def test_counting_report_is_the_newest_upload_of_its_period():
    reports = [report("2026-Q1", 1, newest=5), report("2026-Q1", 2, newest=3)]
    assert counting_report(reports, E).report_id == 1


def test_no_counting_report_before_the_first_reported_period_ends():
    assert counting_report([report("2026-Q1")], date(2026, 3, 30)) is None


# Which rows count: each condition at its boundary


def test_a_row_meeting_every_condition_counts():
    assert reason(row()) is None


def test_type_not_accepted():
    assert reason(row(type="internship")) == "type_not_accepted"


def test_ineligible_group():
    assert reason(row(group="ww")) == "ineligible_group"


def test_without_eligible_groups_every_group_counts():
    assert reason(row(group="ww"), clause=replace(STRICT, eligible_groups=())) is None


def test_before_clause_start_on_the_day_before_the_start():
    assert reason(row(date(2025, 12, 31))) == "before_clause_start"


def test_a_row_starting_on_the_clause_start_counts():
    assert reason(row(date(2026, 1, 1))) is None


def test_after_deadline_on_the_day_after_the_deadline():
    assert reason(row(date(2028, 1, 1)), reporting_date=date(2028, 3, 31)) == "after_deadline"


def test_a_row_starting_on_the_deadline_counts():
    assert reason(row(date(2027, 12, 31)), reporting_date=date(2028, 3, 31)) is None


def test_below_min_hours_just_under_the_minimum():
    assert reason(row(hours=Decimal("23.99"))) == "below_min_hours"


def test_exactly_the_minimum_hours_counts():
    assert reason(row(hours=Decimal(24))) is None


def test_without_min_hours_few_hours_count():
    assert reason(row(hours=Decimal(1)), clause=replace(STRICT, min_hours_per_week=None)) is None


@pytest.mark.parametrize(
    "months, start, earliest_end",
    [
        (1, date(2026, 1, 31), date(2026, 2, 27)),  # spec: EDATE clamps to 28 Feb, minus a day
        (6, date(2026, 8, 31), date(2027, 2, 27)),  # spec
        (1, date(2028, 1, 31), date(2028, 2, 28)),  # leap year: EDATE gives 29 Feb
        (6, date(2026, 2, 1), date(2026, 7, 31)),
        (12, date(2027, 2, 28), date(2028, 2, 27)),
    ],
)
def test_ended_early_one_day_before_edate_minus_one(months, start, earliest_end):
    clause = replace(STRICT, min_duration_months=months, deadline=date(2030, 1, 1))
    one_day_short = row(start, earliest_end - timedelta(days=1))
    assert reason(one_day_short, clause, reporting_date=date(2029, 1, 1)) == "ended_early"
    assert reason(row(start, earliest_end), clause, reporting_date=date(2029, 1, 1)) is None


def test_a_short_row_still_ongoing_at_e_counts():
    assert reason(row(date(2026, 12, 1), end=date(2027, 1, 15))) is None


def test_a_short_row_ending_on_e_is_ended_early():
    assert reason(row(date(2026, 12, 1), end=E)) == "ended_early"


def test_rejected_by_bureau():
    assert reason(row(), rejected=frozenset({"k-001"})) == "rejected_by_bureau"


def test_rejections_match_candidates_trimmed_and_case_insensitively():
    result = check_contract(
        CONTRACT, [report("2026-Q4")], [row(candidate=" k-001 ")], [(" sr1", "K-001 ")], E
    )
    assert [e.reason for e in result.clauses[0].excluded] == ["rejected_by_bureau"]


def test_a_rejection_under_another_clause_does_not_exclude():
    result = check_contract(CONTRACT, [report("2026-Q4")], [row()], [("SR2", "K-001")], E)
    assert result.clauses[0].realised == 1


def test_the_first_failing_condition_wins():
    assert reason(row(type="internship", group="ww", hours=Decimal(1))) == "type_not_accepted"
    assert (
        reason(row(group="ww", hours=Decimal(1)), rejected=frozenset({"k-001"}))
        == "ineligible_group"
    )


# Realised at E


def test_persons_are_distinct_candidates_among_the_rows_that_count():
    rows = [
        row(date(2026, 2, 1), date(2026, 8, 31)),
        row(date(2026, 9, 1), candidate="k-001 ", number=3),
        row(candidate="K-002", number=4),
    ]
    assert check_contract(CONTRACT, [report("2026-Q4")], rows, (), E).clauses[0].realised == 2


def test_rows_of_other_clauses_are_not_considered():
    rows = [row(clause="sr2", type="training")]
    result = check_contract(CONTRACT, [report("2026-Q4")], rows, (), E)
    assert (result.clauses[0].realised, result.clauses[1].realised) == (0, Fraction(32 * 334, 7))


def test_hours_count_both_the_first_and_the_last_day():
    one_day = row(date(2026, 3, 3), date(2026, 3, 3), type="training", hours=Decimal(10))
    assert realised_hours(HOURS, [one_day], E) == Fraction(10, 7)


def test_hours_stop_at_e():
    ongoing = row(date(2026, 12, 25), type="training", hours=Decimal(7))
    assert realised_hours(HOURS, [ongoing], E) == 7


def test_hours_stop_at_the_deadline():
    clause = replace(HOURS, deadline=date(2026, 12, 30))
    assert (
        realised_hours(clause, [row(date(2026, 12, 25), type="training", hours=Decimal(7))], E) == 6
    )


def test_hours_are_exact_for_decimal_hours():
    rows = [
        row(date(2026, 12, 31), type="training", hours=Decimal("0.1"), number=n) for n in range(3)
    ]
    assert realised_hours(HOURS, rows, E) == Fraction(3, 70)


def test_without_counting_report_realised_is_zero_and_no_row_is_considered():
    result = check_contract(CONTRACT, [], [row()], (), E).clauses[0]
    assert (result.realised, result.counting, result.excluded, result.report_period) == (
        0,
        (),
        (),
        None,
    )


# Expected at E

LINEAR = replace(HOURS, target=Decimal(364), deadline=date(2026, 12, 31))
MILESTONES = replace(
    LINEAR,
    milestones=(Milestone(date(2026, 3, 1), Decimal(10)), Milestone(date(2026, 7, 1), Decimal(10))),
)


def test_nothing_is_expected_without_counting_report():
    assert expected_at(LINEAR, None) == 0


def test_nothing_is_expected_before_or_at_the_clause_start():
    assert expected_at(LINEAR, date(2025, 12, 31)) == expected_at(LINEAR, date(2026, 1, 1)) == 0


def test_the_target_is_expected_at_and_after_the_deadline():
    assert expected_at(LINEAR, date(2026, 12, 31)) == expected_at(LINEAR, date(2027, 3, 31)) == 364


def test_without_milestones_expected_is_linear_in_days():
    assert expected_at(LINEAR, date(2026, 1, 2)) == 1
    assert expected_at(LINEAR, date(2026, 3, 31)) == 89


def test_at_a_milestone_date_its_target_is_expected():
    assert expected_at(MILESTONES, date(2026, 3, 1)) == 10


def test_between_start_and_first_milestone_expected_is_linear():
    assert expected_at(MILESTONES, date(2026, 1, 30)) == Fraction(10 * 29, 59)


def test_a_flat_stretch_between_equal_milestones_expects_the_same():
    assert expected_at(MILESTONES, date(2026, 5, 1)) == 10


def test_after_the_last_milestone_expected_rises_to_the_target():
    assert expected_at(MILESTONES, date(2026, 7, 2)) == 10 + Fraction(354, 183)


def test_expected_is_the_line_through_fractional_milestones_exactly_on_every_day():
    clause = replace(
        LINEAR,
        target=Decimal("12.75"),
        milestones=(
            Milestone(date(2026, 2, 10), Decimal("0.3")),
            Milestone(date(2026, 6, 1), Decimal("7.125")),
        ),
    )
    points = [(clause.start, Fraction(0))]
    points += [(m.date, Fraction(m.target)) for m in clause.milestones]
    points += [(clause.deadline, Fraction(clause.target))]
    day = clause.start + timedelta(days=1)
    while day < clause.deadline:
        (left, low), (right, high) = next(
            (a, b) for a, b in zip(points, points[1:], strict=False) if day <= b[0]
        )
        line = low + (high - low) * Fraction((day - left).days, (right - left).days)
        assert (expected_at(clause, day), type(expected_at(clause, day))) == (line, Fraction)
        day += timedelta(days=1)


# Status, first row that applies


def status(
    as_of=E,
    realised=Fraction(5),
    expected=Fraction(5),
    reporting_date=E,
    clause=STRICT,
    deadline_report_overdue=False,
    **kw,
):
    return clause_status(
        clause, as_of, reporting_date, realised, expected, deadline_report_overdue, **kw
    )


def test_not_started_the_day_before_the_clause_start():
    assert status(as_of=date(2025, 12, 31), realised=Fraction(10)) == "not_started"


def test_started_on_the_clause_start():
    assert status(as_of=date(2026, 1, 1)) == "on_track"


def test_not_evaluated_for_euros():
    assert status(realised=None, expected=None) == "not_evaluated"


def test_met_when_realised_reaches_the_target_even_after_the_deadline():
    assert status(as_of=date(2028, 6, 1), realised=Fraction(10)) == "met"


def test_failed_after_the_deadline_once_the_final_figures_are_in():
    assert status(as_of=date(2028, 1, 1), reporting_date=date(2027, 12, 31)) == "failed"


def test_not_failed_on_the_deadline_itself():
    assert status(as_of=date(2027, 12, 31), reporting_date=date(2027, 12, 31)) == "on_track"


def test_failed_after_the_deadline_when_the_deadline_report_is_overdue():
    assert (
        status(
            as_of=date(2028, 2, 1), reporting_date=date(2027, 9, 30), deadline_report_overdue=True
        )
        == "failed"
    )


def test_not_failed_while_the_deadline_report_is_not_yet_overdue():
    assert status(as_of=date(2028, 1, 15), reporting_date=date(2027, 9, 30)) == "on_track"


def test_no_report():
    assert status(reporting_date=None, realised=Fraction(0), expected=Fraction(0)) == "no_report"


def test_on_track_when_realised_equals_expected():
    assert status(realised=Fraction(5), expected=Fraction(5)) == "on_track"


def test_at_risk_at_exactly_the_ratio():
    assert status(realised=Fraction(4), expected=Fraction(5)) == "at_risk"


def test_behind_just_under_the_ratio():
    assert status(realised=Fraction(4), expected=Fraction(5) + Fraction(1, 10**9)) == "behind"


def test_at_risk_ratio_is_a_parameter():
    assert (
        status(realised=Fraction(4), expected=Fraction(5), at_risk_ratio=Decimal("0.81"))
        == "behind"
    )


def test_a_late_cumulative_report_turns_failed_into_met():
    rows = [row(candidate=f"K-{n}", number=n) for n in range(10)]
    late = check_contract(CONTRACT, [report("2027-Q4")], rows, (), date(2028, 6, 1))
    assert late.clauses[0].status == "met"


def test_failed_through_check_contract_when_the_deadline_period_is_overdue():
    result = check_contract(CONTRACT, [report("2027-Q3")], [row()], (), date(2028, 1, 31))
    assert result.clauses[0].status == "failed"


# report_overdue


def test_a_report_is_not_overdue_on_its_due_date():
    assert overdue_periods(CONTRACT, [], date(2026, 4, 30)) == ()


def test_a_report_is_overdue_from_the_day_after_its_due_date():
    assert [p.key for p in overdue_periods(CONTRACT, [], date(2026, 5, 1))] == ["2026-Q1"]


def test_an_accepted_report_for_a_later_period_clears_earlier_ones():
    assert [p.key for p in overdue_periods(CONTRACT, ["2026-Q2"], date(2026, 11, 1))] == ["2026-Q3"]


def test_the_last_period_ends_at_its_calendar_end_when_the_contract_ends_earlier():
    contract = replace(CONTRACT, end=date(2026, 5, 15))
    assert [p.key for p in overdue_periods(contract, ["2026-Q1"], date(2026, 7, 31))] == ["2026-Q2"]
    assert overdue_periods(contract, ["2026-Q1"], date(2026, 7, 30)) == ()


def test_no_period_after_the_contract_is_overdue():
    contract = replace(CONTRACT, end=date(2026, 5, 15))
    assert overdue_periods(contract, ["2026-Q2"], date(2030, 1, 1)) == ()


# euros and the valuation seam

EUROS = replace(HOURS, code="SR3", measure="euros", accepts=("social_purchase",))


def test_euros_are_not_evaluated_without_valuation():
    result = check_contract(
        replace(CONTRACT, clauses=(EUROS,)), [report("2026-Q4")], [], (), E
    ).clauses[0]
    assert (result.status, result.realised, result.expected) == ("not_evaluated", None, None)


def test_a_valuation_plugs_into_euros():
    result = check_contract(
        replace(CONTRACT, clauses=(EUROS,)),
        [report("2026-Q4")],
        [],
        (),
        E,
        valuation=lambda clause, rows, day: Decimal(4000),
    ).clauses[0]
    assert (result.status, result.realised) == ("met", 4000)


# Figures as shown


def test_figures_round_half_up_to_two_decimals():
    assert round_half_up(Fraction(1, 200)) == Decimal("0.01")
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")
    assert round_half_up(Fraction(1, 3)) == Decimal("0.33")


def test_whole_persons_and_targets_print_as_integers():
    assert json_figure(Fraction(3), whole_as_int=True) == 3 and isinstance(
        json_figure(3, True), int
    )


def test_hours_and_expected_print_as_numbers_with_two_decimals_at_most():
    assert json_figure(Fraction(120)) == 120.0 and json_figure(Fraction(356000, 729)) == 488.34


def test_a_fractional_target_prints_as_a_number():
    assert json_figure(Decimal("1500.5"), whole_as_int=True) == 1500.5
