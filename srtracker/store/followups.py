"""Durability follow-ups (sign-off.md): the tasks a stored check creates, and their answers.

A task is created once, by the first stored check on or after its date, for a
placement that counted and ended; a later report changing the end date gives a
new task, the old one stays with its answer.
"""

from datetime import date
from functools import lru_cache

from ..db import db, insert_rows, one_of, stored_form
from ..domain.contracts import code_key
from ..domain.durability import ANSWERS, durability_shares, follow_ups_due
from ..models import Clause, Contract, FollowUp, Organisation, utcnow
from . import audit


def due_rows(checks, clause_ids, contract_ids, as_of: date):
    for check in checks:
        contract_id = contract_ids[check.contract]
        for result in check.clauses:
            if result.reporting_date is None or result.clause.composite:
                continue
            clause_id = clause_ids[contract_id, code_key(result.code)]
            for task in follow_ups_due(
                check.contract, result.code, result.counting, result.reporting_date, as_of
            ):
                yield (
                    clause_id,
                    code_key(task.candidate_ref),
                    task.candidate_ref,
                    task.end_date,
                    task.months,
                    task.due,
                )


FIELDS = [
    FollowUp.clause,
    FollowUp.candidate_key,
    FollowUp.end_date,
    FollowUp.months,
    FollowUp.candidate_ref,
    FollowUp.due,
    FollowUp.created_at,
]


def create_due(checks, clause_ids, contract_ids, as_of: date, rows_of=None) -> int:
    """Store the tasks due by D that do not exist yet; in the check's transaction.

    Most tasks exist already (every check finds them again): the stored ones are read
    by their key and only the new ones written. ``rows_of``: ``due_rows``, or the same
    worked out elsewhere for some checks (store.check_batches.Sent)."""
    day = lru_cache(maxsize=None)(stored_form())  # the same few dates fill the rows
    created = day(utcnow())
    stored = _stored_keys(set(clause_ids.values()))
    new = {}
    for clause_id, key, ref, end_date, months, due in (rows_of or due_rows)(
        checks, clause_ids, contract_ids, as_of
    ):
        unique = (clause_id, key, day(end_date), months)
        if unique not in stored and unique not in new:
            new[unique] = (*unique, ref, day(due), created)
    insert_rows(FollowUp, FIELDS, list(new.values()), conflict="ignore")
    return len(new)


def _stored_keys(clause_ids: set[int]) -> set[tuple]:
    """(clause id, candidate key, end date, months) of the clauses' tasks, as stored."""
    return set(db.execute(FollowUp.select(*FIELDS[:4]).where(one_of(FollowUp.clause, clause_ids))))


class AnswerRefused(Exception):
    pass


def answer(task: FollowUp, value: str, user, actor: str) -> FollowUp:
    """The bureau or the supplier says whether the person still works; in the caller's
    transaction."""
    if value not in ANSWERS:
        raise AnswerRefused(f"answer one of {', '.join(ANSWERS)}")
    old = task.answer
    FollowUp.update(
        answer=value, answered_by=user.id if user else None, answered_at=utcnow()
    ).where(FollowUp.id == task.id).execute()
    audit.record(
        actor,
        "answer",
        "follow_up",
        task.id,
        {"answer": [old, value], "months": task.months},
        contract=task.clause.contract_id,
    )
    return FollowUp.get_by_id(task.id)


def tasks(where, open_only=False):
    """Follow-ups of the contracts matching ``where``, oldest due first."""
    query = (
        FollowUp.select(FollowUp, Clause, Contract)
        .join(Clause)
        .join(Contract)
        .where(where)
        .order_by(FollowUp.due, FollowUp.id)
    )
    if open_only:
        query = query.where(FollowUp.answer.is_null())
    return query


def shares(where=None):
    """Per buyer, year and 6 or 12 months: the share still in work (the export's rows)."""
    query = (
        FollowUp.select(Organisation.name, FollowUp.due, FollowUp.months, FollowUp.answer)
        .join(Clause)
        .join(Contract)
        .join(Organisation, on=(Contract.buyer == Organisation.id))
    )
    if where is not None:
        query = query.where(where)
    return durability_shares(
        (name, date.fromisoformat(due) if isinstance(due, str) else due, months, answer)
        for name, due, months, answer in query.tuples()
    )
