from datetime import timedelta

from srtracker.models import utcnow
from srtracker.scheduler import lease
from srtracker.scheduler.models import SchedulerLease


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
    assert lease.claim_slot("check", "2026-11-26", "a") is not None
    SchedulerLease.update(holder="b").execute()
    assert lease.claim_slot("check", "2026-11-26", "b") is None


def test_only_the_lease_holder_may_claim_a_slot(conn):
    lease.acquire("a", 60)
    assert lease.claim_slot("check", "2026-11-26", "b") is None
