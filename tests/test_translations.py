"""Every interface string is Dutch, wrapped for translation, and has its English."""

import re
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import translations  # noqa: E402

# Text a template may show as it is: the product's name, symbols and punctuation.
ALLOWED = re.compile(r"^(srtracker|[\W\d_]+|UTC|EUR|SROI|xlsx|\.xlsx|SVG)$")


@pytest.fixture(scope="module")
def catalogue():
    return translations.load_po()


def test_every_interface_string_is_in_the_english_catalogue(catalogue):
    extracted = {m.id for m in translations.extract() if m.id}
    assert sorted(str(i) for i in extracted - {m.id for m in catalogue if m.id}) == [], (
        "run tools/translations.py"
    )


def translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings) and not message.fuzzy


def test_every_interface_string_has_an_english_translation(catalogue):
    missing = [m.id for m in catalogue if m.id and not translated(m)]
    assert missing == [], f"{len(missing)} strings without English; edit {translations.PO}"


def _entries(catalog) -> dict:
    def key(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    return {key(m.id): key(m.string) for m in catalog if m.id and translated(m)}


def test_the_compiled_catalogue_matches_the_po_file(catalogue):
    with open(translations.MO, "rb") as handle:
        compiled = read_mo(handle)
    compiled = _entries(compiled)
    stale = {k: v for k, v in _entries(catalogue).items() if compiled.get(k) != v}
    assert stale == {}, "run tools/translations.py"


def _literal_text(html: str) -> list[str]:
    html = re.sub(r"\{#.*?#\}", " ", html, flags=re.S)
    html = re.sub(r"\{%.*?%\}", " ", html, flags=re.S)
    html = re.sub(r"\{\{.*?\}\}", " ", html, flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]*>", " ", html, flags=re.S)
    return [word for word in re.sub(r"&\w+;", " ", html).split() if not ALLOWED.match(word)]


@pytest.mark.parametrize(
    "template",
    sorted((ROOT / "templates").rglob("*.html")),
    ids=lambda p: str(p.relative_to(ROOT / "templates")),
)
def test_templates_show_no_text_outside_translation_calls(template):
    assert _literal_text(template.read_text()) == []
