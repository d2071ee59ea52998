"""Durability follow-ups (sign-off.md): tasks at 6 and 12 months, and the shares, by hand."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from srtracker.domain.contributions import Contribution
from srtracker.domain.durability import durability_shares, follow_ups_due

E = date(2026, 6, 30)


def row(number, type_, end):
    return Contribution(
        number, f"K-{number}", "SR1", type_, date(2025, 1, 1), "wajong", end, Decimal(32)
    )


ROWS = (
    row(2, "placement", date(2025, 12, 31)),  # 6 months: 2026-06-30; 12: 2026-12-31
    row(3, "apprenticeship", date(2025, 8, 31)),  # 6: 2026-02-28 (EDATE clamps); 12: 2026-08-31
    row(4, "training", date(2025, 6, 30)),  # not a placement: no task
    row(5, "work_experience", None),  # ongoing: no task
    row(6, "placement", date(2026, 7, 31)),  # ends after E: not ended in the report
)


def due(as_of):
    return [(t.candidate_ref, t.months, t.due) for t in follow_ups_due("C", "SR1", ROWS, E, as_of)]


def test_a_placement_that_ended_6_months_ago_has_a_follow_up_task():
    assert due(date(2026, 6, 30)) == [
        ("K-2", 6, date(2026, 6, 30)),
        ("K-3", 6, date(2026, 2, 28)),
    ]


def test_the_12_month_task_comes_on_its_date():
    assert ("K-3", 12, date(2026, 8, 31)) in due(date(2026, 8, 31))
    assert ("K-3", 12, date(2026, 8, 31)) not in due(date(2026, 8, 30))


def test_nothing_is_due_the_day_before():
    assert due(date(2026, 2, 27)) == []


def test_shares_per_buyer_year_and_months():
    tasks = [
        ("Apeldoorn", date(2026, 6, 30), 6, "with_supplier"),
        ("Apeldoorn", date(2026, 2, 28), 6, "elsewhere"),
        ("Apeldoorn", date(2026, 3, 1), 6, "no"),
        ("Apeldoorn", date(2026, 3, 2), 6, "unknown"),
        ("Apeldoorn", date(2026, 4, 1), 6, None),
        ("Apeldoorn", date(2026, 8, 31), 12, None),
    ]
    six, twelve = durability_shares(tasks)
    # in work: 2 of the 3 with a real answer; unknown and unanswered: 2 without an answer
    assert (six.months, six.in_work, six.answered, six.unanswered) == (6, 2, 3, 2)
    assert six.share == Fraction(2, 3)
    assert (twelve.answered, twelve.unanswered, twelve.share) == (0, 1, None)
