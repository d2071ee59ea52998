"""Personal API tokens (docs/api.md): a name, a hash, when last used, and the rate window."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from ..models import BaseModel, User, utcnow


class ApiToken(BaseModel):
    """Only the SHA-256 of the token is kept: it is 256 random bits, so a fast hash is
    as safe as a slow one and costs nothing per request (docs/api.md)."""

    user = ForeignKeyField(User, backref="api_tokens", on_delete="CASCADE")
    name = CharField(max_length=100)
    token_hash = CharField(max_length=64, unique=True)
    hint = CharField(max_length=12)  # the token's first characters, to tell tokens apart
    created_at = DateTimeField(default=utcnow)
    last_used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)
    window_start = DateTimeField(null=True)  # the minute whose requests are counted
    window_count = IntegerField(default=0)
