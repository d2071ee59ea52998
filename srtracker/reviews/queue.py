"""The bureau's review queue (sign-off.md): candidates awaiting a decision, with evidence.

A candidate awaits a decision when its row is excluded as ``not_approved`` or
``approval_lapsed`` in the counting report as of the review date. The queue is
grouped per contract and clause; within a clause the oldest row (earliest start)
comes first.

The candidates are a read model (store/waiting.py) that the stored check and every
re-check write beside the statuses, so a page is one count and one indexed page
read in SQL within the user's scope; the evidence of the items shown only is read
for each request.
"""

from dataclasses import dataclass, replace
from datetime import date

from ..cache import TtlCache
from ..models import Contract, Evidence, EvidenceFile
from ..store import audit
from ..store import waiting as store_waiting
from ..store.portfolio import version

PAGE_SIZE = 50
COUNTS = TtlCache(300, size=64)  # its key moves with every change; the time a backstop


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


def count(scope, key=None) -> int:
    """How many candidates await a decision in ``scope`` (a condition on Contract). With
    ``key`` (the user's scope, as the dashboard keys it) kept per worker until the read
    model may have changed: every check and re-check moves the audit log (the check's
    entry, or the audited change that caused the re-check) or the portfolio; five minutes at
    most."""
    if key is None:
        return store_waiting.count(scope)
    return COUNTS.get((audit.last_id(), version(), key), lambda: store_waiting.count(scope))


def waiting(scope, offset: int = 0, limit: int | None = None) -> list[Waiting]:
    """The candidates awaiting a decision in ``scope`` in queue order (``limit`` of them
    from ``offset``; None: all), without their evidence (``with_evidence`` adds it to the
    few shown)."""
    return [Waiting(*row) for row in store_waiting.page(scope, offset, limit)]


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
    """(kind, checked_on, note) of the evidence noted and the ids of the files kept, per
    (reference, candidate_key): only what the queue shows (whole models of evidence and
    contract made building their queries a good part of the page's time)."""
    records, files = {}, {}
    for e in (
        Evidence.select(
            Contract.reference,
            Evidence.candidate_key,
            Evidence.kind,
            Evidence.checked_on,
            Evidence.note,
        )
        .join(Contract)
        .where(scope)
        .order_by(Evidence.id)
        .namedtuples()
    ):
        records.setdefault((e.reference, e.candidate_key), []).append(e)
    for f in (
        EvidenceFile.select(Contract.reference, EvidenceFile.candidate_key, EvidenceFile.id)
        .join(Contract)
        .where(scope & EvidenceFile.deleted_at.is_null())
        .order_by(EvidenceFile.id)
        .namedtuples()
    ):
        files.setdefault((f.reference, f.candidate_key), []).append(f)
    return (
        {k: tuple(v) for k, v in records.items()},
        {k: tuple(v) for k, v in files.items()},
    )
