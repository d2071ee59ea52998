"""The outbox in the app: each sees the messages of the contracts they may see."""

from flask import Blueprint, render_template
from flask_login import current_user

from ..access import contract_scope
from ..models import Contract, Organisation, User
from ..paging import linker, page_number
from .models import OutboxMessage

bp = Blueprint("notify", __name__)

PER_PAGE = 50


def visible_messages(viewer):
    """Newest first; the admin also sees messages of no contract."""
    query = OutboxMessage.select().order_by(OutboxMessage.id.desc())
    if viewer.role != "admin":
        query = query.where(
            OutboxMessage.contract.in_(Contract.select(Contract.id).where(contract_scope(viewer)))
        )
    return query


def recipient_organisations(addresses) -> dict[str, str]:
    """E-mail address -> the recipient's organisation, shown instead of the address to
    everyone but the admin."""
    if not addresses:
        return {}
    return dict(
        User.select(User.email, Organisation.name)
        .join(Organisation)
        .where(User.email.in_(list(addresses)))
        .tuples()
    )


@bp.route("/outbox")
def outbox():

    query = visible_messages(current_user)
    last = max(1, -(-query.count() // PER_PAGE))
    page = page_number(last)
    messages = list(query.paginate(page, PER_PAGE))
    admin = current_user.role == "admin"
    organisations = (
        {} if admin else recipient_organisations({m.recipient for m in messages if m.recipient})
    )
    return render_template(
        "notify/outbox.html",
        messages=messages,
        admin=admin,
        organisations=organisations,
        page=page,
        last=last,
        link=linker("notify.outbox", {}),
    )
