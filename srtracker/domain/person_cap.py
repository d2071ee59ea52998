"""The valuation cap per person across contracts (sign-off.md, "The cap across contracts").

A table's counting cap (at most N months per person) runs per person, by the bureau's
own number (``bureau_ref``), across the contracts of one ledger valued by the same
table (its region: every version of one table id). A person moved from one contract
to another keeps one cap: the later contract gets what is left after the earlier ones.

Each contract is first valued on its own; its valuation's ``cap_used`` is what the
person used there. A later contract starts from the sum of what the earlier ones used:
while that sum is below the cap, no earlier contract was capped and the sum is exactly
what they used together; once it reaches the cap, nothing is left either way.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from .compliance import ClauseResult, ContractCheck
from .contracts import code_key
from .ledger import person_key

CapInputs = dict[tuple[str, str], dict[str, Fraction]]
"""(contract key, clause key) -> candidate key -> cap months used in earlier contracts."""


class _Use(NamedTuple):
    """What one person used of a table's cap under one clause of one contract."""

    first: date  # the person's first start under the clause
    contract: str  # the contract key
    clause: str  # the clause key
    candidate: str  # the supplier's candidate key of the person in that contract
    months: Fraction


def caps_before(
    checks: Iterable[ContractCheck],
    ledger_of: Mapping[str, Hashable],
    others: Iterable[ContractCheck] = (),
    uses_of: Callable[[ContractCheck], list[tuple]] | None = None,
) -> CapInputs:
    """For the clauses of ``checks``: per candidate, the cap months the same person used in
    earlier contracts of the ledger valued by the same table.

    "Earlier": the person's first start under the clause is earlier (equal starts: the
    smaller contract reference, compared case-insensitively). ``checks`` and ``others``
    must be valued without months from elsewhere, so each ``cap_used`` is the contract's
    own; ``others`` are contracts outside ``checks`` seen for what they used.
    """
    checks = list(checks)
    groups: dict[tuple, list[_Use]] = {}
    for check in (*checks, *others):
        ledger = ledger_of.get(check.contract)
        for table, person, use in (uses_of or check_uses)(check):
            groups.setdefault((ledger, table, person), []).append(use)
    wanted = {code_key(c.contract) for c in checks}
    inputs: CapInputs = {}
    for uses in groups.values():
        uses.sort(key=lambda u: (u.first, u.contract, u.clause))
        for i, use in enumerate(uses):
            before = sum((u.months for u in uses[:i] if u.contract != use.contract), Fraction(0))
            if before and use.contract in wanted:
                inputs.setdefault((use.contract, use.clause), {})[use.candidate] = before
    return inputs


def check_uses(check: ContractCheck) -> list[tuple]:
    """(valuation table id, person, use) of every clause of one contract: what
    ``caps_before`` reads of its rows (``uses_of``: the same, worked out elsewhere)."""
    return [
        (result.valuation.table.id, person, use)  # type: ignore[union-attr]  # _uses: valued
        for result in check.clauses
        for person, use in _uses(check.contract, result)
    ]


def _uses(reference: str, result: ClauseResult) -> Iterable[tuple[str, _Use]]:
    """Per person with a bureau_ref: the first start and the cap months used, from the
    clause's valuation (only the people a capped block valued)."""
    valuation = result.valuation
    if valuation is None or not valuation.cap_used:
        return []
    first: dict[tuple[str, str], date] = {}
    for row in result.counting:
        person = person_key(row.bureau_ref)
        if person is None or row.candidate_key not in valuation.cap_used:
            continue
        key = (person, row.candidate_key)
        if key not in first or row.start_date < first[key]:
            first[key] = row.start_date
    return [
        (
            person,
            _Use(
                start,
                code_key(reference),
                code_key(result.code),
                candidate,
                valuation.cap_used[candidate],
            ),
        )
        for (person, candidate), start in first.items()
    ]
