"""Notifications: every reminder and flag notice goes into the outbox, mailed when SMTP is set."""

from . import views


def init_app(app):
    app.register_blueprint(views.bp)
