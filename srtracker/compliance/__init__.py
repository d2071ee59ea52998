"""The compliance check: the `check` command, its storage, and the clause explanation page."""
from . import commands
from . import views


def init_app(app):
    app.register_blueprint(views.bp)
    app.cli.add_command(commands.check_command)
