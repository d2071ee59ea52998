"""The bureau's review queue (sign-off.md): candidates awaiting a decision, with evidence.

A candidate awaits a decision when its row is excluded as ``not_approved`` or
``approval_lapsed`` in the counting report as of the review date. The queue is
grouped per contract and clause; within a clause the oldest row (earliest start)
comes first.
"""

from dataclasses import dataclass
from datetime import date

from flask import current_app

from ..domain.signoff import PENDING_REASONS
from ..models import Contract, Evidence, EvidenceFile
from ..store.checks import ACTIVE, Loaded


@dataclass(frozen=True)
class Waiting:
    contract: str
    clause: str
    candidate_ref: str
    candidate_key: str
    reason: str
    start_date: date
    type: str
    target_group: str | None
    evidence: tuple = ()
    files: tuple = ()

    @property
    def item(self) -> str:
        """How a selection names it: contract, clause and candidate."""
        return f"{self.contract}|{self.clause}|{self.candidate_ref}"


def waiting(scope, as_of: date) -> list[Waiting]:
    loaded = Loaded(ACTIVE & scope, as_of)
    ratio = current_app.config["AT_RISK_RATIO"]
    found: dict[tuple[str, str, str], Waiting] = {}
    for check in loaded.check_all(as_of, ratio):
        for result in check.clauses:
            for excluded in result.excluded:
                if excluded.reason not in PENDING_REASONS:
                    continue
                row = excluded.row
                key = (check.contract, result.code, row.candidate_key)
                if key in found and found[key].start_date <= row.start_date:
                    continue
                found[key] = Waiting(
                    check.contract,
                    result.code,
                    row.candidate_ref.strip(),
                    row.candidate_key,
                    excluded.reason,
                    row.start_date,
                    row.type,
                    row.target_group,
                )
    evidence = _evidence(scope)
    items = [
        Waiting(
            **{
                **w.__dict__,
                "evidence": evidence[0].get((w.contract, w.candidate_key), ()),
                "files": evidence[1].get((w.contract, w.candidate_key), ()),
            }
        )
        for w in found.values()
    ]
    return sorted(
        items,
        key=lambda w: (w.contract.casefold(), w.clause.casefold(), w.start_date, w.candidate_key),
    )


def _evidence(scope):
    records, files = {}, {}
    for e in Evidence.select(Evidence, Contract).join(Contract).where(scope).order_by(Evidence.id):
        records.setdefault((e.contract.reference, e.candidate_key), []).append(e)
    for f in (
        EvidenceFile.select(EvidenceFile, Contract)
        .join(Contract)
        .where(scope & EvidenceFile.deleted_at.is_null())
        .order_by(EvidenceFile.id)
    ):
        files.setdefault((f.contract.reference, f.candidate_key), []).append(f)
    return (
        {k: tuple(v) for k, v in records.items()},
        {k: tuple(v) for k, v in files.items()},
    )
