"""The contract pages."""
from flask import Blueprint
from flask import render_template

from ..models import Clause
from ..models import Contract
from ..models import Organisation

bp = Blueprint("contracts", __name__)


@bp.route("/")
def index():
    """Every active contract with its clauses, in two queries."""
    buyer = Organisation.alias()
    supplier = Organisation.alias()
    contracts = list(
        Contract.select(Contract, buyer, supplier)
        .join(buyer, on=(Contract.buyer == buyer.id), attr="buyer")
        .switch(Contract).join(supplier, on=(Contract.supplier == supplier.id), attr="supplier")
        .where(Contract.archived_at.is_null())
        .order_by(Contract.reference_key))
    clauses = {}
    for clause in Clause.select().where(Clause.contract.in_([c.id for c in contracts])) \
            .order_by(Clause.position):
        clauses.setdefault(clause.contract_id, []).append(clause)
    return render_template("contracts/index.html", contracts=contracts, clauses=clauses)
