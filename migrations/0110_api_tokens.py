"""Issue 20: personal API tokens. Only a SHA-256 of each token is stored; the request
count of its current minute is kept on the row, so the rate limit holds across workers."""

import datetime

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model


def up(migrator, db):
    now = datetime.datetime.utcnow

    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        pass

    class ApiToken(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        name = CharField(max_length=100)
        token_hash = CharField(max_length=64, unique=True)
        hint = CharField(max_length=12)
        created_at = DateTimeField(default=now)
        last_used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)
        window_start = DateTimeField(null=True)
        window_count = IntegerField(default=0)

    db.create_tables([ApiToken])
