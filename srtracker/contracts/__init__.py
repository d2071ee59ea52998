"""Contracts and their clauses: the loader command and the contract pages."""
from . import commands
from . import views


def init_app(app):
    app.register_blueprint(views.bp)
    app.cli.add_command(commands.load_contracts_command)
