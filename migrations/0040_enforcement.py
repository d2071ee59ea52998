"""Enforcement (enforcement.md): a contract's obligation and enforcement terms, a clause's own
value, and the enforcement cases of clauses with each of their steps."""

import datetime

from peewee import BigIntegerField
from peewee import CharField
from peewee import DateField
from peewee import DateTimeField
from peewee import ForeignKeyField
from peewee import IntegerField
from peewee import Model
from peewee import TextField


def up(migrator, db):
    now = datetime.datetime.utcnow

    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Clause(Base):
        pass

    class EnforcementCase(Base):
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        step = CharField(max_length=20)
        opened_on = DateField()
        since = DateField()
        remedial_until = DateField(null=True)
        amount_cents = BigIntegerField(null=True)
        reason = TextField(default="")
        updated_at = DateTimeField(default=now)

        class Meta:
            indexes = ((("clause", "step"), False),)

    class EnforcementStep(Base):
        case = ForeignKeyField(EnforcementCase, on_delete="CASCADE")
        step = CharField(max_length=20)
        on = DateField()
        remedial_until = DateField(null=True)
        amount_cents = BigIntegerField(null=True)
        reason = TextField(default="")
        actor = CharField(max_length=100)
        at = DateTimeField(default=now)

        class Meta:
            indexes = ((("on", "step"), False),)

    db.create_tables([EnforcementCase, EnforcementStep])
    migrator.migrate(
        migrator.add_column("contract", "obligation", CharField(max_length=10, default="result")),
        migrator.add_column("contract", "enforcement_basis", CharField(max_length=20, null=True)),
        migrator.add_column("contract", "enforcement_rate", IntegerField(null=True)),
        migrator.add_column("contract", "enforcement_per_unit_cents", BigIntegerField(null=True)),
        migrator.add_column("contract", "enforcement_remedial_days", IntegerField(null=True)),
        migrator.add_column("contract", "enforcement_cap_cents", BigIntegerField(null=True)),
        migrator.add_column("clause", "value_cents", BigIntegerField(null=True)),
    )
