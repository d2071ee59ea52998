"""Enforcement (enforcement.md): cases of clauses, the bureau's steps, the council report."""


def init_app(app):
    from . import commands, models  # noqa: F401  (the tables, for the check and the pages)

    app.cli.add_command(commands.enforce_command)
