from datetime import timedelta

from srtracker.models import utcnow
from srtracker.scheduler.models import JobRun, SchedulerLease
from srtracker.store import lease


def test_the_first_scheduler_takes_the_lease(conn):
    assert lease.acquire("a", 60)
    assert lease.holds("a")


def test_a_second_scheduler_cannot_take_a_live_lease(conn):
    lease.acquire("a", 60)
    assert not lease.acquire("b", 60)
    assert not lease.holds("b")


def test_the_holder_renews_its_lease(conn):
    lease.acquire("a", 60)
    assert lease.acquire("a", 60)


def test_an_expired_lease_passes_to_another_scheduler(conn):
    lease.acquire("a", 60)
    SchedulerLease.update(expires_at=utcnow() - timedelta(seconds=1)).execute()
    assert lease.acquire("b", 60)
    assert not lease.holds("a")


def test_a_released_lease_is_free(conn):
    lease.acquire("a", 60)
    lease.release("a")
    assert lease.acquire("b", 60)


def test_a_slot_runs_once_even_for_two_holders(conn):
    lease.acquire("a", 60)
    assert lease.claim_slot("check", "2026-11-26", "a", 60) is not None
    SchedulerLease.update(holder="b").execute()
    assert lease.claim_slot("check", "2026-11-26", "b", 60) is None


def test_only_the_lease_holder_may_claim_a_slot(conn):
    lease.acquire("a", 60)
    assert lease.claim_slot("check", "2026-11-26", "b", 60) is None


def expire_everything():
    """As if the holder stopped renewing a lease ago (killed, not stopped)."""
    past = utcnow() - timedelta(seconds=1)
    SchedulerLease.update(expires_at=past).execute()
    JobRun.update(claimed_until=past).execute()


def test_a_slot_left_unfinished_past_its_claim_is_run_by_the_next_holder(conn):
    lease.acquire("a", 60)
    lease.claim_slot("check", "2026-11-26", "a", 60)
    expire_everything()
    assert lease.acquire("b", 60)
    run = lease.claim_slot("check", "2026-11-26", "b", 60)
    assert run is not None and run.holder == "b"
    assert lease.claim_slot("check", "2026-11-26", "b", 60) is None  # once


def test_a_finished_slot_is_never_run_again(conn):
    lease.acquire("a", 60)
    lease.finish(lease.claim_slot("check", "2026-11-26", "a", 60), "done")
    expire_everything()
    lease.acquire("b", 60)
    assert lease.claim_slot("check", "2026-11-26", "b", 60) is None


def test_the_holder_renews_the_claims_of_its_running_slots(conn):
    lease.acquire("a", 60)
    lease.claim_slot("check", "2026-11-26", "a", 60)
    JobRun.update(claimed_until=utcnow() - timedelta(seconds=1)).execute()
    lease.acquire("a", 60)  # the heartbeat while the check runs
    SchedulerLease.update(holder="b").execute()
    assert lease.claim_slot("check", "2026-11-26", "b", 60) is None


def test_a_taken_over_run_is_not_finished_by_its_old_holder(conn):
    lease.acquire("a", 60)
    old = lease.claim_slot("check", "2026-11-26", "a", 60)
    expire_everything()
    lease.acquire("b", 60)
    lease.claim_slot("check", "2026-11-26", "b", 60)
    lease.finish(old, "late")
    assert JobRun.get().finished_at is None
