"""Personal API tokens: create, revoke, find by hash, and count a request in its minute.

Each function runs inside the caller's transaction (srtracker/services/api_tokens.py)
and writes its audit entry beside the change. The raw token never reaches this layer:
only its SHA-256 and the first characters the account page shows.
"""

from datetime import datetime

from peewee import Case

from ..api.models import ApiToken
from ..models import User, utcnow
from . import audit


def create(user: User, name: str, token_hash: str, hint: str, actor: str) -> ApiToken:
    token = ApiToken.create(user=user.id, name=name, token_hash=token_hash, hint=hint)
    audit.record(actor, "create", "api_token", token.id, {"name": name, "user": user.id})
    return token


def revoke(user: User, token_id: int, actor: str) -> bool:
    """Revoke one of the user's own tokens; False when it is not theirs or already revoked."""
    token = ApiToken.get_or_none((ApiToken.id == token_id) & (ApiToken.user == user.id))
    if token is None or token.revoked_at is not None:
        return False
    ApiToken.update(revoked_at=utcnow()).where(ApiToken.id == token.id).execute()
    audit.record(actor, "revoke", "api_token", token.id, {"name": token.name, "user": user.id})
    return True


def of_user(user: User) -> list[ApiToken]:
    """The user's tokens, newest first; revoked ones stay listed as revoked."""
    return list(ApiToken.select().where(ApiToken.user == user.id).order_by(ApiToken.id.desc()))


def active_by_hash(token_hash: str) -> ApiToken | None:
    """The unrevoked token with this hash, with its active user; else None."""
    return (
        ApiToken.select(ApiToken, User)
        .join(User)
        .where((ApiToken.token_hash == token_hash) & ApiToken.revoked_at.is_null() & User.active)
        .first()
    )


def count_request(token_id: int, window: datetime, now: datetime) -> int:
    """Count one request in the minute starting at `window`; returns the count so far.

    One UPDATE on the token's row: parallel requests of any worker wait for each other's
    row lock, so the count is exact. It also notes when the token was last used.
    """
    ApiToken.update(
        window_count=Case(None, [(ApiToken.window_start == window, ApiToken.window_count + 1)], 1),
        window_start=window,
        last_used_at=now,
    ).where(ApiToken.id == token_id).execute()
    return ApiToken.select(ApiToken.window_count).where(ApiToken.id == token_id).scalar()
