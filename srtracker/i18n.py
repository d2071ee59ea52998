"""Dutch by default, English on request: Flask-Babel with Dutch msgids.

Flask and Flask-Babel are imported where a page needs them: the labels and `translate`
also serve the console script's commands that run without Flask (runtime.py).
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from .domain.figures import DUTCH, ENGLISH, NOTATION, show_date, show_number
from .domain.labels import FLAG_LABELS, LABELS, STATUS_LABELS
from .runtime import gettext, settings

LANGUAGES = ("nl", "en")


def select_locale():
    from flask import g

    user = g.get("user")
    if user is not None and getattr(user, "language", None) in LANGUAGES:
        return user.language
    return settings()["LANGUAGE"]


def translate(msgid: str) -> str:
    """The `translate` callable the domain core renders its messages with."""
    return gettext(msgid)


def label_of(group: str, code) -> str:
    """The reader's word for a code of one of domain.labels.LABELS; a code without a label
    is shown as it is (a newer version may have added it)."""
    table = LABELS[group]
    return gettext(table[code]) if code in table else str(code or "")


def role_label(code: str) -> str:
    return label_of("role", code)


def actor_label(code: str) -> str:
    return label_of("actor", code)


def _reference_label(items: dict, code: str) -> str:
    from flask_babel import get_locale

    item = items.get(code)
    if item is None:
        return code
    return item.label_en if str(get_locale()) == "en" else item.label_nl


def type_label(code: str) -> str:
    """A contribution type as the reader's language names it (config's reference data)."""
    return _reference_label(settings()["REFERENCE"].types, code)


def group_label(code: str) -> str:
    return _reference_label(settings()["REFERENCE"].groups, code)


def _set_notation():
    """Figures and dates in the domain's texts, written the reader's way for this request."""
    from flask import g
    from flask_babel import get_locale

    from .domain.explain import TYPE_LABEL  # the pages' explanations only

    g.notation_token = NOTATION.set(DUTCH if str(get_locale()) == "nl" else ENGLISH)
    g.type_label_token = TYPE_LABEL.set(type_label)


def _reset_notation(exc):
    from flask import g

    from .domain.explain import TYPE_LABEL

    token = g.pop("notation_token", None)
    if token is not None:
        NOTATION.reset(token)
    token = g.pop("type_label_token", None)
    if token is not None:
        TYPE_LABEL.reset(token)


def day(value) -> str:
    """A date the reader's way (show_date); ISO text (as the audit log keeps dates) is read
    first."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return show_date(date.fromisoformat(value[:10]) if isinstance(value, str) else value)


def local_time(value: datetime) -> datetime:
    """A stored time (naive UTC) as wall-clock time in [app] timezone, still naive."""
    zone = ZoneInfo(settings()["TIMEZONE"])
    return value.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)


def moment(value, seconds: bool = False) -> str:
    """A stored time as the reader's local time: dd-mm-jjjj uu:mm, in [app] timezone."""
    from flask_babel import format_datetime

    if not value:
        return ""
    return format_datetime(value, "dd-MM-yyyy HH:mm:ss" if seconds else "dd-MM-yyyy HH:mm")


def clock(value) -> str:
    """Only the local time of day of a stored time: uu:mm."""
    from flask_babel import format_time

    return format_time(value, "HH:mm") if value else ""


def init_app(app):
    from flask_babel import Babel, format_currency, get_locale

    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config["LANGUAGE"])
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", app.config["TIMEZONE"])
    Babel(app, locale_selector=select_locale)
    app.before_request(_set_notation)
    app.teardown_request(_reset_notation)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["status_label"] = lambda code: gettext(STATUS_LABELS[code])
    app.jinja_env.globals["flag_label"] = lambda kind: gettext(FLAG_LABELS[kind])
    app.jinja_env.globals["label"] = lambda group, code: gettext(LABELS[group][code])
    app.jinja_env.globals.update(
        role_label=role_label,
        action_label=lambda code: label_of("audit_action", code),
        subject_label=lambda code: label_of("audit_subject", code),
        field_label=lambda code: label_of("field", code),
        type_label=type_label,
        group_label=group_label,
        candidate_state_label=lambda state: gettext(LABELS["candidate_state"][state]),
    )
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["moment"] = moment
    app.jinja_env.filters["money"] = lambda value: format_currency(value, "EUR")
    # Figures and dates have one writer each per language (domain.figures), on pages as in
    # the explanations.
    app.jinja_env.filters["figure"] = lambda value: "" if value is None else show_number(value)
