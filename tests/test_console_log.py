"""`make run` on a terminal: readable text, once per request; JSON stays the default."""

import io
import json
import logging

from srtracker import logs


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_text_only_for_the_debug_server_on_a_terminal():
    assert logs.console_wanted(True, Terminal())
    assert not logs.console_wanted(False, Terminal())
    assert not logs.console_wanted(True, io.StringIO())


def request_record():
    record = logging.makeLogRecord(
        {"name": "srtracker.request", "msg": "request", "levelno": logging.INFO}
    )
    record.__dict__.update(method="GET", path="/", status=200, ms=3.1, user=7)
    return record


def test_a_request_is_one_readable_line_without_colours():
    line = logs.ConsoleFormatter().format(request_record())
    assert line.endswith("GET / -> 200 (3.1 ms) user 7")
    assert "\x1b[" not in line and "{" not in line


def test_json_is_the_production_format():
    entry = json.loads(logs.JsonFormatter().format(request_record()))
    assert (entry["method"], entry["status"]) == ("GET", 200)


def test_werkzeugs_own_request_line_is_dropped_but_its_banner_kept():
    line = logging.makeLogRecord(
        {"msg": '127.0.0.1 - - [01/Dec/2026 10:00:00] "GET / HTTP/1.1" 200'}
    )
    banner = logging.makeLogRecord({"msg": " * Running on http://127.0.0.1:5000"})
    assert not logs._not_a_request_line(line)
    assert logs._not_a_request_line(banner)


def test_make_runs_console_shows_one_plain_line_per_request_and_no_job_chatter(app, capsys):
    """The console of `make run`: a request through the app, werkzeug's own line and
    APScheduler's "Adding job tentatively" give exactly one readable line."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("apscheduler").level)
    logs.configure("json", console=True)
    try:
        app.test_client().get("/login")
        logging.getLogger("werkzeug").info('127.0.0.1 - - [x] "GET /login HTTP/1.1" 200 -')
        logging.getLogger("apscheduler.scheduler").info("Adding job tentatively")
    finally:
        root.handlers[:], level, scheduler_level = saved
        root.setLevel(level)
        logging.getLogger("apscheduler").setLevel(scheduler_level)
        logging.getLogger("werkzeug").filters[:] = []
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "GET /login -> 200" in lines[0]
    assert "\x1b[" not in lines[0] and not lines[0].lstrip().startswith("{")
