"""Shared fixtures in the shape of the Flask tutorial: app, client, runner."""
from pathlib import Path

import pytest

from srtracker import create_app
from srtracker.db import db
from srtracker.migrate import init_database

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_contracts"


@pytest.fixture
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}",
        "WTF_CSRF_ENABLED": False,
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
    """An open connection for tests that read or write the database directly."""
    with app.app_context(), db.connection_context():
        yield db
