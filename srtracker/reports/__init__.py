"""Progress reports: the template, the import, the upload and its feedback."""


def init_app(app):
    from ..workbook.template import FIRST_ROW
    from . import commands, entry, views  # entry adds its route to views.bp

    app.register_blueprint(views.bp)
    app.jinja_env.globals["column_label"] = views.column_label
    # A browser report's issues name the form's row and column, not the workbook's cell.
    app.jinja_env.globals["entry_heading"] = entry.column_heading
    app.jinja_env.globals["entry_row_offset"] = FIRST_ROW - 1
    app.register_error_handler(413, views.too_large)
    app.cli.add_command(commands.import_report_command)
    app.cli.add_command(commands.template_command)
