"""The outbox table."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from ..models import BaseModel, Contract, utcnow


class OutboxMessage(BaseModel):
    """A message to send. The Message-ID is stable, so a retry is the same message."""

    message_id = CharField(max_length=255, unique=True)
    kind = CharField(max_length=30)
    contract = ForeignKeyField(Contract, null=True, on_delete="CASCADE")
    recipient = CharField(max_length=254, default="")
    subject = CharField(max_length=300)
    body = TextField()
    state = CharField(max_length=20, default="pending")  # pending | sending | sent | unaddressed
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(default=utcnow)
    last_error = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("state", "next_attempt_at"), False),)
