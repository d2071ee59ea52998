"""Paging for every list page: the page asked for, and links that keep the filters.

Templates show the pager with the one macro in templates/_pager.html.
"""

from flask import request, url_for


def page_number(last: int, arg: str = "page") -> int:
    """The requested page (query argument `arg`), kept within 1..last."""
    try:
        wanted = int(request.args.get(arg, 1))
    except ValueError:
        wanted = 1
    return min(max(wanted, 1), max(last, 1))


def linker(endpoint: str, values: dict[str, str]):
    """For templates: this page's URL with the current filters, some changed (None drops one)."""

    def link(**changes):
        args = {k: v for k, v in {**values, **changes}.items() if v not in (None, "")}
        return url_for(endpoint, **args)

    return link
