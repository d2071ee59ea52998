"""The bureau's sign-off on candidates (sign-off.md "Counting policy").

Under ``on_report`` a row counts unless the bureau rejected its candidate; under
``on_approval`` it counts only once the bureau approved the candidate, and only
while the approval holds: the candidate's row still has the type, target group
and start date the approval recorded. This is compliance.md's condition 6; it
is asked only of rows that passed conditions 1-5.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from .contributions import Contribution
from .text import N_

ON_REPORT = "on_report"
ON_APPROVAL = "on_approval"
POLICIES = (ON_REPORT, ON_APPROVAL)

REJECTED_BY_BUREAU = "rejected_by_bureau"
NOT_APPROVED = "not_approved"
APPROVAL_LAPSED = "approval_lapsed"
PENDING_REASONS = (NOT_APPROVED, APPROVAL_LAPSED)
"""Rows excluded for these reasons count in ``pending``: they await the bureau."""

APPROVED = "approved"
PENDING = "pending"
LAPSED = "lapsed"
REJECTED = "rejected"
CANDIDATE_STATES = (APPROVED, PENDING, LAPSED, REJECTED)
"""What the supplier sees of each candidate under a clause."""
STATE_LABELS = {
    APPROVED: N_("goedgekeurd"),
    PENDING: N_("in afwachting"),
    LAPSED: N_("goedkeuring vervallen"),
    REJECTED: N_("afgewezen"),
}


def counting_policy(buyer_policy: str | None, contract_override: str | None = None) -> str:
    """The contract's own policy when its file (or the app) sets one, else its buyer's."""
    return contract_override or buyer_policy or ON_REPORT


class Approval(NamedTuple):
    """What an approval recorded of the candidate's row: compared anew at every check."""

    type: str
    target_group: str | None
    start_date: date

    def holds_for(self, row: Contribution | None) -> bool:
        """End date, hours and the way a group was written (label or code) do not matter."""
        return row is not None and (
            row.type == self.type
            and row.target_group == self.target_group
            and row.start_date == self.start_date
        )


def latest_row(rows: Iterable[Contribution]) -> Contribution | None:
    """Of a candidate's rows under a clause, the one with the latest start (then the lowest)."""
    return max(rows, key=lambda r: (r.start_date, -r.row), default=None)


def approval_of(rows: Iterable[Contribution]) -> Approval | None:
    """What approving the candidate records: its row with the latest start; None without one."""
    row = latest_row(rows)
    return None if row is None else Approval(row.type, row.target_group, row.start_date)


@dataclass(frozen=True)
class ClauseSignOff:
    """The bureau's decisions under one clause, by candidate key (trimmed, casefolded)."""

    policy: str = ON_REPORT
    rejected: frozenset[str] = frozenset()
    approved: Mapping[str, Approval] = field(default_factory=dict)

    def refusals(self, rows: Iterable[Contribution]) -> dict[str, str]:
        """Condition 6's reason per candidate key of ``rows`` that does not pass it.

        In order: rejected, then (``on_approval`` only) not approved, then the
        approval no longer holding for the candidate's latest row.
        """
        refused = dict.fromkeys(self.rejected, REJECTED_BY_BUREAU)
        if self.policy != ON_APPROVAL:
            return refused
        by_candidate: dict[str, list[Contribution]] = {}
        for row in rows:
            by_candidate.setdefault(row.candidate_key, []).append(row)
        for key, own in by_candidate.items():
            if key in refused:
                continue
            approval = self.approved.get(key)
            if approval is None:
                refused[key] = NOT_APPROVED
            elif not approval.holds_for(latest_row(own)):
                refused[key] = APPROVAL_LAPSED
        return refused

    def state(self, key: str, rows: Iterable[Contribution]) -> str:
        """The candidate's state for the supplier: approved, pending, lapsed or rejected.

        Under ``on_report`` a candidate that is not rejected counts, and reads as
        approved once the bureau approved it, else pending.
        """
        if key in self.rejected:
            return REJECTED
        approval = self.approved.get(key)
        if approval is None:
            return PENDING
        own = [r for r in rows if r.candidate_key == key]
        if own and not approval.holds_for(latest_row(own)):
            return LAPSED if self.policy == ON_APPROVAL else PENDING
        return APPROVED


def clause_sign_offs(
    policy: str,
    rejections: Iterable[tuple[str, str]],
    approvals: Iterable[tuple[str, str, Approval]],
) -> dict[str, ClauseSignOff]:
    """Per clause key: (clause code, candidate) rejections and (clause, candidate, approval)."""
    rejected: dict[str, set[str]] = {}
    approved: dict[str, dict[str, Approval]] = {}
    for clause, candidate in rejections:
        rejected.setdefault(_key(clause), set()).add(_key(candidate))
    for clause, candidate, approval in approvals:
        approved.setdefault(_key(clause), {})[_key(candidate)] = approval
    return {
        key: ClauseSignOff(policy, frozenset(rejected.get(key, ())), approved.get(key, {}))
        for key in rejected.keys() | approved.keys()
    }


def _key(code: str) -> str:
    return code.strip().casefold()
