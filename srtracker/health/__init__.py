"""A health endpoint for load balancers and monitoring: the app answers and reaches its database."""

from flask import Blueprint, jsonify

from ..db import db

bp = Blueprint("health", __name__)


@bp.route("/health")
def health():
    try:
        db.execute_sql("SELECT 1")
    except Exception:
        return jsonify({"status": "error", "database": "unreachable"}), 503
    return jsonify({"status": "ok", "database": "ok"})


def init_app(app):
    app.register_blueprint(bp)
