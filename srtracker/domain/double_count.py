"""The ``double_counted`` flag's life cycle (sign-off.md, the person ledger).

A check opens one flag per (contract, clause, person) the ledger finds counted
twice without a decision that holds, and resolves an open one that the ledger
no longer finds, but only on the contracts it checked.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import replace
from datetime import date

from .compliance import ContractCheck
from .contracts import code_key
from .flag_rules import Flag, Resolution
from .ledger import (
    DOUBLE_COUNTED,
    CountDecision,
    DoubleCount,
    LedgerOutcome,
    LedgerRow,
    decide_ledger,
    ledger_rows,
)
from .person_cap import CapInputs, caps_before


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


def ledger_rows_of(check: ContractCheck) -> list[LedgerRow]:
    """The rows of a checked contract that enter the ledger: counting, with a bureau_ref."""
    found = []
    for result in check.clauses:
        if result.reporting_date is not None and not result.clause.composite:
            found += ledger_rows(
                check.contract, result.clause, result.counting, result.reporting_date
            )
    return found


def apply_ledger(
    checks: Iterable[ContractCheck],
    ledger_of: Mapping[str, Hashable],
    decisions: Iterable[CountDecision],
    redo: Callable[[ContractCheck, LedgerOutcome], ContractCheck],
    others: Iterable[ContractCheck] = (),
    rows_of: Callable[[ContractCheck], list[LedgerRow]] | None = None,
    uses_of: Callable[[ContractCheck], list[tuple]] | None = None,
) -> tuple[list[ContractCheck], dict[tuple[str, str, str], DoubleCount]]:
    """The checks with the person ledger applied (the bureau's decisions on double counts,
    the valuation cap across contracts), and the double counts found.

    ``ledger_of`` maps a contract reference to its ledger (the bureau serving its buyer,
    else the buyer); ``others`` are checks of contracts outside ``checks`` (a re-check of
    one contract sees the rest of its ledger through them); ``redo`` checks a contract
    again with the ledger's outcome, only for contracts whose rows lose days or start
    from cap months used in earlier contracts. ``rows_of`` and ``uses_of``: a check's
    ledger rows (``ledger_rows_of``) and cap uses (``person_cap.check_uses``) where they
    were worked out elsewhere (the check's worker processes).
    """
    checks, others = list(checks), list(others)
    decisions = tuple(decisions)
    by_ledger: dict[Hashable, list[LedgerRow]] = {}
    for check in (*others, *checks):
        by_ledger.setdefault(ledger_of.get(check.contract), []).extend(
            (rows_of or ledger_rows_of)(check)
        )
    found: dict[tuple[str, str, str], DoubleCount] = {}
    outcome_of: dict[str, LedgerOutcome] = {}
    for rows in by_ledger.values():
        outcome = decide_ledger(rows, decisions)
        found.update(outcome.double_counts)
        for contract_key, _clause, _row in outcome.lost:
            outcome_of[contract_key] = outcome
    redone = [
        redo(c, outcome_of[code_key(c.contract)]) if code_key(c.contract) in outcome_of else c
        for c in checks
    ]
    caps = caps_before(redone, ledger_of, others, uses_of)
    return [_with_caps(c, caps, outcome_of, redo) for c in redone], found


def _with_caps(check: ContractCheck, caps: CapInputs, outcome_of, redo) -> ContractCheck:
    key = code_key(check.contract)
    mine = {k: used for k, used in caps.items() if k[0] == key}
    if not mine:
        return check
    outcome = outcome_of.get(key) or LedgerOutcome()
    return redo(check, replace(outcome, cap_used=mine))
