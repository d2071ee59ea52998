"""Issue 18 (docs/valuation.md): obligations as municipalities write them (a PSO step, the
turnover invoiced per period, a percentage target's basis and bounds) and the report columns
statushouder, niveau and aantal."""

from peewee import BigIntegerField, BooleanField, CharField, ForeignKeyField, Model


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Contract(Base):
        pass

    class InvoicedAmount(Base):
        contract = ForeignKeyField(Contract, on_delete="CASCADE")
        period = CharField(max_length=10)
        amount = BigIntegerField()

        class Meta:
            indexes = ((("contract", "period"), True),)

    db.create_tables([InvoicedAmount])
    migrator.migrate(
        migrator.add_column("contract", "pso_step", CharField(max_length=20, null=True)),
        migrator.add_column("clause", "target_basis", CharField(max_length=20, null=True)),
        migrator.add_column("clause", "target_min", BigIntegerField(null=True)),
        migrator.add_column("clause", "target_max", BigIntegerField(null=True)),
        migrator.add_column("contribution", "statushouder", BooleanField(null=True)),
        migrator.add_column("contribution", "level", CharField(max_length=10, null=True)),
        migrator.add_column("contribution", "quantity", BigIntegerField(null=True)),
    )
