"""Shared fixtures in the shape of the Flask tutorial: app, client, runner, auth.

Tests run on SQLite; with SRTRACKER_TEST_DATABASE_URL set to a PostgreSQL
database (tools/with-postgres does that) the same tests run on PostgreSQL,
each on a fresh database copied from a migrated template.
"""

import os
import uuid
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from srtracker import create_app
from srtracker.db import db
from srtracker.migrate import init_database
from srtracker.services.accounts import OrganisationChoice, add_user

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


POSTGRES_URL = os.environ.get("SRTRACKER_TEST_DATABASE_URL", "")
TEMPLATE = "srtracker_template"
TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test",
    "WTF_CSRF_ENABLED": False,
    "PASSWORD_HASH_COST": "test",
}


def _postgres(sql):
    """Run one statement on the server's maintenance connection (autocommit)."""
    import psycopg2

    connection = psycopg2.connect(POSTGRES_URL)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def _url_of(name):
    parts = urlsplit(POSTGRES_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def postgres_template():
    """A database with every migration applied, copied for each test."""
    if not POSTGRES_URL:
        yield None
        return
    _postgres(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
    _postgres(f"CREATE DATABASE {TEMPLATE}")
    init_database(create_app({**TEST_CONFIG, "DATABASE_URL": _url_of(TEMPLATE)}))
    if not db.is_closed():
        db.close()
    yield TEMPLATE
    _postgres(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")


def _scratch_database(tmp_path, prefix, template=None):
    """An SQLite file, or a PostgreSQL database (copied from `template`) dropped afterwards."""
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path / f'{prefix}.db'}"
        return
    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
    _postgres(f"CREATE DATABASE {name}{copy}")
    yield _url_of(name)
    if not db.is_closed():
        db.close()
    _postgres(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def database_url(tmp_path, postgres_template):
    """A new database with every migration applied, for one test."""
    yield from _scratch_database(tmp_path, "t", postgres_template)


@pytest.fixture
def empty_database_url(tmp_path):
    """A database without any table, for migration tests."""
    yield from _scratch_database(tmp_path, "e")


# A re-check made before any check is stored is as of today (compliance.md, "Re-check on
# change"). The suite fixes that today before the sample contracts' first report is due,
# so loading a contract stores its statuses but opens no flag, and the specs' examples
# (checks as of 2026-08-15 and so on) read as written, whatever the machine's date.
RECHECK_TODAY = date(2026, 1, 1)


@pytest.fixture(autouse=True)
def recheck_today(monkeypatch):
    monkeypatch.setattr("srtracker.services.checks.today", lambda: RECHECK_TODAY)
    return RECHECK_TODAY


@pytest.fixture
def app(database_url):
    from srtracker.bureau import dashboard, flag_pages
    from srtracker.reviews import queue

    dashboard.CHOICES.clear()
    dashboard.COUNTS.clear()
    flag_pages.FLAG_QUEUES.clear()
    queue.COUNTS.clear()
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url})
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
    given = OrganisationChoice(name=org or "", serves=serves)
    return add_user(email, role, PASSWORD, actor="test", organisation=given, cost="test")


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
