"""The admin's pages: users and their passwords."""

from . import views


def init_app(app):
    app.register_blueprint(views.bp)
