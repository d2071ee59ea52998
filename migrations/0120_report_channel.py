"""Issue 20: a report says how it came in, an upload, the browser form or the API; every
report stored before came as an upload."""

from peewee import CharField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("report", "channel", CharField(max_length=10, default="upload"))
    )
