"""A job slot's claim expires like the lease: a slot whose holder died mid-run runs again.

Existing unfinished runs get no expiry, so the next holder may take them over.
"""
from peewee import DateTimeField


def up(migrator, db):
    migrator.migrate(migrator.add_column("job_run", "claimed_until", DateTimeField(null=True)))
