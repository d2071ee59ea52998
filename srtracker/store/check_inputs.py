"""What a stored check was decided from: one digest of every input, and its clauses.

A check as of D whose inputs are those the latest stored check as of D left behind
would decide nothing new (the check is idempotent: compliance.md's "a re-check finds
nothing new"), so the nightly check run again over the same data is not worked out
again: its clauses are read back (README "Decisions"). The digest covers every table
the check reads, the code, the settings and the date; it is taken after the check's
own writes, within its transaction, so what the next check compares it with is the
state that check will read.
"""

import hashlib
import json
import zlib
from datetime import date
from functools import lru_cache
from pathlib import Path

from peewee import OperationalError

from ..db import db, is_sqlite
from ..models import CheckRun

# Tables the check never reads: the log and the outbox it writes, the runs themselves,
# accounts, tokens, sessions and the scheduler's bookkeeping, file contents, comments.
NOT_INPUTS = frozenset(
    {
        "audit_log",
        "check_run",
        "outbox_message",
        "scheduler_lease",
        "job_run",
        "login_failure",
        "api_token",
        "user",
        "stored_file",
        "flag_comment",
        "schema_migration",
    }
)
# Columns no rule reads: which check run a status is as of (each run moves it).
NOT_READ = {"clause_status": {"check_run_id"}}
# A report's rows are written once, with the report, and never changed: their count
# and highest id stand for them (a new or deleted report changes the report table too).
ROWS = "contribution"
BATCH = 10000


@lru_cache(maxsize=1)
def _code() -> bytes:
    """The package's own files (rules, valuation tables): a new release decides anew."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.digest()


def _table(digest, table: str) -> None:
    digest.update(table.encode())
    if table == ROWS:
        count = db.execute_sql(f'SELECT COUNT(*), MAX(id) FROM "{ROWS}"').fetchone()
        digest.update(repr(tuple(count)).encode())
        return
    skipped = NOT_READ.get(table, ())
    columns = [c for c in db.get_columns(table) if c.name not in skipped]
    order = db.get_primary_keys(table) or [c.name for c in columns]
    listed = ", ".join(f'"{c.name}"' for c in columns)
    ordered = ", ".join(f'"{c}"' for c in order)
    if not is_sqlite():
        digest.update(_server_digest(table, listed, ordered))
        return
    hashed = _sqlite_digest(table, columns, ordered)
    if hashed is not None:
        digest.update(hashed)
        return
    import pickle  # here: an import's re-check takes no digest (issue 19, the command's start)

    cursor = db.execute_sql(f'SELECT {listed} FROM "{table}" ORDER BY {ordered}')
    while batch := cursor.fetchmany(BATCH):
        pickler = pickle.Pickler(_Sink(digest), protocol=4)
        pickler.fast = True  # no memo: equal values give equal bytes whatever their identity
        pickler.dispatch_table = _AS_BYTES
        pickler.dump(batch)


def _server_digest(table: str, listed: str, ordered: str) -> bytes:
    """PostgreSQL hashes the table itself: each row's text form (a record's output quotes
    every value holding a separator, a quote or white space, and writes NULL as nothing,
    so equal texts are equal rows) a line, in primary-key order, and the row count. A
    third of the CPU of reading the rows into Python and pickling them (national data:
    3.0 s against 8.6 s, client and server)."""
    count, hashed = db.execute_sql(
        f"SELECT COUNT(*), sha256(convert_to(COALESCE(string_agg(ROW({listed})::text, "
        f"E'\\n' ORDER BY {ordered}), ''), 'UTF8')) FROM \"{table}\""
    ).fetchone()
    return repr(count).encode() + bytes(hashed)


def _sqlite_digest(table: str, columns, ordered: str) -> bytes | None:
    """SQLite writes the table as text itself: each row a JSON array of its values (a
    string escaped, so no row holds a line break; an integer, a string and NULL each
    their own form), a line, in primary-key order, and the row count; or None where a
    value is a blob (JSON holds none: the caller pickles the rows). JSON writes a real
    with 15 digits, so in a column that can hold one (any but a text column, SQLite's
    affinity) a real is written as an array of "real" and its exact SQL literal
    (``quote``). Half the CPU of reading the rows into Python and pickling them (every
    value a call into the driver): bench/RESULTS.md, the ninth session."""
    values = ", ".join(
        f'"{c.name}"' if _text_affinity(c.data_type) else _real_exact(f'"{c.name}"')
        for c in columns
    )
    try:
        count, text = db.execute_sql(
            f"SELECT COUNT(*), group_concat(r, char(10)) FROM "
            f'(SELECT json_array({values}) AS r FROM "{table}" ORDER BY {ordered})'
        ).fetchone()
    except OperationalError as error:
        if "BLOB" not in str(error):
            raise
        return None
    return repr(count).encode() + hashlib.sha256((text or "").encode()).digest()


def _real_exact(column: str) -> str:
    return f"iif(typeof({column}) = 'real', json_array('real', quote({column})), {column})"


def _text_affinity(declared: str) -> bool:
    """SQLite stores a number written to such a column as text (datatype3.html, 3.1: a
    declared type holding INT has integer affinity first)."""
    declared = declared.upper()
    return "INT" not in declared and any(word in declared for word in ("CHAR", "CLOB", "TEXT"))


_AS_BYTES = {memoryview: lambda view: (bytes, (bytes(view),))}  # PostgreSQL's bytea


class _Sink:
    def __init__(self, digest):
        self.write = digest.update


def inputs_key(as_of: date, settings: str) -> str:
    """The digest of everything a check as of ``as_of`` with these settings reads."""
    digest = hashlib.sha256(_code())
    digest.update(repr((as_of.isoformat(), settings)).encode())
    for table in sorted(t for t in db.get_tables() if t not in NOT_INPUTS):
        _table(digest, table)
    return digest.hexdigest()


def keep(check_run: int, key: str, contracts: int, clauses: list[dict]) -> None:
    """Store the key and the clauses on this run, and drop those of every earlier run
    (only the latest stored check can stand for the next)."""
    # Level 1: a third of the default's time on the first check, a little larger.
    result = zlib.compress(json.dumps({"contracts": contracts, "clauses": clauses}).encode(), 1)
    CheckRun.update(inputs=None, result=None).where(
        (CheckRun.id != check_run) & CheckRun.result.is_null(False)
    ).execute()
    CheckRun.update(inputs=key, result=result).where(CheckRun.id == check_run).execute()


def kept(run: CheckRun) -> dict:
    """The contracts counted and the clauses stored by ``keep``."""
    return json.loads(zlib.decompress(bytes(run.result)))


def marker():
    """What another connection's commit changes: SQLite's data_version (only another
    connection's commit changes it), PostgreSQL's snapshot (the transactions running,
    and the latest one completed; the caller's own, running, is in neither). Equal
    when the check starts reading and once its digest is taken, inside its write
    transaction: no other commit is in what it read nor in the digest. In the check's
    REPEATABLE READ snapshot (db.snapshot_transaction) PostgreSQL's never moves: what
    others commit meanwhile is in neither, so a commit that writes no input (autovacuum's
    ANALYZE) no longer costs the next check its read-back."""
    if is_sqlite():
        return db.execute_sql("PRAGMA data_version").fetchone()[0]
    return db.execute_sql("SELECT txid_current_snapshot()::text").fetchone()[0]
