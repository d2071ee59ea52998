"""Personal API tokens as use cases: create (shown once), revoke, authenticate a request.

A token is ``srt_`` and 43 characters of ``secrets.token_urlsafe(32)``: 256 random bits.
Only its SHA-256 is stored. A slow password hash protects guessable secrets; a token
cannot be guessed, so one SHA-256 is as strong and keeps each request cheap
(docs/api.md).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..api.models import ApiToken
from ..db import write_transaction
from ..domain.text import N_
from ..models import User, utcnow
from ..store import api_tokens as store

PREFIX = "srt_"
MAX_NAME = 100
WINDOW = timedelta(minutes=1)


class TokenError(ValueError):
    """A Dutch msgid saying what to change."""


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create(user: User, name: str, actor: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the stored record and the token itself, to show once."""
    name = " ".join((name or "").split())
    if not name:
        raise TokenError(N_("Geef de sleutel een naam, bijvoorbeeld het systeem dat hem gebruikt."))
    if len(name) > MAX_NAME:
        raise TokenError(N_("Een naam is hoogstens 100 tekens lang."))
    raw = PREFIX + secrets.token_urlsafe(32)
    with write_transaction():
        token = store.create(user, name, digest(raw), raw[: len(PREFIX) + 6], actor)
    return token, raw


def revoke(user: User, token_id: int, actor: str) -> bool:
    """Refused at once: the next request with it finds no active token."""
    with write_transaction():
        return store.revoke(user, token_id, actor)


def tokens_of(user: User) -> list[ApiToken]:
    return store.of_user(user)


@dataclass(frozen=True)
class Authenticated:
    token: ApiToken | None = None
    user: User | None = None
    limit: int = 0
    remaining: int = 0
    retry_after: int | None = None  # seconds, when over the rate


def authenticate(raw: str, limit: int, now: datetime | None = None) -> Authenticated:
    """The token's user, unless the token is unknown or revoked (no user) or has made
    `limit` requests this minute already (``retry_after``). Each request is counted."""
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return Authenticated()
    now = now or utcnow()
    window = now.replace(second=0, microsecond=0)
    with write_transaction():
        token = store.active_by_hash(digest(raw))
        if token is None:
            return Authenticated()
        count = store.count_request(token.id, window, now)
    if count > limit:
        retry = max(1, int((window + WINDOW - now).total_seconds() + 0.999))
        return Authenticated(token, token.user, limit, 0, retry)
    return Authenticated(token, token.user, limit, limit - count)
