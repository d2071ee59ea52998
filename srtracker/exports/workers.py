"""Batches of an export computed ahead in a worker process, on the machine's second core.

The parent process reads batch 0, 1, 2, ... in order while it writes the
workbook; a forked worker claims batch numbers from a shared counter and sends
each one's result through a pipe. The parent takes the next batch from the
worker when the worker has claimed it, and otherwise claims and computes it
itself, so neither process waits while there is work (the two share the
batches as their speeds allow). The worker blocks on sending one batch until
the parent takes it: memory stays that of about two batches per process.

The worker is a fork of the parent: it inherits the app context and the
compute function as they are, and opens a database connection of its own (the
parent's stays untouched: closing a forked PostgreSQL connection would end the
parent's session). It ends with the last batch, or when the parent drops it.
"""

import multiprocessing
import traceback
import weakref

from flask import current_app

from ..db import db, open_database

_INHERITED: list = []  # the parent's database objects in a worker: kept, never closed


class WorkerFailed(RuntimeError):
    pass


def _work(compute, total: int, claim, conn, url: str) -> None:
    _INHERITED.append(db.obj)
    db.initialize(open_database(url))
    try:
        with db.connection_context():
            while True:
                with claim.get_lock():
                    number = claim.value
                    if number >= total:
                        break
                    claim.value = number + 1
                conn.send((number, compute(number)))
    except BaseException:  # noqa: BLE001  the parent raises it, with the worker's traceback
        conn.send((None, traceback.format_exc()))
    finally:
        conn.close()


def _stop(process, conn) -> None:
    conn.close()
    if process.is_alive():
        process.terminate()
    process.join()


class Ahead:
    """Results of ``compute(0)`` to ``compute(total - 1)``, taken in order with ``take``."""

    def __init__(self, compute, total: int):
        context = multiprocessing.get_context("fork")
        self.compute, self.total, self.next = compute, total, 0
        self._own: dict[int, object] = {}  # batches this process computed ahead of their turn
        self._claim = context.Value("i", 0)
        self._conn, child = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_work,
            args=(compute, total, self._claim, child, current_app.config["DATABASE_URL"]),
            daemon=True,
        )
        self._process.start()
        child.close()
        self._stop = weakref.finalize(self, _stop, self._process, self._conn)

    def take(self, number: int):
        """The result of batch ``number``, the next one: the worker's, or computed here.

        While the worker is still on this batch, this process computes the first batch
        nobody has claimed yet (one at most, kept until its turn) rather than wait.
        """
        assert number == self.next
        self.next += 1
        if number in self._own:
            result = self._own.pop(number)
        elif (mine := self._claimed()) == number:
            result = self.compute(number)
        else:
            if mine is not None:
                self._own[mine] = self.compute(mine)
            result = self._received(number)
        if self.next == self.total:
            self._stop()
        return result

    def _claimed(self) -> int | None:
        """Claim the first batch nobody has claimed, unless this process keeps one already
        or the worker has this one's result ready: its number, or None."""
        if self._own or (self._claim.value > self.next - 1 and self._conn.poll()):
            return None
        with self._claim.get_lock():
            number = self._claim.value
            if number >= self.total:
                return None
            self._claim.value = number + 1
        return number

    def _received(self, number: int):
        try:
            sent, result = self._conn.recv()
        except EOFError:
            self._stop()
            raise WorkerFailed("the export's worker process stopped") from None
        if sent is None:
            self._stop()
            raise WorkerFailed(f"the export's worker process failed:\n{result}")
        assert sent == number, (sent, number)
        return result
