"""Accounts: adding users and their organisations, passwords, roles, signing in."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..access import ROLES
from ..auth.passwords import hash_password, password_problem, verify_password
from ..db import write_transaction
from ..domain.text import N_
from ..models import Organisation, User
from ..store import accounts as store
from ..store import audit, throttle
from ..store.contracts import find_organisation
from ..store.contracts import organisation as organisation_named_or_new

ORGANISATION_KIND = {"officer": "buyer", "supplier": "supplier", "bureau": "bureau"}
WRONG_KIND = {
    "officer": N_("Een inkoper hoort bij een opdrachtgever: kies er een onder Opdrachtgevers."),
    "supplier": N_("Een opdrachtnemer hoort bij een bedrijf: kies er een onder Opdrachtnemers."),
    "bureau": N_("Een bureaumedewerker hoort bij een bureau: kies er een onder Bureaus."),
}


class AccountError(ValueError):
    """A Dutch msgid saying what to change, its parameters, and the form field it is about."""

    def __init__(self, message: str, field: str = "email", **params):
        super().__init__(message)
        self.field = field
        self.params = params


@dataclass(frozen=True)
class OrganisationChoice:
    """How a new user's organisation is given.

    `name` (the command line, the demo): matched as contracts match names, made on first
    use. `chosen` (the admin's list) or `new` (the admin's explicit new organisation, refused
    when an organisation of that name exists, so a typo never makes a second one).
    """

    name: str | None = None
    chosen: int | None = None
    new: str | None = None
    serves: Sequence[str] = field(default_factory=tuple)


def add_user(
    email: str,
    role: str,
    password: str,
    actor: str,
    organisation: OrganisationChoice = OrganisationChoice(),
    cost: str = "default",
) -> User:
    """A new account in one transaction with its audit entry (and its new organisation's)."""
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(N_("Onbekende rol; kies officer, supplier, bureau of admin."), "role")
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")
    with write_transaction():
        org = None if role == "admin" else _organisation(role, organisation, actor)
        if store.email_taken(email):
            raise AccountError(N_("Er is al een gebruiker met dit e-mailadres."))
        serves = list(organisation.serves)
        user = store.create_user(email, role, org, hash_password(password, cost), serves)
        audit.record(
            actor,
            "create",
            "user",
            user.id,
            {
                "email": email,
                "role": role,
                "organisation": org.name if org else None,
                "serves": serves,
            },
        )
    return user


def _organisation(role: str, given: OrganisationChoice, actor: str) -> Organisation:
    kind = ORGANISATION_KIND[role]
    new = " ".join((given.new or "").split())
    if given.name is not None and given.name.strip():
        return organisation_named_or_new(given.name, kind)
    if given.chosen is not None and new:
        raise AccountError(
            N_("Kies een organisatie uit de lijst of vul een nieuwe in, niet allebei."),
            "new_organisation",
        )
    if new:
        existing = find_organisation(new)
        if existing is not None:
            raise AccountError(
                N_("%(name)s bestaat al: kies die organisatie in de lijst."),
                "new_organisation",
                name=existing.name,
            )
        org = store.create_organisation(new, kind)
        audit.record(actor, "create", "organisation", org.id, {"name": org.name, "kind": kind})
        return org
    if given.chosen is None:
        if given.name is not None:
            raise AccountError(N_("Geef de organisatie van deze gebruiker op."), "organisation")
        raise AccountError(
            N_("Kies de organisatie van deze gebruiker, of vul een nieuwe organisatie in."),
            "organisation",
        )
    org = store.organisation_by_id(given.chosen)
    if org is None:
        raise AccountError(N_("Kies een organisatie uit de lijst."), "organisation")
    if org.kind != kind:
        raise AccountError(WRONG_KIND[role], "organisation")
    return org


def organisations_by_kind() -> dict[str, list[Organisation]]:
    """The admin's list of organisations, grouped as buyers, suppliers and bureaus."""
    grouped: dict[str, list[Organisation]] = {"buyer": [], "supplier": [], "bureau": []}
    for org in store.organisations():
        grouped.setdefault(org.kind, []).append(org)
    return grouped


def set_password(user: User, password: str, actor: str, cost: str = "default") -> None:
    """A new password ends every session of the user (the token changes)."""
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")
    with write_transaction():
        store.set_password_hash(user, hash_password(password, cost))
        audit.record(actor, "update", "user", user.id, {"password": "reset"})


def set_active(user: User, active: bool, actor: str) -> None:
    """Deactivate (every session ends at once: the token changes) or reactivate a user."""
    with write_transaction():
        store.set_active(user, active)
        action = "reactivate" if active else "deactivate"
        audit.record(actor, action, "user", user.id, {"active": [user.active, active]})


def set_role(user: User, role: str, actor: str) -> None:
    """Another role for the same account; its sessions end, so the new rights apply at once."""
    if role not in ROLES:
        raise AccountError(N_("Onbekende rol; kies officer, supplier, bureau of admin."), "role")
    with write_transaction():
        store.set_role(user, role)
        audit.record(actor, "role", "user", user.id, {"role": [user.role, role]})


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
