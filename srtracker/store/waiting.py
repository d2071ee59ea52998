"""The review queue as a read model (table waiting_candidate, sign-off.md).

A candidate awaits the bureau's decision when a check excluded its row as
``not_approved`` or ``approval_lapsed``. Checking every contract under
``on_approval`` on a page request took a minute at national scale; instead the
stored check and every re-check (an upload, a review, a policy changed, a
contract saved, archived or restored) write the candidates they found here, in
the same transaction as the statuses (store/checks.store_decision calls `store`,
the only writer), and the queue is read and paged in SQL in its order: contract,
clause, earliest start, candidate.
"""

from ..db import bulk_insert
from ..domain.contracts import code_key
from ..domain.signoff import PENDING_REASONS
from ..models import Clause, Contract, WaitingCandidate

# The candidate's own columns, as `page` reads them after the reference and clause code.
CANDIDATE = (
    WaitingCandidate.candidate_ref,
    WaitingCandidate.candidate_key,
    WaitingCandidate.reason,
    WaitingCandidate.start_date,
    WaitingCandidate.type,
    WaitingCandidate.target_group,
)
# What `store` writes, in the order `_rows` yields it.
FIELDS = (
    WaitingCandidate.contract,
    WaitingCandidate.clause,
    WaitingCandidate.contract_key,
    WaitingCandidate.clause_key,
    *CANDIDATE,
)
ORDER = (
    WaitingCandidate.contract_key,
    WaitingCandidate.clause_key,
    WaitingCandidate.start_date,
    WaitingCandidate.candidate_key,
)


def store(loaded, checks, where=None, rows_of=None) -> None:
    """Replace the rows of the contracts checked (``where``; None: every contract, the
    stored check) by the candidates ``checks`` left awaiting a decision (``rows_of``:
    ``waiting_rows``, or the same worked out elsewhere for some checks)."""
    gone = WaitingCandidate.delete()
    if where is not None:
        gone = gone.where(WaitingCandidate.contract.in_(Contract.select(Contract.id).where(where)))
    gone.execute()
    bulk_insert(WaitingCandidate, FIELDS, (rows_of or waiting_rows)(loaded, checks))


def waiting_rows(loaded, checks):
    """Once per (contract, clause, candidate): its row that starts first."""
    for check in checks:
        contract_id = loaded.contract_ids[check.contract]
        contract_key = code_key(check.contract)
        for result in check.clauses:
            first = {}
            for excluded in result.excluded:
                row = excluded.row
                if excluded.reason in PENDING_REASONS and (
                    row.candidate_key not in first
                    or row.start_date < first[row.candidate_key][0].start_date
                ):
                    first[row.candidate_key] = (row, excluded.reason)
            clause_key = code_key(result.code)
            clause_id = loaded.clause_ids[contract_id, clause_key]
            for row, reason in first.values():
                yield (
                    contract_id,
                    clause_id,
                    contract_key,
                    clause_key,
                    row.candidate_ref.strip(),
                    row.candidate_key,
                    reason,
                    row.start_date,
                    row.type,
                    row.target_group,
                )


def count(scope) -> int:
    """How many candidates await a decision in ``scope`` (a condition on Contract)."""
    return WaitingCandidate.select().join(Contract).where(scope).count()


def page(scope, offset: int, limit: int | None) -> list[tuple]:
    """``limit`` of them (None: all) from ``offset`` in the queue's order: (reference, clause code,
    candidate_ref, candidate_key, reason, start_date, type, target_group)."""
    return list(
        WaitingCandidate.select(Contract.reference, Clause.code, *CANDIDATE)
        .join(Contract)
        .switch(WaitingCandidate)
        .join(Clause)
        .where(scope)
        .order_by(*ORDER)
        .limit(limit)
        .offset(offset)
        .tuples()
    )
