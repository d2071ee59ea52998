"""The enforcement cases of clauses (enforcement.md) and every step of each."""

from peewee import BigIntegerField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from ..models import BaseModel, Clause, utcnow


class EnforcementCase(BaseModel):
    """A clause's case after its latest step; at most one open (warning, notice, proposed).

    ``amount_cents``: the proposed amount (recomputed at every check) or the imposed
    one (final); None before ``proposed`` and for ``remedied`` and ``exempted``.
    """

    clause = ForeignKeyField(Clause, backref="cases", on_delete="CASCADE")
    step = CharField(max_length=20)
    opened_on = DateField()
    since = DateField()
    remedial_until = DateField(null=True)
    amount_cents = BigIntegerField(null=True)
    reason = TextField(default="")
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("clause", "step"), False),)


class EnforcementStep(BaseModel):
    """One step of a case, with its date: the supplier's page and the council report read these."""

    case = ForeignKeyField(EnforcementCase, backref="steps", on_delete="CASCADE")
    step = CharField(max_length=20)
    on = DateField()
    remedial_until = DateField(null=True)
    amount_cents = BigIntegerField(null=True)
    reason = TextField(default="")
    actor = CharField(max_length=100)
    at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("on", "step"), False),)
