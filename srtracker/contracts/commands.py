"""`srtracker load-contracts`: contract files into the database."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import connection
from ..domain.contract_file import read_contract_file
from ..i18n import translate
from ..services import contracts as contract_service


def contract_files(paths) -> list[Path]:
    """Each file named, and every *.toml directly inside each folder named."""
    files = []
    for raw in paths:
        path = Path(raw)
        files.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    return files


def load_file(path: Path, actor: str) -> tuple[str, list[str]]:
    """('created'|'updated'|'unchanged'|'rejected', error lines) for one file."""
    if not path.is_file():
        return "rejected", [translate("bestand niet gevonden")]
    contract, errors = read_contract_file(
        path.read_bytes(),
        current_app.config["REFERENCE"],
        current_app.config["REPORT_DUE_DAYS"],
        current_app.config["MAX_MILESTONES"],
    )
    if not errors:
        try:
            return contract_service.save(contract, actor), []
        except contract_service.ContractConflict as conflict:
            errors = conflict.errors
    return "rejected", [error.render(translate) for error in errors]


@click.command("load-contracts")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@with_appcontext
def load_contracts_command(paths):
    """Load contract files (TOML): a file, or every *.toml in a folder."""
    files = contract_files(paths)
    if not files:
        raise click.UsageError("no *.toml contract files found in " + ", ".join(paths))
    refused = 0
    with connection():
        for number, path in enumerate(files, start=1):
            outcome, errors = load_file(path, actor="cli")
            click.echo(f"[{number}/{len(files)}] {path}: {outcome}")
            for line in errors:
                click.echo(f"  {path}: {line}", err=True)
            refused += outcome == "rejected"
    if refused:
        click.echo(
            f"{refused} of {len(files)} file(s) refused; nothing of them was stored.", err=True
        )
        raise SystemExit(1)
