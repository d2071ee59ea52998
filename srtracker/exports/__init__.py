"""The compliance overview workbook for the council: the `export` command and a download."""

from . import commands, views


def init_app(app):
    app.register_blueprint(views.bp)
    app.cli.add_command(commands.export_command)
