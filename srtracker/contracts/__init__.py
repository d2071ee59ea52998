"""Contracts and their clauses: the loader command, the contract pages, the officer's forms.

Views and commands are imported in init_app, so that importing `store.contracts`
from elsewhere does not pull in every page (and no import cycle can form).
"""


def init_app(app):
    from . import (
        commands,
        editing,  # noqa: F401  (registers its routes on views.bp)
        invoiced,  # noqa: F401  (likewise)
        views,
    )

    app.register_blueprint(views.bp)
    app.cli.add_command(commands.load_contracts_command)
