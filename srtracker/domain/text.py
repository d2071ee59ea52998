"""Interface text in the domain core, without Flask.

Messages are Dutch msgids marked with N_ so Babel extracts them; they are
rendered through a `translate` callable (flask_babel.gettext in the app, the
identity in pure tests), then filled with their named parameters.
"""

from dataclasses import dataclass, field
from datetime import date

from .figures import show_date


def N_(msgid: str) -> str:
    return msgid


def identity(msgid: str) -> str:
    return msgid


class Label(str):
    """A word for a code (a msgid of domain.labels): a message says it in the reader's
    language, never the code itself."""


@dataclass(frozen=True)
class Message:
    """A text to show, kept as its msgid and parameters until the reader's language is known."""

    msgid: str
    params: dict = field(default_factory=dict)

    def render(self, translate=identity) -> str:
        """Dates among the parameters are written the reader's way (see figures.NOTATION),
        labels in the reader's language."""
        return translate(self.msgid).format(
            **{k: _shown(v, translate) for k, v in self.params.items()}
        )


def _shown(value, translate):
    if isinstance(value, Label):
        return translate(value)
    if isinstance(value, tuple) and value and all(isinstance(v, Label) for v in value):
        return ", ".join(translate(v) for v in value)
    return show_date(value) if isinstance(value, date) else value
