"""Uploaded reports and their rows, bureau reviews, checks, statuses, flags; archiving."""
import datetime

from peewee import BigIntegerField
from peewee import BlobField
from peewee import BooleanField
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

    class Contract(Base):
        pass

    class Clause(Base):
        pass

    class User(Base):
        pass

    class StoredFile(Base):
        sha256 = CharField(max_length=64, primary_key=True)
        size = BigIntegerField()
        content = BlobField()
        created_at = DateTimeField(default=now)

    class Report(Base):
        contract = ForeignKeyField(Contract, on_delete="CASCADE")
        period = CharField(max_length=10)
        period_end = DateField()
        status = CharField(max_length=10)
        sha256 = CharField(max_length=64)
        file = ForeignKeyField(StoredFile, null=True, on_delete="SET NULL")
        filename = CharField(max_length=255, default="")
        rows = IntegerField(default=0)
        errors = TextField(default="[]")
        warnings = TextField(default="[]")
        uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        uploaded_at = DateTimeField(default=now)

        class Meta:
            indexes = ((("contract", "status", "period_end"), False),)

    class Contribution(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        clause = ForeignKeyField(Clause, on_delete="RESTRICT")
        row = IntegerField()
        candidate_ref = CharField(max_length=40)
        candidate_key = CharField(max_length=40)
        type = CharField(max_length=40)
        target_group = CharField(max_length=40, null=True)
        start_date = DateField()
        end_date = DateField(null=True)
        hours_per_week = BigIntegerField(null=True)
        amount_cents = BigIntegerField(null=True)
        note = TextField(default="")

    class CandidateReview(Base):
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        candidate_key = CharField(max_length=40)
        decision = CharField(max_length=10)
        reason = TextField(default="")
        decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        decided_at = DateTimeField(default=now)
        withdrawn_at = DateTimeField(null=True)

    class CheckRun(Base):
        as_of = DateField()
        started_at = DateTimeField(default=now)
        finished_at = DateTimeField(null=True)
        trigger = CharField(max_length=20, default="cli")

    class ClauseStatus(Base):
        clause = ForeignKeyField(Clause, primary_key=True, on_delete="CASCADE")
        check_run = ForeignKeyField(CheckRun, on_delete="CASCADE")
        status = CharField(max_length=20)
        realised = BigIntegerField(null=True)
        expected = BigIntegerField(null=True)
        report_period = CharField(max_length=10, null=True)

    class Flag(Base):
        contract = ForeignKeyField(Contract, on_delete="CASCADE")
        clause = ForeignKeyField(Clause, null=True, on_delete="CASCADE")
        kind = CharField(max_length=20)
        period = CharField(max_length=10, null=True)
        state = CharField(max_length=20, default="open")
        opened_as_of = DateField()
        opened_by = ForeignKeyField(CheckRun, null=True, on_delete="SET NULL")
        opened_at = DateTimeField(default=now)
        closed_at = DateTimeField(null=True)
        closed_reason = TextField(default="")
        closed_by_hand = BooleanField(default=False)
        remedial_deadline = DateField(null=True)

        class Meta:
            indexes = ((("contract", "state"), False), (("clause", "kind", "state"), False))

    db.create_tables([StoredFile, Report, Contribution, CandidateReview, CheckRun,
                      ClauseStatus, Flag])
    migrator.migrate(
        migrator.add_column("contract", "archived_at", DateTimeField(null=True)),
        migrator.add_index("contribution", ("report_id", "clause_id"), False),
        migrator.add_index("candidate_review", ("clause_id", "candidate_key"), False),
    )
