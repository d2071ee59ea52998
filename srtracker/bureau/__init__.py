"""The social return bureau's workspace: the portfolio dashboard and the flag queue.

The progress chart on the contract page is drawn by ``chart`` from what
``progress`` loads; the contract page itself stays in srtracker.contracts.
"""

from ..domain.figures import round_half_up
from . import (
    dashboard,
    flag_pages,  # noqa: F401  (registers its routes on dashboard.bp)
    models,  # noqa: F401  (FlagComment, so the schema check sees it)
)


def init_app(app):
    app.register_blueprint(dashboard.bp)
    # Exact figures (Fractions) to two decimals, half up, before the `figure` filter shows them.
    app.jinja_env.filters["rounded"] = round_half_up
