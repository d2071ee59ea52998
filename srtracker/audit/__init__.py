"""The audit log's page; its writes and queries are in store/audit.py."""


def init_app(app):
    from . import views

    app.register_blueprint(views.bp)
