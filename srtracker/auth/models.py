"""Failed logins, counted for throttling."""

from peewee import CharField, DateTimeField

from ..models import BaseModel, utcnow


class LoginFailure(BaseModel):
    email_key = CharField(max_length=254, index=True)
    address = CharField(max_length=64, index=True)
    at = DateTimeField(default=utcnow, index=True)
