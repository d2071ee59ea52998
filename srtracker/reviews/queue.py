"""The bureau's review queue (sign-off.md): candidates awaiting a decision, with evidence.

A candidate awaits a decision when its row is excluded as ``not_approved`` or
``approval_lapsed`` in the counting report as of the review date. The queue is
grouped per contract and clause; within a clause the oldest row (earliest start)
comes first.

Only contracts under ``on_approval`` (their own policy, else their buyer's) can
have such rows, so only those are loaded and checked. The list is kept per web
worker and version of the portfolio (which moves with every stored check and
every re-check: a review, an upload, a policy changed) for at most a minute, as
the dashboard keeps its counts; a page shows PAGE_SIZE items, and the evidence
of those items only is read for each request.
"""

from dataclasses import dataclass, replace
from datetime import date

from flask import current_app

from ..cache import TtlCache
from ..domain.signoff import ON_APPROVAL, PENDING_REASONS
from ..models import Contract, Evidence, EvidenceFile, Organisation
from ..store.checks import ACTIVE, Loaded
from ..store.portfolio import version

PAGE_SIZE = 50
WAITING = TtlCache(60, size=64)
ON_APPROVAL_CONTRACTS = (Contract.counting == ON_APPROVAL) | (
    Contract.counting.is_null()
    & Contract.buyer.in_(
        Organisation.select(Organisation.id).where(Organisation.counting_policy == ON_APPROVAL)
    )
)


@dataclass(frozen=True, slots=True)
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


def waiting(scope, as_of: date, key=None) -> list[Waiting]:
    """Every candidate awaiting a decision in ``scope`` as of ``as_of``, in queue order,
    without its evidence (``with_evidence`` adds it to the few shown). With ``key`` (the
    user's scope, as the dashboard keys it) kept per worker as described above."""
    if key is None:
        return _waiting(scope, as_of)
    return WAITING.get((version(), key, as_of), lambda: _waiting(scope, as_of))


def _waiting(scope, as_of: date) -> list[Waiting]:
    loaded = Loaded(ACTIVE & ON_APPROVAL_CONTRACTS & scope, as_of)
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
    return sorted(
        found.values(),
        key=lambda w: (w.contract.casefold(), w.clause.casefold(), w.start_date, w.candidate_key),
    )


def with_evidence(scope, items: list[Waiting]) -> list[Waiting]:
    """``items`` with the evidence noted and the files kept for each candidate."""
    references = {w.contract for w in items}
    if not references:
        return []
    records, files = _evidence(scope & Contract.reference.in_(references))
    return [
        replace(
            w,
            evidence=records.get((w.contract, w.candidate_key), ()),
            files=files.get((w.contract, w.candidate_key), ()),
        )
        for w in items
    ]


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
