"""`srtracker export -o FILE.xlsx [--as-of DATE]`: the overview workbook of every contract."""

import os
import sys
import tempfile
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..compliance.commands import IsoDate
from ..db import connection
from ..models import Contract
from ..services.checks import check_date
from .overview import gather
from .workbook import write_overview_to

EVERY_CONTRACT = Contract.id.is_null(False)


def _progress(label: str):
    """A progress bar on stderr, so stdout keeps only the summary."""

    def wrap(items):
        with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return wrap


def _write_atomically(path: Path, write):
    """Never leave half a workbook behind under the requested name: ``write`` writes the
    workbook into a temporary file beside it, which then takes the name."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            result = write(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result


@click.command("export")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .xlsx file to write.",
)
@click.option(
    "--as-of",
    "as_of",
    type=IsoDate(),
    default=None,
    help="Figures as of this date (default: the latest stored check's, else today).",
)
@with_appcontext
def export_command(output, as_of):
    """Write the compliance overview workbook of every contract (nothing is stored)."""
    if not output.parent.is_dir():
        raise click.BadParameter(
            f"folder {output.parent} does not exist", param_hint="'-o' / '--output'"
        )
    with connection():
        as_of = as_of or check_date()
        overview = gather(EVERY_CONTRACT, as_of, current_app.config["AT_RISK_RATIO"])
        summary = _write_atomically(
            output,
            lambda out: write_overview_to(
                out, overview, progress=_progress("checking and writing buyer sheets")
            ),
        )
    click.echo(
        f"wrote {output} as of {as_of.isoformat()}: {summary.buyers} buyer(s), "
        f"{summary.contracts} contract(s), {summary.clauses} clause(s), "
        f"{summary.flags} open flag(s)"
    )
