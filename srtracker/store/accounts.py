"""Creating users and setting passwords; shared by the CLI and the admin pages."""

import secrets

from ..access import ROLES
from ..auth.passwords import hash_password, password_problem
from ..db import write_transaction
from ..domain.text import N_
from ..models import BureauBuyer, Organisation, User, utcnow
from . import audit
from .contracts import organisation

ORGANISATION_KIND = {"officer": "buyer", "supplier": "supplier", "bureau": "bureau"}


class AccountError(ValueError):
    """A Dutch msgid saying what to change, and the form field it is about."""

    def __init__(self, message: str, field: str = "email"):
        super().__init__(message)
        self.field = field


def add_user(
    email: str,
    role: str,
    org_name: str | None,
    password: str,
    actor: str,
    serves: list[str] = (),
    cost: str = "default",
) -> User:
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(N_("Onbekende rol; kies officer, supplier, bureau of admin."), "role")
    if role != "admin" and not (org_name or "").strip():
        raise AccountError(N_("Geef de organisatie van deze gebruiker op."), "organisation")
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")
    if User.select().where(User.email == email).exists():
        raise AccountError(N_("Er is al een gebruiker met dit e-mailadres."))
    with write_transaction():
        org = organisation(org_name, ORGANISATION_KIND[role]) if role != "admin" else None
        user = User.create(
            email=email,
            role=role,
            organisation=org,
            password_hash=hash_password(password, cost),
            session_token=secrets.token_hex(16),
        )
        for buyer_name in serves:
            buyer = organisation(buyer_name, "buyer")
            BureauBuyer.insert(bureau=org, buyer=buyer).on_conflict_ignore().execute()
        audit.record(
            actor,
            "create",
            "user",
            user.id,
            {
                "email": email,
                "role": role,
                "organisation": org.name if org else None,
                "serves": list(serves),
            },
        )
    return user


def set_password(user: User, password: str, actor: str, cost: str = "default") -> None:
    """A new password ends every session of the user (the token changes)."""
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")
    with write_transaction():
        User.update(
            password_hash=hash_password(password, cost), session_token=secrets.token_hex(16)
        ).where(User.id == user.id).execute()
        audit.record(actor, "update", "user", user.id, {"password": "reset"})


def buyers() -> list[Organisation]:
    return list(
        Organisation.select().where(Organisation.kind == "buyer").order_by(Organisation.name_key)
    )


def set_active(user: User, active: bool, actor: str) -> None:
    """Deactivate (every session ends at once: the token changes) or reactivate a user."""
    with write_transaction():
        User.update(active=active, session_token=secrets.token_hex(16)).where(
            User.id == user.id
        ).execute()
        audit.record(
            actor,
            "reactivate" if active else "deactivate",
            "user",
            user.id,
            {"active": [user.active, active]},
        )


def set_role(user: User, role: str, actor: str) -> None:
    """Another role for the same account; its sessions end, so the new rights apply at once."""
    if role not in ROLES:
        raise AccountError(N_("Onbekende rol; kies officer, supplier, bureau of admin."), "role")
    with write_transaction():
        User.update(role=role, session_token=secrets.token_hex(16)).where(
            User.id == user.id
        ).execute()
        audit.record(actor, "role", "user", user.id, {"role": [user.role, role]})


def record_login(user: User, rehash: str | None) -> None:
    changes = {"last_login_at": utcnow()}
    if rehash:
        changes["password_hash"] = rehash
    User.update(**changes).where(User.id == user.id).execute()
    audit.record(f"user:{user.id}", "login", "user", user.id, {})


def set_language(user: User, language: str) -> None:
    User.update(language=language).where(User.id == user.id).execute()
    audit.record(
        f"user:{user.id}", "update", "user", user.id, {"language": [user.language, language]}
    )


def new_session_token(user: User) -> None:
    User.update(session_token=secrets.token_hex(16)).where(User.id == user.id).execute()
