"""The bureau's comments on flags (srtracker.bureau.models.FlagComment)."""
import datetime

from peewee import DateTimeField
from peewee import ForeignKeyField
from peewee import Model
from peewee import TextField


def up(migrator, db):
    now = datetime.datetime.utcnow

    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Flag(Base):
        pass

    class User(Base):
        pass

    class FlagComment(Base):
        flag = ForeignKeyField(Flag, on_delete="CASCADE")
        author = ForeignKeyField(User, null=True, on_delete="SET NULL")
        text = TextField()
        created_at = DateTimeField(default=now)

        class Meta:
            indexes = ((("flag", "created_at"), False),)

    db.create_tables([FlagComment])
