"""The person ledger in the check: days given to other contracts, and double_counted flags.

The check first decides every contract on its own; then the ledger (sign-off.md)
looks at the rows that count across the contracts of each ledger, applies the
bureau's decisions (re-deciding only the contracts that lose days) and finds the
double counts. A re-check of one contract sees the rest of its ledger through
the other contracts' counting rows as of the same date.
"""

from datetime import date

from ..domain import double_count
from ..domain.ledger import LedgerRow
from ..models import Contract
from ..runtime import settings
from ..store import signoff
from ..store.checks import Loaded, latest_check_date
from ..store.ledger import contracts_with, other_contract_ids


def with_ledger(loaded, checks, as_of: date, at_risk_ratio, others=(), ledger_of=None, sent=None):
    """``checks`` with the bureau's double-count decisions applied, and the double counts.

    ``ledger_of``: each contract's ledger (``signoff.ledgers``), when the caller has it;
    ``sent``: what the check's worker processes worked out of their checks' rows
    (store.check_batches.Sent)."""
    return double_count.apply_ledger(
        checks,
        ledger_of if ledger_of is not None else signoff.ledgers(Contract.id.is_null(False)),
        signoff.count_decisions(),
        lambda check, outcome: loaded.check(
            loaded.contract_ids[check.contract], as_of, at_risk_ratio, ledger=outcome
        ),
        others,
        sent and sent.ledger_rows,
        sent and sent.cap_uses,
    )


def ledger_rows_of(checks) -> list[LedgerRow]:
    return [row for check in checks for row in double_count.ledger_rows_of(check)]


def decide(found, open_flags, checked, as_of: date):
    """The double_counted flags to open and resolve on the contracts ``checked``."""
    return double_count.decide_double_counts(found, open_flags, checked, as_of)


def check_one(contract_id: int, as_of: date, at_risk_ratio, loaded: Loaded | None = None):
    """One contract with its ledger: the rest of the ledger seen through the other
    contracts' counting rows as of the same date. Returns the check and the double counts.

    ``loaded``: the contract already loaded as of D (a re-check loads it once)."""
    loaded = loaded or Loaded(Contract.id == contract_id, as_of)
    check = loaded.check(contract_id, as_of, at_risk_ratio)
    others = []
    ids = other_contract_ids(contract_id)
    if ids:
        other = Loaded(Contract.id.in_(ids) & Contract.archived_at.is_null(), as_of)
        others = other.check_all(as_of, at_risk_ratio)
    (check,), found = with_ledger(loaded, [check], as_of, at_risk_ratio, others)
    return check, found


def overlaps_of(contract_id: int, as_of: date, at_risk_ratio) -> list:
    """The overlaps, before any decision, of the contract's counting rows with the rest of
    its ledger as of D."""
    from ..domain.ledger import overlaps

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


def counted_elsewhere(contract_row: Contract, period, result) -> set[int]:
    """Row numbers of an accepted upload that count and share a day with a counting row of
    the same person in another contract of the ledger (as of the latest stored check)."""
    from ..clock import today
    from ..domain.compliance import check_contract
    from ..domain.counting import AcceptedReport
    from ..domain.ledger import counted_elsewhere as overlapping
    from ..domain.ledger import person_key

    keys = {person_key(r.bureau_ref) for r in result.contributions} - {None}
    if not keys:
        return set()
    ratio = settings()["AT_RISK_RATIO"]
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
    ids = contracts_with(keys, contract_row.id)
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
