"""The `srtracker` console script: a Flask CLI group over create_app.

Commands are registered by each subsystem's init_app, so `flask --app
srtracker ...` offers the same ones.
"""

import os

import click
from flask.cli import FlaskGroup


def _remember_config(ctx, param, value):
    if value:
        os.environ["SRTRACKER_CONFIG"] = value
    return value


def _create_app():
    from . import create_app

    context = click.get_current_context(silent=True)
    command = context.find_root().invoked_subcommand if context else None
    return create_app(serving=command == "run")


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False, load_dotenv=False)
@click.option(
    "--config",
    metavar="PATH",
    expose_value=False,
    is_eager=True,
    callback=_remember_config,
    help="Configuration file (default: config.toml).",
)
def main():
    """srtracker: social-return compliance tracking."""


if __name__ == "__main__":
    main()
