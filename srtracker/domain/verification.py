"""How much of a clause's realised figure the bureau has verified (issue 6, item 4).

Verification does not change what counts: it only tells how much of the
realised figure rests on candidates whose evidence the bureau has seen. The
figure is computed by the same rules as realised (``realised_at``), over the
counting rows of verified candidates only, so the two can never disagree on
what one row is worth.
"""

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from .compliance import ClauseResult, realised_at
from .contributions import Contribution


def verified_rows(result: ClauseResult, verified: Iterable[str]) -> tuple[Contribution, ...]:
    """The clause's counting rows whose candidate key the bureau verified."""
    keys = frozenset(verified)
    return tuple(row for row in result.counting if row.candidate_key in keys)


def verified_figure(result: ClauseResult, verified: Iterable[str]) -> Fraction | None:
    """Realised, restricted to verified candidates; None where realised is None (euros).

    ``verified`` holds candidate keys (trimmed, casefolded) with an active
    'verified' review for this clause. Persons: the verified distinct counting
    candidates; hours: the hours of the counting rows of verified candidates; euros: the
    values of those rows. None for a composite clause.
    """
    if result.realised is None or result.clause.composite:
        return None
    keys = frozenset(verified)
    if result.reporting_date is None or not keys:  # nothing verified yet: no row to add up
        return Fraction(0)
    if result.valuation is not None:  # euros: the values of the verified candidates' rows
        return Fraction(
            sum((v.value for v in result.valuation.rows if v.row.candidate_key in keys), Decimal(0))
        )
    return realised_at(result.clause, verified_rows(result, keys), result.reporting_date)
