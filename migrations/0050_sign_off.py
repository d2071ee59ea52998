"""Sign-off (sign-off.md): counting policies, what an approval recorded, evidence and its
files, the bureau's own number for a person, double-count decisions and durability tasks."""

import datetime

from peewee import BigIntegerField
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

    class Organisation(Base):
        pass

    class User(Base):
        pass

    class Contract(Base):
        pass

    class Clause(Base):
        pass

    class Evidence(Base):
        contract = ForeignKeyField(Contract, on_delete="CASCADE")
        candidate_key = CharField(max_length=40)
        kind = CharField(max_length=30)
        checked_on = DateField()
        checked_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        note = TextField(default="")
        recorded_at = DateTimeField(default=now)

        class Meta:
            indexes = ((("contract", "candidate_key"), False),)

    class EvidenceFile(Base):
        contract = ForeignKeyField(Contract, on_delete="CASCADE")
        candidate_key = CharField(max_length=40)
        sha256 = CharField(max_length=64)
        size = BigIntegerField()
        content_type = CharField(max_length=40)
        path = CharField(max_length=200)
        uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        uploader_org = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
        uploaded_at = DateTimeField(default=now)
        retain_until = DateField(null=True)
        deleted_at = DateTimeField(null=True)

        class Meta:
            indexes = ((("contract", "candidate_key"), False), (("retain_until",), False))

    class CountDecision(Base):
        contract = ForeignKeyField(Contract, on_delete="CASCADE")
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        person_key = CharField(max_length=40)
        bureau_ref = CharField(max_length=40)
        keeper = CharField(max_length=40)
        rows = TextField(default="[]")
        decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        decided_at = DateTimeField(default=now)

        class Meta:
            indexes = ((("clause", "person_key"), True),)

    class FollowUp(Base):
        clause = ForeignKeyField(Clause, on_delete="CASCADE")
        candidate_key = CharField(max_length=40)
        candidate_ref = CharField(max_length=40)
        end_date = DateField()
        months = IntegerField()
        due = DateField()
        answer = CharField(max_length=20, null=True)
        answered_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        answered_at = DateTimeField(null=True)
        created_at = DateTimeField(default=now)

        class Meta:
            indexes = (
                (("clause", "candidate_key", "end_date", "months"), True),
                (("due",), False),
            )

    db.create_tables([Evidence, EvidenceFile, CountDecision, FollowUp])
    migrator.migrate(
        migrator.add_column(
            "organisation", "counting_policy", CharField(max_length=20, default="on_report")
        ),
        migrator.add_column("organisation", "evidence_files", BooleanField(default=False)),
        migrator.add_column("organisation", "evidence_retention_days", IntegerField(default=0)),
        migrator.add_column("organisation", "uses_bureau_ref", BooleanField(default=False)),
        migrator.add_column("contract", "counting", CharField(max_length=20, null=True)),
        migrator.add_column(
            "candidate_review", "approved_type", CharField(max_length=40, null=True)
        ),
        migrator.add_column(
            "candidate_review", "approved_group", CharField(max_length=40, null=True)
        ),
        migrator.add_column("candidate_review", "approved_start", DateField(null=True)),
        migrator.add_column("contribution", "bureau_ref", CharField(max_length=40, null=True)),
        migrator.add_column("contribution", "bureau_key", CharField(max_length=40, null=True)),
        migrator.add_column("flag", "candidate", CharField(max_length=40, null=True)),
        migrator.add_column(
            "flag",
            "other_contract_id",
            ForeignKeyField(Contract, null=True, on_delete="SET NULL", field=Contract.id),
        ),
        migrator.add_column(
            "flag",
            "other_clause_id",
            ForeignKeyField(Clause, null=True, on_delete="SET NULL", field=Clause.id),
        ),
        migrator.add_index("contribution", ("bureau_key",), False),
    )
