"""Composite obligations: a clause met when all, or any one, of other clauses is met.

A composite clause (measure ``all_of`` or ``any_of``) has no rows of its own.
Its realised figure is the number of branches met, its target the number
needed (all of them, or one), and its status follows from its branches'
statuses (docs/valuation.md, "Composite clauses").
"""

from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction

from . import status as s
from .contracts import Clause, code_key

# From best to worst, for a branch that has started and been evaluated.
RANK = (s.MET, s.ON_TRACK, s.NO_REPORT, s.AT_RISK, s.BEHIND, s.FAILED)


def needed(clause: Clause) -> int:
    """How many branches must be met."""
    return len(clause.branches) if clause.measure == "all_of" else 1


def composite_status(clause: Clause, as_of: date, branch_statuses: Iterable[str]) -> str:
    """all_of: the worst branch; any_of: the best. A branch not started yet is on track
    (nothing is expected of it yet); one not evaluated makes the outcome unknown unless
    it cannot matter."""
    if as_of < clause.start:
        return s.NOT_STARTED
    statuses = [s.ON_TRACK if b == s.NOT_STARTED else b for b in branch_statuses]
    evaluated = [b for b in statuses if b != s.NOT_EVALUATED]
    if clause.measure == "all_of":
        if s.FAILED in evaluated:
            return s.FAILED
        if len(evaluated) < len(statuses):
            return s.NOT_EVALUATED
        return max(statuses, key=RANK.index)
    if s.MET in evaluated:
        return s.MET
    if len(evaluated) < len(statuses):
        return s.NOT_EVALUATED
    return min(statuses, key=RANK.index)


def branches_met(branch_statuses: Iterable[str]) -> Fraction:
    return Fraction(sum(1 for b in branch_statuses if b == s.MET))


def remaining(target, realised: Fraction | None) -> Fraction | None:
    """What is left to realise on a branch: target minus realised, never below 0."""
    if realised is None:
        return None
    return max(Fraction(target) - realised, Fraction(0))


def evaluation_order(clauses: Iterable[Clause]) -> list[Clause]:
    """Composite clauses with each one after the composites among its branches.

    The contract file refuses cycles, so a depth-first walk suffices.
    """
    composites = {code_key(c.code): c for c in clauses if c.composite}
    ordered, seen = [], set()

    def visit(clause: Clause):
        key = code_key(clause.code)
        if key in seen:
            return
        seen.add(key)
        for branch in clause.branches:
            if code_key(branch) in composites:
                visit(composites[code_key(branch)])
        ordered.append(clause)

    for clause in composites.values():
        visit(clause)
    return ordered


def branch_codes(clauses: Iterable[Clause]) -> Mapping[str, str]:
    """Each clause key that is a branch, with the code of (the first) composite it is in."""
    found: dict[str, str] = {}
    for clause in clauses:
        for branch in clause.branches:
            found.setdefault(code_key(branch), clause.code)
    return found
