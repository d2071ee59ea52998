"""What production serving relies on: the secret key, the proxy, logs, health."""

import json
import logging

import pytest

from srtracker import create_app
from srtracker.config import ConfigError
from srtracker.logs import JsonFormatter


def test_a_serving_app_outside_debug_requires_a_secret_key(monkeypatch, database_url):
    monkeypatch.delenv("SRTRACKER_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SRTRACKER_SECRET_KEY"):
        create_app({"DATABASE_URL": database_url})


def test_a_command_line_app_keeps_a_key_in_the_instance_folder(monkeypatch, database_url):
    monkeypatch.delenv("SRTRACKER_SECRET_KEY", raising=False)
    app = create_app({"DATABASE_URL": database_url}, serving=False)
    assert len(app.config["SECRET_KEY"]) == 64


def test_the_health_endpoint_answers_without_login(client):
    response = client.get("/health")
    assert (response.status_code, response.json["database"]) == (200, "ok")


def test_behind_a_proxy_the_forwarded_address_and_scheme_are_used(database_url):
    app = create_app(
        {"SECRET_KEY": "x", "TESTING": True, "DATABASE_URL": database_url, "PROXY_HOPS": 1}
    )
    seen = {}

    @app.route("/probe")
    def probe():
        from flask import request

        seen.update(address=request.remote_addr, scheme=request.scheme)
        return ""

    app.view_functions["probe"] = probe
    from srtracker.access import RULES

    RULES["probe"] = "public"
    try:
        app.test_client().get(
            "/probe", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
        )
    finally:
        del RULES["probe"]
    assert seen == {"address": "203.0.113.7", "scheme": "https"}


def test_each_request_is_logged_as_one_json_line_without_personal_data(client, caplog):
    caplog.set_level(logging.INFO, logger="srtracker.request")
    client.post("/login", data={"email": "someone@example.nl", "password": "x"})
    record = next(r for r in caplog.records if r.name == "srtracker.request")
    line = json.loads(JsonFormatter().format(record))
    assert (line["method"], line["path"], line["status"]) == ("POST", "/login", 401)
    assert "someone@example.nl" not in json.dumps(line)
    assert line["ms"] >= 0 and line["request_id"]
