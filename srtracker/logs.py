"""Structured logs: one JSON object per line, and one line per request.

No personal data: no e-mail addresses, no candidate references, no query
strings; a user is named by id only.
"""

import json
import logging
import time
import uuid

from flask import g, request

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure(fmt: str, level=logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def _start():
    g.request_started = time.perf_counter()
    g.request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex[:16]


def _finish(response):
    user = g.get("user")
    logging.getLogger("srtracker.request").info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "endpoint": request.endpoint,
            "status": response.status_code,
            "ms": round((time.perf_counter() - g.get("request_started", 0)) * 1000, 1),
            "user": getattr(user, "id", None),
            "request_id": g.get("request_id"),
        },
    )
    response.headers["X-Request-Id"] = g.get("request_id", "")
    return response


def init_app(app):
    if not app.testing:
        configure(app.config["LOG_FORMAT"])
    app.before_request(_start)
    app.after_request(_finish)
