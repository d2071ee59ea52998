"""The bureau's portfolio as a read model (table portfolio): one narrow row per clause.

The dashboard (bureau/dashboard.py) lists every clause of the active contracts at
the status of the last stored check, filtered, sorted and paged over 150,000
clauses at national scale. Joining clause × contract × organisation ×
clause_status for every click meant hashing and sorting all of them; instead
each clause has a row here with what the page filters and sorts on, so a page
is one index scan with LIMIT/OFFSET and the counts a one-table GROUP BY.

A row is derived data, rewritten from the source tables by `refresh`, the only
writer, which every change that touches them calls in its own transaction:

- the stored check (store/checks.store_decision), for all contracts, writing only
  rows that changed (mostly statuses);
- the re-check of one contract after any change of it (services/checks.recheck:
  an upload, a review, saving, archiving or restoring it), all its rows;
- saving a contract (store/contracts.save): edited dates, organisations and types
  are copied; rows of deleted clauses go with them (ON DELETE CASCADE).

`refreshed_at` moves whenever a row changes, so MAX(refreshed_at) (`version`)
tells a cache when the portfolio changed.
"""

import operator
from functools import reduce

from peewee import EXCLUDED, JOIN, Case, Expression, Value, fn

from ..db import is_sqlite
from ..domain.status import STATUSES
from ..models import Clause, ClauseStatus, ClauseType, Contract, Organisation, Portfolio, utcnow

UNCHECKED = "unchecked"
# Most severe first: what the bureau must act on, then what it cannot judge, then what is fine.
SEVERITY = (
    "failed",
    "behind",
    "at_risk",
    "no_report",
    "on_track",
    "met",
    "not_evaluated",
    "not_started",
    UNCHECKED,
)
assert set(SEVERITY) == {*STATUSES, UNCHECKED}
RANK = {status: rank for rank, status in enumerate(SEVERITY)}

COPIED = [
    Portfolio.contract_id,
    Portfolio.buyer_id,
    Portfolio.supplier_id,
    Portfolio.buyer_key,
    Portfolio.supplier_key,
    Portfolio.reference_key,
    Portfolio.position,
    Portfolio.start,
    Portfolio.deadline,
    Portfolio.types,
    Portfolio.status,
    Portfolio.severity,
    Portfolio.archived,
]


def _types():
    """The clause's accepted types as "|a|b|" ('' for none), for a LIKE '%|a|%' filter."""
    # In code order, so an unchanged clause compares equal (SQLite reads them in the order
    # of its (clause, type) index; its group_concat takes no ORDER BY before 3.44).
    joined = (
        fn.group_concat(ClauseType.type, "|")
        if is_sqlite()
        else fn.string_agg(ClauseType.type, "|").order_by(ClauseType.type)
    )
    return fn.COALESCE(
        ClauseType.select(Value("|").concat(joined).concat("|")).where(
            ClauseType.clause == Clause.id
        ),
        "",
    )


def _source(where):
    buyer, supplier = Organisation.alias(), Organisation.alias()
    severity = Case(
        ClauseStatus.status, [(s, n) for s, n in RANK.items() if s != UNCHECKED], RANK[UNCHECKED]
    )
    return (
        Clause.select(
            Clause.id,
            Contract.id,
            Contract.buyer,
            Contract.supplier,
            buyer.name_key,
            supplier.name_key,
            Contract.reference_key,
            Clause.position,
            Clause.start,
            Clause.deadline,
            _types(),
            ClauseStatus.status,
            severity,
            Contract.archived_at.is_null(False),
            Value(utcnow()),
        )
        .join(Contract)
        .join(buyer, on=(Contract.buyer == buyer.id))
        .switch(Contract)
        .join(supplier, on=(Contract.supplier == supplier.id))
        .switch(Clause)
        .join(ClauseStatus, JOIN.LEFT_OUTER)
        .where(Clause.id.is_null(False) if where is None else where)
    )


def refresh(where=None, only_changed: bool = False) -> None:
    """Rewrite the rows of the clauses of the contracts matching `where` (None: all).

    only_changed leaves rows that would stay the same untouched (the check: most
    statuses repeat). A refresh of a few contracts rewrites all their rows, so
    `version` moves even when the change was only a deleted clause.
    """
    changed = None
    if only_changed:  # status follows from severity; every other column is NOT NULL
        changed = reduce(
            operator.or_,
            [
                Expression(field, "!=", getattr(EXCLUDED, field.column_name))
                for field in COPIED
                if field is not Portfolio.status
            ],
        )
    (
        Portfolio.insert_from(_source(where), [Portfolio.clause, *COPIED, Portfolio.refreshed_at])
        .on_conflict(
            conflict_target=[Portfolio.clause],
            preserve=[*COPIED, Portfolio.refreshed_at],
            where=changed,
        )
        .returning()  # nothing back: PostgreSQL would otherwise return every id
        .execute()
    )


def version():
    """When the portfolio last changed (None when empty): a key for caches of its figures."""
    return Portfolio.select(fn.MAX(Portfolio.refreshed_at)).scalar()
