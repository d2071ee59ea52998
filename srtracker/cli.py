"""The `srtracker` console script: a Flask CLI group over create_app.

Each command is imported only when it runs, and runs on an app without the web
areas (`create_app(web=False)`): `srtracker import-report` loads what an import
needs, never the bureau's pages, the scheduler or gunicorn. `srtracker --help`
lists the commands from COMMANDS without importing any of them. Flask's own
`run`, `shell` and `routes` get the whole web app. Each area's init_app still
adds its commands to `app.cli`, so `flask --app srtracker ...` offers the same.

`srtracker --help` and the commands of WITHOUT_FLASK do not even import Flask (issue 19:
its import costs more than reading a 20,000-row workbook): they run on `console`, a
plain click group with the same options, help and commands, and the command runs on
the settings alone (runtime.py). Everything else, and any of Flask's own options
(--app, --env-file, --debug), goes to the FlaskGroup (`flask_group()`).
"""

import functools
import importlib
import os
import sys

import click

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


# Commands that run without the Flask app (runtime.with_settings), when no Flask option is given.
WITHOUT_FLASK = frozenset({"import-report"})
# Flask's own commands, as `--help` lists them (tests/test_cli.py compares with FlaskGroup's).
FLASK_COMMANDS = {
    "routes": "Show the routes for the app.",
    "run": "Run a development server.",
    "shell": "Run a shell in the app context.",
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


def _format_commands(group, ctx, formatter, own):
    """The commands section: COMMANDS' help lines, and `own(name)` for the others."""
    names = group.list_commands(ctx)
    limit = formatter.width - 6 - max(len(name) for name in names)
    rows = []
    for name in names:
        shown = click.Command(name, help=COMMANDS[name][2]) if name in COMMANDS else own(name)
        rows.append((name, shown.get_short_help_str(limit)))
    with formatter.section("Commands"):
        formatter.write_dl(rows)


_CONFIG_OPTION = {
    "metavar": "PATH",
    "expose_value": False,
    "is_eager": True,
    "callback": _remember_config,
    "help": "Configuration file (default: config.toml).",
}
_GROUP_HELP = "srtracker: social-return compliance tracking."


@functools.cache
def flask_group() -> click.Group:
    """The console script as a FlaskGroup over create_app: every command and option."""
    from flask.cli import FlaskGroup

    class Group(FlaskGroup):
        """FlaskGroup whose own commands are imported on first use."""

        def list_commands(self, ctx):
            return sorted({*self.commands, *COMMANDS})

        def get_command(self, ctx, name):
            if name in COMMANDS:
                return load_command(name)
            return super().get_command(ctx, name)

        def format_commands(self, ctx, formatter):
            _format_commands(self, ctx, formatter, lambda name: self.commands[name])

    group = Group(
        name="main",
        help=_GROUP_HELP,
        params=[click.Option(["--config"], **_CONFIG_OPTION)],
        create_app=_create_app,
        add_version_option=False,
        load_dotenv=False,
    )
    return group


class _Console(click.Group):
    """The console script without Flask: FlaskGroup's options and help, WITHOUT_FLASK's
    commands, on runtime.Console."""

    def list_commands(self, ctx):
        return sorted({*FLASK_COMMANDS, *COMMANDS})

    def get_command(self, ctx, name):
        if name not in WITHOUT_FLASK:
            return None
        with ctx.obj.importing():
            return load_command(name)

    def make_context(self, info_name, args, parent=None, **extra):
        from .runtime import Console

        extra.setdefault("obj", Console())
        return super().make_context(info_name, args, parent, **extra)

    def format_commands(self, ctx, formatter):
        _format_commands(
            self, ctx, formatter, lambda name: click.Command(name, help=FLASK_COMMANDS[name])
        )


# FlaskGroup's own options, as its --help shows them; given, they send the call to flask_group().
_FLASK_OPTIONS = [
    click.Option(
        ["-e", "--env-file"],
        type=click.Path(exists=True, dir_okay=False),
        expose_value=False,
        help=(
            "Load environment variables from this file, taking precedence over"
            " those set by '.env' and '.flaskenv'. Variables set directly in the"
            " environment take highest precedence. python-dotenv must be installed."
        ),
    ),
    click.Option(
        ["-A", "--app"],
        metavar="IMPORT",
        expose_value=False,
        help=(
            "The Flask application or factory function to load, in the form 'module:name'."
            " Module can be a dotted import or file path. Name is not required if it is"
            " 'app', 'application', 'create_app', or 'make_app', and can be 'name(args)' to"
            " pass arguments."
        ),
    ),
    click.Option(["--debug/--no-debug"], help="Set debug mode.", expose_value=False),
]

console = _Console(
    name="main",
    help=_GROUP_HELP,
    params=[click.Option(["--config"], **_CONFIG_OPTION), *_FLASK_OPTIONS],
)


def without_flask(args: list[str]) -> bool:
    """Whether `args` are the group's help or a command of WITHOUT_FLASK, with no option
    but --config (Flask's own options, and FLASK_APP naming another app, need the
    FlaskGroup)."""
    if os.environ.get("FLASK_APP"):
        return False
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--config":
            index += 2
        elif arg.startswith("--config="):
            index += 1
        elif arg == "--help":
            return True
        else:
            return arg in WITHOUT_FLASK
    return True


def main(args=None, **extra):
    """The console script: `console` where it can do without Flask, else `flask_group()`."""
    args = sys.argv[1:] if args is None else list(args)
    group = console if without_flask(args) else flask_group()
    return group.main(args, **extra)


if __name__ == "__main__":
    main()
