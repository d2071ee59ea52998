"""The database: one peewee DatabaseProxy, bound once per process by URL.

SQLite by default (WAL, foreign keys, a busy timeout), PostgreSQL by URL.
Web requests get a connection each, closed at teardown; CLI commands and jobs
use `db.connection_context()`. autoconnect is off so a leak fails loudly.
A serving web app pools its PostgreSQL connections per process: "closing" one hands
it back for the next request, since a new one costs a server process and cold caches
(about 5 ms of CPU a request, a fifth of a dashboard page).
"""

import contextlib
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from itertools import chain
from operator import countOf, itemgetter
from urllib.parse import urlparse

from peewee import (
    SQL,
    BigIntegerField,
    CharField,
    DatabaseProxy,
    IntegerField,
    SmallIntegerField,
    SqliteDatabase,
    TextField,
    chunked,
    fn,
    sqlite3,
)

db = DatabaseProxy()

# Python's sqlite3 (3.11) binds None through its adapter protocol: it first asks the protocol
# type for `__adapt__`, which raises and clears an AttributeError for every NULL parameter
# (about 2,000 instructions each: a tenth of import-report's 20,000 rows, issue 19). With an
# adapter registered for None that lookup finds it; `{}.get` returns None, bound as NULL.
sqlite3.register_adapter(type(None), {}.get)

BULK_PAGE = 2000
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "synchronous": "normal",
}


def open_database(url: str, pool: bool = False):
    """peewee's db_url; a plain `sqlite:///path` is opened without it, as it would open it
    (db_url imports every driver's extension: a tenth of import-report's start)."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite" and not (parsed.netloc or parsed.query or parsed.params):
        database = parsed.path[1:] or ":memory:"
        return SqliteDatabase(database, pragmas=SQLITE_PRAGMAS, timeout=15, autoconnect=False)
    from playhouse.db_url import connect

    if url.startswith("sqlite"):
        return connect(url, pragmas=SQLITE_PRAGMAS, timeout=15, autoconnect=False)
    scheme, sep, rest = url.partition("://")
    if pool and scheme in ("postgres", "postgresql"):
        # Kept at most 5 minutes, so a restarted server or a changed setting is picked up.
        return connect(
            f"{scheme}+pool{sep}{rest}",
            autoconnect=False,
            max_connections=POOL_SIZE,
            stale_timeout=300,
            timeout=30,
        )
    return connect(url, autoconnect=False)


# Connections per web worker process: a sync worker uses one at a time.
POOL_SIZE = 8


def bind(url: str, pool: bool = False):
    """Point the proxy at the database of `url` (once per app); `pool`: see init_app."""
    current = db.obj
    if current is not None and not current.is_closed():
        current.close()
    close_all = getattr(current, "close_all", None)  # a PooledDatabase
    if close_all is not None:
        close_all()
    db.initialize(open_database(url, pool))
    return db.obj


def is_sqlite() -> bool:
    return isinstance(db.obj, SqliteDatabase)


def write_transaction():
    """atomic(), taking SQLite's write lock at BEGIN so two writers never deadlock."""
    if is_sqlite():
        return db.atomic("IMMEDIATE")
    return db.atomic()


def one_of(field, ids: Iterable[int]):
    """``field IN ids`` with the ids as one parameter: an array on PostgreSQL, JSON text on
    SQLite (json_each). peewee's own IN list writes a parameter node an id, about 8 ms a
    thousand: at national scale the check's lists of clause and report ids cost seconds."""
    ids = list(ids)
    if is_sqlite():
        return field.in_(SQL("(SELECT value FROM json_each(?))", [json.dumps(ids)]))
    return field == fn.ANY(SQL("%s", [ids]))


def snapshot_transaction():
    """One snapshot for a use case that reads much, then writes (the check): on PostgreSQL
    a REPEATABLE READ transaction, so what another transaction commits meanwhile (autovacuum's
    ANALYZE too) is in none of what it reads, writes or digests; a commit to a row it writes
    as well fails it (`is_serialization_failure`). On SQLite none: reads run in autocommit,
    and PRAGMA data_version tells whether another connection committed."""
    if is_sqlite():
        return contextlib.nullcontext()
    return db.atomic(isolation_level="REPEATABLE READ")


def vacuum(*models) -> None:
    """VACUUM these tables on PostgreSQL, outside a transaction (inside one, or on SQLite,
    nothing). A check rewrites rows all over the read models that the bureau's pages read by
    index alone, and each page of a table it writes to is no longer known all-visible: until
    autovacuum comes (a fifth of the table dead), PostgreSQL then reads the table beside the
    index, or sorts it whole (a deep page of the dashboard 114 ms against 20 ms)."""
    if is_sqlite() or db.in_transaction():
        return
    tables = ", ".join(f'"{model._meta.table_name}"' for model in models)
    db.execute_sql(f"VACUUM {tables}")


def is_serialization_failure(error: BaseException) -> bool:
    """PostgreSQL's SQLSTATE 40001, whether peewee wrapped the driver's error or not (its
    wrapper is raised from the driver's)."""
    causes = (error, error.__cause__, error.__context__)
    return any(getattr(cause, "pgcode", None) == "40001" for cause in causes)


@contextlib.contextmanager
def connection():
    """A connection for CLI commands and jobs; reuses one that is already open."""
    if db.is_closed():
        with db.connection_context():
            yield db
    else:
        yield db


def _connect():
    from flask import g

    g.db_opened = db.connect(reuse_if_open=True)


def _close(exc):
    from flask import g

    if g.pop("db_opened", False) and not db.is_closed():
        db.close()


def init_app(app, pool: bool = False):
    """pool: keep PostgreSQL connections between requests (a serving web app; not tests
    and commands, which open a database now and then and may drop it after)."""
    bind(app.config["DATABASE_URL"], pool)
    app.before_request(_connect)
    app.teardown_request(_close)


def stored_form():
    """How ``insert_rows`` takes a date or date-time: ISO text on SQLite (as DateField
    and DateTimeField store them), as it is on PostgreSQL."""
    return _iso if is_sqlite() else _as_it_is


def _iso(value):
    return value.isoformat(" ") if isinstance(value, datetime) else value.isoformat()


def _as_it_is(value):
    return value


def insert_rows(model, fields, rows: list[tuple], conflict=None) -> None:
    """Insert plain tuples already in the column's stored form, in one executemany
    (on SQLite of ROWS_PER_INSERT rows a statement).

    For the hot path (a report's rows): no per-value conversion at all. Dates
    are ISO text on SQLite (as DateField stores them), date objects on
    PostgreSQL; hundredths and cents are ints. ``conflict`` as in ``bulk_insert``.
    """
    if not rows:
        return
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    table = model._meta.table_name
    suffix = _on_conflict(conflict)
    if is_sqlite():
        _sqlite_insert(f'INSERT INTO "{table}" ({columns}) VALUES ', suffix, len(fields), rows)
    else:
        _pg_insert(table, columns, rows, suffix)


def insert_returning(model, fields, rows: list[tuple], returning) -> list[tuple]:
    """``insert_rows`` without a conflict clause, giving back the ``returning`` columns
    of each row inserted (INSERT ... RETURNING, SQLite 3.35 and later), in no promised
    order: the ids of rows just written without reading them back."""
    if not rows:
        return []
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    back = " RETURNING " + ", ".join(f'"{f.column_name}"' for f in returning)
    if not is_sqlite():
        return _pg_insert(model._meta.table_name, columns, rows, "", back)
    cursor = db.cursor()
    per = max(1, min(ROWS_PER_INSERT, SQLITE_PARAMETERS // len(fields)))
    one = f"({', '.join('?' * len(fields))})"
    found: list[tuple] = []
    for i in range(0, len(rows), per):
        page = rows[i : i + per]
        cursor.execute(head + ", ".join([one] * len(page)) + back, tuple(chain.from_iterable(page)))
        found += cursor.fetchall()
    return found


# From this many rows a PostgreSQL insert goes through COPY (below); fewer take one
# INSERT ... VALUES, where the temporary table would cost more than it saves.
COPY_FROM = 1000
COPY_PAGE = 20000


def _pg_insert(table: str, columns: str, rows: list[tuple], suffix: str, back: str = ""):
    """`rows` inserted into `table` on PostgreSQL; the rows `back` (a RETURNING clause)
    gives, else [].

    Many rows are sent by COPY into a temporary table of the given columns, then
    inserted from it with the same conflict clause: psycopg2's execute_values quotes
    every row by a call of its own (mogrify, the largest single cost of the client in a
    first check at national scale) and the server parses a statement of thousands of
    literals (bench/RESULTS.md, issue 19, tenth session)."""
    from psycopg2.extras import execute_values

    cursor = db.cursor()
    if len(rows) < COPY_FROM:
        sql = f'INSERT INTO "{table}" ({columns}) VALUES %s{suffix}{back}'
        found = execute_values(cursor, sql, rows, page_size=BULK_PAGE, fetch=bool(back))
        return found or []
    copied = f'"_copy_{table}"'
    with db.atomic():  # a failure drops the temporary table with the rows
        cursor.execute(
            f'CREATE TEMPORARY TABLE {copied} AS SELECT {columns} FROM "{table}" WITH NO DATA'
        )
        for start in range(0, len(rows), COPY_PAGE):
            text = "".join(_copy_line(row) for row in rows[start : start + COPY_PAGE])
            cursor.copy_expert(f"COPY {copied} ({columns}) FROM STDIN", io.StringIO(text))
        cursor.execute(
            f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM {copied}{suffix}{back}'
        )
        found = cursor.fetchall() if back else []
        cursor.execute(f"DROP TABLE {copied}")
    return found


def _copy_line(row: tuple) -> str:
    """One row in COPY's text format: tab-separated, NULL as \\N, a line break ending it."""
    return "\t".join(map(_copy_value, row)) + "\n"


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value) -> str:
    """A value in COPY's text format, as the column's input function reads it."""
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.translate(_COPY_ESCAPES)
        return value
    if kind is int:
        return str(value)
    if kind is bool:
        return "t" if value else "f"
    if kind is date or kind is datetime:
        return value.isoformat()
    if kind is bytes or kind is memoryview:
        return "\\\\x" + bytes(value).hex()
    return str(value)


# Rows per INSERT on SQLite: one statement of many rows costs a fifth less than as many
# statements of one (20,000 report rows: 0.29 -> 0.23 s), within SQLite's bound on
# parameters (32,766 since 3.32, 999 before).
ROWS_PER_INSERT = 500
SQLITE_PARAMETERS = 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999  # peewee's


def _sqlite_insert(head: str, suffix: str, width: int, rows: list[tuple]) -> None:
    """`rows` in order, ROWS_PER_INSERT to a statement (one executemany), the rest in one.

    A column that is None in every row is written NULL in the statement instead of bound:
    sqlite3 binds None through its adapters, about 1,200 instructions a parameter even with
    the adapter for None above, and most of a report's optional columns are empty."""
    null = _null_columns(rows, width)
    if null:
        kept = [i for i in range(width) if i not in null]
        rows = list(map(_picker(kept), rows))
    one = "(" + ", ".join("NULL" if i in null else "?" for i in range(width)) + ")"
    width -= len(null)
    per = max(1, min(ROWS_PER_INSERT, SQLITE_PARAMETERS // max(width, 1)))
    whole = len(rows) - len(rows) % per
    cursor = db.cursor()
    if whole:
        pages = (tuple(chain.from_iterable(rows[i : i + per])) for i in range(0, whole, per))
        cursor.executemany(head + ", ".join([one] * per) + suffix, pages)
    if whole < len(rows):
        rest = rows[whole:]
        cursor.execute(
            head + ", ".join([one] * len(rest)) + suffix, tuple(chain.from_iterable(rest))
        )


def _null_columns(rows: list[tuple], width: int) -> set[int]:
    """The positions that hold None in every row."""
    return {
        i
        for i, value in enumerate(rows[0][:width])
        if value is None and countOf(map(itemgetter(i), rows), None) == len(rows)
    }


def _picker(kept: list[int]):
    """A row's values at `kept`, as a tuple."""
    if len(kept) == 1:
        (only,) = kept
        return lambda row: (row[only],)
    return itemgetter(*kept) if kept else lambda row: ()


def _on_conflict(conflict) -> str:
    """The SQL after VALUES for bulk_insert's ``conflict``."""
    if conflict == "ignore":
        return " ON CONFLICT DO NOTHING"
    if not conflict:
        return ""
    target, updated = conflict
    return f' ON CONFLICT ("{target.column_name}") DO UPDATE SET ' + ", ".join(
        f'"{f.column_name}" = excluded."{f.column_name}"' for f in updated
    )


# Fields whose db_value only coerces to a type: a value of that type is passed on as it is.
_PLAIN = {
    IntegerField: int,
    BigIntegerField: int,
    SmallIntegerField: int,
    CharField: str,
    TextField: str,
}


def _converter(field, sqlite: bool):
    """The field's db_value, then dates as ISO text on SQLite; skipped where it changes
    nothing (an int for an integer column, a str for a text column)."""
    convert = field.db_value
    plain = _PLAIN.get(type(field))
    if plain is not None:
        return lambda value: value if value is None or type(value) is plain else convert(value)

    def adapted(value):
        value = convert(value)
        if sqlite and isinstance(value, (date, datetime)):
            return value.isoformat(" ") if isinstance(value, datetime) else value.isoformat()
        return value

    return adapted


def bulk_insert(model, fields, rows, conflict=None) -> int:
    """Insert many rows fast; returns how many were inserted.

    peewee's insert_many builds an expression per value, which dominates at
    hundreds of thousands of rows; here each value passes the field's own
    db_value and the driver takes whole pages. `conflict` is None, "ignore",
    or (conflict field, fields to update from the new row). Fields left out
    get their model default, computed once for the whole call.
    """
    table = model._meta.table_name
    given = {f.name for f in fields}
    defaulted = [
        f
        for f in model._meta.sorted_fields
        if f.name not in given and f.default is not None and not f.primary_key
    ]
    defaults = tuple(f.default() if callable(f.default) else f.default for f in defaulted)
    fields = [*fields, *defaulted]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    suffix = _on_conflict(conflict)
    sqlite = is_sqlite()
    converters = [_converter(f, sqlite) for f in fields]
    values = (
        tuple(convert(v) for convert, v in zip(converters, (*row, *defaults), strict=False))
        for row in rows
    )
    inserted = 0
    if sqlite:
        cursor = db.cursor()
        sql = f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(fields))}){suffix}'
        for page in chunked(values, BULK_PAGE):
            cursor.executemany(sql, page)
            inserted += max(cursor.rowcount, 0)
    else:
        for page in chunked(values, COPY_PAGE):
            inserted += len(_pg_insert(table, columns, page, suffix, " RETURNING 1"))
    return inserted
