"""Organisations, users, reference data, contracts, clauses, milestones, audit log."""
import datetime

from peewee import BigIntegerField
from peewee import BooleanField
from peewee import CharField
from peewee import DateField
from peewee import DateTimeField
from peewee import ForeignKeyField
from peewee import IntegerField
from peewee import Model
from peewee import SqliteDatabase
from peewee import TextField

APPEND_ONLY_SQLITE = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
]
APPEND_ONLY_POSTGRES = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]


def up(migrator, db):
    now = datetime.datetime.utcnow

    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Organisation(Base):
        name = CharField(max_length=200)
        name_key = CharField(max_length=200, unique=True)
        kind = CharField(max_length=20)
        created_at = DateTimeField(default=now)

    class BureauBuyer(Base):
        bureau = ForeignKeyField(Organisation, on_delete="CASCADE")
        buyer = ForeignKeyField(Organisation, on_delete="CASCADE")

        class Meta:
            indexes = ((("bureau", "buyer"), True),)

    class User(Base):
        email = CharField(max_length=254, unique=True)
        password_hash = CharField(max_length=255, default="")
        role = CharField(max_length=20)
        organisation = ForeignKeyField(Organisation, null=True, on_delete="RESTRICT")
        language = CharField(max_length=5, default="nl")
        active = BooleanField(default=True)
        created_at = DateTimeField(default=now)

    class ContributionType(Base):
        code = CharField(max_length=40, primary_key=True)
        label_nl = CharField(max_length=200)
        label_en = CharField(max_length=200)
        person = BooleanField(default=True)

    class TargetGroup(Base):
        code = CharField(max_length=40, primary_key=True)
        label_nl = CharField(max_length=200)
        label_en = CharField(max_length=200)

    class Contract(Base):
        reference = CharField(max_length=40)
        reference_key = CharField(max_length=40, unique=True)
        title = CharField(max_length=300)
        buyer = ForeignKeyField(Organisation, on_delete="RESTRICT")
        supplier = ForeignKeyField(Organisation, on_delete="RESTRICT")
        value_cents = BigIntegerField()
        start = DateField()
        end = DateField()
        reporting = CharField(max_length=20)
        report_due_days = IntegerField()
        created_at = DateTimeField(default=now)
        updated_at = DateTimeField(default=now)

    class Clause(Base):
        contract = ForeignKeyField(Contract, on_delete="CASCADE")
        code = CharField(max_length=20)
        code_key = CharField(max_length=20)
        title = CharField(max_length=300)
        measure = CharField(max_length=20)
        target = BigIntegerField()
        min_hours_per_week = BigIntegerField(null=True)
        min_duration_months = IntegerField(null=True)
        start = DateField()
        deadline = DateField()
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("contract", "code_key"), True),)

    class ClauseType(Base):
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        type = ForeignKeyField(ContributionType, column_name="type_code", on_delete="RESTRICT")

        class Meta:
            indexes = ((("clause", "type"), True),)

    class ClauseGroup(Base):
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        group = ForeignKeyField(TargetGroup, column_name="group_code", on_delete="RESTRICT")

        class Meta:
            indexes = ((("clause", "group"), True),)

    class Milestone(Base):
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        date = DateField()
        target = BigIntegerField()

    class AuditLog(Base):
        at = DateTimeField(default=now)
        actor = CharField(max_length=100)
        action = CharField(max_length=40)
        entity = CharField(max_length=40)
        entity_id = CharField(max_length=40, null=True)
        changes = TextField(default="{}")

    db.create_tables([Organisation, BureauBuyer, User, ContributionType, TargetGroup, Contract,
                      Clause, ClauseType, ClauseGroup, Milestone, AuditLog])
    statements = APPEND_ONLY_SQLITE if isinstance(db, SqliteDatabase) else APPEND_ONLY_POSTGRES
    for sql in statements:
        db.execute_sql(sql)
