"""The council's annual report (enforcement.md, "The council report"): the figures per buyer.

Loaded with the check's own loading and rules (store.checks.Loaded) as of
D = the earlier of 31 December of the year and today, so every figure here is one
the check and the pages would show; per quarter as of the quarter's end (or today)
for the chart. Money is exact until each clause's figure is rounded to cents;
totals add those cents.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask import current_app
from peewee import fn

from ..clock import today
from ..domain import enforcement as rules
from ..domain.contracts import code_key
from ..models import Clause, Contract, Organisation
from ..services.enforcement import default_percent
from .models import EnforcementCase, EnforcementStep

QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


@dataclass
class ClauseLine:
    """One clause's part of its buyer's figures (the explanation sheet)."""

    buyer: str
    reference: str
    title: str
    supplier: str
    code: str
    clause_title: str
    measure: str
    target: Decimal
    value: Decimal | None
    days_in_year: int
    days: int
    committed: Decimal
    realised_units: Decimal | None
    realised: Decimal
    rows: int
    participants: int
    step: str | None
    amount: Decimal | None


@dataclass
class BuyerYear:
    buyer: str
    committed: Decimal = Decimal("0.00")
    realised: Decimal = Decimal("0.00")
    participants: int = 0
    opened: int = 0
    remedied: int = 0
    exempted: int = 0
    imposed: int = 0
    imposed_eur: Decimal = Decimal("0.00")
    # Cumulative (committed, realised) at the end of each quarter: the chart.
    quarters: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)


@dataclass
class Breakdown:
    buyer: str
    key: str  # a target group or a contribution type code ("" for none)
    participants: int
    rows: int


@dataclass
class CaseLine:
    buyer: str
    reference: str
    code: str
    step: str
    on: date
    opened: bool
    amount: Decimal | None
    reason: str


@dataclass
class CouncilReport:
    year: int
    as_of: date
    buyers: list[BuyerYear]
    clauses: list[ClauseLine]
    by_group: list[Breakdown]
    by_type: list[Breakdown]
    cases: list[CaseLine]
    durability: list = field(default_factory=list)  # domain.durability.Share of year Y

    def buyer(self, name: str) -> BuyerYear | None:
        return next((b for b in self.buyers if b.buyer == name), None)


def _running(year: int):
    first, last = rules.year_bounds(year)
    return Contract.archived_at.is_null() & (Contract.start <= last) & (Contract.end >= first)


def _checked(where, as_of: date):
    from ..store.checks import Loaded

    loaded = Loaded(where, as_of)
    ratio = current_app.config["AT_RISK_RATIO"]
    return loaded, {c.contract: c for c in loaded.check_all(as_of, ratio)}


def _figures(contract, check, first, last, percent):
    """Per clause key: (value, committed, realised value) over [first, last], exact."""
    values = rules.clause_values(contract, percent)
    found = {}
    for result in check.clauses:
        value = values.get(code_key(result.code))
        if value is None:
            continue
        found[code_key(result.code)] = (
            value,
            rules.committed(result.clause, value, first, last),
            rules.realised_value(result.clause, value, result.realised, first, last),
        )
    return found


def council_report(year: int, where=None) -> CouncilReport:
    """Every figure of the report for year Y over the contracts running in Y (``where`` narrows)."""
    first, last = rules.year_bounds(year)
    as_of = min(last, today())
    scope = _running(year) if where is None else _running(year) & where
    percent = default_percent()
    loaded, checks = _checked(scope, as_of)
    buyers: dict[str, BuyerYear] = {}
    people: dict[str, set] = {}
    groups: dict[tuple[str, str], list] = {}
    types: dict[tuple[str, str], list] = {}
    clauses = []
    cases = _latest_cases(scope)
    for contract_id, contract in loaded.contracts.items():
        check = checks[contract.reference]
        buyer = buyers.setdefault(contract.buyer, BuyerYear(contract.buyer))
        figures = _figures(contract, check, first, last, percent)
        for result in check.clauses:
            counted = [
                row
                for row in result.counting
                if result.reporting_date is not None
                and rules.row_has_day_in(result.clause, row, result.reporting_date, first, last)
            ]
            keys = {rules.participant_key(contract.reference, row) for row in counted}
            people.setdefault(contract.buyer, set()).update(keys)
            for row in counted:
                key = rules.participant_key(contract.reference, row)
                groups.setdefault((contract.buyer, row.target_group or ""), [set(), 0])
                types.setdefault((contract.buyer, row.type), [set(), 0])
                for table, dimension in ((groups, row.target_group or ""), (types, row.type)):
                    entry = table[contract.buyer, dimension]
                    entry[0].add(key)
                    entry[1] += 1
            if code_key(result.code) not in figures:
                continue
            value, committed, realised = figures[code_key(result.code)]
            committed, realised = rules.cents(committed), rules.cents(realised)
            buyer.committed += committed
            buyer.realised += realised
            case = cases.get(loaded.clause_ids[contract_id, code_key(result.code)])
            clauses.append(
                ClauseLine(
                    contract.buyer,
                    contract.reference,
                    contract.title,
                    contract.supplier,
                    result.code,
                    result.clause.title,
                    result.measure,
                    result.target,
                    rules.cents(value),
                    rules.overlap_days(result.clause.start, result.clause.deadline, first, last),
                    (result.clause.deadline - result.clause.start).days + 1,
                    committed,
                    None if result.realised is None else rules.cents(result.realised),
                    realised,
                    len(counted),
                    len(keys),
                    case and case.step,
                    case and case.amount,
                )
            )
    for name, buyer in buyers.items():
        buyer.participants = len(people.get(name, ()))
    case_lines = _case_lines(scope, first, last)
    _count_cases(buyers, case_lines, first, last)
    _quarters(buyers, scope, year, percent)
    ordered = sorted(buyers.values(), key=lambda b: b.buyer.casefold())
    return CouncilReport(
        year,
        as_of,
        ordered,
        sorted(clauses, key=lambda c: (c.buyer.casefold(), c.reference.casefold(), c.code)),
        _breakdown(groups),
        _breakdown(types),
        case_lines,
        _durability(scope, year, [b.buyer for b in ordered]),
    )


def _durability(scope, year: int, names: list[str]) -> list:
    """The share still in work at 6 and 12 months per buyer (sign-off.md), for year Y; a buyer
    without follow-ups gets empty rows (no answers: no share)."""
    from ..domain.durability import Share
    from ..store.followups import shares

    found = {(s.buyer, s.months): s for s in shares(scope) if s.year == year}
    return [
        found.get((name, months), Share(name, year, months, 0, 0, 0))
        for name in names
        for months in (6, 12)
    ]


def _breakdown(table) -> list[Breakdown]:
    return [
        Breakdown(buyer, key, len(found), rows)
        for (buyer, key), (found, rows) in sorted(
            table.items(), key=lambda item: (item[0][0].casefold(), item[0][1])
        )
    ]


def _latest_cases(scope) -> dict[int, rules.Case]:
    from ..store.enforcement import latest_cases

    return latest_cases(scope)


def _case_lines(scope, first: date, last: date) -> list[CaseLine]:
    """Every step in the year of a case of these contracts, oldest first."""
    buyer = Organisation.alias()
    first_steps = {
        case_id: step_id
        for case_id, step_id in EnforcementStep.select(
            EnforcementStep.case, fn.MIN(EnforcementStep.id)
        )
        .group_by(EnforcementStep.case)
        .tuples()
    }
    query = (
        EnforcementStep.select(
            EnforcementStep.id,
            EnforcementStep.case,
            EnforcementStep.step,
            EnforcementStep.on,
            EnforcementStep.amount_cents,
            EnforcementStep.reason,
            buyer.name,
            Contract.reference,
            Clause.code,
        )
        .join(EnforcementCase)
        .join(Clause)
        .join(Contract)
        .join(buyer, on=(Contract.buyer == buyer.id))
        .where(scope & (EnforcementStep.on >= first) & (EnforcementStep.on <= last))
        .order_by(EnforcementStep.on, EnforcementStep.id)
        .tuples()
    )
    lines = []
    for step_id, case_id, step, on, cents, reason, name, reference, code in query:
        on = date.fromisoformat(on) if isinstance(on, str) else on
        lines.append(
            CaseLine(
                name,
                reference,
                code,
                step,
                on,
                first_steps.get(case_id) == step_id,
                None if cents is None else Decimal(cents).scaleb(-2),
                reason,
            )
        )
    return lines


def _count_cases(buyers, lines: list[CaseLine], first, last) -> None:
    for line in lines:
        buyer = buyers.get(line.buyer)
        if buyer is None:
            continue
        counts = rules.case_counts(
            [rules.CaseEvent(line.step, line.on, line.opened, line.amount)], first, last
        )
        buyer.opened += counts["opened"]
        buyer.remedied += counts[rules.REMEDIED]
        buyer.exempted += counts[rules.EXEMPTED]
        buyer.imposed += counts[rules.IMPOSED]
        buyer.imposed_eur += counts["imposed_eur"]


def _quarters(buyers, scope, year: int, percent) -> None:
    """Cumulative committed and realised at each quarter's end; Q4 equals the year's figures."""
    first, _last = rules.year_bounds(year)
    now = today()
    for number, (month, day) in enumerate(QUARTER_ENDS, start=1):
        end = date(year, month, day)
        loaded, checks = _checked(scope, min(end, now))
        totals: dict[str, list[Decimal]] = {}
        for contract in loaded.contracts.values():
            figures = _figures(contract, checks[contract.reference], first, end, percent)
            total = totals.setdefault(contract.buyer, [Decimal("0.00"), Decimal("0.00")])
            for _value, committed, realised in figures.values():
                total[0] += rules.cents(committed)
                total[1] += rules.cents(realised)
        for name, buyer in buyers.items():
            committed, realised = totals.get(name, (Decimal("0.00"), Decimal("0.00")))
            buyer.quarters.append((f"K{number}", committed, realised))
