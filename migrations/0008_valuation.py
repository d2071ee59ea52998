"""Valuation in euros (docs/valuation.md): a contract's pinned valuation table, targets as a
percentage of the contract value, composite clauses, and the optional report columns."""
from peewee import BigIntegerField
from peewee import BooleanField
from peewee import CharField
from peewee import ForeignKeyField
from peewee import IntegerField
from peewee import Model


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Clause(Base):
        pass

    class ClauseBranch(Base):
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        branch = ForeignKeyField(Clause, on_delete="CASCADE")
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("clause", "branch"), True),)

    db.create_tables([ClauseBranch])
    migrator.migrate(
        migrator.add_column("contract", "valuation_table", CharField(max_length=40, null=True)),
        migrator.add_column("contract", "valuation_version", IntegerField(null=True)),
        migrator.add_column("clause", "target_percent", BigIntegerField(null=True)),
        migrator.add_column("contribution", "benefit_months", IntegerField(null=True)),
        migrator.add_column("contribution", "age_bracket", CharField(max_length=20, null=True)),
        migrator.add_column("contribution", "permanent_contract", BooleanField(null=True)),
        migrator.add_column("contribution", "purchased_from", CharField(max_length=40, null=True)),
    )
