"""Signing in and a user's own settings."""

from dataclasses import dataclass
from datetime import datetime

from ..auth.passwords import verify_password
from ..db import write_transaction
from ..models import User
from ..store import accounts as store
from ..store import audit, throttle


@dataclass(frozen=True)
class Login:
    user: User | None = None
    blocked_until: datetime | None = None


def login(email: str, password: str, address: str, cost: str) -> Login:
    """The user when the password is right and the account active and not throttled.

    Inside one write transaction, so failures are counted without races.
    """
    with write_transaction():
        user = throttle.hold_account(email)  # parallel attempts wait here
        until = throttle.blocked_until(email, address)
        if until is not None:
            return Login(blocked_until=until)
        ok, rehash = verify_password(user.password_hash if user else "", password, cost)
        if not ok or not user.active:
            throttle.record_failure(email, address)
            audit.record("anonymous", "login_failed", "user", user.id if user else None, {})
            return Login()
        throttle.forget_failures(email, address)
        store.record_login(user, rehash)
    return Login(user=user)


def end_sessions(user: User) -> None:
    """A new session token: every saved cookie of the user is worthless."""
    with write_transaction():
        store.new_session_token(user)


def set_language(user: User, language: str) -> None:
    with write_transaction():
        store.set_language(user, language)
