"""The scheduler's lease and job runs; the outbox of reminders and notices."""
import datetime

from peewee import CharField
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

    class SchedulerLease(Base):
        name = CharField(max_length=40, primary_key=True)
        holder = CharField(max_length=64)
        expires_at = DateTimeField()

    class JobRun(Base):
        job = CharField(max_length=40)
        slot = CharField(max_length=40)
        holder = CharField(max_length=64)
        started_at = DateTimeField(default=now)
        finished_at = DateTimeField(null=True)
        outcome = CharField(max_length=200, default="")

        class Meta:
            indexes = ((("job", "slot"), True),)

    class OutboxMessage(Base):
        message_id = CharField(max_length=255, unique=True)
        kind = CharField(max_length=30)
        contract = ForeignKeyField(Contract, null=True, on_delete="CASCADE")
        recipient = CharField(max_length=254, default="")
        subject = CharField(max_length=300)
        body = TextField()
        state = CharField(max_length=20, default="pending")
        attempts = IntegerField(default=0)
        next_attempt_at = DateTimeField(default=now)
        last_error = TextField(default="")
        created_at = DateTimeField(default=now)
        sent_at = DateTimeField(null=True)

        class Meta:
            indexes = ((("state", "next_attempt_at"), False),)

    db.create_tables([SchedulerLease, JobRun, OutboxMessage])
