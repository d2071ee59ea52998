"""The `srtracker` console script: a Flask CLI group over create_app.

Each command is imported only when it runs, and runs on an app without the web
areas (`create_app(web=False)`): `srtracker import-report` loads what an import
needs, never the bureau's pages, the scheduler or gunicorn. `srtracker --help`
lists the commands from COMMANDS without importing any of them. Flask's own
`run`, `shell` and `routes` get the whole web app. Each area's init_app still
adds its commands to `app.cli`, so `flask --app srtracker ...` offers the same.
"""

import importlib
import os

import click
from flask.cli import FlaskGroup

# name -> (module, attribute, the first line of the command's docstring as --help shows it;
# tests/test_cli.py checks each against the command itself)
COMMANDS = {
    "check": (
        "srtracker.compliance.commands",
        "check_command",
        "Run the compliance check once, store its flags and print the result.",
    ),
    "demo": (
        "srtracker.demo",
        "demo_command",
        "Initialise the database with sample_contracts/, sample reports and demo users.",
    ),
    "enforce": (
        "srtracker.enforcement.commands",
        "enforce_command",
        "A step of a clause's enforcement case (enforcement.md), on the latest check's date.",
    ),
    "export": (
        "srtracker.exports.commands",
        "export_command",
        "Write the compliance overview workbook of every contract (nothing is stored).",
    ),
    "import-report": (
        "srtracker.reports.commands",
        "import_report_command",
        "Validate and store a progress workbook for a contract and period.",
    ),
    "init": (
        "srtracker.migrate",
        "init_command",
        "Create or upgrade the database (applies pending migrations).",
    ),
    "load-contracts": (
        "srtracker.contracts.commands",
        "load_contracts_command",
        "Load contract files (TOML): a file, or every *.toml in a folder.",
    ),
    "report": (
        "srtracker.enforcement.commands",
        "report_command",
        "Write the council's annual report (enforcement.md) for one year.",
    ),
    "review": (
        "srtracker.reviews.commands",
        "review_group",
        "The bureau's decisions on candidates (sign-off.md).",
    ),
    "scheduler": (
        "srtracker.scheduler",
        "scheduler_command",
        "Run the scheduled jobs (the check, reminders, mail) until stopped.",
    ),
    "template": (
        "srtracker.reports.commands",
        "template_command",
        "Write the pre-filled progress workbook for a contract.",
    ),
    "user": ("srtracker.auth.commands", "user_group", "Manage users."),
}


def load_command(name: str) -> click.Command:
    module, attribute, _ = COMMANDS[name]
    return getattr(importlib.import_module(module), attribute)


def _remember_config(ctx, param, value):
    if value:
        os.environ["SRTRACKER_CONFIG"] = value
    return value


def _create_app():
    from . import create_app

    context = click.get_current_context(silent=True)
    command = context.find_root().invoked_subcommand if context else None
    return create_app(serving=command == "run", web=command not in COMMANDS)


class _Group(FlaskGroup):
    """FlaskGroup whose own commands are imported on first use."""

    def list_commands(self, ctx):
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx, name):
        if name in COMMANDS:
            return load_command(name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx, formatter):
        limit = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        rows = []
        for name in self.list_commands(ctx):
            if name in COMMANDS:
                shown = click.Command(name, help=COMMANDS[name][2])
            else:
                shown = self.commands[name]
            rows.append((name, shown.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=_Group, create_app=_create_app, add_version_option=False, load_dotenv=False)
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
