"""What the bureau's workspace stores besides flags: the comments on a flag."""

from peewee import BooleanField, DateTimeField, ForeignKeyField, TextField

from ..models import BaseModel, Flag, User, utcnow


class FlagComment(BaseModel):
    """A note of the bureau on a flag, e.g. what was agreed with the supplier by phone."""

    flag = ForeignKeyField(Flag, backref="comments", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, on_delete="SET NULL")
    text = TextField()
    created_at = DateTimeField(default=utcnow)
    for_supplier = BooleanField(default=False)  # shown on the supplier's contract page

    class Meta:
        indexes = ((("flag", "created_at"), False),)
