"""Users and their organisations: the queries and writes of the accounts service."""

import secrets

from ..models import BureauBuyer, Organisation, User, utcnow
from . import audit
from .contracts import organisation, organisation_key


def organisations() -> list[Organisation]:
    """Every organisation, by kind and then by name: the admin's choice for a new user."""
    return list(Organisation.select().order_by(Organisation.kind, Organisation.name_key))


def organisation_by_id(organisation_id: int) -> Organisation | None:
    return Organisation.get_or_none(Organisation.id == organisation_id)


def create_organisation(name: str, kind: str) -> Organisation:
    return Organisation.create(
        name=" ".join(name.split()), name_key=organisation_key(name), kind=kind
    )


def email_taken(email: str) -> bool:
    return User.select().where(User.email == email).exists()


def create_user(
    email: str, role: str, org: Organisation | None, password_hash: str, serves: list[str]
) -> User:
    user = User.create(
        email=email,
        role=role,
        organisation=org,
        password_hash=password_hash,
        session_token=secrets.token_hex(16),
    )
    for buyer_name in serves:
        buyer = organisation(buyer_name, "buyer")
        BureauBuyer.insert(bureau=org, buyer=buyer).on_conflict_ignore().execute()
    return user


def set_password_hash(user: User, password_hash: str) -> None:
    User.update(password_hash=password_hash, session_token=secrets.token_hex(16)).where(
        User.id == user.id
    ).execute()


def find_user(email: str) -> User | None:
    """The user of that e-mail address (stored trimmed and in lower case)."""
    return User.get_or_none(User.email == email.strip().lower())


def buyers() -> list[Organisation]:
    return list(
        Organisation.select().where(Organisation.kind == "buyer").order_by(Organisation.name_key)
    )


def set_active(user: User, active: bool) -> None:
    User.update(active=active, session_token=secrets.token_hex(16)).where(
        User.id == user.id
    ).execute()


def set_role(user: User, role: str) -> None:
    User.update(role=role, session_token=secrets.token_hex(16)).where(User.id == user.id).execute()


def record_login(user: User, rehash: str | None) -> None:
    changes = {"last_login_at": utcnow()}
    if rehash:
        changes["password_hash"] = rehash
    User.update(**changes).where(User.id == user.id).execute()
    audit.record(audit.user_actor(user.id), "login", "user", user.id, {})


def set_language(user: User, language: str) -> None:
    User.update(language=language).where(User.id == user.id).execute()
    audit.record(
        audit.user_actor(user.id),
        "update",
        "user",
        user.id,
        {"language": [user.language, language]},
    )


def new_session_token(user: User) -> None:
    User.update(session_token=secrets.token_hex(16)).where(User.id == user.id).execute()
