"""Issue 15.7: a comment of the bureau on a flag may be meant for the supplier, who then sees
it on its contract page; existing comments stay internal."""

from peewee import BooleanField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("flag_comment", "for_supplier", BooleanField(default=False))
    )
