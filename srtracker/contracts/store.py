"""Contracts in the database: load them as domain data, save domain data back."""
from dataclasses import asdict

from .. import audit
from ..db import write_transaction
from ..domain import contracts as domain
from ..domain.contract_file import conflicts_with_stored
from ..domain.contracts import code_key
from ..models import Clause
from ..models import ClauseGroup
from ..models import ClauseType
from ..models import Contract
from ..models import Contribution
from ..models import Milestone
from ..models import Organisation
from ..models import Report
from ..models import utcnow


class ContractConflict(Exception):
    def __init__(self, errors):
        super().__init__("contract conflicts with stored data")
        self.errors = errors


def organisation(name: str, kind: str) -> Organisation:
    """The organisation of that name, made on first use."""
    key = " ".join(name.split()).casefold()
    found = Organisation.get_or_none(Organisation.name_key == key)
    return found or Organisation.create(name=name.strip(), name_key=key, kind=kind)


def to_domain(row: Contract) -> domain.Contract:
    """One contract with its clauses; five queries whatever the number of clauses."""
    clauses = list(Clause.select().where(Clause.contract == row).order_by(Clause.position))
    ids = [c.id for c in clauses]
    types, groups, milestones = {}, {}, {}
    for link in ClauseType.select().where(ClauseType.clause.in_(ids)):
        types.setdefault(link.clause_id, []).append(link.type_code)
    for link in ClauseGroup.select().where(ClauseGroup.clause.in_(ids)):
        groups.setdefault(link.clause_id, []).append(link.group_code)
    for m in Milestone.select().where(Milestone.clause.in_(ids)).order_by(Milestone.date):
        milestones.setdefault(m.clause_id, []).append(domain.Milestone(m.date, m.target))
    return domain.Contract(
        row.reference, row.title, row.buyer.name, row.supplier.name,
        domain.Decimal(row.value_cents).scaleb(-2), row.start, row.end, row.reporting,
        row.report_due_days,
        tuple(domain.Clause(c.code, c.title, c.measure, c.target, tuple(sorted(types.get(c.id, ()))),
                            c.start, c.deadline, tuple(sorted(groups.get(c.id, ()))),
                            c.min_hours_per_week, c.min_duration_months,
                            tuple(milestones.get(c.id, ()))) for c in clauses))


def find(reference: str) -> Contract | None:
    return Contract.get_or_none(Contract.reference_key == code_key(reference))


def _normalised(contract: domain.Contract) -> dict:
    snapshot = asdict(contract)
    snapshot["buyer"] = " ".join(contract.buyer.split())
    snapshot["supplier"] = " ".join(contract.supplier.split())
    snapshot["value_eur"] = contract.value_eur.normalize()
    snapshot["clauses"] = {code_key(c["code"]): _normal_clause(c) for c in snapshot["clauses"]}
    return snapshot


def _normal_clause(clause: dict) -> dict:
    clause = dict(clause, accepts=sorted(clause["accepts"]),
                  eligible_groups=sorted(clause["eligible_groups"]))
    for key in ("target", "min_hours_per_week"):
        if clause[key] is not None:
            clause[key] = clause[key].normalize()
    clause["milestones"] = [[m["date"], m["target"].normalize()] for m in clause["milestones"]]
    return clause


def _write_clause(row: Contract, position: int, clause: domain.Clause, existing: Clause | None):
    fields = dict(contract=row, code=clause.code, code_key=code_key(clause.code),
                  title=clause.title, measure=clause.measure, target=clause.target,
                  min_hours_per_week=clause.min_hours_per_week,
                  min_duration_months=clause.min_duration_months, start=clause.start,
                  deadline=clause.deadline, position=position)
    if existing is None:
        stored = Clause.create(**fields)
    else:
        Clause.update(**fields).where(Clause.id == existing.id).execute()
        stored = existing
        for model in (ClauseType, ClauseGroup, Milestone):
            model.delete().where(model.clause == stored.id).execute()
    ClauseType.insert_many([{"clause": stored.id, "type": t} for t in clause.accepts]).execute()
    if clause.eligible_groups:
        ClauseGroup.insert_many([{"clause": stored.id, "group": g}
                                 for g in clause.eligible_groups]).execute()
    if clause.milestones:
        Milestone.insert_many([{"clause": stored.id, "date": m.date, "target": m.target}
                               for m in clause.milestones]).execute()


def save(contract: domain.Contract, actor: str) -> str:
    """Make the stored contract equal to `contract`: 'created', 'updated' or 'unchanged'.

    Raises ContractConflict (nothing stored) when the change breaks a rule
    that depends on stored reports.
    """
    with write_transaction():
        row = find(contract.reference)
        if row is None:
            row = Contract.create(
                reference=contract.reference, reference_key=code_key(contract.reference),
                title=contract.title, buyer=organisation(contract.buyer, "buyer"),
                supplier=organisation(contract.supplier, "supplier"),
                value_cents=int(contract.value_eur * 100), start=contract.start, end=contract.end,
                reporting=contract.reporting, report_due_days=contract.report_due_days)
            for position, clause in enumerate(contract.clauses):
                _write_clause(row, position, clause, None)
            audit.record(actor, "create", "contract", row.reference, _normalised(contract))
            return "created"

        old = _normalised(to_domain(row))
        new = _normalised(contract)
        if old == new:
            return "unchanged"
        accepted = Report.select().where((Report.contract == row)
                                         & (Report.status == "accepted")).exists()
        reported = {c.code for c in Clause.select(Clause.code).join(Contribution).where(
            Clause.contract == row).distinct()}
        errors = conflicts_with_stored(contract, accepted, row.reporting, reported)
        if errors:
            raise ContractConflict(errors)

        stored = {c.code_key: c for c in Clause.select().where(Clause.contract == row)}
        for position, clause in enumerate(contract.clauses):
            _write_clause(row, position, clause, stored.pop(code_key(clause.code), None))
        for gone in stored.values():
            gone.delete_instance(recursive=False)
        Contract.update(
            reference=contract.reference, title=contract.title,
            buyer=organisation(contract.buyer, "buyer"),
            supplier=organisation(contract.supplier, "supplier"),
            value_cents=int(contract.value_eur * 100), start=contract.start, end=contract.end,
            reporting=contract.reporting, report_due_days=contract.report_due_days,
            updated_at=utcnow()).where(Contract.id == row.id).execute()
        changes = audit.diff({k: v for k, v in old.items() if k != "clauses"},
                             {k: v for k, v in new.items() if k != "clauses"})
        clause_changes = audit.diff(old["clauses"], new["clauses"])
        if clause_changes:
            changes["clauses"] = clause_changes
        audit.record(actor, "update", "contract", row.reference, changes)
        return "updated"
