"""The bureau's follow-up of a flag: acknowledge, comment, a remedial deadline, close.

None of these changes a figure, so none re-checks: closing by hand stores the
suppression the next check (or re-check) reads.
"""

from datetime import date

from ..db import write_transaction
from ..models import Flag
from ..store import flags as store
from ..store.flags import FlagClosed

__all__ = ["FlagClosed", "acknowledge", "close_by_hand", "comment", "set_remedial_deadline"]


def acknowledge(flag_id: int, actor: str) -> bool:
    with write_transaction():
        return store.acknowledge(flag_id, actor)


def comment(flag_id: int, author_id: int, text: str, actor: str, for_supplier=False) -> int:
    with write_transaction():
        return store.add_comment(flag_id, author_id, text, actor, for_supplier)


def set_remedial_deadline(flag_id: int, new: date | None, actor: str) -> tuple[Flag, bool]:
    with write_transaction():  # read inside the write lock
        return store.set_remedial_deadline(flag_id, new, actor)


def close_by_hand(flag_id: int, state: str, reason: str, actor: str) -> Flag:
    """Resolved or waived with a reason; the check will not simply open it again."""
    with write_transaction():
        return store.close_by_hand(flag_id, state, reason, actor)
