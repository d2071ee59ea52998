"""Contracts in the database: load them as domain data, save domain data back."""

from dataclasses import asdict, replace

from ..db import db
from ..domain import contracts as domain
from ..domain.contracts import code_key
from ..domain.obligations import Invoiced
from ..models import (
    Clause,
    ClauseBranch,
    ClauseGroup,
    ClauseType,
    Contract,
    Contribution,
    InvoicedAmount,
    Milestone,
    Organisation,
    Report,
    utcnow,
)
from . import audit, portfolio
from .plain import Parsed, as_date, as_hundredths


class ContractConflict(Exception):
    def __init__(self, errors):
        super().__init__("contract conflicts with stored data")
        self.errors = errors


def organisation_key(name: str) -> str:
    """How organisations are matched by name: trimmed, runs of spaces folded, any case."""
    return " ".join(name.split()).casefold()


def find_organisation(name: str) -> Organisation | None:
    return Organisation.get_or_none(Organisation.name_key == organisation_key(name))


def organisation(name: str, kind: str) -> Organisation:
    """The organisation of that name, made on first use."""
    found = find_organisation(name)
    return found or Organisation.create(
        name=name.strip(), name_key=organisation_key(name), kind=kind
    )


def to_domain(row: Contract) -> domain.Contract:
    """One contract with its clauses."""
    return to_domain_many(Contract.id == row.id)[row.id]


# What to_domain_many reads of a clause, in this order: the driver's tuples, not model
# instances (the check loads every clause of the portfolio).
CLAUSE_FIELDS = [
    Clause.id,
    Clause.contract,
    Clause.code,
    Clause.title,
    Clause.measure,
    Clause.target,
    Clause.start,
    Clause.deadline,
    Clause.min_hours_per_week,
    Clause.min_duration_months,
    Clause.target_percent,
    Clause.value_cents,
    Clause.target_basis,
    Clause.target_min,
    Clause.target_max,
]


def to_domain_many(where) -> dict[int, domain.Contract]:
    """The contracts matching `where` with their clauses, by id in reference order.

    Seven queries whatever the number of contracts, so the check can load them all at
    once; their rows are the driver's, only dates and figures converted (store.plain).
    """
    day, figure = Parsed(as_date), Parsed(as_hundredths)
    types = _per_clause(where, ClauseType.type)
    groups = _per_clause(where, ClauseGroup.group)
    milestones = _per_clause(
        where,
        Milestone.date,
        Milestone.target,
        make=lambda on, target: domain.Milestone(day[on], figure[target]),
        order=Milestone.date,
    )
    branches = _branches(where)
    clauses: dict[int, list[domain.Clause]] = {}
    for (
        id_,
        contract_id,
        code,
        title,
        measure,
        target,
        start,
        deadline,
        min_hours,
        min_months,
        percent,
        value_cents,
        basis,
        low,
        high,
    ) in db.execute(
        Clause.select(*CLAUSE_FIELDS)
        .join(Contract)
        .where(where)
        .order_by(Clause.contract, Clause.position)
    ):
        clauses.setdefault(contract_id, []).append(
            domain.Clause(
                code,
                title,
                measure,
                figure[target],
                tuple(sorted(types.get(id_, ()))),
                day[start],
                day[deadline],
                tuple(sorted(groups.get(id_, ()))),
                figure[min_hours],
                min_months,
                tuple(milestones.get(id_, ())),
                figure[percent],
                tuple(branches.get(id_, ())),
                _euros(value_cents),
                target_basis=basis or "contract_value",
                target_min=figure[low],
                target_max=figure[high],
            )
        )
    found = {
        id_: domain.Contract(
            reference,
            title,
            buyer_name,
            supplier_name,
            domain.Decimal(value_cents).scaleb(-2),
            day[start],
            day[end],
            reporting,
            report_due_days,
            tuple(clauses.get(id_, ())),
            valuation_table,
            valuation_version,
            obligation,
            _enforcement(basis, rate, per_unit, remedial_days, cap),
            counting=counting,
        )
        for (
            id_,
            reference,
            title,
            buyer_name,
            supplier_name,
            value_cents,
            start,
            end,
            reporting,
            report_due_days,
            valuation_table,
            valuation_version,
            obligation,
            basis,
            rate,
            per_unit,
            remedial_days,
            cap,
            counting,
        ) in db.execute(_contracts(where))
    }
    return _with_obligations(found, where)


def _contracts(where):
    buyer, supplier = Organisation.alias(), Organisation.alias()
    return (
        Contract.select(
            Contract.id,
            Contract.reference,
            Contract.title,
            buyer.name,
            supplier.name,
            Contract.value_cents,
            Contract.start,
            Contract.end,
            Contract.reporting,
            Contract.report_due_days,
            Contract.valuation_table,
            Contract.valuation_version,
            Contract.obligation,
            Contract.enforcement_basis,
            Contract.enforcement_rate,
            Contract.enforcement_per_unit_cents,
            Contract.enforcement_remedial_days,
            Contract.enforcement_cap_cents,
            Contract.counting,
        )
        .join(buyer, on=(Contract.buyer == buyer.id))
        .switch(Contract)
        .join(supplier, on=(Contract.supplier == supplier.id))
        .where(where)
        .order_by(Contract.reference_key)
    )


def _branches(where) -> dict[int, list[str]]:
    """The codes of each clause's branches, in their order."""
    branches: dict[int, list[str]] = {}
    branch = Clause.alias()
    for clause_id, code in db.execute(
        ClauseBranch.select(ClauseBranch.clause, branch.code)
        .join(branch, on=(ClauseBranch.branch == branch.id))
        .switch(ClauseBranch)
        .join(Clause, on=(ClauseBranch.clause == Clause.id))
        .join(Contract)
        .where(where)
        .order_by(ClauseBranch.clause, ClauseBranch.position)
    ):
        branches.setdefault(clause_id, []).append(code)
    return branches


def _per_clause(where, *columns, make=None, order=None) -> dict[int, list]:
    """One of a clause's lists (its types, groups or milestones: `columns` of one model) for
    the clauses of the contracts matching `where`, in one query: per clause id, each row's
    value, or `make(*values)` of its raw values."""
    model = columns[0].model
    query = model.select(model.clause, *columns).join(Clause).join(Contract).where(where)
    found: dict[int, list] = {}
    for clause_id, *values in db.execute(query.order_by(order) if order is not None else query):
        found.setdefault(clause_id, []).append(make(*values) if make else values[0])
    return found


def _with_obligations(found: dict[int, domain.Contract], where) -> dict[int, domain.Contract]:
    """The contracts with their PSO step and invoiced amounts (obligations.py, issue 18)."""
    steps = dict(
        Contract.select(Contract.id, Contract.pso_step)
        .where(where & Contract.pso_step.is_null(False))
        .tuples()
    )
    invoiced: dict[int, list] = {}
    for contract_id, period, amount in (
        InvoicedAmount.select(InvoicedAmount.contract, InvoicedAmount.period, InvoicedAmount.amount)
        .join(Contract)
        .where(where)
        .order_by(InvoicedAmount.period)
        .tuples()
    ):
        invoiced.setdefault(contract_id, []).append(Invoiced(period, amount))
    for id_ in steps.keys() | invoiced.keys():
        if id_ in found:
            found[id_] = replace(
                found[id_], pso_step=steps.get(id_), invoiced=tuple(invoiced.get(id_, ()))
            )
    return found


def _write_obligations(row: Contract, contract: domain.Contract) -> None:
    """The invoiced amounts per period, as the contract says (the file or the page wins)."""
    InvoicedAmount.delete().where(InvoicedAmount.contract == row).execute()
    if contract.invoiced:
        InvoicedAmount.insert_many(
            [
                {"contract": row.id, "period": i.period, "amount": i.amount_eur}
                for i in contract.invoiced
            ]
        ).execute()


def _euros(cents: int | None) -> domain.Decimal | None:
    return None if cents is None else domain.Decimal(cents).scaleb(-2)


def _cents(euros: domain.Decimal | None) -> int | None:
    return None if euros is None else int(euros * 100)


def _enforcement(basis, rate, per_unit, remedial_days, cap) -> domain.Enforcement | None:
    """[contract.enforcement] from its columns; the rate is stored in ten-thousandths."""
    if basis is None:
        return None
    return domain.Enforcement(
        basis,
        None if rate is None else domain.Decimal(rate).scaleb(-4),
        _euros(per_unit),
        remedial_days,
        _euros(cap),
    )


def enforcement_columns(contract: domain.Contract) -> dict:
    """The contract's enforcement.md terms as column values."""
    rules = contract.enforcement
    return {
        "obligation": contract.obligation,
        "enforcement_basis": rules and rules.basis,
        "enforcement_rate": None
        if rules is None or rules.rate is None
        else int(rules.rate.scaleb(4)),
        "enforcement_per_unit_cents": _cents(rules and rules.per_unit_eur),
        "enforcement_remedial_days": rules and rules.remedial_days,
        "enforcement_cap_cents": _cents(rules and rules.cap_eur),
    }


def find(reference: str) -> Contract | None:
    return Contract.get_or_none(Contract.reference_key == code_key(reference))


def _normalised(contract: domain.Contract) -> dict:
    snapshot = asdict(contract)
    snapshot["buyer"] = " ".join(contract.buyer.split())
    snapshot["supplier"] = " ".join(contract.supplier.split())
    snapshot["value_eur"] = contract.value_eur.normalize()
    if snapshot["enforcement"] is not None:
        snapshot["enforcement"] = {
            k: v.normalize() if isinstance(v, domain.Decimal) else v
            for k, v in snapshot["enforcement"].items()
        }
    snapshot["clauses"] = {code_key(c["code"]): _normal_clause(c) for c in snapshot["clauses"]}
    snapshot["invoiced"] = [[i.period, i.amount_eur.normalize()] for i in contract.invoiced]
    return snapshot


def _normal_clause(clause: dict) -> dict:
    clause = dict(
        clause, accepts=sorted(clause["accepts"]), eligible_groups=sorted(clause["eligible_groups"])
    )
    for key in (
        "target",
        "min_hours_per_week",
        "target_percent",
        "value_eur",
        "target_min",
        "target_max",
    ):
        if clause[key] is not None:
            clause[key] = clause[key].normalize()
    clause["milestones"] = [[m["date"], m["target"].normalize()] for m in clause["milestones"]]
    clause["branches"] = list(clause["branches"])
    return clause


def _write_clause(row: Contract, position: int, clause: domain.Clause, existing: Clause | None):
    fields = dict(
        contract=row,
        code=clause.code,
        code_key=code_key(clause.code),
        title=clause.title,
        measure=clause.measure,
        target=clause.target,
        min_hours_per_week=clause.min_hours_per_week,
        min_duration_months=clause.min_duration_months,
        start=clause.start,
        deadline=clause.deadline,
        position=position,
        target_percent=clause.target_percent,
        value_cents=_cents(clause.value_eur),
        target_basis=None if clause.target_basis == "contract_value" else clause.target_basis,
        target_min=clause.target_min,
        target_max=clause.target_max,
    )
    if existing is None:
        stored = Clause.create(**fields)
    else:
        Clause.update(**fields).where(Clause.id == existing.id).execute()
        stored = existing
        for model in (ClauseType, ClauseGroup, Milestone):
            model.delete().where(model.clause == stored.id).execute()
    if clause.accepts:  # a composite clause accepts no rows of its own
        ClauseType.insert_many([{"clause": stored.id, "type": t} for t in clause.accepts]).execute()
    if clause.eligible_groups:
        ClauseGroup.insert_many(
            [{"clause": stored.id, "group": g} for g in clause.eligible_groups]
        ).execute()
    if clause.milestones:
        Milestone.insert_many(
            [{"clause": stored.id, "date": m.date, "target": m.target} for m in clause.milestones]
        ).execute()
    return stored


def _write_branches(row: Contract, contract: domain.Contract) -> None:
    """The branches of the composite clauses, once every clause is written."""
    ids = {
        c.code_key: c.id
        for c in Clause.select(Clause.id, Clause.code_key).where(Clause.contract == row)
    }
    links = [
        {"clause": ids[code_key(c.code)], "branch": ids[code_key(b)], "position": position}
        for c in contract.clauses
        for position, b in enumerate(c.branches)
    ]
    if links:
        ClauseBranch.insert_many(links).execute()


def _contract_columns(contract: domain.Contract) -> dict:
    """The contract's own columns as a file or form gives them (organisations made on first use)."""
    return dict(
        reference=contract.reference,
        title=contract.title,
        buyer=organisation(contract.buyer, "buyer"),
        supplier=organisation(contract.supplier, "supplier"),
        value_cents=int(contract.value_eur * 100),
        start=contract.start,
        end=contract.end,
        reporting=contract.reporting,
        report_due_days=contract.report_due_days,
        valuation_table=contract.valuation_table,
        valuation_version=contract.valuation_version,
        **enforcement_columns(contract),
        counting=contract.counting,
        pso_step=contract.pso_step,
    )


def save(contract: domain.Contract, actor: str) -> str:
    """Make the stored contract equal to `contract`: 'created', 'updated' or 'unchanged'.

    Raises ContractConflict (nothing stored) when the change breaks a rule
    that depends on stored reports. The valuation table's version is pinned
    here: the one the file names, else the one stored, else the newest.
    """
    from ..domain.valuation import pin_version  # not imported by import-report (issue 19)

    row = find(contract.reference)
    contract = pin_version(contract, row and row.valuation_table, row and row.valuation_version)
    if row is None:
        row = Contract.create(
            reference_key=code_key(contract.reference), **_contract_columns(contract)
        )
        for position, clause in enumerate(contract.clauses):
            _write_clause(row, position, clause, None)
        _write_branches(row, contract)
        _write_obligations(row, contract)
        portfolio.refresh(Contract.id == row.id)
        audit.record(
            actor, "create", "contract", row.reference, _normalised(contract), contract=row.id
        )
        return "created"

    old = _normalised(to_domain(row))
    new = _normalised(contract)
    if old == new:
        return "unchanged"
    accepted = (
        Report.select().where((Report.contract == row) & (Report.status == "accepted")).exists()
    )
    reported = {
        c.code
        for c in Clause.select(Clause.code)
        .join(Contribution)
        .where(Clause.contract == row)
        .distinct()
    }
    from ..domain.contract_file import conflicts_with_stored  # not for an import's start

    errors = conflicts_with_stored(contract, accepted, row.reporting, reported)
    if errors:
        raise ContractConflict(errors)

    stored = {c.code_key: c for c in Clause.select().where(Clause.contract == row)}
    ClauseBranch.delete().where(ClauseBranch.clause.in_([c.id for c in stored.values()])).execute()
    for position, clause in enumerate(contract.clauses):
        _write_clause(row, position, clause, stored.pop(code_key(clause.code), None))
    for gone in stored.values():
        gone.delete_instance(recursive=False)
    _write_branches(row, contract)
    _write_obligations(row, contract)
    Contract.update(**_contract_columns(contract), updated_at=utcnow()).where(
        Contract.id == row.id
    ).execute()
    portfolio.refresh(Contract.id == row.id)
    changes = audit.diff(
        {k: v for k, v in old.items() if k != "clauses"},
        {k: v for k, v in new.items() if k != "clauses"},
    )
    clause_changes = audit.diff(old["clauses"], new["clauses"])
    if clause_changes:
        changes["clauses"] = clause_changes
    audit.record(actor, "update", "contract", row.reference, changes, contract=row.id)
    return "updated"


def set_archived(row: Contract, archived: bool, actor: str) -> bool:
    """Archive (or restore) the contract; False when it already was (or was not)."""
    if (row.archived_at is not None) == archived:
        return False
    now = utcnow()
    Contract.update(archived_at=now if archived else None, updated_at=now).where(
        Contract.id == row.id
    ).execute()
    audit.record(
        actor,
        "archive" if archived else "unarchive",
        "contract",
        row.reference,
        {"archived_at": [None, now] if archived else [row.archived_at, None]},
        contract=row.id,
    )
    row.archived_at = now if archived else None
    return True
