"""The scheduler's lease and its record of job runs."""

from peewee import CharField, DateTimeField

from ..models import BaseModel, utcnow


class SchedulerLease(BaseModel):
    """Held by the one scheduler process allowed to run jobs; renewed while it lives."""

    name = CharField(max_length=40, primary_key=True)
    holder = CharField(max_length=64)
    expires_at = DateTimeField()


class JobRun(BaseModel):
    """One row per job and slot (e.g. the nightly check of a date): a slot runs once.

    Its holder renews `claimed_until` with the lease while the job runs; an unfinished run
    whose claim has expired (the holder was killed mid-run) is taken over and run again.
    """

    job = CharField(max_length=40)
    slot = CharField(max_length=40)
    holder = CharField(max_length=64)
    started_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True)
    outcome = CharField(max_length=200, default="")
    claimed_until = DateTimeField(null=True)

    class Meta:
        indexes = ((("job", "slot"), True),)
