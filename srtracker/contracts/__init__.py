"""Contracts and their clauses: the loader command, the contract pages, the officer's forms."""
from . import commands
from . import editing  # noqa: F401  (registers its routes on views.bp)
from . import views


def init_app(app):
    app.register_blueprint(views.bp)
    app.cli.add_command(commands.load_contracts_command)
