"""At most one scheduler runs jobs: a lease row, and a unique row per job slot.

The lease decides who runs; the (job, slot) row makes a second run of the
same slot impossible even if two processes ever both believed they held it.
A slot's claim lasts as long as a lease and is renewed with it, so a slot
whose holder died before finishing is run again by the next holder.
"""

from datetime import timedelta

from peewee import IntegrityError

from ..db import write_transaction
from ..models import utcnow
from ..scheduler.models import JobRun, SchedulerLease

LEASE = "scheduler"


def acquire(holder: str, seconds: int) -> bool:
    """Take or renew the lease; False while another live holder has it."""
    now = utcnow()
    expires = now + timedelta(seconds=seconds)
    with write_transaction():
        SchedulerLease.insert(
            name=LEASE, holder=holder, expires_at=expires
        ).on_conflict_ignore().execute()
        taken = (
            SchedulerLease.update(holder=holder, expires_at=expires)
            .where(
                (SchedulerLease.name == LEASE)
                & ((SchedulerLease.holder == holder) | (SchedulerLease.expires_at < now))
            )
            .execute()
        )
        if taken:
            JobRun.update(claimed_until=expires).where(
                (JobRun.holder == holder) & JobRun.finished_at.is_null()
            ).execute()
    return taken == 1


def release(holder: str) -> None:
    with write_transaction():
        SchedulerLease.delete().where(
            (SchedulerLease.name == LEASE) & (SchedulerLease.holder == holder)
        ).execute()


def holds(holder: str) -> bool:
    return (
        SchedulerLease.select()
        .where(
            (SchedulerLease.name == LEASE)
            & (SchedulerLease.holder == holder)
            & (SchedulerLease.expires_at >= utcnow())
        )
        .exists()
    )


def claim_slot(job: str, slot: str, holder: str, seconds: int) -> JobRun | None:
    """The run record of this slot if this holder may run it now, else None: a new slot,
    or one claimed before but left unfinished past its claim (its holder died)."""
    if not holds(holder):
        return None
    now = utcnow()
    until = now + timedelta(seconds=seconds)
    try:
        with write_transaction():
            return JobRun.create(job=job, slot=slot, holder=holder, claimed_until=until)
    except IntegrityError:
        pass
    with write_transaction():
        taken = (
            JobRun.update(holder=holder, started_at=now, claimed_until=until)
            .where(
                (JobRun.job == job)
                & (JobRun.slot == slot)
                & JobRun.finished_at.is_null()
                & (JobRun.claimed_until.is_null() | (JobRun.claimed_until < now))
            )
            .execute()
        )
        return JobRun.get((JobRun.job == job) & (JobRun.slot == slot)) if taken else None


def finish(run: JobRun, outcome: str) -> None:
    """Only while the run is still this holder's (not taken over meanwhile)."""
    with write_transaction():
        JobRun.update(finished_at=utcnow(), outcome=outcome[:200]).where(
            (JobRun.id == run.id) & (JobRun.holder == run.holder)
        ).execute()
