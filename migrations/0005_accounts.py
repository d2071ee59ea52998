"""Accounts: session tokens, last login, counted login failures."""
import datetime

from peewee import CharField
from peewee import DateTimeField
from peewee import Model


def up(migrator, db):
    class LoginFailure(Model):
        email_key = CharField(max_length=254, index=True)
        address = CharField(max_length=64, index=True)
        at = DateTimeField(default=datetime.datetime.utcnow, index=True)

        class Meta:
            database = db
            legacy_table_names = False

    db.create_tables([LoginFailure])
    migrator.migrate(
        migrator.add_column("user", "session_token", CharField(max_length=64, default="")),
        migrator.add_column("user", "last_login_at", DateTimeField(null=True)),
    )
