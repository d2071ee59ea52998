"""The bureau's review of candidates under a clause: verify, reject, withdraw."""

from ..store.reviews import clause_reviews
from . import commands, queue_views, settings_views, views


def init_app(app):
    app.register_blueprint(views.bp)
    app.register_blueprint(queue_views.bp)
    app.register_blueprint(settings_views.bp)
    app.cli.add_command(commands.review_group)
    # The clause explanation page asks for the reviews and verified figure of its clause.
    app.jinja_env.globals["clause_reviews"] = clause_reviews
    app.jinja_env.globals["contract_follow_ups"] = _open_follow_ups
    app.jinja_env.globals["evidence_enabled"] = _evidence_enabled


def _open_follow_ups(contract):
    from ..models import Contract
    from ..store import followups

    return list(followups.tasks(Contract.id == contract.id, open_only=True))


def _evidence_enabled(contract) -> bool:
    from ..models import Organisation

    return Organisation.get_by_id(contract.buyer_id).evidence_files
