"""A re-check on change stores statuses without a check run of its own.

clause_status.check_run_id becomes nullable: it names the stored check whose date
a status is as of, and is null for a re-check made before any check was stored.
"""


def up(migrator, db):
    migrator.migrate(migrator.drop_not_null("clause_status", "check_run_id"))
