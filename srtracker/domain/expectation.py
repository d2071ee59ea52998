"""What a clause should have realised by the reporting date E (compliance.md, "Expected at E")."""

from datetime import date
from fractions import Fraction
from itertools import pairwise

from .contracts import Clause


def expected_at(clause: Clause, reporting_date: date | None) -> Fraction:
    """Piecewise linear through (start, 0), each milestone and (deadline, target), in days.

    Without milestones that is the straight line from the start to the deadline.
    ``None`` (no counting report) expects nothing.
    """
    if reporting_date is None or reporting_date <= clause.start:
        return Fraction(0)
    if reporting_date >= clause.deadline:
        return Fraction(clause.target)
    points = [
        (clause.start, Fraction(0)),
        *((m.date, Fraction(m.target)) for m in clause.milestones),
        (clause.deadline, Fraction(clause.target)),
    ]
    (left, low), (right, high) = next(
        segment for segment in pairwise(points) if reporting_date <= segment[1][0]
    )
    return low + (high - low) * (reporting_date - left).days / (right - left).days
