"""A command run without Flask gets what the app would give it (srtracker/runtime.py)."""

import gettext as catalogues

import pytest
from flask import Flask
from flask_babel import force_locale
from flask_babel import gettext as babel_gettext
from flask_login import UserMixin

from srtracker import runtime
from srtracker.config import app_settings, instance_path
from srtracker.models import LoginMixin, User

CATALOGUE = runtime.TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo"


def msgids():
    with open(CATALOGUE, "rb") as handle:
        return [m for m in catalogues.GNUTranslations(handle)._catalog if isinstance(m, str) and m]


@pytest.fixture
def without_flask(monkeypatch, tmp_path):
    """The settings of a command run by the console script (and a database of its own)."""
    monkeypatch.setenv("SRTRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    monkeypatch.setattr("srtracker.logs.configure", lambda *args, **kwargs: None)  # pytest's

    def enter(language):
        console = runtime.Console()
        console.settings["LANGUAGE"] = language
        return runtime.without_flask(console)

    return enter


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_text_is_flask_babels_without_flask(app, without_flask, language):
    texts = msgids()
    assert len(texts) > 100
    with app.app_context(), force_locale(language):
        expected = [babel_gettext(text) for text in texts]
    with without_flask(language):
        assert [runtime.gettext(text) for text in texts] == expected


def test_variables_are_filled_in_as_flask_babel_does(app, without_flask):
    text = "Herinnering: voortgangsrapportage %(reference)s %(period)s"
    with app.app_context(), force_locale("en"):
        expected = babel_gettext(text, reference="2026-HH-014", period="2026-Q1")
    with without_flask("nl"), runtime.force_locale("en"):
        assert runtime.gettext(text, reference="2026-HH-014", period="2026-Q1") == expected


def test_force_locale_without_flask_ends_with_its_block(without_flask):
    with without_flask("en"):
        with runtime.force_locale("nl"):
            assert runtime.gettext("een gebruiker") == "een gebruiker"
        assert runtime.gettext("een gebruiker") != "een gebruiker"


def test_settings_are_the_apps_own_in_an_app(app):
    with app.app_context():
        assert runtime.settings() is app.config


def test_settings_without_flask_are_the_factorys(app, without_flask):
    with without_flask("nl") as own:
        assert runtime.settings() is own
    for name in ("LANGUAGE", "TIMEZONE", "REPORT_MAX_UPLOAD_BYTES", "AT_RISK_RATIO"):
        assert own[name] == app_settings()[name]


def test_instance_folder_is_flasks_own_rule():
    assert instance_path() == Flask("srtracker").auto_find_instance_path()


def test_login_mixin_is_flask_logins_user_mixin():
    ours = {
        name
        for name in vars(LoginMixin)
        if not name.startswith("__") or name in ("__eq__", "__ne__", "__hash__")
    }
    theirs = {
        name
        for name in vars(UserMixin)
        if not name.startswith("__") or name in ("__eq__", "__ne__", "__hash__")
    }
    assert ours == theirs
    one, same, other = User(id=1, session_token="a"), User(id=1, session_token="a"), User(id=2)
    assert (one == same, one != same, one == other, one != other) == (True, False, False, True)
    assert hash(one) != hash(same)  # identity, as UserMixin's
    assert (one.is_authenticated, one.is_anonymous) == (True, False)


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///srtracker.db",
        "sqlite:////tmp/some where/srtracker.db",
        "sqlite:///:memory:",
        "sqlite:///",
        "sqlite:///x.db?timeout=3",
    ],
)
def test_sqlite_url_opens_as_peewees_db_url_opens_it(url):
    from playhouse.db_url import connect

    from srtracker.db import SQLITE_PRAGMAS, open_database

    ours = open_database(url)
    theirs = connect(url, pragmas=SQLITE_PRAGMAS, timeout=15, autoconnect=False)
    assert type(ours) is type(theirs)
    seen = ("database", "connect_params", "_pragmas", "_timeout", "autoconnect", "_functions")
    assert {k: getattr(ours, k) for k in seen} == {k: getattr(theirs, k) for k in seen}


@pytest.mark.parametrize("text", ["#N/A", "a&amp;lt;b", "&lt;&gt;&amp;", "&amp;amp;", "&quot;x"])
def test_error_values_are_unescaped_as_saxutils_does(text):
    from xml.sax.saxutils import unescape

    from srtracker.workbook.reader import _unescape

    assert _unescape(text) == unescape(text)


def test_without_defusedxml_a_command_refuses_to_start_as_create_app_does(
    without_flask, monkeypatch
):
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "defusedxml" else find_spec(name, *a),
    )
    with pytest.raises(RuntimeError, match="defusedxml"):
        with without_flask("nl"):
            pass
