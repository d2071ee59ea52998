"""The outbox in the app."""

from flask import Blueprint, render_template

from .models import OutboxMessage

bp = Blueprint("notify", __name__)


@bp.route("/outbox")
def outbox():
    messages = OutboxMessage.select().order_by(OutboxMessage.id.desc()).limit(500)
    return render_template("notify/outbox.html", messages=messages)
