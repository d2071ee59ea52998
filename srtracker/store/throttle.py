"""Login throttling: the counts live in the database, so every worker sees them.

Five failures for an account from one address within 15 minutes lock the account for
15 minutes from the fifth, for that address only: someone guessing elsewhere cannot lock
the real user out. An address with 20 failures across accounts within 15 minutes is
slowed to one attempt per 30 seconds. Call these inside the login's write transaction
after `hold_account`, so parallel attempts are counted one after another.
"""

from datetime import datetime, timedelta

from peewee import fn

from ..auth.models import LoginFailure
from ..db import is_sqlite
from ..models import User, utcnow

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5
LOCK = timedelta(minutes=15)
ADDRESS_LIMIT = 20
ADDRESS_PAUSE = timedelta(seconds=30)


def account_key(email: str) -> str:
    return email.strip().casefold()


def hold_account(email: str) -> User | None:
    """The account of `email`, its row locked until the transaction ends.

    Parallel attempts on one account then wait for each other, so each sees the failures
    before it and the limit holds (SQLite's write transaction serialises them already).
    """
    query = User.select().where(User.email == email)
    return (query if is_sqlite() else query.for_update()).first()


def blocked_until(email: str, address: str, now: datetime | None = None) -> datetime | None:
    """When the next attempt from `address` may be made, if not now."""
    now = now or utcnow()
    since = now - WINDOW
    account = [
        row.at
        for row in LoginFailure.select(LoginFailure.at)
        .where(
            (LoginFailure.email_key == account_key(email))
            & (LoginFailure.address == address[:64])
            & (LoginFailure.at > since)
        )
        .order_by(LoginFailure.at.desc())
        .limit(ACCOUNT_LIMIT)
    ]
    if len(account) >= ACCOUNT_LIMIT and account[ACCOUNT_LIMIT - 1] + LOCK > now:
        return account[ACCOUNT_LIMIT - 1] + LOCK
    count, last = (
        LoginFailure.select(fn.COUNT(LoginFailure.id), fn.MAX(LoginFailure.at))
        .where((LoginFailure.address == address[:64]) & (LoginFailure.at > since))
        .tuples()
        .get()
    )
    if count >= ADDRESS_LIMIT and last is not None:
        last = last if isinstance(last, datetime) else datetime.fromisoformat(str(last))
        if last + ADDRESS_PAUSE > now:
            return last + ADDRESS_PAUSE
    return None


def record_failure(email: str, address: str) -> None:
    LoginFailure.create(email_key=account_key(email)[:254], address=address[:64])


def forget_failures(email: str, address: str) -> None:
    """A successful login clears the account's count from its address (not elsewhere)."""
    LoginFailure.delete().where(
        (LoginFailure.email_key == account_key(email)) & (LoginFailure.address == address[:64])
    ).execute()
