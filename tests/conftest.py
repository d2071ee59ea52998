"""Shared fixtures in the shape of the Flask tutorial: app, client, runner, auth."""
from pathlib import Path

import pytest

from srtracker import create_app
from srtracker.auth.accounts import add_user
from srtracker.db import db
from srtracker.migrate import init_database

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_contracts"
SPEC_EXAMPLE = SAMPLES / "2026-HH-014_huishoudelijke-hulp.toml"
PASSWORD = "correct horse battery"

# One user per role; the spec example contract is bought by Apeldoorn from Thuiszorg Oost.
USERS = {
    "officer": ("inkoper@apeldoorn.nl", "Gemeente Apeldoorn", ()),
    "supplier": ("planning@thuiszorg-oost.nl", "Thuiszorg Oost B.V.", ()),
    "other_supplier": ("info@anderbedrijf.nl", "Ander Bedrijf B.V.", ()),
    "bureau": ("adviseur@srbureau.nl", "Social Return Bureau Oost", ("Gemeente Apeldoorn",)),
    "other_bureau": ("adviseur@elders.nl", "Bureau Elders", ("Gemeente Elders",)),
    "admin": ("beheer@srtracker.nl", None, ()),
}


@pytest.fixture
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_COST": "test",
    })
    init_database(app)
    yield app
    if not db.is_closed():
        db.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def conn(app):
    """An open connection for tests that read or write the database directly.

    No app context is pushed here: requests made meanwhile must get their own,
    or Flask would share one `g` (and its logged-in user) between them.
    """
    with db.connection_context():
        yield db


def make_user(name):
    email, org, serves = USERS[name]
    role = name.removeprefix("other_")
    return add_user(email, role, org, PASSWORD, actor="test", serves=list(serves), cost="test")


@pytest.fixture
def users(app):
    with app.app_context(), db.connection_context():
        return {name: make_user(name) for name in USERS}


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, name):
        return self._client.post("/login", data={"email": USERS[name][0], "password": PASSWORD})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client, users):
    return AuthActions(client)


@pytest.fixture
def spec_contract(runner):
    """The contract of contract-file.md, loaded through the CLI."""
    result = runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    assert result.exit_code == 0, result.output
