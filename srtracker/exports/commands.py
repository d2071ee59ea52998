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
from .workbook import write_overview

EVERY_CONTRACT = Contract.id.is_null(False)


def _progress(label: str):
    """A progress bar on stderr, so stdout keeps only the summary."""

    def wrap(items):
        with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return wrap


def _write_atomically(path: Path, data: bytes) -> None:
    """Never leave half a workbook behind under the requested name."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
        overview = gather(
            EVERY_CONTRACT,
            as_of,
            current_app.config["AT_RISK_RATIO"],
            progress=_progress("checking contracts"),
        )
    data = write_overview(overview, progress=_progress("writing buyer sheets"))
    _write_atomically(output, data)
    clauses = sum(len(lines) for lines in overview.clauses.values())
    click.echo(
        f"wrote {output} as of {as_of.isoformat()}: {len(overview.clauses)} buyer(s), "
        f"{overview.contracts} contract(s), {clauses} clause(s), "
        f"{len(overview.flags)} open flag(s)"
    )
