"""Keep the English catalogue in step with the Dutch interface strings.

    .venv/bin/python tools/translations.py         # extract, merge, fill, compile

Extracts every msgid (templates: _(); Python: _, gettext, lazy_gettext, _l, N_)
into srtracker/translations/messages.pot, merges it into the English catalogue,
fills the domain messages from their English tables, and compiles the .mo that
Flask-Babel loads. Strings still without English are listed; the test suite
fails on them (tests/test_translations.py).
"""

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRANSLATIONS = ROOT / "srtracker" / "translations"
PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {
    "_": None,
    "gettext": None,
    "lazy_gettext": None,
    "_l": None,
    "N_": None,
    "ngettext": (1, 2),
}
METHODS = [("srtracker/**.py", "python"), ("templates/**.html", "jinja2")]


def extract() -> Catalog:
    catalog = Catalog(project="srtracker", locale=None)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        METHODS,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        if message:
            catalog.add(
                message, None, [(filename, lineno)], auto_comments=comments, context=context
            )
    return catalog


def domain_english() -> dict:
    from srtracker.domain.explain_messages_en import MESSAGES as EXPLAIN
    from srtracker.domain.report_messages_en import ENGLISH as REPORT

    found = {**REPORT, **EXPLAIN}
    try:
        from srtracker.domain.valuation_messages_en import MESSAGES as VALUATION

        found.update(VALUATION)
    except ImportError:
        pass
    from srtracker.domain.enforcement_messages_en import MESSAGES as ENFORCEMENT

    found.update(ENFORCEMENT)
    return found


def load_po() -> Catalog:
    if not PO.exists():
        return Catalog(locale="en", project="srtracker")
    with open(PO, "rb") as handle:
        return read_po(handle, locale="en")


def compile_mo(catalog: Catalog) -> bytes:
    out = BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main():
    template = extract()
    english = load_po()
    english.update(template, no_fuzzy_matching=True)
    known = domain_english()
    for message in english:
        if message.id and not message.string and message.id in known:
            message.string = known[message.id]
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(PO, "wb") as handle:
        write_po(
            handle, english, width=100, omit_header=False, sort_output=True, ignore_obsolete=True
        )
    MO.write_bytes(compile_mo(english))
    missing = [m.id for m in english if m.id and not m.string]
    print(f"{len(english)} messages, {len(missing)} without English")
    for msgid in missing:
        print(f"  missing: {msgid if isinstance(msgid, str) else msgid[0]}")


if __name__ == "__main__":
    main()
