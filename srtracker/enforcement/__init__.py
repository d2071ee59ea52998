"""Enforcement (enforcement.md): cases of clauses, the bureau's steps, the council report."""


def init_app(app):
    from . import commands, models, views  # noqa: F401  (models: the tables)

    views.init_app(app)
    app.cli.add_command(commands.enforce_command)
    app.cli.add_command(commands.report_command)
