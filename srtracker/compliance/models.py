"""State the compliance check keeps besides flags and statuses."""

from peewee import CharField, DateTimeField, ForeignKeyField

from ..models import BaseModel, Clause, Contract, Flag, utcnow


class FlagSuppression(BaseModel):
    """A flag the bureau closed by hand: not opened again until the check lifts this.

    A status kind is lifted when a later check finds the clause better or worse
    (domain.flag_rules); a report_overdue one (clause null, period set) never is.
    """

    contract = ForeignKeyField(Contract, on_delete="CASCADE")
    clause = ForeignKeyField(Clause, null=True, on_delete="CASCADE")
    kind = CharField(max_length=20)
    period = CharField(max_length=10, null=True)
    flag = ForeignKeyField(Flag, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("contract", "clause", "kind"), False),)
