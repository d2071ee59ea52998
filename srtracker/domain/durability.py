"""Durability: does a person still work 6 and 12 months after a placement ended (sign-off.md).

For every placement that counted and ended, the bureau gets a follow-up task at
6 and at 12 months after its end date; the bureau or the supplier answers it.
The council report gives, per buyer and year, the share still in work among
the answered tasks, and how many have no answer.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from .periods import edate

PLACEMENT_TYPES = ("placement", "apprenticeship", "work_experience")
FOLLOW_UP_MONTHS = (6, 12)
WITH_SUPPLIER = "with_supplier"
ELSEWHERE = "elsewhere"
NOT_IN_WORK = "no"
UNKNOWN = "unknown"
ANSWERS = (WITH_SUPPLIER, ELSEWHERE, NOT_IN_WORK, UNKNOWN)
IN_WORK = (WITH_SUPPLIER, ELSEWHERE)


class FollowUp(NamedTuple):
    """One task: the placement (contract, clause, candidate, end date) and the months after."""

    contract: str
    clause: str
    candidate_ref: str
    end_date: date
    months: int
    due: date

    @property
    def key(self) -> tuple[str, str, str, date, int]:
        return (
            self.contract.strip().casefold(),
            self.clause.strip().casefold(),
            self.candidate_ref.strip().casefold(),
            self.end_date,
            self.months,
        )


def follow_ups_due(contract: str, clause: str, counting, reporting_date: date, as_of: date):
    """The tasks due by D for the clause's counting placements that ended by E."""
    # One comprehension over the rows (most have no end date yet), then the few tasks.
    ended = [
        row
        for row in counting
        if row.end_date is not None
        and row.end_date <= reporting_date
        and row.type in PLACEMENT_TYPES
    ]
    for row in ended:
        for months in FOLLOW_UP_MONTHS:
            due = edate(row.end_date, months)
            if due <= as_of:
                yield FollowUp(
                    contract, clause, row.candidate_ref.strip(), row.end_date, months, due
                )


@dataclass(frozen=True)
class Share:
    """Per buyer, year (of the task's due date) and 6 or 12 months."""

    buyer: str
    year: int
    months: int
    in_work: int
    answered: int
    unanswered: int

    @property
    def share(self) -> Fraction | None:
        """Still in work among the answered; None when nobody answered."""
        return Fraction(self.in_work, self.answered) if self.answered else None


def durability_shares(tasks: Iterable[tuple[str, date, int, str | None]]) -> list[Share]:
    """(buyer, due date, months, answer or None) tasks as shares, by buyer, year, months.

    ``unknown`` is an answer that says nothing: it counts with the unanswered,
    so the share rests only on what the bureau or the supplier knows.
    """
    counts: dict[tuple[str, int, int], list[int]] = {}
    for buyer, due, months, answer in tasks:
        counted = counts.setdefault((buyer, due.year, months), [0, 0, 0])
        if answer in IN_WORK:
            counted[0] += 1
        if answer in (*IN_WORK, NOT_IN_WORK):
            counted[1] += 1
        else:
            counted[2] += 1
    return [Share(b, y, m, *counts[b, y, m]) for b, y, m in sorted(counts)]
