"""Progress reports: the template, the import, the upload and its feedback."""


def init_app(app):
    from . import commands, views

    app.register_blueprint(views.bp)
    app.jinja_env.globals["column_label"] = views.column_label
    app.register_error_handler(413, views.too_large)
    app.cli.add_command(commands.import_report_command)
    app.cli.add_command(commands.template_command)
