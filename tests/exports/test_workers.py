"""Batches computed ahead by a worker process: in order, each once, failures raised."""

import multiprocessing
import os
import time

import pytest

from srtracker.db import db
from srtracker.workers import Ahead, WorkerFailed

PARENT = os.getpid()
STARTED: list[Ahead] = []


def wait_for_the_worker() -> None:
    """Batch 0 lasts in the parent until the worker has claimed batch 1."""
    for _ in range(600):
        if STARTED[-1]._claim.value > 1:
            return
        time.sleep(0.05)


def slow_start(number: int):
    if os.getpid() == PARENT and number == 0:
        wait_for_the_worker()
    return number * number, os.getpid()


def test_the_worker_computes_batches_the_parent_takes_in_order(app):
    with app.app_context(), db.connection_context():
        ahead = Ahead(slow_start, 6)
        STARTED.append(ahead)
        results = [ahead.take(n) for n in range(6)]
    assert [value for value, _ in results] == [0, 1, 4, 9, 16, 25]
    assert {pid for _, pid in results} - {PARENT}  # some came from the worker


def failing(number: int):
    if os.getpid() != PARENT:
        raise ValueError("no such batch")
    wait_for_the_worker()
    return number


@pytest.mark.parametrize("kept", [1, 3])
def test_a_failure_in_the_worker_is_raised_in_the_parent_with_its_traceback(app, kept):
    with app.app_context(), db.connection_context():
        ahead = Ahead(failing, 3, ahead=kept)
        STARTED.append(ahead)
        assert ahead.take(0) == 0
        with pytest.raises(WorkerFailed, match="no such batch"):
            ahead.take(1)


STARTS = multiprocessing.get_context("fork").Value("i", 0)


def three_at_once(number: int):
    """Batches 0 to 2 each wait until three batches have begun: three processes hold them."""
    with STARTS.get_lock():
        STARTS.value += 1
    for _ in range(600):
        if number >= 3 or STARTS.value >= 3:
            break
        time.sleep(0.05)
    return number * number, os.getpid()


def test_two_workers_and_the_parent_share_the_batches_taken_in_order(app):
    STARTS.value = 0
    with app.app_context(), db.connection_context():
        ahead = Ahead(three_at_once, 7, workers=2)
        results = [ahead.take(n) for n in range(7)]
    assert [value for value, _ in results] == [0, 1, 4, 9, 16, 25, 36]
    assert len({pid for _, pid in results[:3]}) == 3
    assert PARENT in {pid for _, pid in results[:3]}


def square(number: int):
    return number * number, os.getpid()


def test_with_a_worker_per_core_the_parent_computes_only_what_no_worker_claimed(app):
    with app.app_context(), db.connection_context():
        ahead = Ahead(square, 9, workers=2, helps=False)
        results = [ahead.take(n) for n in range(9)]
        assert not ahead._own  # nothing computed ahead of its turn
    assert [value for value, _ in results] == [n * n for n in range(9)]


PARENT_COMPUTED = multiprocessing.get_context("fork").Value("i", 0)


def slow_worker(number: int):
    """The worker's first batch lasts until the parent has computed four."""
    if os.getpid() == PARENT:
        if number == 0:
            wait_for_the_worker()
        PARENT_COMPUTED.value += 1
    else:
        for _ in range(600):
            if PARENT_COMPUTED.value >= 4:
                break
            time.sleep(0.05)
    return number * number, os.getpid()


def test_allowed_ahead_the_parent_computes_every_batch_it_can_claim_meanwhile(app):
    """With ``ahead`` above one the parent does not wait for a slow worker while batches
    are left, and the worker, sending through its queue, does not wait for the parent."""
    PARENT_COMPUTED.value = 0
    with app.app_context(), db.connection_context():
        ahead = Ahead(slow_worker, 5, ahead=5)
        STARTED.append(ahead)
        results = [ahead.take(n) for n in range(5)]
    assert [value for value, _ in results] == [0, 1, 4, 9, 16]
    assert [pid == PARENT for _, pid in results] == [True, False, True, True, True]
