"""What a clause should have realised by the reporting date E (compliance.md, "Expected at E")."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

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
    left, low = clause.start, Decimal(0)
    for right, high in (
        *((m.date, m.target) for m in clause.milestones),
        (clause.deadline, clause.target),
    ):
        if reporting_date <= right:
            break
        left, low = right, high
    # low + (high - low) * days / span in integers, one Fraction made at the end (exact:
    # the same value, and a Fraction is kept in lowest terms).
    (p_low, q_low), (p_high, q_high) = low.as_integer_ratio(), high.as_integer_ratio()
    days, span = (reporting_date - left).days, (right - left).days
    return Fraction(
        p_low * q_high * span + (p_high * q_low - p_low * q_high) * days, q_low * q_high * span
    )
