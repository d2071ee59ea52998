"""From flag to consequence (enforcement.md): values, amounts due, the cap and the case steps.

Plain data in, plain data out. Money stays exact (Fraction) until it is shown or
imposed; then it is rounded half up to cents (``figures.round_half_up``), and totals
add those cents. A case moves by the bureau's steps (``warn``, ``notice``, ``exempt``,
``impose``), each refused with a ``Refused`` message when it is not allowed now, and
by the check (``after_check``: ``remedied`` or ``proposed``).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .contracts import DEFAULT_REMEDIAL_DAYS, Clause, Contract, code_key
from .figures import round_half_up, show_date, show_number
from .status import MET, ON_TRACK
from .text import N_, Label, Message, identity

WARNING = "warning"
NOTICE = "notice"
REMEDIED = "remedied"
PROPOSED = "proposed"
EXEMPTED = "exempted"
IMPOSED = "imposed"
STEPS = (WARNING, NOTICE, REMEDIED, PROPOSED, EXEMPTED, IMPOSED)
OPEN_STEPS = (WARNING, NOTICE, PROPOSED)
ENDED_STEPS = (REMEDIED, EXEMPTED, IMPOSED)
STEP_LABELS = {
    WARNING: N_("waarschuwing"),
    NOTICE: N_("ingebrekestelling"),
    REMEDIED: N_("hersteld"),
    PROPOSED: N_("bedrag voorgesteld"),
    EXEMPTED: N_("vrijgesteld"),
    IMPOSED: N_("opgelegd"),
}
OBLIGATION_LABELS = {
    "result": N_("resultaatsverplichting"),
    "effort": N_("inspanningsverplichting"),
}
GOOD_STATUSES = (ON_TRACK, MET)
"""A clause at any other status is short."""
FLAG_KINDS_FOR_STEPS = ("behind", "failed")
"""``warn`` and ``notice`` need an open flag of one of these kinds."""
DEFAULT_PERCENT = Decimal("0.05")
"""[compliance] default_percent: a clause's default share of the contract value."""
HOURS_PER_UNIT = 100


def is_short(status: str) -> bool:
    return status not in GOOD_STATUSES


# -- values and amounts ------------------------------------------------------------------


def clause_values(
    contract: Contract, default_percent: Decimal | Fraction = DEFAULT_PERCENT
) -> dict[str, Fraction | None]:
    """The value of each clause, by code key; None for a composite clause (it has none).

    A euros clause is worth its target; a persons or hours clause its own ``value_eur``,
    else an even share of the contract value times ``default_percent`` over the persons
    and hours clauses without a value of their own.
    """
    without = [
        c for c in contract.clauses if c.measure in ("persons", "hours") and c.value_eur is None
    ]
    share = (
        Fraction(contract.value_eur) * Fraction(default_percent) / len(without) if without else None
    )
    values: dict[str, Fraction | None] = {}
    value: Fraction | None
    for clause in contract.clauses:
        if clause.measure == "euros":
            value = Fraction(clause.target)
        elif clause.measure in ("persons", "hours"):
            value = Fraction(clause.value_eur) if clause.value_eur is not None else share
        else:
            value = None
        values[code_key(clause.code)] = value
    return values


NOTHING = Fraction(0)


def missing(clause: Clause, realised: Fraction) -> Fraction:
    """What is left of the target: never below 0."""
    return max(NOTHING, Fraction(clause.target) - realised)


def unrealised_value(clause: Clause, value: Fraction | None, realised: Fraction | None):
    """``max(0, target - realised) / target`` times the value, against the full target.

    ``realised`` is taken at E' (the earlier of E and the deadline); None when it cannot
    be valued (no value, or a euros clause without a valuation).
    """
    if value is None or realised is None:
        return None
    if not clause.target:  # nothing owed yet (a share of nothing invoiced so far)
        return NOTHING
    target = Fraction(clause.target)
    if realised >= target:  # nothing missing: no division to make
        return NOTHING
    return (target - realised) / target * value


def units_due(clause: Clause, realised: Fraction) -> int:
    """fixed_per_unit: the missing persons, or whole hundreds of missing hours."""
    short = missing(clause, realised)
    if clause.measure == "hours":
        return int(short // HOURS_PER_UNIT)
    return int(short)


def amount_due(contract: Contract, clause: Clause, value, realised) -> Fraction | None:
    """The amount due before the cap; None without [contract.enforcement] or a value."""
    rules = contract.enforcement
    unrealised = unrealised_value(clause, value, realised)
    if rules is None or unrealised is None:
        return None
    if rules.basis == "shortfall_value":
        assert rules.rate is not None  # the contract file requires it for this basis
        return Fraction(rules.rate) * unrealised
    if clause.measure == "euros":
        return unrealised
    assert rules.per_unit_eur is not None  # the contract file requires it for this basis
    return Fraction(rules.per_unit_eur) * units_due(clause, realised)


def apply_cap(
    proposed: Mapping[str, Fraction], imposed: Iterable[Decimal], cap: Decimal | None
) -> dict[str, Fraction]:
    """Proposed amounts (by clause code) after the contract's cap.

    Imposed amounts count towards the cap and are never reduced; the excess is taken
    off the proposed amounts, the clause whose code sorts last (trimmed, case-insensitive)
    first, each as far as needed before the next. Exact: round afterwards.
    """
    after = {code: Fraction(amount) for code, amount in proposed.items()}
    if cap is None:
        return after
    excess = sum((Fraction(a) for a in imposed), Fraction(0)) + sum(after.values()) - Fraction(cap)
    for code in sorted(after, key=code_key, reverse=True):
        if excess <= 0:
            break
        cut = min(after[code], excess)
        after[code] -= cut
        excess -= cut
    return after


def cents(amount: Fraction | Decimal | int) -> Decimal:
    """A shown or imposed amount: half up to cents."""
    return round_half_up(amount)


# -- the explanation line ----------------------------------------------------------------

MISSING_PERSONS = N_("{code}: {missing} van {target} plaatsingen niet gerealiseerd")
MISSING_HOURS = N_("{code}: {missing} van {target} uren niet gerealiseerd")
MISSING_EUROS = N_("{code}: € {missing} van € {target} niet gerealiseerd")
AT_RATE = N_("waarde € {unrealised}; {percent}%: € {amount}")
PER_PERSON = N_("{units} × € {per_unit}: € {amount}")
PER_HUNDRED_HOURS = N_("{units} × € {per_unit} per 100 uur: € {amount}")
UNREALISED_EUROS = N_("niet gerealiseerde waarde: € {amount}")
CAPPED = N_("na het plafond van € {cap} voor het contract: € {amount}")


@dataclass(frozen=True)
class AmountExplanation:
    """How a clause's amount was reached; numbers are written when rendered, the reader's way."""

    clause: Clause
    realised: Fraction
    unrealised: Fraction
    basis: str
    rate: Decimal | None
    per_unit_eur: Decimal | None
    due: Fraction
    after_cap: Fraction
    cap: Decimal | None

    def render(self, translate: Callable[[str], str] = identity) -> str:
        clause = self.clause
        short = missing(clause, self.realised)
        head = {"persons": MISSING_PERSONS, "hours": MISSING_HOURS}.get(
            clause.measure, MISSING_EUROS
        )
        parts = [
            translate(head).format(
                code=clause.code, missing=show_number(short), target=show_number(clause.target)
            )
        ]
        amount = show_number(cents(self.due))
        if self.basis == "shortfall_value":
            assert self.rate is not None
            parts.append(
                translate(AT_RATE).format(
                    unrealised=show_number(cents(self.unrealised)),
                    percent=show_number(Fraction(self.rate) * 100),
                    amount=amount,
                )
            )
        elif clause.measure == "euros":
            parts.append(translate(UNREALISED_EUROS).format(amount=amount))
        else:
            text = PER_HUNDRED_HOURS if clause.measure == "hours" else PER_PERSON
            assert self.per_unit_eur is not None
            parts.append(
                translate(text).format(
                    units=units_due(clause, self.realised),
                    per_unit=show_number(self.per_unit_eur),
                    amount=amount,
                )
            )
        if self.after_cap != self.due and self.cap is not None:  # only a cap lowers it
            parts.append(
                translate(CAPPED).format(
                    cap=show_number(self.cap), amount=show_number(cents(self.after_cap))
                )
            )
        return "; ".join(parts)


# -- the case ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """The enforcement case of one clause, after its latest step.

    ``amount`` is None before ``proposed`` and for ``remedied`` and ``exempted``: the
    proposed amount (recomputed at every check) at ``proposed``, the imposed one (final)
    at ``imposed``; both in cents.
    """

    step: str
    opened_on: date
    since: date
    remedial_until: date | None = None
    amount: Decimal | None = None
    reason: str = ""
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.step in OPEN_STEPS


class Refused(Exception):
    """A step that is not allowed now; nothing changes. ``field`` names the input at fault
    (``until``, ``amount``, ``reason``), so a form shows the message beside it."""

    def __init__(self, msgid: str, field: str | None = None, **params):
        super().__init__(msgid.format(**params))
        self.message = Message(msgid, params)
        self.field = field


def _open(case: Case | None) -> Case | None:
    return case if case is not None and case.is_open else None


def _need_flag(has_flag: bool) -> None:
    if not has_flag:
        raise Refused(
            N_("kan alleen bij een open melding 'achter' of 'niet gehaald' van deze verplichting")
        )


def warn(case: Case | None, has_flag: bool, on: date) -> Case:
    """A warning: opens a case, or repeats the warning of a case still at ``warning``."""
    _need_flag(has_flag)
    current = _open(case)
    if current is None:
        return Case(WARNING, on, on)
    if current.step != WARNING:
        raise Refused(
            N_("de zaak is al verder dan een waarschuwing (nu: {step})"),
            step=Label(STEP_LABELS[current.step]),
        )
    return replace(current, since=on)


def notice(
    case: Case | None, has_flag: bool, on: date, contract: Contract, until: date | None = None
) -> Case:
    """Formal notice: the remedial period runs through ``remedial_until`` (that day included).

    On a case at ``notice`` it sets a new end (an extension); on a case at ``proposed``
    the proposed amount lapses while the new period runs.
    """
    _need_flag(has_flag)
    if on > contract.end:
        raise Refused(
            N_("een ingebrekestelling kan tot het einde van het contract ({end})"),
            end=show_date(contract.end),
        )
    if until is not None and until <= on:
        raise Refused(
            N_("het einde van de herstelperiode moet na {day} liggen"),
            field="until",
            day=show_date(on),
        )
    days = contract.enforcement.remedial_days if contract.enforcement else DEFAULT_REMEDIAL_DAYS
    end = until or on + timedelta(days=days)
    current = _open(case)
    if current is None:
        return Case(NOTICE, on, on, end)
    return replace(current, step=NOTICE, since=on, remedial_until=end, amount=None)


def exempt(case: Case | None, on: date, reason: str) -> Case:
    """Exemption (efforts shown, force majeure) at any open step: no amount is due."""
    current = _open(case)
    if current is None:
        raise Refused(N_("deze verplichting heeft geen open zaak"))
    if not reason.strip():
        raise Refused(N_("geef een reden voor de vrijstelling"), field="reason")
    return replace(current, step=EXEMPTED, since=on, amount=None, reason=reason.strip())


def impose(
    case: Case | None,
    contract: Contract,
    on: date,
    amount: Decimal | None = None,
    reason: str = "",
) -> Case:
    """Impose the proposed amount, or a lower one with a reason; final from then on."""
    if contract.enforcement is None:
        raise Refused(N_("het contract heeft geen handhavingsregeling ([contract.enforcement])"))
    current = _open(case)
    if current is None or current.step != PROPOSED:
        raise Refused(N_("opleggen kan alleen als er een bedrag is voorgesteld"))
    proposed = current.amount or Decimal(0)
    reason = reason.strip()
    if amount is None:
        amount = proposed
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise Refused(
            N_("het bedrag moet 0 of meer zijn, in euro met hoogstens twee decimalen"),
            field="amount",
        )
    if amount > proposed:
        raise Refused(
            N_("het bedrag mag niet hoger zijn dan het voorgestelde bedrag (€ {proposed})"),
            field="amount",
            proposed=show_number(proposed),
        )
    if amount < proposed and not reason:
        raise Refused(N_("geef een reden voor een lager bedrag dan voorgesteld"), field="reason")
    if contract.obligation == "effort" and not reason:
        raise Refused(
            N_(
                "bij een inspanningsverplichting is een reden nodig: hoe zijn de "
                "inspanningen van de opdrachtnemer gewogen?"
            ),
            field="reason",
        )
    return replace(current, step=IMPOSED, since=on, amount=cents(amount), reason=reason)


def final_figures(clause: Clause, reporting_date: date | None) -> bool:
    """The figures of the period holding the deadline are in: E on or after the deadline."""
    return reporting_date is not None and reporting_date >= clause.deadline


def after_check(
    case: Case | None,
    clause: Clause,
    status: str,
    as_of: date,
    reporting_date: date | None,
    can_propose: bool,
) -> Case | None:
    """The case after a check as of D, before its amount is (re)computed.

    ``case`` is the clause's latest case, open or ended. An open case with the clause
    ``on_track`` or ``met`` is remedied. ``proposed`` comes after the remedial period
    (a notice), else after the deadline with final figures; only for a clause that is
    short, has an amount (``can_propose``: an enforcement block and a value), and is not
    ``failed`` merely by an overdue report. The check opens a case only for a clause that
    never had one.
    """
    if case is not None and case.is_open and not is_short(status):
        return replace(case, step=REMEDIED, since=as_of, amount=None)
    if not can_propose or not is_short(status):
        return case
    final = final_figures(clause, reporting_date)
    if status == "failed" and not final:
        return case
    after_deadline = as_of > clause.deadline and final
    if case is None:
        return Case(PROPOSED, as_of, as_of) if after_deadline else None
    if case.step == NOTICE and case.remedial_until is not None and as_of > case.remedial_until:
        return replace(case, step=PROPOSED, since=as_of)
    if case.step == WARNING and after_deadline:
        return replace(case, step=PROPOSED, since=as_of)
    return case


@dataclass(frozen=True)
class ClauseOutcome:
    """What one check finds for one clause's enforcement."""

    code: str
    value: Fraction | None
    realised: Fraction | None  # at E'
    unrealised: Fraction | None
    case: Case | None
    explanation: AmountExplanation | None = None  # for a proposed amount


def enforce_contract(
    contract: Contract,
    clauses: Iterable[tuple[Clause, str, date | None, Fraction | None]],
    cases: Mapping[str, Case],
    imposed: Iterable[Decimal],
    as_of: date,
    default_percent: Decimal | Fraction = DEFAULT_PERCENT,
) -> dict[str, ClauseOutcome]:
    """Every clause's case after a check, with proposed amounts computed and capped.

    ``clauses`` gives (clause, status, E, realised at E') per clause; ``cases`` the latest
    case per clause code key; ``imposed`` every amount imposed on the contract so far.
    """
    values = clause_values(contract, default_percent)
    rules = contract.enforcement
    found = {}
    due: dict[str, Fraction] = {}  # the proposed amounts (an amount is what allows one)
    for clause, status, reporting_date, realised in clauses:
        key = code_key(clause.code)
        value = values.get(key)
        unrealised = unrealised_value(clause, value, realised)
        has_amount = rules is not None and unrealised is not None  # amount_due is not None
        case = after_check(cases.get(key), clause, status, as_of, reporting_date, has_amount)
        found[key] = (clause, value, realised, unrealised, case)
        if case is not None and case.step == PROPOSED and has_amount:
            amount = amount_due(contract, clause, value, realised)
            assert amount is not None  # has_amount
            due[key] = amount
    capped = apply_cap(due, imposed, rules.cap_eur if rules is not None else None)
    outcomes = {}
    for key, (clause, value, realised, unrealised, case) in found.items():
        explanation = None
        if key in capped and case is not None and rules is not None and unrealised is not None:
            assert realised is not None  # it has an unrealised value
            case = replace(case, amount=cents(capped[key]))
            explanation = AmountExplanation(
                clause,
                realised,
                unrealised,
                rules.basis,
                rules.rate,
                rules.per_unit_eur,
                due[key],
                capped[key],
                rules.cap_eur,
            )
        outcomes[key] = ClauseOutcome(
            clause.code,
            value,
            realised,
            unrealised,
            case,
            explanation,
        )
    return outcomes


# -- the council report ----------------------------------------------------------------


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def overlap_days(start: date, end: date, first: date, last: date) -> int:
    """Days of [start, end] within [first, last], both ends included."""
    return max(0, (min(end, last) - max(start, first)).days + 1)


def share_of_days(clause: Clause, first: date, last: date) -> Fraction:
    """The share of [clause start, deadline] in [first, last]; days counted inclusively."""
    total = (clause.deadline - clause.start).days + 1
    return Fraction(overlap_days(clause.start, clause.deadline, first, last), total)


def committed(clause: Clause, value: Fraction, first: date, last: date) -> Fraction:
    """Verplicht: the value times the share of the clause's days in the period."""
    return value * share_of_days(clause, first, last)


def realised_value(
    clause: Clause, value: Fraction, realised: Fraction | None, first: date, last: date
) -> Fraction:
    """Gerealiseerd: value × min(realised, target) / target, times the same share of days."""
    if realised is None:
        return Fraction(0)
    target = Fraction(clause.target)
    return value * min(realised, target) / target * share_of_days(clause, first, last)


def running_in(start: date, end: date, first: date, last: date) -> bool:
    return start <= last and end >= first


def row_has_day_in(clause: Clause, row, reporting_date: date, first: date, last: date) -> bool:
    """A counting row's days run from its start to the earliest of its end, E and the deadline."""
    end = min(reporting_date, clause.deadline)
    if row.end_date is not None and row.end_date < end:
        end = row.end_date
    return running_in(row.start_date, end, first, last)


def participant_key(contract: str, row) -> tuple:
    """One person: the same ``bureau_ref`` across contracts, else a candidate per contract."""
    bureau_ref = getattr(row, "bureau_ref", None)
    if bureau_ref and bureau_ref.strip():
        return ("bureau_ref", bureau_ref.strip().casefold())
    return ("candidate", code_key(contract), row.candidate_key)


@dataclass(frozen=True)
class CaseEvent:
    """One step of a case, for counting in the council report."""

    step: str
    on: date
    opened: bool = False  # the case's first step
    amount: Decimal | None = None  # imposed: the imposed amount


def case_counts(events: Iterable[CaseEvent], first: date, last: date) -> dict[str, int | Decimal]:
    """Zaken geopend, hersteld, vrijgesteld, opgelegd and Opgelegd (€) in [first, last]."""
    counts: dict[str, int | Decimal] = {
        "opened": 0,
        REMEDIED: 0,
        EXEMPTED: 0,
        IMPOSED: 0,
        "imposed_eur": Decimal("0.00"),
    }
    for event in events:
        if not first <= event.on <= last:
            continue
        if event.opened:
            counts["opened"] += 1
        if event.step in (REMEDIED, EXEMPTED, IMPOSED):
            counts[event.step] += 1
        if event.step == IMPOSED:
            counts["imposed_eur"] += event.amount or Decimal(0)
    return counts
