import openpyxl
import pytest

from srtracker import create_app


def test_testing_config_is_applied(app):
    assert app.testing
    assert not create_app({"SECRET_KEY": "x", "DATABASE_URL": "sqlite:///:memory:"}).testing


def test_refuses_to_start_without_defusedxml(monkeypatch):
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(RuntimeError, match="defusedxml"):
        create_app({"SECRET_KEY": "x"})


def test_default_database_is_sqlite_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SRTRACKER_DATABASE_URL", raising=False)
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["DATABASE_URL"] == f"sqlite:///{app.instance_path}/srtracker.db"


def test_upload_limit_bounds_the_request_size(app):
    assert app.config["MAX_CONTENT_LENGTH"] > app.config["REPORT_MAX_UPLOAD_BYTES"]
