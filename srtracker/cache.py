"""A small per-process cache with a time to live.

For figures that change only when a check is stored or contracts change
(dashboard counts, filter choices): each web worker keeps its own copy for
a short while, so a page does not recount 150,000 clauses on every click.
"""

import threading
import time
from collections import OrderedDict


class TtlCache:
    def __init__(self, seconds: float, size: int = 512):
        self.seconds, self.size = seconds, size
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute):
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] > now:
                self._items.move_to_end(key)
                return found[1]
        value = compute()
        with self._lock:
            # Kept `seconds` from when it was computed: a value that took longer than that
            # to compute (the review queue on a loaded machine) is still kept.
            self._items[key] = (time.monotonic() + self.seconds, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._items.clear()
