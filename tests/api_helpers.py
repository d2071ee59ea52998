"""Personal API tokens for the users of tests/conftest.py, and the header that sends one."""

import pytest

from srtracker.db import db
from srtracker.models import User
from srtracker.services import api_tokens
from tests.conftest import USERS


def make_tokens(app) -> dict[str, str]:
    """A token for every user of USERS, by the same name."""
    with app.test_request_context(), db.connection_context():
        return {
            name: api_tokens.create(User.get(User.email == email), f"test {name}", "test")[1]
            for name, (email, _org, _serves) in USERS.items()
        }


@pytest.fixture
def tokens(app, users):
    return make_tokens(app)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
