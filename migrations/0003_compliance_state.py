"""Suppressions of flags closed by hand, and an index to find the latest check."""
import datetime

from peewee import CharField
from peewee import DateTimeField
from peewee import ForeignKeyField
from peewee import Model


def up(migrator, db):
    now = datetime.datetime.utcnow

    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Contract(Base):
        pass

    class Clause(Base):
        pass

    class Flag(Base):
        pass

    class FlagSuppression(Base):
        contract = ForeignKeyField(Contract, on_delete="CASCADE")
        clause = ForeignKeyField(Clause, null=True, on_delete="CASCADE")
        kind = CharField(max_length=20)
        period = CharField(max_length=10, null=True)
        flag = ForeignKeyField(Flag, null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=now)

        class Meta:
            indexes = ((("contract", "clause", "kind"), False),)

    db.create_tables([FlagSuppression])
    migrator.migrate(
        migrator.add_index("check_run", ("as_of",), False),
        migrator.add_index("flag", ("state",), False),
    )
