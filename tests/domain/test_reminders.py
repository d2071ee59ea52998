from datetime import date
from decimal import Decimal

from srtracker.domain.contracts import Contract
from srtracker.domain.reminders import DUE_SOON, OVERDUE, reminders_due

CONTRACT = Contract(
    "T-1", "Test", "", "", Decimal(0), date(2026, 1, 1), date(2026, 12, 31), "quarterly", 30, ()
)


def kinds(today, accepted=frozenset(), days_before=7):
    return [
        (r.period.key, r.kind) for r in reminders_due(CONTRACT, set(accepted), today, days_before)
    ]


def test_no_reminder_before_the_window():
    assert kinds(date(2026, 4, 22)) == []


def test_reminder_on_the_first_day_of_the_window():
    assert kinds(date(2026, 4, 23)) == [("2026-Q1", DUE_SOON)]


def test_reminder_on_the_due_date_itself():
    assert kinds(date(2026, 4, 30)) == [("2026-Q1", DUE_SOON)]


def test_overdue_notice_from_the_day_after_the_due_date():
    assert kinds(date(2026, 5, 1)) == [("2026-Q1", OVERDUE)]


def test_no_reminder_once_the_report_is_accepted():
    assert kinds(date(2026, 4, 25), accepted={"2026-Q1"}) == []


def test_a_later_report_covers_an_earlier_period():
    assert kinds(date(2026, 8, 1), accepted={"2026-Q2"}) == []
