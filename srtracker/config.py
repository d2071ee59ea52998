"""Configuration: code defaults, then config.toml, then SRTRACKER_* variables.

config.toml uses readable lower-case sections; each known key maps to one
upper-case Flask setting. An unknown key is an error, so a typo cannot pass
silently.
"""

import os
import sys
import tomllib
from decimal import Decimal
from pathlib import Path, PurePath

from .domain.reference import ReferenceConfigError, build_reference

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_PACKAGE_FILE = Path(__file__).with_name("__init__.py")


class ConfigError(Exception):
    pass


def _clock(value):
    """'HH:MM' as (hour, minute)."""
    hour, minute = str(value).split(":")
    if not (0 <= int(hour) <= 23 and 0 <= int(minute) <= 59):
        raise ValueError(value)
    return int(hour), int(minute)


def _mb(value):
    return int(Decimal(str(value)) * 2**20)


# (section, key) -> (Flask setting, converter)
SETTINGS = {
    ("database", "url"): ("DATABASE_URL", str),
    ("app", "language"): ("LANGUAGE", str),
    ("app", "timezone"): ("TIMEZONE", str),
    ("app", "log_format"): ("LOG_FORMAT", str),
    ("app", "proxy_hops"): ("PROXY_HOPS", int),
    ("app", "secure_cookies"): ("SECURE_COOKIES", bool),
    ("contracts", "report_due_days"): ("REPORT_DUE_DAYS", int),
    ("contracts", "max_milestones"): ("MAX_MILESTONES", int),
    ("app", "max_form_kb"): ("MAX_FORM_MEMORY_SIZE", lambda v: int(v) * 1024),
    ("app", "max_form_fields"): ("MAX_FORM_PARTS", int),
    ("reports", "max_upload_mb"): ("REPORT_MAX_UPLOAD_BYTES", _mb),
    ("reports", "max_unpacked_mb"): ("REPORT_MAX_UNPACKED_BYTES", _mb),
    ("reports", "max_rows"): ("REPORT_MAX_ROWS", int),
    ("reports", "max_columns"): ("REPORT_MAX_COLUMNS", int),
    ("reports", "feedback_edit_max_mb"): ("FEEDBACK_EDIT_MAX_BYTES", _mb),
    ("compliance", "at_risk_ratio"): ("AT_RISK_RATIO", lambda v: Decimal(str(v))),
    ("compliance", "default_percent"): ("DEFAULT_PERCENT", lambda v: Decimal(str(v))),
    ("scheduler", "check_time"): ("CHECK_TIME", _clock),
    ("scheduler", "reminder_time"): ("REMINDER_TIME", _clock),
    ("scheduler", "reminder_days_before"): ("REMINDER_DAYS_BEFORE", int),
    ("scheduler", "outbox_interval_minutes"): ("OUTBOX_INTERVAL_MINUTES", int),
    ("scheduler", "lease_seconds"): ("LEASE_SECONDS", int),
    ("evidence", "folder"): ("EVIDENCE_FOLDER", str),
    ("mail", "smtp_host"): ("SMTP_HOST", str),
    ("mail", "smtp_port"): ("SMTP_PORT", int),
    ("mail", "smtp_user"): ("SMTP_USER", str),
    ("mail", "smtp_starttls"): ("SMTP_STARTTLS", bool),
    ("mail", "sender"): ("MAIL_SENDER", str),
    ("api", "requests_per_minute"): ("API_REQUESTS_PER_MINUTE", int),
}

DEFAULTS = {
    "DATABASE_URL": "",
    "LANGUAGE": "nl",
    "TIMEZONE": "Europe/Amsterdam",
    "LOG_FORMAT": "json",
    "PROXY_HOPS": 0,
    "SECURE_COOKIES": True,
    "REPORT_DUE_DAYS": 30,
    "MAX_MILESTONES": 100,
    "MAX_FORM_MEMORY_SIZE": 500 * 1024,
    "MAX_FORM_PARTS": 500,
    "REPORT_MAX_UPLOAD_BYTES": 20 * 2**20,
    "REPORT_MAX_UNPACKED_BYTES": 200 * 2**20,
    "REPORT_MAX_ROWS": 100_000,
    "REPORT_MAX_COLUMNS": 60,
    "FEEDBACK_EDIT_MAX_BYTES": 10 * 2**20,
    "AT_RISK_RATIO": Decimal("0.8"),
    "DEFAULT_PERCENT": Decimal("0.05"),
    "REFERENCE_EXTRA": {},
    "CHECK_TIME": (2, 0),
    "REMINDER_TIME": (7, 0),
    "REMINDER_DAYS_BEFORE": 7,
    "OUTBOX_INTERVAL_MINUTES": 5,
    "LEASE_SECONDS": 90,
    "EVIDENCE_FOLDER": "",
    "SMTP_HOST": "",
    "SMTP_PORT": 25,
    "SMTP_USER": "",
    "SMTP_STARTTLS": False,
    "MAIL_SENDER": "srtracker@localhost",
    "API_REQUESTS_PER_MINUTE": 120,
}

ENVIRONMENT = {
    "SRTRACKER_DATABASE_URL": "DATABASE_URL",
    "SRTRACKER_SECRET_KEY": "SECRET_KEY",
    "SRTRACKER_SMTP_PASSWORD": "SMTP_PASSWORD",
}


def config_path() -> Path | None:
    """--config / SRTRACKER_CONFIG, else config.toml at the project root or here."""
    named = os.environ.get("SRTRACKER_CONFIG")
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(
                f"{named}: configuration file not found (SRTRACKER_CONFIG / --config)"
            )
        return path
    for candidate in (PROJECT_ROOT / "config.toml", Path.cwd() / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def read_config_file(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    settings = {}
    for section, values in raw.items():
        if section == "reference":
            settings["REFERENCE_EXTRA"] = values
            continue
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: '{section}' must be a [section]")
        for key, value in values.items():
            known = SETTINGS.get((section, key))
            if known is None:
                raise ConfigError(f"{path}: unknown key [{section}] {key}")
            name, convert = known
            try:
                settings[name] = convert(value)
            except (ValueError, ArithmeticError, TypeError):
                raise ConfigError(f"{path}: [{section}] {key} has an invalid value") from None
    return settings


def load_settings(test_config: dict | None = None) -> dict:
    """All settings in precedence order; the caller applies them to app.config."""
    settings = dict(DEFAULTS)
    path = config_path()
    if path is not None:
        settings.update(read_config_file(path))
    for variable, name in ENVIRONMENT.items():
        if os.environ.get(variable):
            settings[name] = os.environ[variable]
    settings.update(test_config or {})
    try:
        settings["REFERENCE"] = build_reference(settings["REFERENCE_EXTRA"])
    except ReferenceConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    settings.setdefault("MAX_CONTENT_LENGTH", settings["REPORT_MAX_UPLOAD_BYTES"] + 2**20)
    return settings


def instance_path() -> str:
    """The instance folder, by Flask's rule for a package (`Flask.auto_find_instance_path`):
    <prefix>/var/srtracker-instance when installed, else instance/ at the project root."""
    package_path = os.path.dirname(os.path.dirname(os.path.abspath(_PACKAGE_FILE)))
    prefix = os.path.abspath(sys.prefix)
    if PurePath(package_path).is_relative_to(prefix):
        return os.path.join(prefix, "var", "srtracker-instance")
    site_parent, site_folder = os.path.split(package_path)
    if site_folder.lower() != "site-packages":
        return os.path.join(package_path, "instance")
    parent, folder = os.path.split(site_parent)
    if folder.lower() == "lib":
        prefix = parent
    elif os.path.basename(parent).lower() == "lib":
        prefix = os.path.dirname(parent)
    else:
        prefix = site_parent
    return os.path.join(prefix, "var", "srtracker-instance")


def with_database(settings, instance: str):
    """The instance folder made, and the database URL defaulting to the embedded database
    in it: the one rule of create_app and of a command run without Flask."""
    Path(instance).mkdir(parents=True, exist_ok=True)
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{Path(instance) / 'srtracker.db'}"
    return settings


def app_settings() -> dict:
    """The settings create_app gives a command's app, without Flask (runtime.without_flask)."""
    return with_database(load_settings(), instance_path())


def debug_flag() -> bool:
    """Flask's debug flag from FLASK_DEBUG (flask.helpers.get_debug_flag)."""
    value = os.environ.get("FLASK_DEBUG")
    return bool(value and value.lower() not in {"0", "false", "no"})
