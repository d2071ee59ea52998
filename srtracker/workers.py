"""Batches computed ahead in worker processes, on the machine's other cores.

The parent process reads batch 0, 1, 2, ... in order (the export while it
writes the workbook, the stored check while it loads and checks the contracts
too); forked workers claim batch numbers from a shared counter, note which
of them claimed each one, and send each result through a pipe of their own.
The parent takes the next batch from the worker that claimed it, and otherwise
claims and computes it itself, so no process waits while there is work (they
share the batches as their speeds allow). A worker blocks on sending one batch
until the parent takes it: memory stays that of about two batches per process (with
``ahead`` above one it queues them instead, and the parent computes that many ahead).
A worker's batches leave it in the order it claimed them, and the parent takes
them in order, so what the parent reads from a worker's pipe is always the batch
it waits for.

A worker is a fork of the parent: it inherits the app context and the compute
function as they are, and opens a database connection of its own (the parent's
stays untouched: closing a forked PostgreSQL connection would end the parent's
session). ``start``, if given, runs in each worker once its connection is open, before
its first batch (the check's workers begin a transaction in the parent's snapshot).
It ends with the last batch, or when the parent drops it.
"""

import multiprocessing
import queue
import threading
import traceback
import weakref
from multiprocessing.reduction import ForkingPickler

from flask import current_app

from .db import db, open_database

_INHERITED: list = []  # the parent's database objects in a worker: kept, never closed
_PARENT = -1  # the claimant of a batch the parent computes


class WorkerFailed(RuntimeError):
    pass


def _claim_next(claim, owner, claimant: int) -> int | None:
    """The first batch nobody has claimed, now claimed by ``claimant``: its number, or
    None when every batch is claimed."""
    with claim.get_lock():
        number = claim.value
        if number >= len(owner):
            return None
        owner[number] = claimant
        claim.value = number + 1
    return number


class _Queued:
    """A worker's results sent by a thread of its own, in order, each pickled when it is
    done: the worker goes on with its next batch while the parent, computing batches of
    its own, has not yet taken the last (a pipe holds 64 kB; a check's batch is 2 MB)."""

    def __init__(self, conn):
        self._results: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._send_all, args=(conn,), daemon=True)
        self._thread.start()

    def send(self, result) -> None:
        self._results.put(ForkingPickler.dumps(result))

    def _send_all(self, conn) -> None:
        while (pickled := self._results.get()) is not None:
            conn.send_bytes(pickled)

    def close(self) -> None:
        self._results.put(None)
        self._thread.join()


def _work(compute, claim, owner, worker: int, conn, url: str, start, queued: bool) -> None:
    _INHERITED.append(db.obj)
    db.initialize(open_database(url))
    sender = _Queued(conn) if queued else conn
    try:
        with db.connection_context():
            if start is not None:
                start()
            while (number := _claim_next(claim, owner, worker)) is not None:
                sender.send((number, compute(number)))
    except BaseException:  # noqa: BLE001  the parent raises it, with the worker's traceback
        sender.send((None, traceback.format_exc()))
    finally:
        if sender is not conn:
            sender.close()
        conn.close()


def _stop(processes, conns) -> None:
    for conn in conns:
        conn.close()
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()


class Ahead:
    """Results of ``compute(0)`` to ``compute(total - 1)``, taken in order with ``take``;
    ``workers`` processes compute beside this one. ``helps``: this process computes a
    batch ahead while it waits for a worker's (with a worker per core, it had better
    not: the workers, blocked on sending, would wait for it); ``ahead``: at most that
    many, kept until their turn (the export's memory follows its batches: one). With
    more than one, the workers do not wait for the parent either: each queues its
    results (``_Queued``), so memory is no longer bounded by the batches taken."""

    def __init__(
        self, compute, total: int, workers: int = 1, helps: bool = True, start=None, ahead=1
    ):
        context = multiprocessing.get_context("fork")
        self.compute, self.total, self.next, self.helps = compute, total, 0, helps
        self.ahead = ahead
        self._own: dict[int, object] = {}  # batches this process computed ahead of their turn
        self._claim = context.Value("i", 0)
        self._owner = context.Array("i", [_PARENT] * total, lock=False)
        url = current_app.config["DATABASE_URL"]
        self._conns, self._processes = [], []
        for worker in range(workers):
            conn, child = context.Pipe(duplex=False)
            process = context.Process(
                target=_work,
                args=(compute, self._claim, self._owner, worker, child, url, start, ahead > 1),
                daemon=True,
            )
            process.start()
            child.close()
            self._conns.append(conn)
            self._processes.append(process)
        self._stop = weakref.finalize(self, _stop, self._processes, self._conns)

    def take(self, number: int):
        """The result of batch ``number``, the next one: a worker's, or computed here.

        While a worker is still on this batch, this process computes the first batch
        nobody has claimed yet (``ahead`` at most, kept until their turn) rather than wait.
        """
        assert number == self.next
        self.next += 1
        if number in self._own:
            result = self._own.pop(number)
        elif (mine := self._claimed()) == number:
            result = self.compute(number)
        else:
            while mine is not None:
                self._own[mine] = self.compute(mine)
                mine = self._claimed()
            result = self._received(number)
        if self.next == self.total:
            self._stop()
        return result

    def _claimed(self) -> int | None:
        """Claim the first batch nobody has claimed, unless this process keeps ``ahead``
        already or a worker has this one's result ready: its number, or None."""
        number = self.next - 1
        if self._claim.value > number and not self.helps:
            return None
        if len(self._own) >= self.ahead or (
            self._claim.value > number and self._conns[self._owner[number]].poll()
        ):
            return None
        return _claim_next(self._claim, self._owner, _PARENT)

    def _received(self, number: int):
        try:
            sent, result = self._conns[self._owner[number]].recv()
        except EOFError:
            self._stop()
            raise WorkerFailed("a worker process stopped") from None
        if sent is None:
            self._stop()
            raise WorkerFailed(f"a worker process failed:\n{result}")
        assert sent == number, (sent, number)
        return result
