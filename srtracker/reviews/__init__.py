"""The bureau's review of candidates under a clause: verify, reject, withdraw."""

from . import commands, service, views


def init_app(app):
    app.register_blueprint(views.bp)
    app.cli.add_command(commands.review_group)
    # The clause explanation page asks for the reviews and verified figure of its clause.
    app.jinja_env.globals["clause_reviews"] = service.clause_reviews
