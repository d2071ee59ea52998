"""Links a page writes many times: `url_for` once, then each row's values put in by text.

A list page links every row to its contract, clause or flag; at 50 rows that was 100-150
`url_for` calls a page (werkzeug builds each one through its rule and converters), a tenth
of the dashboard's CPU. `url_maker(endpoint, "reference")` builds the URL once with a
marker in each named place and returns a function that writes the URL of given values by
putting them in place of the markers. It does so only where that is provably what
`url_for` would return, and calls `url_for` otherwise:

- the endpoint has one rule, every named value is a path part of it whose converter writes
  it as werkzeug's base converter (`quote`, the string converter) or its int converter
  (`str(int(v))`: the app's `IdConverter` only adds a bound that building ignores), or a
  query argument (a name not in the rule);
- each value is a text of ASCII letters, digits and ``_.~-`` (which `quote`, used both for
  path parts and for the query, leaves as it is; a plain int converter writes ``str(int(v))``,
  so an int converter gets ints only, and a text of digits only where it has no leading
  zero), or a non-negative int;
- every marker occurs exactly once in the URL built.

`tests/test_links.py` compares it with `url_for` on awkward values.
"""

import re

from flask import current_app, url_for
from werkzeug.routing.converters import BaseConverter, IntegerConverter, NumberConverter

_AS_IS = re.compile(r"[A-Za-z0-9_.~-]+")
_DIGITS = re.compile(r"0|[1-9][0-9]*")


def url_maker(endpoint: str, *names: str, **fixed):
    """A function of the values of ``names`` (positional, in that order) returning
    ``url_for(endpoint, **fixed, **dict(zip(names, values)))``; see the module docstring."""
    kinds = _kinds(endpoint, names)
    if kinds is None:
        return _fallback(endpoint, names, fixed)
    marks = [f"{7390516284 + n}" for n in range(len(names))]
    built = url_for(endpoint, **fixed, **dict(zip(names, marks, strict=True)))
    if any(built.count(mark) != 1 for mark in marks):
        return _fallback(endpoint, names, fixed)
    order = sorted(range(len(names)), key=lambda n: built.index(marks[n]))
    pieces, rest = [], built
    for n in order:
        before, _, rest = rest.partition(marks[n])
        pieces.append(before)
    pieces.append(rest)
    slow = _fallback(endpoint, names, fixed)

    def make(*values) -> str:
        out = [pieces[0]]
        for i, n in enumerate(order):
            text = _as_text(values[n], kinds[n])
            if text is None:
                return slow(*values)
            out.append(text)
            out.append(pieces[i + 1])
        return "".join(out)

    return make


def _as_text(value, kind: str) -> str | None:
    """The value as url_for would write it in a place of this kind, or None when unsure."""
    if type(value) is int:
        return str(value) if value >= 0 else None
    if type(value) is not str:
        return None
    if kind == "int":
        return value if _DIGITS.fullmatch(value) else None
    return value if _AS_IS.fullmatch(value) else None


def _kinds(endpoint: str, names) -> list[str] | None:
    """Per name: 'text' (string converter or query argument) or 'int'; None when the
    endpoint's rule is not one this can follow."""
    rules = current_app.url_map._rules_by_endpoint.get(endpoint, [])
    if len(rules) != 1:
        return None
    converters = rules[0]._converters
    kinds = []
    for name in names:
        converter = converters.get(name)
        to_url = getattr(type(converter), "to_url", None)
        if converter is None or to_url is BaseConverter.to_url:
            kinds.append("text")
        elif (
            isinstance(converter, IntegerConverter)
            and to_url is NumberConverter.to_url
            and not converter.fixed_digits
        ):
            kinds.append("int")
        else:
            return None
    return kinds


def _fallback(endpoint, names, fixed):
    def make(*values) -> str:
        return url_for(endpoint, **fixed, **dict(zip(names, values, strict=True)))

    return make
