"""Reading and checking a contract as contract-file.md specifies it.

The same checks serve the TOML loader and the officer's forms: both hand in a
mapping shaped like the TOML file and get a Contract or a list of errors, each
naming its key. The valuation extension (docs/valuation.md) adds a pinned
valuation table, euros targets as a percentage, and composite clauses.
"""

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from .contracts import (
    BASES,
    COMPOSITES,
    MEASURES,
    OBLIGATIONS,
    Clause,
    Contract,
    Enforcement,
    Milestone,
    code_key,
)
from .figures import round_half_up
from .numbers import read_number
from .obligations import (
    TargetBases,
    euros_target,
    invoiced_total,
    parse_invoiced,
    parse_pso_step,
    parse_target_rules,
)
from .periods import REPORTING
from .signoff import POLICIES
from .text import N_, Message, identity
from .valuation_tables import Catalogue, shipped_tables

REFERENCE_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
CLAUSE_CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,20}$")

CONTRACT_KEYS = {
    "reference",
    "title",
    "buyer",
    "supplier",
    "value_eur",
    "start",
    "end",
    "reporting",
}
CONTRACT_OPTIONAL = {"report_due_days", "valuation_table", "valuation_version", "counting"}
ENFORCEMENT_OPTIONAL = {"obligation", "enforcement"}  # enforcement.md
CONTRACT_OPTIONAL |= ENFORCEMENT_OPTIONAL
OBLIGATION_OPTIONAL = {"pso_step", "invoiced"}  # issue 18 (obligations.py)
CONTRACT_OPTIONAL |= OBLIGATION_OPTIONAL
CLAUSE_KEYS = {"code", "title", "measure", "target", "accepts"}
CLAUSE_OPTIONAL = {
    "eligible_groups",
    "min_hours_per_week",
    "min_duration_months",
    "start",
    "deadline",
    "milestone",
    "target_percent",
    "target_basis",  # issue 18 (obligations.py)
    "target_min_eur",
    "target_max_eur",
}
CLAUSE_OPTIONAL |= {"value_eur"}  # enforcement.md
COMPOSITE_KEYS = {"code", "title"}
MILESTONE_KEYS = {"date", "target"}


@dataclass(frozen=True)
class FieldError:
    key: str
    message: Message

    def render(self, translate=identity) -> str:
        return (
            f"{self.key}: {self.message.render(translate)}"
            if self.key
            else self.message.render(translate)
        )


class _Errors(list):
    def add(self, key, msgid, **params):
        self.append(FieldError(key, Message(msgid, params)))


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_date(value) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _check_keys(errors, prefix, table, required, optional):
    for key in sorted(set(table) - required - optional):
        errors.add(
            f"{prefix}.{key}",
            N_("onbekende sleutel; controleer de spelling (toegestaan: {allowed})"),
            allowed=", ".join(sorted(required | optional)),
        )
    for key in sorted(required - set(table)):
        errors.add(f"{prefix}.{key}", N_("ontbreekt; deze sleutel is verplicht"))


def _text(errors, key, value, limit):
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        errors.add(key, N_("moet een tekst tussen aanhalingstekens zijn"))
        return None
    if len(value.strip()) > limit:
        errors.add(key, N_("is te lang (hoogstens {limit} tekens)"), limit=limit)
        return None
    return value.strip()


def _date(errors, key, value):
    if value is None:
        return None
    if not _is_date(value):
        errors.add(key, N_("moet een datum zijn zonder aanhalingstekens, bijvoorbeeld 2026-01-01"))
        return None
    return value


def _decimal(errors, key, value):
    if value is None:
        return None
    if not _is_number(value):
        errors.add(key, N_("moet een getal zijn, zonder aanhalingstekens"))
        return None
    number = read_number(value)  # the one number reader; TOML gives no text here
    if number is None:
        errors.add(key, N_("moet een getal zijn, zonder aanhalingstekens"))
        return None
    if number != number.quantize(Decimal("0.01")):
        errors.add(key, N_("gebruik hoogstens twee decimalen"))
        return None
    return number


def _codes(errors, key, value, known, what):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.add(key, N_('moet een lijst van codes zijn, bijvoorbeeld ["placement"]'))
        return ()
    codes = []
    for code in value:
        normal = code.strip().casefold()
        if normal not in known:
            errors.add(
                key,
                N_("onbekende {what} '{code}' (bekend: {known})"),
                what=what,
                code=code.strip(),
                known=", ".join(sorted(known)),
            )
        elif normal not in codes:
            codes.append(normal)
    return tuple(codes)


# Milestones per clause ([contracts] max_milestones): the spec allows any number; a
# clause has one a month at most in practice, and thousands only cost time to refuse.
MAX_MILESTONES = 100
# A minimum duration beyond a working life is a typing error (and beyond a 64-bit integer).
MAX_MONTHS = 600


def parse_contract(
    data: dict,
    reference,
    default_due_days: int,
    tables: Catalogue | None = None,
    max_milestones: int = MAX_MILESTONES,
) -> tuple[Contract | None, list]:
    """A Contract from a mapping shaped like the TOML file, or every error in it.

    ``tables`` are the valuation tables a contract may name (default: the shipped ones).
    """
    tables = tables or shipped_tables()
    errors = _Errors()
    if not isinstance(data, dict):
        errors.add("", N_("het bestand bevat geen contract"))
        return None, errors
    head = _contract_table(errors, data)
    reference_code, title, buyer, supplier, value, start, end, reporting, due_days = (
        _contract_fields(errors, head, default_due_days)
    )
    table, version = _valuation_table(errors, head, tables)
    obligation, enforcement = _enforcement_terms(errors, head)
    counting = _counting_policy(errors, head)
    pso_step, invoiced, bases = _obligation_bases(errors, head, value, start, end, tables)

    contract_dates = (start, end) if start and end and start < end else None
    clauses, seen = _parse_clauses(
        errors,
        _clause_tables(errors, data),
        reference,
        contract_dates,
        bases,
        (table, tables, max_milestones),
    )
    if not errors:
        clauses = _resolve_composites(errors, clauses, seen)
    if errors:
        return None, list(errors)
    return Contract(
        reference_code,
        title,
        buyer,
        supplier,
        value,
        start,
        end,
        reporting,
        due_days,
        tuple(clauses),
        table,
        version,
        obligation,
        enforcement,
        counting=counting,
        pso_step=pso_step,
        invoiced=invoiced,
    ), []


def _contract_table(errors, data: dict) -> dict:
    """The [contract] table (empty when missing); unknown top-level keys are errors."""
    for key in sorted(set(data) - {"contract", "clause"}):
        errors.add(
            key, N_("onbekende sleutel; een contractbestand heeft alleen [contract] en [[clause]]")
        )
    head = data.get("contract")
    if not isinstance(head, dict):
        errors.add("contract", N_("ontbreekt; het bestand moet een tabel [contract] hebben"))
        return {}
    _check_keys(errors, "contract", head, CONTRACT_KEYS, CONTRACT_OPTIONAL)
    return head


def _contract_fields(errors, head: dict, default_due_days: int) -> tuple:
    """The contract's own fields: reference, title, parties, value, dates, reporting, due days."""
    reference_code = _text(errors, "contract.reference", head.get("reference"), 40)
    if reference_code is not None and not REFERENCE_PATTERN.match(reference_code):
        errors.add(
            "contract.reference",
            N_("gebruik 1-40 tekens: letters, cijfers, punt, liggend streepje of koppelteken"),
        )
        reference_code = None
    title = _text(errors, "contract.title", head.get("title"), 300)
    buyer = _text(errors, "contract.buyer", head.get("buyer"), 200)
    supplier = _text(errors, "contract.supplier", head.get("supplier"), 200)
    value = _decimal(errors, "contract.value_eur", head.get("value_eur"))
    if value is not None and value < 0:
        errors.add("contract.value_eur", N_("mag niet negatief zijn"))
    start = _date(errors, "contract.start", head.get("start"))
    end = _date(errors, "contract.end", head.get("end"))
    if start and end and end <= start:
        errors.add("contract.end", N_("moet na de startdatum van het contract liggen"))
    reporting = head.get("reporting")
    if reporting is not None and reporting not in REPORTING:
        errors.add("contract.reporting", N_("kies uit {choices}"), choices=", ".join(REPORTING))
    due_days = head.get("report_due_days", default_due_days)
    if not isinstance(due_days, int) or isinstance(due_days, bool) or not 0 <= due_days <= 366:
        errors.add("contract.report_due_days", N_("moet een geheel aantal dagen zijn, 0 tot 366"))
    return reference_code, title, buyer, supplier, value, start, end, reporting, due_days


def _clause_tables(errors, data: dict) -> list:
    """The [[clause]] tables; at least one."""
    raw_clauses = data.get("clause")
    if raw_clauses is None:
        raw_clauses = []
    if not isinstance(raw_clauses, list) or not all(isinstance(c, dict) for c in raw_clauses):
        errors.add("clause", N_("schrijf verplichtingen als [[clause]]-tabellen"))
        raw_clauses = []
    if not raw_clauses:
        errors.add("clause", N_("een contract heeft minstens één verplichting ([[clause]])"))
    return raw_clauses


def _parse_clauses(errors, raw_clauses, reference, contract_dates, bases, context):
    """Each clause parsed, and the number of the clause each code key was first seen at."""
    clauses: list[Clause] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(raw_clauses, start=1):
        if _is_composite(raw):
            clause = _parse_composite(errors, f"clause[{number}]", raw)
        else:
            clause = _parse_clause(
                errors,
                f"clause[{number}]",
                raw,
                reference,
                contract_dates,
                bases,
                context,
            )
            clause = _with_clause_value(errors, f"clause[{number}]", raw, clause)
        if clause is None:
            continue
        key = code_key(clause.code)
        if key in seen:
            errors.add(
                f"clause[{number}].code",
                N_(
                    "code '{code}' komt al voor bij "
                    "clause[{other}]; codes moeten uniek zijn "
                    "(hoofdletters tellen niet)"
                ),
                code=clause.code,
                other=seen[key],
            )
        seen[key] = number
        clauses.append(clause)
    return clauses, seen


def _counting_policy(errors, head: dict) -> str | None:
    """The optional ``counting`` key (sign-off.md); absent: the buyer's policy."""
    counting = head.get("counting")
    if counting is not None and counting not in POLICIES:
        errors.add("contract.counting", N_("kies uit {choices}"), choices=", ".join(POLICIES))
        return None
    return counting


ENFORCEMENT_KEYS = {"basis"}
ENFORCEMENT_TERMS = {"rate", "per_unit_eur", "remedial_days", "cap_eur"}
BASIS_TERMS = {"shortfall_value": "rate", "fixed_per_unit": "per_unit_eur"}


def _enforcement_terms(errors, head: dict) -> tuple[str, Enforcement | None]:
    """``obligation`` and the ``[contract.enforcement]`` table (enforcement.md)."""
    obligation = head.get("obligation", "result")
    if obligation not in OBLIGATIONS:
        errors.add("contract.obligation", N_("kies uit {choices}"), choices=", ".join(OBLIGATIONS))
        obligation = "result"
    terms = head.get("enforcement")
    if terms is None:
        return obligation, None
    prefix = "contract.enforcement"
    if not isinstance(terms, dict):
        errors.add(prefix, N_("schrijf de handhaving als tabel [contract.enforcement]"))
        return obligation, None
    before = len(errors)
    _check_keys(errors, prefix, terms, ENFORCEMENT_KEYS, ENFORCEMENT_TERMS)
    basis = terms.get("basis")
    if basis is not None and basis not in BASES:
        errors.add(f"{prefix}.basis", N_("kies uit {choices}"), choices=", ".join(BASES))
    for name, needed_key in BASIS_TERMS.items():
        if basis not in BASES:
            break
        if basis == name and needed_key not in terms:
            errors.add(
                f"{prefix}.{needed_key}",
                N_("ontbreekt; verplicht bij basis = {basis}"),
                basis=basis,
            )
        elif basis != name and needed_key in terms:
            errors.add(
                f"{prefix}.{needed_key}",
                N_("hoort niet bij basis = {basis}"),
                basis=basis,
            )
    rate = _rate(errors, f"{prefix}.rate", terms.get("rate"))
    per_unit = _positive_amount(errors, f"{prefix}.per_unit_eur", terms.get("per_unit_eur"))
    cap = _positive_amount(errors, f"{prefix}.cap_eur", terms.get("cap_eur"))
    days = terms.get("remedial_days", 60)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 365:
        errors.add(f"{prefix}.remedial_days", N_("moet een geheel aantal dagen zijn, 1 tot 365"))
    if len(errors) > before:
        return obligation, None
    return obligation, Enforcement(str(basis), rate, per_unit, days, cap)


def _rate(errors, key, value) -> Decimal | None:
    """A share: 0 < rate <= 1, with at most four decimals (12,5% is 0.125)."""
    if value is None:
        return None
    if not _is_number(value) or not Decimal(str(value)).is_finite():
        errors.add(key, N_("moet een getal zijn, zonder aanhalingstekens"))
        return None
    rate = Decimal(str(value))
    if not 0 < rate <= 1:
        errors.add(key, N_("moet groter dan 0 en hoogstens 1 zijn (0.5 is 50%)"))
        return None
    if rate != rate.quantize(Decimal("0.0001")):
        errors.add(key, N_("gebruik hoogstens vier decimalen"))
        return None
    return rate


def _positive_amount(errors, key, value) -> Decimal | None:
    amount = _decimal(errors, key, value)
    if amount is not None and amount <= 0:
        errors.add(key, N_("moet groter dan 0 zijn"))
        return None
    return amount


def _with_clause_value(errors, prefix, raw: dict, clause: Clause | None) -> Clause | None:
    """A persons or hours clause's own ``value_eur``: what meeting it is worth (>= 0)."""
    if "value_eur" not in raw:
        return clause
    key = f"{prefix}.value_eur"
    value = _decimal(errors, key, raw["value_eur"])
    if value is None:
        return None
    if value < 0:
        errors.add(key, N_("mag niet negatief zijn"))
        return None
    if raw.get("measure") not in ("persons", "hours"):
        errors.add(
            key,
            N_(
                'alleen bij measure = "persons" of "hours"; een verplichting in euro is '
                "haar doel waard"
            ),
        )
        return None
    return None if clause is None else replace(clause, value_eur=value)


def _obligation_bases(errors, head: dict, value, start, end, tables: Catalogue):
    """pso_step and [[contract.invoiced]] (obligations.py), and the bases of % targets."""
    table, version = head.get("valuation_table"), head.get("valuation_version")
    table = table.strip() if isinstance(table, str) else None
    step, percent = parse_pso_step(errors, head, table, version, tables)
    reporting = head.get("reporting") if head.get("reporting") in REPORTING else None
    invoiced = (
        parse_invoiced(errors, head["invoiced"], reporting, start, end, _decimal)
        if "invoiced" in head
        else ()
    )
    return step, invoiced, TargetBases(value, invoiced_total(invoiced), percent)


def _is_composite(raw: dict) -> bool:
    """Whether a [[clause]] table is a composite (it names all_of or any_of)."""
    return any(key in raw for key in COMPOSITES)


def _valuation_table(errors, head: dict, tables: Catalogue) -> tuple[str | None, int | None]:
    """The table id named in [contract], and the version if the file pins one.

    Without ``valuation_version`` the version is left open: storing the contract pins
    the version it already has, or the newest (valuation.pin_version).
    """
    table, version = head.get("valuation_table"), head.get("valuation_version")
    if table is not None:
        if not isinstance(table, str) or tables.get(table.strip()) is None:
            errors.add(
                "contract.valuation_table",
                N_("onbekende waarderingstabel (bekend: {known})"),
                known=", ".join(tables.ids),
            )
            return None, None
        table = table.strip()
    if version is not None:
        if table is None:
            if "valuation_table" not in head:
                errors.add("contract.valuation_version", N_("noem ook valuation_table"))
            return None, None
        if (
            not isinstance(version, int)
            or isinstance(version, bool)
            or tables.get(table, version) is None
        ):
            errors.add(
                "contract.valuation_version",
                N_("onbekende versie van {table} (bekend: {known})"),
                table=table,
                known=", ".join(str(v) for v in tables.versions(table)),
            )
            return table, None
    return table, version


def _parse_clause(errors, prefix, raw, reference, contract_dates, bases, context):
    table, tables, max_milestones = context
    before = len(errors)
    percent_given = "target_percent" in raw
    required = CLAUSE_KEYS - {"target"} if percent_given and "target" not in raw else CLAUSE_KEYS
    _check_keys(errors, prefix, raw, required, CLAUSE_OPTIONAL)
    code = _text(errors, f"{prefix}.code", raw.get("code"), 20)
    if code is not None and not CLAUSE_CODE_PATTERN.match(code):
        errors.add(
            f"{prefix}.code",
            N_("gebruik 1-20 tekens: letters, cijfers, liggend streepje of koppelteken"),
        )
    title = _text(errors, f"{prefix}.title", raw.get("title"), 300)
    measure = raw.get("measure")
    if measure is not None and measure not in MEASURES:
        errors.add(f"{prefix}.measure", N_("kies uit {choices}"), choices=", ".join(MEASURES))
    if measure == "euros" and table is None:
        errors.add(
            f"{prefix}.measure",
            N_(
                "een verplichting in euro wordt gewaardeerd met een "
                "waarderingstabel: zet valuation_table in [contract] "
                "(bekend: {known})"
            ),
            known=", ".join(tables.ids),
        )
    percent, target, rules = _clause_target(errors, prefix, raw, measure, bases)
    accepts = ()
    if "accepts" in raw:
        accepts = _codes(
            errors, f"{prefix}.accepts", raw["accepts"], reference.types, N_("soort bijdrage")
        )
        if not accepts and isinstance(raw["accepts"], list) and not raw["accepts"]:
            errors.add(f"{prefix}.accepts", N_("noem minstens één soort bijdrage"))
    groups = _codes(
        errors,
        f"{prefix}.eligible_groups",
        raw.get("eligible_groups", []),
        reference.groups,
        N_("doelgroep"),
    )
    min_hours = _decimal(errors, f"{prefix}.min_hours_per_week", raw.get("min_hours_per_week"))
    if min_hours is not None and not 0 < min_hours <= 60:
        errors.add(f"{prefix}.min_hours_per_week", N_("moet groter dan 0 en hoogstens 60 zijn"))
    months = _min_duration(errors, prefix, raw.get("min_duration_months"))
    start, deadline = _clause_period(errors, prefix, raw, contract_dates)
    milestones = _parse_milestones(
        errors, prefix, raw.get("milestone", []), (start, deadline, target), max_milestones
    )
    if len(errors) > before:
        return None
    return Clause(
        code,
        title,
        measure,
        target,
        accepts,
        start,
        deadline,
        groups,
        min_hours,
        months,
        milestones,
        percent,
        target_basis=rules[0],
        target_min=rules[1],
        target_max=rules[2],
    )


def _clause_target(errors, prefix, raw, measure, bases):
    """(target_percent, target, (basis, minimum, maximum)): a target above 0, whole for persons."""
    target = _decimal(errors, f"{prefix}.target", raw.get("target"))
    percent, target, rules = _percent_target(errors, prefix, raw, measure, bases, target)
    owed_nothing_yet = rules[0] == "invoiced" and target == 0  # nothing invoiced yet
    if target is not None and not owed_nothing_yet:
        if target <= 0:
            errors.add(f"{prefix}.target", N_("moet groter dan 0 zijn"))
        elif measure == "persons" and target != target.to_integral_value():
            errors.add(f"{prefix}.target", N_("een aantal personen is een geheel getal"))
    return percent, target, rules


def _min_duration(errors, prefix, months) -> int | None:
    if months is None:
        return None
    if not _is_number(months) or months != int(months) or not 0 < months <= MAX_MONTHS:
        errors.add(
            f"{prefix}.min_duration_months",
            N_("moet een geheel aantal maanden zijn, 1 tot {max}"),
            max=MAX_MONTHS,
        )
        return None
    return int(months)


def _clause_period(errors, prefix, raw, contract_dates):
    """The clause's start and deadline: the contract's when not given, and within it."""
    start = _date(errors, f"{prefix}.start", raw.get("start"))
    deadline = _date(errors, f"{prefix}.deadline", raw.get("deadline"))
    if contract_dates:
        start = start or (contract_dates[0] if "start" not in raw else None)
        deadline = deadline or (contract_dates[1] if "deadline" not in raw else None)
        if start and start < contract_dates[0]:
            errors.add(
                f"{prefix}.start",
                N_("ligt vóór de start van het contract ({day})"),
                day=contract_dates[0],
            )
        if deadline and deadline > contract_dates[1]:
            errors.add(
                f"{prefix}.deadline",
                N_("ligt na het einde van het contract ({day})"),
                day=contract_dates[1],
            )
    if start and deadline and deadline <= start:
        errors.add(f"{prefix}.deadline", N_("moet na de startdatum van de verplichting liggen"))
    return start, deadline


def _percent_target(errors, prefix, raw, measure, bases, target):
    """(percent, target, (basis, minimum, maximum)) of a clause (obligations.py)."""
    rules = parse_target_rules(errors, prefix, raw, _decimal)
    if "target_percent" not in raw:
        return None, target, rules
    return (*_target_percent(errors, prefix, raw, measure, bases, target, rules), rules)


def _target_percent(errors, prefix, raw, measure, bases, target, rules):
    """(percent, target): a euros target given as a share of the contract value (or of
    the turnover invoiced so far), rounded half up to whole cents, within its minimum and
    maximum, less the PSO discount (obligations.euros_target)."""
    basis, minimum, maximum = rules
    key = f"{prefix}.target_percent"
    if measure != "euros":
        errors.add(key, N_('alleen bij measure = "euros"; geef anders target'))
        return None, target
    if "target" in raw:
        errors.add(key, N_("geef target of target_percent, niet allebei"))
        return None, target
    percent = _decimal(errors, key, raw["target_percent"])
    if percent is None:
        return None, None
    if not 0 < percent <= 100:
        errors.add(key, N_("moet groter dan 0 en hoogstens 100 zijn"))
        return None, None
    if basis == "invoiced":
        return percent, euros_target(
            percent, bases.invoiced_eur, minimum, maximum, bases.pso_percent
        )
    if bases.value_eur is None:
        return percent, None
    amount = round_half_up(bases.value_eur * percent / 100)
    if amount <= 0:
        errors.add(key, N_("is van een contractwaarde van 0 euro; geef target in euro"))
        return None, None
    return percent, euros_target(percent, bases.value_eur, minimum, maximum, bases.pso_percent)


def _parse_composite(errors, prefix, raw):
    """A clause met by all, or any one, of other clauses; its branches are resolved later."""
    before = len(errors)
    present = [key for key in COMPOSITES if key in raw]
    for key in sorted(set(raw) - COMPOSITE_KEYS - set(COMPOSITES)):
        if key in CLAUSE_KEYS | CLAUSE_OPTIONAL:
            errors.add(
                f"{prefix}.{key}",
                N_(
                    "hoort niet bij een samengestelde verplichting "
                    "(all_of of any_of): die volgt haar onderdelen"
                ),
            )
        else:
            errors.add(
                f"{prefix}.{key}",
                N_("onbekende sleutel; controleer de spelling (toegestaan: {allowed})"),
                allowed=", ".join(sorted(COMPOSITE_KEYS | set(COMPOSITES))),
            )
    for key in sorted(COMPOSITE_KEYS - set(raw)):
        errors.add(f"{prefix}.{key}", N_("ontbreekt; deze sleutel is verplicht"))
    if len(present) > 1:
        errors.add(f"{prefix}.{present[1]}", N_("gebruik all_of of any_of, niet allebei"))
    measure = present[0]
    branches = raw[measure]
    if (
        not isinstance(branches, list)
        or not all(isinstance(b, str) for b in branches)
        or len(branches) < 2
    ):
        errors.add(
            f"{prefix}.{measure}",
            N_(
                "moet een lijst van minstens twee codes van andere verplichtingen zijn, "
                'bijvoorbeeld ["SR1", "SR2"]'
            ),
        )
        branches = []
    code = _text(errors, f"{prefix}.code", raw.get("code"), 20)
    if code is not None and not CLAUSE_CODE_PATTERN.match(code):
        errors.add(
            f"{prefix}.code",
            N_("gebruik 1-20 tekens: letters, cijfers, liggend streepje of koppelteken"),
        )
    title = _text(errors, f"{prefix}.title", raw.get("title"), 300)
    if len(errors) > before:
        return None
    # Start, deadline and target follow from the branches (_resolve_composites).
    return Clause(
        code,
        title,
        measure,
        Decimal(0),
        (),
        date.min,
        date.max,
        branches=tuple(b.strip() for b in branches),
    )


def _check_branches(errors, clause: Clause, clauses, numbers: dict, by_key: dict) -> None:
    """Each branch another clause of the contract, named once."""
    prefix = f"clause[{numbers[code_key(clause.code)]}].{clause.measure}"
    keys = [code_key(b) for b in clause.branches]
    for branch, key in zip(clause.branches, keys, strict=False):
        if key == code_key(clause.code):
            errors.add(prefix, N_("een verplichting kan geen onderdeel van zichzelf zijn"))
        elif key not in by_key:
            errors.add(
                prefix,
                N_("onbekende verplichting '{code}' (bekend: {known})"),
                code=branch,
                known=", ".join(c.code for c in clauses),
            )
    if len(set(keys)) < len(keys):
        errors.add(prefix, N_("noem elk onderdeel één keer"))


def _resolve_composites(errors, clauses: list[Clause], numbers: dict) -> list[Clause]:
    """Composites with their branch codes as the branches spell them, and their own period.

    A branch must be another clause of the contract, named once; composites may
    nest but never form a cycle.
    """
    by_key = {code_key(c.code): c for c in clauses}
    for clause in clauses:
        _check_branches(errors, clause, clauses, numbers, by_key)
    if errors:
        return clauses
    resolved: dict[str, Clause] = {}

    def resolve(clause: Clause, path: tuple[str, ...]) -> Clause | None:
        key = code_key(clause.code)
        if key in resolved or not clause.composite:
            return resolved.get(key, clause)
        if key in path:
            return None
        found = [resolve(by_key[code_key(b)], (*path, key)) for b in clause.branches]
        branches = [b for b in found if b is not None]
        if len(branches) < len(found):
            return None
        done = replace(
            clause,
            branches=tuple(b.code for b in branches),
            target=Decimal(len(branches) if clause.measure == "all_of" else 1),
            start=min(b.start for b in branches),
            deadline=max(b.deadline for b in branches),
        )
        resolved[key] = done
        return done

    for clause in clauses:
        if clause.composite and resolve(clause, ()) is None:
            errors.add(
                f"clause[{numbers[code_key(clause.code)]}].{clause.measure}",
                N_("de samengestelde verplichtingen verwijzen in een kring naar elkaar"),
            )
            return clauses
    return [resolved.get(code_key(c.code), c) for c in clauses]


def _parse_milestones(errors, prefix, raw, clause, max_milestones):
    start, deadline, target = clause
    if not isinstance(raw, list) or not all(isinstance(m, dict) for m in raw):
        errors.add(f"{prefix}.milestone", N_("schrijf mijlpalen als [[clause.milestone]]-tabellen"))
        return ()
    if len(raw) > max_milestones:
        errors.add(f"{prefix}.milestone", N_("ten hoogste {max} mijlpalen"), max=max_milestones)
        return ()
    milestones, previous = [], None
    for number, item in enumerate(raw, start=1):
        key = f"{prefix}.milestone[{number}]"
        _check_keys(errors, key, item, MILESTONE_KEYS, set())
        day = _date(errors, f"{key}.date", item.get("date"))
        value = _decimal(errors, f"{key}.target", item.get("target"))
        if day and start and deadline and not start < day < deadline:
            errors.add(
                f"{key}.date",
                N_(
                    "moet tussen de start ({start}) en de deadline "
                    "({deadline}) van de verplichting liggen"
                ),
                start=start,
                deadline=deadline,
            )
        if value is not None and (value < 0 or (target is not None and value > target)):
            errors.add(f"{key}.target", N_("moet tussen 0 en het doel van de verplichting liggen"))
        if previous and day and previous.date and day <= previous.date:
            errors.add(f"{key}.date", N_("moet na de datum van de vorige mijlpaal liggen"))
        if (
            previous
            and value is not None
            and previous.target is not None
            and value < previous.target
        ):
            errors.add(f"{key}.target", N_("mag niet lager zijn dan de vorige mijlpaal"))
        previous = Milestone(day, value)
        milestones.append(previous)
    return tuple(milestones)


def read_contract_file(
    content: bytes, reference, default_due_days: int, max_milestones: int = MAX_MILESTONES
):
    """Parse TOML bytes; a syntax error is reported like any other error."""
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [FieldError("", Message(N_("het bestand is geen UTF-8-tekst")))]
    except tomllib.TOMLDecodeError as exc:
        return None, [
            FieldError("", Message(N_("geen geldige TOML: {detail}"), {"detail": str(exc)}))
        ]
    return parse_contract(data, reference, default_due_days, max_milestones=max_milestones)


def conflicts_with_stored(
    contract: Contract,
    has_accepted_report: bool,
    stored_reporting: str,
    reported_clause_codes: set[str],
) -> list:
    """Rules that depend on what is stored: reporting and reported clauses are fixed."""
    errors = _Errors()
    if has_accepted_report and contract.reporting != stored_reporting:
        errors.add(
            "contract.reporting",
            N_(
                "kan niet meer veranderen: het contract heeft al een "
                "geaccepteerde rapportage (nu: {current})"
            ),
            current=stored_reporting,
        )
    kept = {code_key(c.code) for c in contract.clauses}
    for code in sorted(reported_clause_codes):
        if code_key(code) not in kept:
            errors.add(
                "clause",
                N_(
                    "verplichting {code} heeft gerapporteerde regels en kan niet "
                    "worden verwijderd; archiveer het contract in plaats daarvan"
                ),
                code=code,
            )
    return list(errors)


def _file_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def enforcement_keys(contract: Contract) -> dict:
    """The [contract] keys of enforcement.md, as a file would give them."""
    keys: dict[str, object] = {}
    if contract.obligation != "result":
        keys["obligation"] = contract.obligation
    rules = contract.enforcement
    if rules is not None:
        table = {"basis": rules.basis, "remedial_days": rules.remedial_days}
        for name in ("rate", "per_unit_eur", "cap_eur"):
            if getattr(rules, name) is not None:
                table[name] = _file_number(getattr(rules, name))
        keys["enforcement"] = table
    return keys


def extension_keys(contract: Contract) -> dict:
    """The [contract] keys of the valuation extension, as a file would give them."""
    keys = enforcement_keys(contract)
    if contract.valuation_table is not None:
        keys["valuation_table"] = contract.valuation_table
        if contract.valuation_version is not None:
            keys["valuation_version"] = contract.valuation_version
    if contract.pso_step is not None:
        keys["pso_step"] = contract.pso_step
    if contract.invoiced:
        keys["invoiced"] = [
            {"period": i.period, "amount_eur": _file_number(i.amount_eur)}
            for i in contract.invoiced
        ]
    return keys


def as_file_clause(clause: Clause, table: dict) -> dict:
    """A [[clause]] mapping made from the base keys (``table``), as a file would give it:
    a composite names only its branches, a percentage target replaces ``target``."""
    if clause.composite:
        return {"code": clause.code, "title": clause.title, clause.measure: list(clause.branches)}
    if clause.target_percent is not None:
        table = {k: v for k, v in table.items() if k != "target"}
        table["target_percent"] = _file_number(clause.target_percent)
        if clause.target_basis != "contract_value":
            table["target_basis"] = clause.target_basis
        for key, amount in (
            ("target_min_eur", clause.target_min),
            ("target_max_eur", clause.target_max),
        ):
            if amount is not None:
                table[key] = _file_number(amount)
    if clause.value_eur is not None:
        table["value_eur"] = _file_number(clause.value_eur)
    return table
