"""srtracker: social-return procurement compliance tracker."""

import importlib.util
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _templates_dir() -> str:
    """templates/ at the project root, or the copy packed into a wheel."""
    for candidate in (_PACKAGE.parent / "templates", _PACKAGE / "templates"):
        if candidate.is_dir():
            return str(candidate)
    raise FileNotFoundError("no templates folder found")


def create_app(test_config=None, serving=True, web=True):
    """Create and configure an instance of the Flask application.

    `serving` is False for CLI commands that serve no web requests: only a
    serving app outside debug mode must have SRTRACKER_SECRET_KEY. `web` False
    (the console script's own commands) leaves out the pages, their blueprints
    and the areas' imports: configuration, logs, the database and translations only.
    """
    from flask import Flask

    from . import db, i18n, logs, migrate
    from .config import ConfigError, instance_path, load_settings, with_database

    if not _xml_guarded(web):
        raise RuntimeError("defusedxml is not installed: openpyxl would parse uploads unguarded")

    app = Flask(
        __name__,
        template_folder=_templates_dir(),
        instance_path=instance_path(),
        instance_relative_config=True,
    )
    app.config.update(load_settings(test_config))
    with_database(app.config, app.instance_path)
    if not app.config.get("SECRET_KEY"):
        if serving and not (app.debug or app.testing):
            raise ConfigError(
                "set SRTRACKER_SECRET_KEY: a secret key is required outside "
                "debug mode (python -c 'import secrets; print(secrets.token_hex())')"
            )
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config["PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    # The order is the order of the request hooks: the user is known before the language.
    logs.init_app(app)
    if web:
        from . import access, api, auth, errors, health, security

        security.init_app(app)
        errors.init_app(app)
    db.init_app(app, pool=serving and not app.testing)
    if web:
        health.init_app(app)
        api.init_app(app)  # before auth: an API request is its token's, never a session's
        auth.init_app(app)
        access.init_app(app)
    i18n.init_app(app)
    migrate.init_app(app)
    if web:
        _init_areas(app)
    return app


def _xml_guarded(web: bool) -> bool:
    """openpyxl parses with defusedxml when it can import it; the console script's commands
    import openpyxl only when they write or edit a workbook, so there the module is looked up."""
    if web:
        import openpyxl

        return openpyxl.DEFUSEDXML
    return importlib.util.find_spec("defusedxml") is not None


def _init_areas(app):
    """The pages of every area, their commands on app.cli, and the app's own routes."""
    from . import (
        admin,
        audit,
        bureau,
        compliance,
        contracts,
        demo,
        enforcement,
        exports,
        notify,
        reports,
        reviews,
        scheduler,
    )

    audit.init_app(app)
    admin.init_app(app)
    contracts.init_app(app)
    compliance.init_app(app)
    enforcement.init_app(app)
    bureau.init_app(app)
    reviews.init_app(app)
    exports.init_app(app)
    reports.init_app(app)
    notify.init_app(app)
    scheduler.init_app(app)
    demo.init_app(app)
    app.add_url_rule("/favicon.ico", "favicon", _favicon)


def _favicon():
    """Browsers ask for /favicon.ico whatever the page links to: answer with the icon."""
    from flask import redirect, url_for

    return redirect(url_for("static", filename="favicon.svg"), 301)


def _instance_secret(instance: Path) -> str:
    """A random key kept in the instance folder, for a laptop without SRTRACKER_SECRET_KEY."""
    import secrets

    path = instance / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()
