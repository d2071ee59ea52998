"""The ``double_counted`` flag's life cycle (sign-off.md, the person ledger).

A check opens one flag per (contract, clause, person) the ledger finds counted
twice without a decision that holds, and resolves an open one that the ledger
no longer finds, but only on the contracts it checked.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from .contracts import code_key
from .flags import Flag, Resolution
from .ledger import DOUBLE_COUNTED, DoubleCount


def flag_key(flag: Flag) -> tuple[str, str, str]:
    return (code_key(flag.contract), code_key(flag.clause or ""), code_key(flag.candidate or ""))


def decide_double_counts(
    found: Mapping[tuple[str, str, str], DoubleCount],
    open_flags: Iterable[Flag],
    checked: Iterable[str],
    as_of: date,
) -> tuple[list[Flag], list[Resolution]]:
    """Flags to open and to resolve; ``checked`` are the references of the contracts checked."""
    checked_keys = {code_key(c) for c in checked}
    open_now = {flag_key(f): f for f in open_flags if f.kind == DOUBLE_COUNTED}
    opened = [
        Flag(
            d.contract,
            d.clause,
            DOUBLE_COUNTED,
            None,
            candidate=d.candidate,
            other_contract=d.other_contract,
            other_clause=d.other_clause,
        )
        for key, d in found.items()
        if key not in open_now and key[0] in checked_keys
    ]
    reason = f"no longer counted twice as of {as_of.isoformat()}"
    resolved = [
        Resolution(f, reason)
        for key, f in open_now.items()
        if key not in found and key[0] in checked_keys
    ]
    return opened, resolved
