"""The bureau's reviews: at most one active review per (clause, candidate).

A partial unique index, so two reviews posted at once cannot both stay active
on PostgreSQL either (SQLite's IMMEDIATE transactions already serialise them).
The evidence a verification rests on is kept in the existing ``reason`` column,
so no column is added.
"""


def up(migrator, db):
    db.execute_sql(
        "CREATE UNIQUE INDEX IF NOT EXISTS candidate_review_one_active "
        "ON candidate_review (clause_id, candidate_key) WHERE withdrawn_at IS NULL")
