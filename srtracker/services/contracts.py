"""Contracts and their clauses changed from a form or a file, archived and restored.

Each change re-checks the contract in its own transaction, so a new contract is
shown checked at once and an archived one leaves the overview at once.
"""

from ..db import write_transaction
from ..domain import contracts as domain
from ..models import Contract
from ..store import contracts as store
from ..store.contracts import ContractConflict
from .checks import recheck

__all__ = ["ContractConflict", "ReferenceTaken", "archive", "restore", "save"]


class ReferenceTaken(Exception):
    """A new contract may not take the reference of an existing one (any buyer's)."""


def save(contract: domain.Contract, actor: str, creating: bool = False) -> str:
    """'created', 'updated' or 'unchanged'; raises ContractConflict with nothing stored.

    ``creating`` (the new-contract form) refuses an existing reference, checked
    inside the write lock so creating never overwrites.
    """
    with write_transaction():
        if creating and store.find(contract.reference) is not None:
            raise ReferenceTaken(contract.reference)
        outcome = store.save(contract, actor)
        if outcome != "unchanged":
            recheck(store.find(contract.reference).id, actor, "contract")
    return outcome


def archive(row: Contract, actor: str) -> bool:
    """No longer checked nor listed; False when it was archived already."""
    with write_transaction():
        changed = store.set_archived(row, True, actor)
        if changed:
            recheck(row.id, actor, "archive")
    return changed


def restore(row: Contract, actor: str) -> bool:
    """Checked and listed again; False when it was not archived."""
    with write_transaction():
        changed = store.set_archived(row, False, actor)
        if changed:
            recheck(row.id, actor, "restore")
    return changed
