"""The browser tests' live server, under a browser that resets connections."""

import gc
import socket
import struct
import time
import warnings
from urllib.parse import urlsplit


def _fetch_and_reset(address, path):
    """A request that says a body follows, read a little, then a reset instead of a close."""
    with socket.create_connection(address) as connection:
        connection.sendall(
            f"GET {path} HTTP/1.1\r\nHost: e2e\r\nContent-Length: 100000\r\n\r\n".encode()
            + b"x" * 1000
        )
        connection.recv(10)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_a_static_file_is_closed_when_the_browser_resets_the_connection(live_app):
    url = urlsplit(live_app.config["LIVE_URL"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(20):
            _fetch_and_reset((url.hostname, url.port), "/static/favicon.svg")
        time.sleep(0.5)
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
