"""Structured logs: one JSON object per line, and one line per request.

No personal data: no e-mail addresses, no candidate references, no query
strings; a user is named by id only.
"""

import json
import logging
import sys
import time
import uuid

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


class ConsoleFormatter(logging.Formatter):
    """Readable text for a developer's terminal: one plain line per request or message."""

    def format(self, record):
        when = self.formatTime(record, "%H:%M:%S")
        if record.name == "srtracker.request":
            who = f" user {record.user}" if getattr(record, "user", None) else ""
            return f"{when} {record.method} {record.path} -> {record.status} ({record.ms} ms){who}"
        text = f"{when} {record.levelname.lower()} {record.name}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def console_wanted(debug: bool, stream=None) -> bool:
    """Text instead of JSON only for the debug server on a terminal; JSON everywhere else."""
    stream = stream or sys.stderr
    return debug and hasattr(stream, "isatty") and stream.isatty()


def configure(fmt: str, level=logging.INFO, console: bool = False) -> None:
    handler = logging.StreamHandler()
    if console:
        handler.setFormatter(ConsoleFormatter())
    elif fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Our request line says it all: werkzeug's own (coloured) line would repeat it (its
    # "Running on" banner stays), and APScheduler announces every job it adds.
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.filters[:] = [_not_a_request_line]
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def _not_a_request_line(record) -> bool:
    return " - - [" not in record.getMessage()


def _start():
    from flask import g, request

    g.request_started = time.perf_counter()
    g.request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex[:16]


def _finish(response):
    from flask import g, request

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
        configure(app.config["LOG_FORMAT"], console=console_wanted(app.debug))
    app.before_request(_start)
    app.after_request(_finish)
