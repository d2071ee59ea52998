"""After an upgrade: fill the read models a migration has just added.

A read model that only the stored check writes (the review queue, migration 0141)
starts empty; without this the bureau would see no candidate awaiting its decision
until the next night's check.
"""

from datetime import date
from decimal import Decimal

from ..store.checks import latest_check_run
from .checks import run_check

FILLED_BY_THE_CHECK = frozenset({"0141_waiting_candidates"})


def fill_new_read_models(applied: list[str], as_of: date, at_risk_ratio: Decimal) -> bool:
    """Run the stored check once when ``applied`` added such a read model to a database
    that had a stored check (a new database has nothing to fill)."""
    if FILLED_BY_THE_CHECK.isdisjoint(applied) or latest_check_run() is None:
        return False
    run_check(as_of, trigger="upgrade", actor="init", at_risk_ratio=at_risk_ratio)
    return True
