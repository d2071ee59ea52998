"""The settings and the interface's language, inside the Flask app or without it.

The console script runs `import-report` without Flask (issue 19: Flask's import alone
costs more than reading the workbook): the settings are the app factory's own
(`config.app_settings`), the database proxy is bound by their URL, and texts come from
the compiled catalogues in the settings' language, as Flask-Babel gives them to a command
(an app context without a request). Inside a Flask app (the pages, the other commands,
the tests' `app.cli`) each function here gives the app's: `current_app.config`,
Flask-Babel's `gettext` and `force_locale`. Nothing here imports Flask at import time.
"""

import contextlib
import functools
import gc
import gettext as catalogues
import sys
from contextvars import ContextVar
from pathlib import Path

import click

TRANSLATIONS = Path(__file__).resolve().parent / "translations"  # Flask-Babel's default place

_SETTINGS: ContextVar[dict | None] = ContextVar("srtracker_settings", default=None)
_LANGUAGE: ContextVar[str | None] = ContextVar("srtracker_language", default=None)


def settings():
    """The settings of the running command or app (`current_app.config` in a Flask app)."""
    own = _SETTINGS.get()
    if own is not None:
        return own
    from flask import current_app

    return current_app.config


def gettext(string: str, **variables) -> str:
    """Flask-Babel's gettext, also outside a Flask app."""
    own = _SETTINGS.get()
    if own is None:
        from flask_babel import gettext as babel_gettext

        return babel_gettext(string, **variables)
    text = _catalogue(_LANGUAGE.get() or own["LANGUAGE"]).gettext(string)
    return text % variables if variables else text


@contextlib.contextmanager
def force_locale(language: str):
    """Flask-Babel's force_locale, also outside a Flask app."""
    if _SETTINGS.get() is None:
        from flask_babel import force_locale as babel_force_locale

        with babel_force_locale(language):
            yield
        return
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


@functools.cache
def _catalogue(language: str) -> catalogues.NullTranslations:
    return catalogues.translation("messages", TRANSLATIONS, [language], fallback=True)


class Console:
    """The context object of the console script's commands that run without Flask."""

    @functools.cached_property
    def settings(self) -> dict:
        from .config import app_settings

        return app_settings()

    @contextlib.contextmanager
    def importing(self):
        """Around the import of the command's modules: on SQLite, peewee is kept from
        importing the PostgreSQL driver (a tenth of the command's start). This process
        runs one command on the database its settings name, so it never needs the driver;
        where peewee is imported already (a test runs the console in its own process), it
        stays as it is. In such a fresh process the cycle collector is paused while the
        modules are imported: it would only walk them, and they live as long as the
        process (4 % of the imports' instructions). Then they are frozen (`gc.freeze`:
        moved out of the collector's generations, into the permanent one), so that no
        later collection walks them again, not even the one at the process's exit (1 %
        of the whole import's instructions); objects made afterwards are collected as
        before."""
        if "peewee" in sys.modules:
            yield
            return
        if self.settings["DATABASE_URL"].startswith("sqlite"):
            sys.modules.setdefault("psycopg2", None)  # None: `import psycopg2` fails at once
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            gc.freeze()
            if enabled:
                gc.enable()


@contextlib.contextmanager
def without_flask(console: Console):
    """What create_app(serving=False, web=False) sets up for a command, without the app:
    the settings, the logs and the database (no pool)."""
    from . import _xml_guarded, db, logs
    from .config import debug_flag

    if not _xml_guarded(web=False):  # as create_app refuses to start
        raise RuntimeError("defusedxml is not installed: openpyxl would parse uploads unguarded")
    own = console.settings
    logs.configure(own["LOG_FORMAT"], console=logs.console_wanted(debug_flag()))
    db.bind(own["DATABASE_URL"])
    token = _SETTINGS.set(own)
    try:
        yield own
    finally:
        _SETTINGS.reset(token)


def with_settings(command):
    """Flask's with_appcontext for a command that can also run without Flask: under the
    console script's `Console` it runs on `without_flask()`, else in the app's context."""

    @click.pass_context
    def run(ctx, *args, **kwargs):
        console = ctx.find_object(Console)
        if console is not None:
            with without_flask(console):
                return ctx.invoke(command, *args, **kwargs)
        from flask.cli import with_appcontext

        return ctx.invoke(with_appcontext(command), *args, **kwargs)

    return functools.update_wrapper(run, command)
