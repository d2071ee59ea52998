"""The append-only audit log: who, when, what changed."""

import json
from datetime import date, datetime
from decimal import Decimal

from ..db import bulk_insert
from ..models import AuditLog, utcnow


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot record {type(value).__name__} in the audit log")


def record(actor: str, action: str, entity: str, entity_id=None, changes=None) -> None:
    """Call inside the transaction of the change itself, so both land or neither."""
    AuditLog.create(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        changes=json.dumps(changes or {}, default=_plain, sort_keys=True),
    )


def record_many(actor: str, entries, at=None) -> None:
    """(action, entity, entity_id, changes) entries in bulk, for jobs that change many rows."""
    at = at or utcnow()
    bulk_insert(
        AuditLog,
        [
            AuditLog.at,
            AuditLog.actor,
            AuditLog.action,
            AuditLog.entity,
            AuditLog.entity_id,
            AuditLog.changes,
        ],
        (
            (
                at,
                actor,
                action,
                entity,
                None if entity_id is None else str(entity_id),
                json.dumps(changes or {}, default=_plain, sort_keys=True),
            )
            for action, entity, entity_id, changes in entries
        ),
    )


def diff(old: dict, new: dict) -> dict:
    """{key: [old, new]} for every key whose value differs."""
    return {
        key: [old.get(key), new.get(key)]
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    }


def init_app(app):
    from . import views

    app.register_blueprint(views.bp)
