"""The append-only audit log: who, when, what changed."""

import json
from datetime import date, datetime
from decimal import Decimal

from peewee import JOIN, fn

from ..db import insert_rows, stored_form
from ..i18n import actor_label
from ..models import AuditLog, Contract, Organisation, User, utcnow
from ..runtime import gettext


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot record {type(value).__name__} in the audit log")


def record(
    actor: str, action: str, entity: str, entity_id=None, changes=None, contract=None
) -> None:
    """Call inside the transaction of the change itself, so both land or neither.

    `contract` (an id) is the contract the entry concerns: who may see that contract may
    see the entry. Without one, only the admin sees it.
    """
    AuditLog.create(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        changes=json.dumps(changes or {}, default=_plain, sort_keys=True),
        contract_id=contract,
    )


def record_many(actor: str, entries, at=None) -> None:
    """(action, entity, entity_id, changes, contract id) entries in bulk, for jobs that
    change many rows; the contract id may be left off (see record). Written as plain
    tuples in their stored form (a check writes tens of thousands)."""
    at = stored_form()(at or utcnow())
    encode = json.JSONEncoder(default=_plain, sort_keys=True).encode
    insert_rows(
        AuditLog,
        MANY_FIELDS,
        [
            (
                at,
                actor,
                action,
                entity,
                None if entity_id is None else str(entity_id),
                encode(changes or {}),
                contract[0] if contract else None,
            )
            for action, entity, entity_id, changes, *contract in entries
        ],
    )


MANY_FIELDS = [
    AuditLog.at,
    AuditLog.actor,
    AuditLog.action,
    AuditLog.entity,
    AuditLog.entity_id,
    AuditLog.changes,
    AuditLog.contract_id,
]


# Entries that record no change of any figure, flag, candidate or scope: they happen all
# day, and caches keyed on `last_id` would be emptied in every worker by each of them.
NOT_CHANGES = ("login", "login_failed")


def last_id() -> int:
    """The newest entry's id (0 for none) but logins: it moves with every audited change,
    so a cache of figures that audited changes move (the flag queue, the review queue's
    count) keys on it. The newest entries are read backwards along the primary key."""
    return (
        AuditLog.select(fn.MAX(AuditLog.id)).where(AuditLog.action.not_in(NOT_CHANGES)).scalar()
        or 0
    )


def visible_entries(viewer, entity: str | None = None):
    """The entries `viewer` may see, newest first: those of the contracts in their scope
    (srtracker/access.py); the admin sees every entry, also those of no contract."""
    from ..access import contract_scope

    query = AuditLog.select().order_by(AuditLog.id.desc())
    if viewer.role != "admin":
        query = query.where(
            AuditLog.contract_id.in_(Contract.select(Contract.id).where(contract_scope(viewer)))
        )
    if entity:
        query = query.where(AuditLog.entity == entity)
    return query


def user_actor(user_id: int) -> str:
    """How the audit log names a user who did something (the others: cli, scheduler, demo...)."""
    return f"user:{user_id}"


def _user_id(actor: str) -> int | None:
    number = actor.removeprefix("user:")
    return int(number) if actor.startswith("user:") and number.isdigit() else None


def actor_names(actors, viewer) -> dict[str, str]:
    """How each actor (``user:<id>``, ``cli``, ``scheduler``...) is shown to `viewer`.

    E-mail addresses are the admin's only: others see the user's organisation.
    """
    ids = {_user_id(actor) for actor in actors} - {None}
    users = (
        {
            id_: (email, organisation)
            for id_, email, organisation in User.select(User.id, User.email, Organisation.name)
            .join(Organisation, JOIN.LEFT_OUTER)
            .where(User.id.in_(ids))
            .tuples()
        }
        if ids
        else {}
    )
    admin = viewer.role == "admin"
    names = {}
    for actor in actors:
        email, organisation = users.get(_user_id(actor), (None, None))
        if email is not None:
            names[actor] = email if admin else organisation or gettext("een gebruiker")
        elif "@" in actor and not admin:
            names[actor] = gettext("een gebruiker")
        else:
            names[actor] = actor_label(actor)
    return names


def diff(old: dict, new: dict) -> dict:
    """{key: [old, new]} for every key whose value differs."""
    return {
        key: [old.get(key), new.get(key)]
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    }
