"""Enforcement use cases: what a check decides for the cases, and the bureau's steps.

``decide`` runs beside the flag decisions of every check and re-check (the same
loaded contracts and results) and ``Decided.store`` writes what changed; the
bureau's ``take_step`` is one transaction with its case row, step row, audit entry,
message to the supplier, and the contract's re-check (services.checks.recheck, which
re-decides its cases as of the check date: an imposed or exempted amount frees or
takes room under the cap at once).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..db import write_transaction
from ..domain import enforcement as rules
from ..domain.check_json import json_figure
from ..domain.compliance import ClauseResult, ContractCheck
from ..domain.contracts import code_key
from ..domain.figures import DUTCH, NOTATION, show_date, show_number
from ..domain.status import STATUS_LABELS
from ..domain.text import N_
from ..models import Clause, Contract, Flag
from ..runtime import force_locale, settings
from ..runtime import gettext as _
from ..store import enforcement as store
from ..store.outbox import enqueue, supplier_addresses
from . import checks  # the re-check after a step (checks imports this module for decide)

STEP_COMMANDS = ("warn", "notice", "exempt", "impose")
OPEN_FLAG_STATES = ("open", "acknowledged")


def default_percent() -> Decimal:
    return settings().get("DEFAULT_PERCENT", rules.DEFAULT_PERCENT)


@dataclass(frozen=True)
class ClauseDecision:
    """A clause's enforcement case before the check, and what the check decided for it."""

    clause_id: int
    before: rules.Case | None
    outcome: rules.ClauseOutcome
    obligation: str


class Decided(dict):
    """(contract reference, clause code key) -> ClauseDecision, for one check."""

    def store(self, actor: str, context: dict) -> int:
        """Write every case the check changed; returns how many."""
        changed = 0
        for decision in self.values():
            before, after = decision.before, decision.outcome.case
            if after is None or after == before:
                continue
            new_step = before is None or before.step != after.step or not before.is_open
            store.write_case(decision.clause_id, before, after, actor, context, new_step)
            changed += 1
        return changed

    def json_keys(self, result: ClauseResult) -> dict:
        """The ``enforcement`` and ``unrealised_value`` keys of a clause in check --json."""
        decision = self.get((result.contract, code_key(result.code)))
        if decision is None:
            return {"enforcement": None, "unrealised_value": None}
        return {
            "enforcement": case_json(decision.outcome.case, decision.obligation),
            "unrealised_value": json_figure(decision.outcome.unrealised),
        }


def case_json(case: rules.Case | None, obligation: str) -> dict | None:
    if case is None:
        return None
    return {
        "step": case.step,
        "since": case.since.isoformat(),
        "remedial_until": case.remedial_until and case.remedial_until.isoformat(),
        "amount_due": None if case.amount is None else float(case.amount),
        "obligation": obligation,
    }


def decide(loaded, checks: list[ContractCheck], as_of: date, where) -> Decided:
    """Every clause's case after this check, amounts computed and capped per contract.

    ``loaded`` is the check's store.checks.Loaded (contracts and clause ids); ``where``
    the condition on Contract it loaded.
    """
    cases = store.latest_cases(where)
    imposed = store.imposed_amounts(where)
    percent = default_percent()
    decided = Decided()
    for check in checks:
        contract_id = loaded.contract_ids[check.contract]
        contract = loaded.contracts[contract_id]
        ids = {
            code_key(r.code): loaded.clause_ids[contract_id, code_key(r.code)]
            for r in check.clauses
        }
        before = {key: cases[id_] for key, id_ in ids.items() if id_ in cases}
        outcomes = rules.enforce_contract(
            contract,
            [(r.clause, r.status, r.reporting_date, r.realised_by_deadline) for r in check.clauses],
            before,
            imposed.get(contract_id, ()),
            as_of,
            percent,
        )
        for key, outcome in outcomes.items():
            decided[check.contract, key] = ClauseDecision(
                ids[key], before.get(key), outcome, contract.obligation
            )
    return decided


def live_outcomes(contract_row: Contract) -> dict[str, rules.ClauseOutcome]:
    """What a check as of the check date finds for this contract's cases, stored or not."""
    from ..store.checks import Loaded

    if contract_row.archived_at is not None:
        return {}
    as_of = checks.check_date()
    where = Contract.id == contract_row.id
    loaded = Loaded(where, as_of)
    decided = decide(loaded, loaded.check_all(as_of, settings()["AT_RISK_RATIO"]), as_of, where)
    return {key: d.outcome for (_ref, key), d in decided.items()}


def _has_open_flag(clause_id: int) -> bool:
    return (
        Flag.select()
        .where(
            (Flag.clause == clause_id)
            & Flag.kind.in_(rules.FLAG_KINDS_FOR_STEPS)
            & Flag.state.in_(OPEN_FLAG_STATES)
        )
        .exists()
    )


@dataclass(frozen=True)
class StepTaken:
    """An enforcement step taken: the case after it, its id and the date."""

    case: rules.Case
    case_id: int
    on: date


def take_step(
    contract_row: Contract,
    clause_code: str,
    step: str,
    actor: str,
    until: date | None = None,
    amount: Decimal | None = None,
    reason: str = "",
) -> StepTaken:
    """One step of the bureau (warn, notice, exempt, impose), or ``rules.Refused``.

    Refused steps change nothing; the transaction is rolled back.
    """
    from ..store.checks import Loaded

    if step not in STEP_COMMANDS:
        raise rules.Refused(N_("onbekende stap {step}"), step=step)
    with write_transaction():
        clause_row, case, contract, on = _where_the_case_stands(contract_row, clause_code)
        if step == "warn":
            after = rules.warn(case, _has_open_flag(clause_row.id), on)
        elif step == "notice":
            after = rules.notice(case, _has_open_flag(clause_row.id), on, contract, until)
        elif step == "exempt":
            after = rules.exempt(case, on, reason)
        else:
            after = rules.impose(case, contract, on, amount, reason)
        context = {"contract": contract.reference, "clause": clause_row.code, "as_of": on}
        case_id = store.write_case(clause_row.id, case, after, actor, context)
        if step in ("warn", "notice"):
            where = Contract.id == contract_row.id
            result = Loaded(where, on).check(contract_row.id, on, settings()["AT_RISK_RATIO"])
            clause_result = next(r for r in result.clauses if r.code == clause_row.code)
            _message_supplier(contract_row, clause_result, after, case_id, contract)
        checks.recheck(contract_row.id, actor, f"enforcement.{step}")
    return StepTaken(after, case_id, on)


def _clause_row(contract_row: Contract, clause_code: str) -> Clause:
    """The clause a step is for, or ``rules.Refused`` (archived contract, unknown clause)."""
    if contract_row.archived_at is not None:
        raise rules.Refused(N_("het contract is gearchiveerd"))
    clause_row = Clause.get_or_none(
        (Clause.contract == contract_row.id) & (Clause.code_key == code_key(clause_code))
    )
    if clause_row is None:
        raise rules.Refused(N_("onbekende verplichting {code}"), code=clause_code)
    return clause_row


def preview_impose(
    contract_row: Contract, clause_code: str, amount: Decimal | None = None, reason: str = ""
) -> rules.Case:
    """The case ``impose`` would leave, or ``rules.Refused``; nothing is written.

    Imposing is final, so the flag page asks for a confirmation that names the amount
    first; the same rule refuses here what ``take_step`` would refuse.
    """
    _, case, contract, on = _where_the_case_stands(contract_row, clause_code)
    return rules.impose(case, contract, on, amount, reason)


def _where_the_case_stands(contract_row: Contract, clause_code: str):
    """The clause, its latest case, the domain contract and the date steps take effect on.

    One loader for ``take_step`` and ``preview_impose``, so the confirmation page judges
    a step on exactly what the step itself will see.
    """
    from ..store.contracts import to_domain

    clause_row = _clause_row(contract_row, clause_code)
    case = store.latest_cases(Clause.id == clause_row.id).get(clause_row.id)
    on = checks.check_date()  # steps take effect on the date of the latest check
    return clause_row, case, to_domain(contract_row), on


def _message_supplier(contract_row, result: ClauseResult, case: rules.Case, case_id, contract):
    """The warning or the formal notice, in Dutch, with the figures and the period's end."""
    values = rules.clause_values(contract, default_percent())
    realised = result.realised_by_deadline
    unrealised = rules.unrealised_value(result.clause, values.get(code_key(result.code)), realised)
    token = NOTATION.set(DUTCH)
    try:
        with force_locale("nl"):
            params = {
                "reference": contract_row.reference,
                "title": contract_row.title,
                "code": result.code,
                "clause": result.clause.title,
                "target": show_number(result.target),
                "realised": "-" if result.realised is None else show_number(result.realised),
                "expected": "-" if result.expected is None else show_number(result.expected),
                "status": _(STATUS_LABELS.get(result.status, result.status)),
                "date": show_date(result.reporting_date) if result.reporting_date else "-",
                "until": show_date(case.remedial_until) if case.remedial_until else "",
                "value": "" if unrealised is None else show_number(rules.cents(unrealised)),
            }
            figures = _(
                "Verplichting %(code)s (%(clause)s): doel %(target)s, gerealiseerd "
                "%(realised)s, verwacht %(expected)s volgens de rapportage tot en met "
                "%(date)s; stand: %(status)s.",
                **params,
            )
            if params["value"]:
                figures += " " + _(
                    "De waarde van wat niet is gerealiseerd is € %(value)s.", **params
                )
            if case.step == rules.NOTICE:
                subject = _("Ingebrekestelling social return %(reference)s %(code)s", **params)
                body = _(
                    "Voor contract %(reference)s (%(title)s) blijft de social return achter. "
                    "Hierbij stellen wij u in gebreke. U kunt de achterstand herstellen tot "
                    "en met %(until)s (de herstelperiode). Is de verplichting daarna niet op "
                    "schema, dan kan een bedrag in rekening worden gebracht volgens het "
                    "contract.",
                    **params,
                )
            else:
                subject = _("Waarschuwing social return %(reference)s %(code)s", **params)
                body = _(
                    "Voor contract %(reference)s (%(title)s) blijft de social return achter. "
                    "Wij vragen u de achterstand zo snel mogelijk in te halen en dat in uw "
                    "volgende rapportage te laten zien.",
                    **params,
                )
    finally:
        NOTATION.reset(token)
    enqueue(
        f"enforcement.{case_id}.{case.step}.{case.since.isoformat()}.{case.remedial_until}",
        f"enforcement_{case.step}",
        supplier_addresses(contract_row),
        subject,
        f"{body}\n\n{figures}",
        contract_row.id,
    )
