"""`srtracker check`: run the compliance check once, store it, print it."""

import json
import time
from collections import Counter
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

from ..clock import today
from ..db import connection
from ..services.checks import run_check


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date of the form YYYY-MM-DD", param, ctx)


FLAG_LISTS = ("flags_opened", "flags_resolved", "open_flags")


def _counts(document: dict) -> Counter:
    """Flags per (list, contract, clause), counted in one pass over each list."""
    return Counter(
        (key, flag["contract"], flag["clause"]) for key in FLAG_LISTS for flag in document[key]
    )


def summary_lines(document: dict) -> list[str]:
    """One line per clause, then one per contract-level flag count, for a person reading."""

    def shown(value):
        return "-" if value is None else str(value)

    header = (
        "contract",
        "clause",
        "status",
        "realised",
        "expected",
        "target",
        "period",
        "opened",
        "resolved",
        "open",
    )
    lines = [header]
    counts = _counts(document)
    for c in document["clauses"]:
        lines.append(
            (
                c["contract"],
                c["clause"],
                c["status"],
                shown(c["realised"]),
                shown(c["expected"]),
                shown(c["target"]),
                shown(c["report_period"]),
                *(str(counts[key, c["contract"], c["clause"]]) for key in FLAG_LISTS),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)).rstrip()
        for line in lines
    ]
    overdue = [f for f in document["open_flags"] if f["kind"] == "report_overdue"]
    text.append("")
    text.append(
        f"as of {document['as_of']}: {len(document['clauses'])} clause(s), "
        f"{len(document['flags_opened'])} flag(s) opened, "
        f"{len(document['flags_resolved'])} resolved, "
        f"{len(document['open_flags'])} open ({len(overdue)} report_overdue)"
    )
    if document.get("stored") is False:
        text.append("not stored: a check as of a later date is already stored")
    return text


@click.command("check")
@click.option(
    "--as-of", "as_of", type=IsoDate(), default=None, help="Check as of this date (default: today)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@with_appcontext
def check_command(as_of, as_json):
    """Run the compliance check once, store its flags and print the result."""
    started = time.monotonic()

    def progress(message):
        click.echo(f"[{time.monotonic() - started:6.1f} s] {message}", err=True)

    with connection():
        document, _ = run_check(
            as_of or today(),
            trigger="cli",
            actor="cli",
            at_risk_ratio=current_app.config["AT_RISK_RATIO"],
            progress=None if as_json else progress,
            command=True,
        )
    if as_json:
        click.echo(json.dumps(document))
    else:
        click.echo("\n".join(summary_lines(document)))
