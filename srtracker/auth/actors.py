"""Who acts, as the audit log and the services name it: ``user:<id>``, else a word."""

import click
from flask_login import current_user

from ..models import User
from ..store.accounts import find_user
from ..store.audit import user_actor


def current_actor() -> str:
    """The signed-in user of this request."""
    return user_actor(current_user.id)


def acting_as(email: str | None, default: str = "cli") -> tuple[User | None, str]:
    """``--as EMAIL`` of a command: the user and its actor; without one, the command line."""
    if not email:
        return None, default
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"unknown user {email}")
    return user, user_actor(user.id)
