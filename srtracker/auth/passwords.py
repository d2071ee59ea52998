"""Passwords hashed with Argon2id (argon2-cffi)."""

import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from ..domain.text import N_

_hashers = {
    "default": PasswordHasher(),
    # Tests only: the same algorithm with the cheapest parameters, so suites stay fast.
    "test": PasswordHasher.from_parameters(profiles.CHEAPEST),
}

MIN_LENGTH = 12


def hasher(cost: str = "default") -> PasswordHasher:
    return _hashers[cost]


def hash_password(password: str, cost: str = "default") -> str:
    return hasher(cost).hash(password)


_dummies: dict[str, str] = {}


def dummy_hash(cost: str = "default") -> str:
    """A hash of a random password, checked when there is no account: a wrong e-mail
    address then costs as much time as a wrong password."""
    if cost not in _dummies:
        _dummies[cost] = hash_password(secrets.token_hex(16), cost)
    return _dummies[cost]


def verify_password(stored: str, password: str, cost: str = "default") -> tuple[bool, str | None]:
    """(matches, a new hash when the stored one uses outdated parameters).

    Without a stored hash the dummy one is checked, so the answer takes as long."""
    if not stored:
        try:
            hasher(cost).verify(dummy_hash(cost), password)
        except (VerificationError, InvalidHashError):
            pass
        return False, None
    try:
        hasher(cost).verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False, None
    return True, hash_password(password, cost) if hasher(cost).check_needs_rehash(stored) else None


def password_problem(password: str) -> str | None:
    """A Dutch msgid saying what is wrong with a new password, or None."""
    if len(password) < MIN_LENGTH:
        return N_("Een wachtwoord heeft minstens 12 tekens.")
    return None
