"""Which reminders a supplier should get today (spec: scheduler reminders).

A reminder is due in the window of `days_before` days up to and including the
due date, for a period without an accepted report for it or a later period;
an overdue notice once the report is overdue. The window makes the daily job
catch up by itself after a day it did not run; the outbox makes it send once.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .contracts import Contract
from .periods import Period, contract_periods, due_date
from .status import covered, overdue_periods

DUE_SOON = "report_due_soon"
OVERDUE = "report_overdue"


@dataclass(frozen=True)
class Reminder:
    contract: str
    period: Period
    kind: str
    due: date


def reminders_due(
    contract: Contract, accepted_period_keys: set[str], today: date, days_before: int
) -> list[Reminder]:
    periods = contract_periods(contract.reporting, contract.start, contract.end)
    accepted_ends = [p.end for p in periods if p.key in accepted_period_keys]
    latest_accepted = max(accepted_ends, default=None)
    reminders = []
    for period in periods:
        due = due_date(period, contract.report_due_days)
        if (
            not covered(period, latest_accepted)
            and due - timedelta(days=days_before) <= today <= due
        ):
            reminders.append(Reminder(contract.reference, period, DUE_SOON, due))
    for period in overdue_periods(contract, accepted_period_keys, today):
        reminders.append(
            Reminder(
                contract.reference, period, OVERDUE, due_date(period, contract.report_due_days)
            )
        )
    return reminders
