"""The database: one peewee DatabaseProxy, bound once per process by URL.

SQLite by default (WAL, foreign keys, a busy timeout), PostgreSQL by URL.
Web requests get a connection each, closed at teardown; CLI commands and jobs
use `db.connection_context()`. autoconnect is off so a leak fails loudly.
"""
import contextlib

from flask import g
from peewee import DatabaseProxy
from peewee import SqliteDatabase
from playhouse.db_url import connect

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "synchronous": "normal",
}


def open_database(url: str):
    if url.startswith("sqlite"):
        return connect(url, pragmas=SQLITE_PRAGMAS, timeout=15, autoconnect=False)
    return connect(url, autoconnect=False)


def bind(url: str):
    """Point the proxy at the database of `url` (once per app)."""
    current = db.obj
    if current is not None and not current.is_closed():
        current.close()
    db.initialize(open_database(url))
    return db.obj


def is_sqlite() -> bool:
    return isinstance(db.obj, SqliteDatabase)


def write_transaction():
    """atomic(), taking SQLite's write lock at BEGIN so two writers never deadlock."""
    if is_sqlite():
        return db.atomic("IMMEDIATE")
    return db.atomic()


@contextlib.contextmanager
def connection():
    """A connection for CLI commands and jobs; reuses one that is already open."""
    if db.is_closed():
        with db.connection_context():
            yield db
    else:
        yield db


def _connect():
    g.db_opened = db.connect(reuse_if_open=True)


def _close(exc):
    if g.pop("db_opened", False) and not db.is_closed():
        db.close()


def init_app(app):
    bind(app.config["DATABASE_URL"])
    app.before_request(_connect)
    app.teardown_request(_close)
