"""Obligations as municipalities write them (issue 18, docs/valuation.md).

A euros target given as a percentage may have a minimum and a maximum in euros
(Súdwest-Fryslân: at least 2%, at most EUR 300,000 per contract), may be a
percentage of the turnover invoiced so far instead of the contract value (framework
contracts: the officer records the invoiced amount per period), and may be lowered by
the PSO certificate step the supplier holds, where the pinned table says by how much.
The contract file and the officer's forms reach these rules through contract_file.py,
so both validate alike.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from .figures import round_half_up
from .labels import PSO_STEP_LABELS, REPORTING_LABELS
from .periods import parse_period
from .text import N_, Label

if TYPE_CHECKING:
    from .valuation_tables import Catalogue

TARGET_BASES = ("contract_value", "invoiced")
INVOICED_KEYS = {"period", "amount_eur"}


@dataclass(frozen=True)
class Invoiced:
    """The turnover invoiced in one reporting period (excl. VAT), as the officer recorded it."""

    period: str
    amount_eur: Decimal


@dataclass(frozen=True)
class TargetBases:
    """What a percentage target is taken of: the contract value, the invoiced turnover,
    and the PSO discount that applies to every euros target of the contract."""

    value_eur: Decimal | None
    invoiced_eur: Decimal = Decimal(0)
    pso_percent: Decimal | None = None


def euros_target(
    percent: Decimal,
    base: Decimal,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    pso_percent: Decimal | None = None,
) -> Decimal:
    """percent of base, rounded half up to cents; then within [minimum, maximum]; then the
    PSO discount off the result, rounded again."""
    amount = round_half_up(base * percent / 100)
    if minimum is not None and amount < minimum:
        amount = minimum
    if maximum is not None and amount > maximum:
        amount = maximum
    if pso_percent is not None:
        amount = round_half_up(amount * (100 - pso_percent) / 100)
    return amount


def invoiced_total(invoiced) -> Decimal:
    return sum((i.amount_eur for i in invoiced), Decimal(0))


def parse_invoiced(errors, raw, reporting, start: date | None, end: date | None, number):
    """[[contract.invoiced]]: per reporting period of the contract, the amount invoiced."""
    key = "contract.invoiced"
    if not isinstance(raw, list) or not all(isinstance(i, dict) for i in raw):
        errors.add(key, N_("schrijf gefactureerde bedragen als [[contract.invoiced]]-tabellen"))
        return ()
    found, seen = [], set()
    for position, item in enumerate(raw, start=1):
        prefix = f"{key}[{position}]"
        for name in sorted(set(item) - INVOICED_KEYS):
            errors.add(
                f"{prefix}.{name}",
                N_("onbekende sleutel; controleer de spelling (toegestaan: {allowed})"),
                allowed=", ".join(sorted(INVOICED_KEYS)),
            )
        for name in sorted(INVOICED_KEYS - set(item)):
            errors.add(f"{prefix}.{name}", N_("ontbreekt; deze sleutel is verplicht"))
        period = _period(errors, f"{prefix}.period", item.get("period"), reporting, start, end)
        amount = number(errors, f"{prefix}.amount_eur", item.get("amount_eur"))
        if amount is not None and amount < 0:
            errors.add(f"{prefix}.amount_eur", N_("mag niet negatief zijn"))
            amount = None
        if period is not None and period in seen:
            errors.add(
                f"{prefix}.period",
                N_("periode {period} staat er al; geef per periode één bedrag"),
                period=period,
            )
        elif period is not None and amount is not None:
            seen.add(period)
            found.append(Invoiced(period, amount))
    return tuple(sorted(found, key=lambda i: i.period))


def _period(errors, key, value, reporting, start, end) -> str | None:
    if value is None or reporting is None:
        return None
    period = parse_period(reporting, value) if isinstance(value, str) else None
    if period is None:
        errors.add(
            key,
            N_("is geen periode van dit contract ({reporting}), bijvoorbeeld {example}"),
            reporting=Label(REPORTING_LABELS[reporting]),
            example={
                "monthly": "2026-03",
                "quarterly": "2026-Q1",
                "half-yearly": "2026-H1",
                "yearly": "2026",
            }[reporting],
        )
        return None
    if start and end and (period.end < start or period.start > end):
        errors.add(
            key,
            N_("valt buiten de looptijd van het contract ({start} tot en met {end})"),
            start=start,
            end=end,
        )
        return None
    return period.key


def parse_pso_step(errors, head: dict, table: str | None, version, tables: "Catalogue"):
    """[contract] pso_step: the PSO step the supplier holds; (step, percent off)."""
    from .valuation_tables import PSO_STEPS  # the tables' module: read only by a contract file

    step = head.get("pso_step")
    if step is None:
        return None, None
    key = "contract.pso_step"
    if step not in PSO_STEPS:
        errors.add(key, N_("kies uit {choices}"), choices=", ".join(PSO_STEPS))
        return None, None
    if table is None or version is None:
        errors.add(
            key,
            N_(
                "noem ook valuation_table en valuation_version: de korting per trede "
                "staat in één versie van een waarderingstabel"
            ),
        )
        return None, None
    found = tables.get(table, version)
    if found is None:
        return None, None
    if step not in found.pso_discounts:
        errors.add(
            key,
            N_(
                "waarderingstabel {table} versie {version} geeft geen PSO-korting voor "
                "{step} (wel voor: {known})"
            ),
            table=table,
            version=version,
            step=Label(PSO_STEP_LABELS[step]),
            known=tuple(Label(PSO_STEP_LABELS.get(k, k)) for k in found.pso_discounts) or "-",
        )
        return None, None
    return step, found.pso_discounts[step]


def parse_target_rules(errors, prefix: str, raw: dict, number):
    """The clause keys next to target_percent: target_basis, target_min_eur, target_max_eur.

    Returns (basis, minimum, maximum); each is refused without target_percent.
    """
    basis = raw.get("target_basis", "contract_value")
    given = [k for k in ("target_basis", "target_min_eur", "target_max_eur") if k in raw]
    if given and "target_percent" not in raw:
        for name in given:
            errors.add(f"{prefix}.{name}", N_("alleen naast target_percent"))
        return "contract_value", None, None
    if basis not in TARGET_BASES:
        errors.add(
            f"{prefix}.target_basis", N_("kies uit {choices}"), choices=", ".join(TARGET_BASES)
        )
        basis = "contract_value"
    minimum = number(errors, f"{prefix}.target_min_eur", raw.get("target_min_eur"))
    maximum = number(errors, f"{prefix}.target_max_eur", raw.get("target_max_eur"))
    for name, amount in (("target_min_eur", minimum), ("target_max_eur", maximum)):
        if amount is not None and amount <= 0:
            errors.add(f"{prefix}.{name}", N_("moet groter dan 0 zijn"))
    if minimum is not None and maximum is not None and maximum < minimum:
        errors.add(f"{prefix}.target_max_eur", N_("is lager dan target_min_eur"))
    if basis == "invoiced" and raw.get("milestone"):
        errors.add(
            f"{prefix}.milestone",
            N_(
                "een doel over de gefactureerde omzet groeit met de facturen; "
                "mijlpalen in euro passen daar niet bij"
            ),
        )
    return basis, minimum, maximum
