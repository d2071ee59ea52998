"""The compliance check: the `check` command, its storage, and the clause explanation page."""


def init_app(app):
    from . import commands, views

    app.register_blueprint(views.bp)
    app.cli.add_command(commands.check_command)
