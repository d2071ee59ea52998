"""The person ledger in the check: days given to other contracts, and double_counted flags.

The check first decides every contract on its own; then the ledger (sign-off.md)
looks at the rows that count across the contracts of each ledger, applies the
bureau's decisions (re-deciding only the contracts that lose days) and finds the
double counts. A re-check of one contract sees the rest of its ledger through
the other contracts' counting rows as of the same date.
"""

from datetime import date

from flask import current_app

from .. import audit
from ..domain import double_count
from ..domain.contracts import code_key
from ..domain.flags import Flag as DomainFlag
from ..domain.ledger import DOUBLE_COUNTED, LedgerRow
from ..models import Clause, Contract, Contribution, Flag, Report, utcnow
from . import signoff

OPEN_STATES = ("open", "acknowledged")


def with_ledger(loaded, checks, as_of: date, at_risk_ratio, others=()):
    """``checks`` with the bureau's double-count decisions applied, and the double counts."""
    ledger_of = signoff.ledgers(Contract.id.is_null(False))
    return double_count.apply_ledger(
        checks,
        ledger_of,
        signoff.count_decisions(),
        lambda check, outcome: loaded.check(
            loaded.contract_ids[check.contract], as_of, at_risk_ratio, ledger=outcome
        ),
        others,
    )


def other_contract_ids(contract_id: int) -> list[int]:
    """Contracts sharing a person (bureau_ref) with the contract's accepted reports."""
    keys = (
        Contribution.select(Contribution.bureau_key)
        .join(Report)
        .where((Report.contract == contract_id) & Contribution.bureau_key.is_null(False))
        .distinct()
    )
    return [
        id_
        for (id_,) in Contract.select(Contract.id)
        .join(Report, on=(Report.contract == Contract.id))
        .join(Contribution, on=(Contribution.report == Report.id))
        .where(
            (Contribution.bureau_key.in_(keys))
            & (Contract.id != contract_id)
            & Contract.archived_at.is_null()
            & (Report.status == "accepted")
        )
        .distinct()
        .tuples()
    ]


def ledger_rows_of(checks) -> list[LedgerRow]:
    return [row for check in checks for row in double_count.ledger_rows_of(check)]


def open_double_counts(where) -> list[DomainFlag]:
    other = Contract.alias()
    other_clause = Clause.alias()
    query = (
        Flag.select(
            Flag.id,
            Contract.reference,
            Clause.code,
            Flag.candidate,
            other.reference,
            other_clause.code,
        )
        .join(Contract, on=(Flag.contract == Contract.id))
        .switch(Flag)
        .join(Clause, on=(Flag.clause == Clause.id))
        .switch(Flag)
        .join(other, on=(Flag.other_contract == other.id))
        .switch(Flag)
        .join(other_clause, on=(Flag.other_clause == other_clause.id))
        .where((Flag.kind == DOUBLE_COUNTED) & Flag.state.in_(OPEN_STATES) & where)
        .tuples()
    )
    return [
        DomainFlag(reference, code, DOUBLE_COUNTED, None, id_, candidate, other_ref, other_code)
        for id_, reference, code, candidate, other_ref, other_code in query
    ]


def _clause_id(reference: str, code: str) -> int | None:
    return (
        Clause.select(Clause.id)
        .join(Contract)
        .where(
            (Contract.reference_key == code_key(reference)) & (Clause.code_key == code_key(code))
        )
        .scalar()
    )


def decide(found, open_flags, checked, as_of: date):
    """The double_counted flags to open and resolve on the contracts ``checked``."""
    return double_count.decide_double_counts(found, open_flags, checked, as_of)


def check_one(contract_id: int, as_of: date, at_risk_ratio):
    """One contract with its ledger: the rest of the ledger seen through the other
    contracts' counting rows as of the same date. Returns the check and the double counts."""
    from .run import Loaded  # the check's loader; it imports this module

    loaded = Loaded(Contract.id == contract_id, as_of)
    check = loaded.check(contract_id, as_of, at_risk_ratio)
    others = []
    ids = other_contract_ids(contract_id)
    if ids:
        other = Loaded(Contract.id.in_(ids) & Contract.archived_at.is_null(), as_of)
        others = ledger_rows_of(other.check_all(as_of, at_risk_ratio))
    (check,), found = with_ledger(loaded, [check], as_of, at_risk_ratio, others)
    return check, found


def overlaps_of(contract_id: int, as_of: date, at_risk_ratio) -> list:
    """The overlaps, before any decision, of the contract's counting rows with the rest of
    its ledger as of D."""
    from ..domain.ledger import overlaps
    from .run import Loaded

    loaded = Loaded(Contract.id == contract_id, as_of)
    rows = ledger_rows_of([loaded.check(contract_id, as_of, at_risk_ratio)])
    ids = other_contract_ids(contract_id)
    if ids:
        other = Loaded(Contract.id.in_(ids) & Contract.archived_at.is_null(), as_of)
        ledger_of = signoff.ledgers(Contract.id.is_null(False))
        mine = ledger_of.get(next(iter(loaded.contracts.values())).reference)
        rows += [
            r
            for r in ledger_rows_of(other.check_all(as_of, at_risk_ratio))
            if ledger_of.get(r.contract) == mine
        ]
    return overlaps(rows)


def store_double_counts(opened, resolved, as_of: date, actor: str, context: dict, run_id=None):
    """Store what ``decide`` found, in the caller's transaction, with its audit entries."""
    now = utcnow()
    entries = []
    for flag in opened:
        contract_id = Contract.get(Contract.reference_key == code_key(flag.contract)).id
        other_id = Contract.get(Contract.reference_key == code_key(flag.other_contract)).id
        row = Flag.create(
            contract=contract_id,
            clause=_clause_id(flag.contract, flag.clause),
            kind=DOUBLE_COUNTED,
            state="open",
            opened_as_of=as_of,
            opened_by=run_id,
            opened_at=now,
            candidate=flag.candidate,
            other_contract=other_id,
            other_clause=_clause_id(flag.other_contract, flag.other_clause),
        )
        entries.append(
            (
                "open",
                "flag",
                row.id,
                {
                    **context,
                    "state": [None, "open"],
                    "contract": flag.contract,
                    "clause": flag.clause,
                    "kind": DOUBLE_COUNTED,
                    "candidate": flag.candidate,
                },
                contract_id,
            )
        )
    for resolution in resolved:
        Flag.update(state="resolved", closed_at=now, closed_reason=resolution.reason).where(
            Flag.id == resolution.flag.id
        ).execute()
        entries.append(
            (
                "resolve",
                "flag",
                resolution.flag.id,
                {**context, "state": ["open", "resolved"], "reason": resolution.reason},
                Flag.get_by_id(resolution.flag.id).contract_id,
            )
        )
    if entries:
        audit.record_many(actor, entries, at=now)


def counted_elsewhere(contract_row: Contract, period, result) -> set[int]:
    """Row numbers of an accepted upload that count and share a day with a counting row of
    the same person in another contract of the ledger (as of the latest stored check)."""
    from ..clock import today
    from ..domain.compliance import check_contract
    from ..domain.counting import AcceptedReport
    from ..domain.ledger import counted_elsewhere as overlapping
    from ..domain.ledger import person_key
    from .run import Loaded, latest_check_date

    keys = {person_key(r.bureau_ref) for r in result.contributions} - {None}
    if not keys:
        return set()
    ratio = current_app.config["AT_RISK_RATIO"]
    own = Loaded(Contract.id == contract_row.id, period.end)
    domain_contract = own.contracts[contract_row.id]
    imported = check_contract(
        domain_contract,
        [AcceptedReport(0, period)],
        result.contributions,
        own.rejections.get(contract_row.id, ()),
        period.end,
        ratio,
        approvals=own.approvals.get(contract_row.id, ()),
        policy=own.policies.get(contract_row.id),
    )
    ids = _contracts_with(keys, contract_row.id)
    if not ids:
        return set()
    as_of = latest_check_date() or today()
    ledger_of = signoff.ledgers(Contract.id.is_null(False))
    mine = ledger_of.get(domain_contract.reference)
    others = [
        r
        for r in ledger_rows_of(
            Loaded(Contract.id.in_(ids) & Contract.archived_at.is_null(), as_of).check_all(
                as_of, ratio
            )
        )
        if ledger_of.get(r.contract) == mine
    ]
    return {r.row for r in overlapping(ledger_rows_of([imported]), others)}


def _contracts_with(keys: set[str], contract_id: int) -> list[int]:
    return [
        id_
        for (id_,) in Contract.select(Contract.id)
        .join(Report, on=(Report.contract == Contract.id))
        .join(Contribution, on=(Contribution.report == Report.id))
        .where(
            Contribution.bureau_key.in_(sorted(keys))
            & (Contract.id != contract_id)
            & (Report.status == "accepted")
        )
        .distinct()
        .tuples()
    ]
