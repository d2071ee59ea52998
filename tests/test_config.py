from decimal import Decimal

import pytest

from srtracker.config import ConfigError, load_settings


@pytest.fixture
def config_file(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("SRTRACKER_CONFIG", str(path))
    monkeypatch.delenv("SRTRACKER_DATABASE_URL", raising=False)
    monkeypatch.delenv("SRTRACKER_SECRET_KEY", raising=False)
    return path


def test_code_defaults_apply_without_a_file(config_file):
    config_file.write_text("")
    settings = load_settings()
    assert settings["AT_RISK_RATIO"] == Decimal("0.8")
    assert settings["REPORT_MAX_UPLOAD_BYTES"] == 20 * 2**20


def test_config_file_overrides_defaults(config_file):
    config_file.write_text(
        '[compliance]\nat_risk_ratio = 0.75\n[database]\nurl = "sqlite:///f.db"\n'
    )
    settings = load_settings()
    assert settings["AT_RISK_RATIO"] == Decimal("0.75")
    assert settings["DATABASE_URL"] == "sqlite:///f.db"


def test_environment_overrides_config_file(config_file, monkeypatch):
    config_file.write_text('[database]\nurl = "sqlite:///f.db"\n')
    monkeypatch.setenv("SRTRACKER_DATABASE_URL", "sqlite:///env.db")
    monkeypatch.setenv("SRTRACKER_SECRET_KEY", "from-env")
    settings = load_settings()
    assert settings["DATABASE_URL"] == "sqlite:///env.db"
    assert settings["SECRET_KEY"] == "from-env"


def test_test_config_overrides_environment(config_file, monkeypatch):
    config_file.write_text("")
    monkeypatch.setenv("SRTRACKER_DATABASE_URL", "sqlite:///env.db")
    assert load_settings({"DATABASE_URL": "sqlite:///t.db"})["DATABASE_URL"] == "sqlite:///t.db"


def test_unknown_key_names_the_file_and_key(config_file):
    config_file.write_text("[compliance]\nat_risk_ratoi = 0.7\n")
    with pytest.raises(ConfigError, match=r"config.toml: unknown key \[compliance\] at_risk_ratoi"):
        load_settings()


def test_named_config_file_must_exist(config_file):
    with pytest.raises(ConfigError, match="not found"):
        load_settings()


def test_reference_data_can_be_extended(config_file):
    config_file.write_text(
        "[reference.target_groups.statushouder]\n"
        'label_nl = "Statushouder"\nlabel_en = "Status holder"\n'
    )
    reference = load_settings()["REFERENCE"]
    assert reference.match_group("STATUSHOUDER") == "statushouder"
    assert reference.match_group("wajong") == "wajong"


def test_reference_code_must_be_a_plain_code(config_file):
    config_file.write_text(
        '[reference.target_groups."Status Houder"]\nlabel_nl = "S"\nlabel_en = "S"\n'
    )
    with pytest.raises(ConfigError, match="code"):
        load_settings()


def test_cli_config_option_names_the_file(config_file, monkeypatch):
    from srtracker.cli import main

    config_file.write_text("[contracts]\nreport_due_days = 12\n")
    monkeypatch.delenv("SRTRACKER_CONFIG")
    other = config_file.parent / "other.toml"
    other.write_text("[contracts]\nreport_due_days = 7\n")
    with pytest.raises(SystemExit):
        main(["--config", str(other), "--help"])
    assert load_settings()["REPORT_DUE_DAYS"] == 7
