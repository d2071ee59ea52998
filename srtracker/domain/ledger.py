"""The person ledger: one person, by the bureau's own number, across contracts (sign-off.md).

Rows with the same ``bureau_ref`` (trimmed, casefolded) are one person across
the contracts of a ledger (every buyer one bureau serves). A person counted in
two contracts on the same days is a double count: the contract whose row
starts later gets the ``double_counted`` flag; the bureau decides ``both`` or
which contract keeps the shared days, and the other contract's row loses them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from .counting import last_day

BOTH = "both"
DOUBLE_COUNTED = "double_counted"
COUNTED_ELSEWHERE = "counted_elsewhere"
_ONE_DAY = timedelta(days=1)


def person_key(bureau_ref: str | None) -> str | None:
    """How the ledger matches people; None for an empty cell (no ledger entry)."""
    if bureau_ref is None:
        return None
    key = bureau_ref.strip().casefold()
    return key or None


class LedgerRow(NamedTuple):
    """A row that counts in a contract, with its days: start to the earliest of end, E and
    deadline."""

    contract: str  # the contract's reference as written
    clause: str  # the clause code as written
    row: int
    bureau_ref: str  # as written in the row
    first: date
    last: date
    start_date: date  # the row's own dates: a decision holds while they stay
    end_date: date | None

    @property
    def person(self) -> str:
        return self.bureau_ref.strip().casefold()

    @property
    def contract_key(self) -> str:
        return self.contract.strip().casefold()

    @property
    def clause_key(self) -> str:
        return self.clause.strip().casefold()

    @property
    def identity(self) -> tuple[str, str, date, date | None]:
        """What a decision remembers of the row: where it is and its dates."""
        return (self.contract_key, self.clause_key, self.start_date, self.end_date)


def ledger_rows(contract: str, clause, counting, reporting_date: date) -> list[LedgerRow]:
    """The counting rows of one clause that carry a ``bureau_ref``, with their days."""
    found = []
    for row in counting:
        if person_key(row.bureau_ref) is None:
            continue
        last = last_day(clause, row, reporting_date)
        if last >= row.start_date:
            found.append(
                LedgerRow(
                    contract,
                    clause.code,
                    row.row,
                    row.bureau_ref.strip(),
                    row.start_date,
                    last,
                    row.start_date,
                    row.end_date,
                )
            )
    return found


class Overlap(NamedTuple):
    """Two rows of one person in two contracts sharing the days ``first`` to ``last``.

    ``flagged`` is the row that starts later (equal starts: the greater contract
    reference, compared case-insensitively): its contract gets the flag.
    """

    flagged: LedgerRow
    other: LedgerRow
    first: date
    last: date

    @property
    def key(self) -> tuple[str, str, str]:
        """(contract, clause, person) keys of the flag: at most one open per key."""
        return (self.flagged.contract_key, self.flagged.clause_key, self.flagged.person)


def _later(a: LedgerRow, b: LedgerRow) -> bool:
    return (a.first, a.contract_key) > (b.first, b.contract_key)


def overlaps(rows: Iterable[LedgerRow]) -> list[Overlap]:
    """Every pair of rows of one person in different contracts that share a day."""
    by_person: dict[str, list[LedgerRow]] = {}
    for row in rows:
        by_person.setdefault(row.person, []).append(row)
    found = []
    for own in by_person.values():
        if len({r.contract_key for r in own}) < 2:
            continue
        own.sort(key=lambda r: (r.first, r.contract_key, r.clause_key, r.row))
        for i, a in enumerate(own):
            for b in own[i + 1 :]:
                if b.first > a.last:
                    break
                if a.contract_key == b.contract_key:
                    continue
                first, last = max(a.first, b.first), min(a.last, b.last)
                if first <= last:
                    later, earlier = (a, b) if _later(a, b) else (b, a)
                    found.append(Overlap(later, earlier, first, last))
    return found


class CountDecision(NamedTuple):
    """The bureau's decision on a double count of (contract, clause, person).

    ``keeper`` is ``both`` or the reference of the contract that keeps the shared
    days; ``rows`` the identities of the rows it was taken on. It holds while
    both rows of an overlap are still among them (a later report that changes
    a start or an end date asks the bureau again).
    """

    contract: str
    clause: str
    bureau_ref: str
    keeper: str
    rows: frozenset[tuple[str, str, date, date | None]]

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (
            self.contract.strip().casefold(),
            self.clause.strip().casefold(),
            person_key(self.bureau_ref),
        )

    def holds_for(self, overlap: Overlap) -> bool:
        return overlap.flagged.identity in self.rows and overlap.other.identity in self.rows


def decision_rows(overlaps_of_key: Iterable[Overlap]) -> frozenset:
    """The row identities a decision on these overlaps (one flag) remembers."""
    return frozenset(
        identity for o in overlaps_of_key for identity in (o.flagged.identity, o.other.identity)
    )


class DoubleCount(NamedTuple):
    """An open finding: the flag ``double_counted`` on the later row's contract and clause."""

    contract: str
    clause: str
    candidate: str  # the bureau_ref as written in the flagged row
    other_contract: str
    other_clause: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (
            self.contract.strip().casefold(),
            self.clause.strip().casefold(),
            self.candidate.strip().casefold(),
        )


@dataclass
class LedgerOutcome:
    """What the ledger does to the figures and the flags.

    ``lost`` maps (contract key, clause key, row number) to the day ranges the
    row gave to another contract; ``double_counts`` the findings without a
    decision that holds, one per flag key (the first overlap found); ``cap_used``
    the valuation cap a person used in earlier contracts (domain.person_cap).
    """

    lost: dict[tuple[str, str, int], list[tuple[date, date]]] = field(default_factory=dict)
    double_counts: dict[tuple[str, str, str], DoubleCount] = field(default_factory=dict)
    rows: dict[tuple[str, str, int], LedgerRow] = field(default_factory=dict)
    # (contract key, clause key) -> candidate key -> cap months used in earlier contracts
    cap_used: dict = field(default_factory=dict)

    def cap_before(self, contract: str, clause: str) -> dict:
        """What each candidate of a clause used of its table's cap in earlier contracts."""
        return self.cap_used.get((contract.strip().casefold(), clause.strip().casefold()), {})

    def cut(self, contract: str, clause: str) -> dict[int, int]:
        """Days taken off each row of a clause, by row number (shared ranges counted once)."""
        ck, kk = contract.strip().casefold(), clause.strip().casefold()
        return {
            number: _days_in(self.rows[key], ranges)
            for key, ranges in self.lost.items()
            if key[0] == ck and key[1] == kk
            for number in (key[2],)
        }

    def elsewhere(self, contract: str, clause: str) -> frozenset[int]:
        """Rows whose every day went to another contract: ``counted_in_other_contract``."""
        row_days = {}
        for number, days in self.cut(contract, clause).items():
            row = self.rows[(contract.strip().casefold(), clause.strip().casefold(), number)]
            row_days[number] = days >= (row.last - row.first).days + 1
        return frozenset(number for number, all_gone in row_days.items() if all_gone)


def _days_in(row: LedgerRow, ranges: list[tuple[date, date]]) -> int:
    """Days of ``row`` inside the union of ``ranges``."""
    days, covered_to = 0, row.first - _ONE_DAY
    for first, last in sorted(ranges):
        first = max(first, covered_to + _ONE_DAY, row.first)
        last = min(last, row.last)
        if first <= last:
            days += (last - first).days + 1
            covered_to = last
    return days


def decide_ledger(
    rows: Iterable[LedgerRow], decisions: Iterable[CountDecision] = ()
) -> LedgerOutcome:
    """Apply the bureau's decisions to the overlaps found; the rest are double counts."""
    by_key = {d.key: d for d in decisions}
    outcome = LedgerOutcome()
    for overlap in overlaps(rows):
        decision = by_key.get(overlap.key)
        if decision is None or not decision.holds_for(overlap):
            outcome.double_counts.setdefault(
                overlap.key,
                DoubleCount(
                    overlap.flagged.contract,
                    overlap.flagged.clause,
                    overlap.flagged.bureau_ref,
                    overlap.other.contract,
                    overlap.other.clause,
                ),
            )
            continue
        if decision.keeper.strip().casefold() == BOTH:
            continue
        loser = (
            overlap.flagged
            if decision.keeper.strip().casefold() == overlap.other.contract_key
            else overlap.other
        )
        key = (loser.contract_key, loser.clause_key, loser.row)
        outcome.rows[key] = loser
        outcome.lost.setdefault(key, []).append((overlap.first, overlap.last))
    return outcome


def counted_elsewhere(
    imported: Iterable[LedgerRow], others: Iterable[LedgerRow]
) -> list[LedgerRow]:
    """The imported rows that share a day with the same person's counting row in another
    contract: each gets the ``counted_elsewhere`` warning (naming nothing of the other)."""
    imported = list(imported)
    mine = {r.contract_key for r in imported}
    flagged = {
        (o.flagged.contract_key, o.flagged.clause_key, o.flagged.row)
        if o.flagged.contract_key in mine
        else (o.other.contract_key, o.other.clause_key, o.other.row)
        for o in overlaps([*imported, *(r for r in others if r.contract_key not in mine)])
    }
    return [r for r in imported if (r.contract_key, r.clause_key, r.row) in flagged]
