"""Putting messages in the outbox, and sending them with retries.

Sending claims a message first (state 'sending', committed), then mails it,
then marks it sent. A message known to be sent is never picked again; one
whose outcome is unclear (the process died mid-send) is retried after the
claim expires, under the same Message-ID, so the receiving side can
recognise it.
"""

import hashlib
import logging
from datetime import timedelta

from ..db import bulk_insert, write_transaction
from ..models import BureauBuyer, User, utcnow
from ..notify.models import OutboxMessage

log = logging.getLogger(__name__)

CLAIM = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, ... minutes after each failure, at most six hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def message_id(key: str, recipient: str) -> str:
    """Stable per (what, whom); the address itself is not in it."""
    who = hashlib.sha256(recipient.encode()).hexdigest()[:12] if recipient else "none"
    return f"<{key}.{who}@srtracker>"


def enqueue(
    key: str, kind: str, recipients: list[str], subject: str, body: str, contract=None
) -> int:
    """One message per recipient (or one unaddressed); nothing new for a key already queued."""
    return enqueue_many([(key, kind, recipients, subject, body, contract)])


def enqueue_many(messages) -> int:
    """Bulk enqueue of (key, kind, recipients, subject, body, contract) tuples."""
    now = utcnow()
    rows = (
        (
            message_id(key, r),
            kind,
            contract,
            r,
            subject,
            body,
            "pending" if r else "unaddressed",
            now,
            now,
        )
        for key, kind, recipients, subject, body, contract in messages
        for r in (recipients or [""])
    )
    fields = [
        OutboxMessage.message_id,
        OutboxMessage.kind,
        OutboxMessage.contract,
        OutboxMessage.recipient,
        OutboxMessage.subject,
        OutboxMessage.body,
        OutboxMessage.state,
        OutboxMessage.next_attempt_at,
        OutboxMessage.created_at,
    ]
    with write_transaction():
        return bulk_insert(OutboxMessage, fields, rows, conflict="ignore")


def supplier_addresses(contract) -> list[str]:
    return [
        u.email
        for u in User.select(User.email)
        .where(
            (User.organisation == contract.supplier_id) & (User.role == "supplier") & User.active
        )
        .order_by(User.email)
    ]


def oversight_addresses() -> dict[int, list[str]]:
    """Per buyer: the bureau users serving it and the buyer's own officers."""
    addresses = {}
    bureau = (
        User.select(BureauBuyer.buyer, User.email)
        .join(BureauBuyer, on=(User.organisation == BureauBuyer.bureau))
        .where(User.active & (User.role == "bureau"))
        .tuples()
    )
    officers = (
        User.select(User.organisation, User.email)
        .where(User.active & (User.role == "officer"))
        .tuples()
    )
    for buyer, email in [*bureau, *officers]:
        addresses.setdefault(buyer, []).append(email)
    return {buyer: sorted(set(emails)) for buyer, emails in addresses.items()}


def _claim(message: OutboxMessage) -> bool:
    now = utcnow()
    with write_transaction():
        claimed = (
            OutboxMessage.update(
                state="sending", attempts=OutboxMessage.attempts + 1, next_attempt_at=now + CLAIM
            )
            .where(
                (OutboxMessage.id == message.id)
                & (OutboxMessage.state == message.state)
                & (OutboxMessage.next_attempt_at <= now)
            )
            .execute()
        )
    return claimed == 1


def send_pending(mailer, limit: int = 200) -> dict:
    """Send what is due; returns counts of sent and failed."""
    now = utcnow()
    due = list(
        OutboxMessage.select()
        .where(
            OutboxMessage.state.in_(["pending", "sending"]) & (OutboxMessage.next_attempt_at <= now)
        )
        .order_by(OutboxMessage.next_attempt_at)
        .limit(limit)
    )
    counts = {"sent": 0, "failed": 0}
    for message in due:
        if not _claim(message):
            continue
        try:
            mailer.send(message)
        except Exception as exc:  # a failed send is retried later, never lost
            attempts = message.attempts + 1
            with write_transaction():
                OutboxMessage.update(
                    state="pending",
                    next_attempt_at=utcnow() + backoff(attempts),
                    last_error=f"{type(exc).__name__}: {exc}"[:500],
                ).where(OutboxMessage.id == message.id).execute()
            log.warning(
                "outbox message %s not sent (attempt %s): %s",
                message.id,
                attempts,
                type(exc).__name__,
            )
            counts["failed"] += 1
        else:
            with write_transaction():
                OutboxMessage.update(state="sent", sent_at=utcnow(), last_error="").where(
                    OutboxMessage.id == message.id
                ).execute()
            counts["sent"] += 1
    return counts
