"""The flag life cycle as one pure decision per check (compliance.md, "Flags").

State the store must keep besides the flags themselves:

- **Suppressions**, written when the bureau closes a flag by hand (resolved or
  waived), one per ``suppression_for(flag)``:
  - a status flag gives (contract, clause, kind): that kind is not opened again
    for that clause until a later check finds the clause at a better status
    (``on_track``, ``met``) or at a more severe one. ``decide_flags`` then
    returns the suppression in ``cleared``; delete it. Only the latest status
    would not do: on_track, at_risk, behind must reopen a hand-closed ``behind``
    although the status stored last (at_risk) is neither better nor worse.
  - a ``report_overdue`` flag gives (contract, period): never cleared.
- **The last status per clause**, only to report ``status_changes`` (audit log,
  overview); the decision itself does not depend on it.

Only contracts in ``checks`` are touched: flags of archived contracts stay as
they are. Codes and periods are matched trimmed and case-insensitively.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .compliance import ContractCheck
from .composite import branch_codes
from .contracts import code_key
from .status import AT_RISK, BEHIND, FAILED, MET, ON_TRACK
from .text import N_

STATUS_KINDS = (AT_RISK, BEHIND, FAILED)
"""Status flag kinds, least severe first."""
REPORT_OVERDUE = "report_overdue"
KINDS = (*STATUS_KINDS, REPORT_OVERDUE)
# How a flag's kind reads in the app (Dutch msgids).
FLAG_LABELS = {
    "at_risk": N_("risico"),
    "behind": N_("loopt achter"),
    "failed": N_("niet gehaald"),
    REPORT_OVERDUE: N_("rapportage te laat"),
    "double_counted": N_("dubbel geteld"),
}
# A flag's state as the interface and the council export name it.
FLAG_STATE_LABELS = {
    "open": N_("open"),
    "acknowledged": N_("gezien"),
    "resolved": N_("opgelost"),
    "waived": N_("kwijtgescholden"),
}
BETTER_STATUSES = (ON_TRACK, MET)


@dataclass(frozen=True)
class Flag:
    """A flag: ``clause`` is None for ``report_overdue``, ``period`` None for status kinds.

    ``id`` is the stored flag's id; None for a flag the decision opens.
    """

    contract: str
    clause: str | None
    kind: str
    period: str | None = None
    id: int | None = None
    # double_counted (sign-off.md): the bureau_ref, and the contract and clause it overlaps
    candidate: str | None = None
    other_contract: str | None = None
    other_clause: str | None = None


@dataclass(frozen=True)
class Suppression:
    """A flag the bureau closed by hand, which the check does not open again until cleared."""

    contract: str
    clause: str | None
    kind: str
    period: str | None = None


@dataclass(frozen=True)
class Resolution:
    """An open flag the check resolves, and why."""

    flag: Flag
    reason: str


@dataclass(frozen=True)
class StatusChange:
    """A clause whose status the check changed."""

    contract: str
    clause: str
    old: str | None
    new: str


@dataclass(frozen=True)
class FlagDecision:
    """One check's decision: the flags it opens and resolves, the suppressions it clears,
    the status changes."""

    opened: tuple[Flag, ...]
    resolved: tuple[Resolution, ...]
    cleared: tuple[Suppression, ...]
    status_changes: tuple[StatusChange, ...]

    def open_after(self, open_flags: Iterable[Flag]) -> list[Flag]:
        """The open and acknowledged flags once this decision is stored."""
        resolved = {r.flag for r in self.resolved}
        return [f for f in open_flags if f not in resolved] + list(self.opened)


def suppression_for(flag: Flag) -> Suppression:
    """What to store when the bureau closes ``flag`` by hand."""
    return Suppression(flag.contract, flag.clause, flag.kind, flag.period)


def _key(contract: str, clause: str | None, kind: str, period: str | None) -> tuple:
    return (code_key(contract), clause and code_key(clause), kind, period and code_key(period))


def _lifts(suppressed_kind: str, status: str) -> bool:
    """Whether a check finding ``status`` lifts the hand-closed suppression of a status kind."""
    return status in BETTER_STATUSES or (
        status in STATUS_KINDS and STATUS_KINDS.index(status) > STATUS_KINDS.index(suppressed_kind)
    )


def decide_flags(
    checks: Iterable[ContractCheck],
    open_flags: Iterable[Flag],
    suppressions: Iterable[Suppression],
    as_of: date,
    previous_status: Mapping[tuple[str, str], str] | None = None,
) -> FlagDecision:
    """Which flags to open and resolve, and which suppressions to clear, after a check as of D.

    ``open_flags`` are the stored open and acknowledged flags; ``previous_status``
    maps (contract, clause code) to the status stored by the previous check.
    Deciding twice on the same state opens nothing the second time.
    """
    decider = _Decider(open_flags, suppressions, as_of, previous_status or {})
    for check in checks:
        # A branch of a composite clause is flagged through its composite only.
        branches = branch_codes(r.clause for r in check.clauses)
        for result in check.clauses:
            decider.clause(check.contract, result.code, result.status, branches)
        decider.overdue(check)
    return FlagDecision(
        tuple(decider.opened),
        tuple(decider.resolved),
        tuple(decider.cleared),
        tuple(decider.changes),
    )


class _Decider:
    """The state of one decision: what is open and suppressed, and what it decided so far."""

    def __init__(self, open_flags, suppressions, as_of: date, previous_status: Mapping):
        self.as_of = as_of
        self.open_by_key: dict[tuple, list[Flag]] = {}
        self.overdue_by_contract: dict[str, list[Flag]] = {}
        for flag in open_flags:
            key = _key(flag.contract, flag.clause, flag.kind, flag.period)
            self.open_by_key.setdefault(key, []).append(flag)
            if flag.kind == REPORT_OVERDUE:
                self.overdue_by_contract.setdefault(key[0], []).append(flag)
        self.suppressed = {_key(s.contract, s.clause, s.kind, s.period): s for s in suppressions}
        self.previous = {(code_key(c), code_key(k)): s for (c, k), s in previous_status.items()}
        self.opened: list[Flag] = []
        self.resolved: list[Resolution] = []
        self.cleared: list[Suppression] = []
        self.changes: list[StatusChange] = []

    def _may_open(self, key: tuple) -> bool:
        return key not in self.open_by_key and key not in self.suppressed

    def clause(self, contract: str, code: str, status: str, branches) -> None:
        """The status flags of one clause: resolve what no longer holds, open what is new."""
        old = self.previous.get((code_key(contract), code_key(code)))
        if old != status:
            self.changes.append(StatusChange(contract, code, old, status))
        wanted = status if status in STATUS_KINDS and code_key(code) not in branches else None
        for kind in STATUS_KINDS:
            key = _key(contract, code, kind, None)
            if kind != wanted:
                self.resolved += [
                    Resolution(f, f"status is now {status} as of {self.as_of.isoformat()}")
                    for f in self.open_by_key.get(key, ())
                ]
            if key in self.suppressed and _lifts(kind, status):
                self.cleared.append(self.suppressed.pop(key))
        if wanted and self._may_open(_key(contract, code, wanted, None)):
            self.opened.append(Flag(contract, code, wanted))

    def overdue(self, check: ContractCheck) -> None:
        """One report_overdue flag per overdue period; the others resolve."""
        overdue_keys = set()
        for period in check.overdue:
            key = _key(check.contract, None, REPORT_OVERDUE, period.key)
            overdue_keys.add(key)
            if self._may_open(key):
                self.opened.append(Flag(check.contract, None, REPORT_OVERDUE, period.key))
        self.resolved += [
            Resolution(
                f,
                f"report for {f.period} or a later period accepted as of {self.as_of.isoformat()}",
            )
            for f in self.overdue_by_contract.get(code_key(check.contract), ())
            if _key(f.contract, None, REPORT_OVERDUE, f.period) not in overdue_keys
        ]
