"""Notifications: every reminder and flag notice goes into the outbox, mailed when SMTP is set."""


def init_app(app):
    from . import views  # the pages: not for the services that queue notices

    app.register_blueprint(views.bp)
