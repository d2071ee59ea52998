"""`srtracker demo`: the embedded database with the sample contracts, ready to explore."""
import click
from flask import current_app
from flask.cli import with_appcontext

from .config import PROJECT_ROOT
from .contracts.commands import contract_files
from .contracts.commands import load_file
from .db import connection
from .migrate import init_database

SAMPLES = PROJECT_ROOT / "sample_contracts"


@click.command("demo")
@with_appcontext
def demo_command():
    """Initialise the database with sample_contracts/ and demo data."""
    init_database(current_app)
    files = contract_files([SAMPLES])
    with connection():
        for number, path in enumerate(files, start=1):
            outcome, errors = load_file(path, actor="demo")
            click.echo(f"[{number}/{len(files)}] {path.name}: {outcome}")
            if errors:
                raise click.ClickException(f"{path.name}: " + "; ".join(errors))
    click.echo(f"Demo data is ready in {current_app.config['DATABASE_URL']}.")


def init_app(app):
    app.cli.add_command(demo_command)
