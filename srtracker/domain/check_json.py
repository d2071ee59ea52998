"""Figures and objects of ``srtracker check --json`` (cli.md), rounded only here."""

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .compliance import ClauseResult, ContractCheck
from .composite import remaining
from .contracts import COMPOSITES
from .figures import cents_half_up, round_half_up
from .flag_rules import Flag, Resolution
from .ledger import DOUBLE_COUNTED


def json_figure(
    value: Fraction | Decimal | int | None, whole_as_int: bool = False
) -> int | float | None:
    """A JSON number with at most two decimals; an integer when whole and ``whole_as_int``.

    In whole hundredths: ``cents / 100`` is the float nearest the rounded figure, as
    ``float(round_half_up(value))`` is."""
    if value is None:
        return None
    if isinstance(value, Decimal):  # as given: -0.001 shows as -0.0
        rounded = round_half_up(value)
        if whole_as_int and rounded == rounded.to_integral_value():
            return int(rounded)
        return float(rounded)
    cents = cents_half_up(value)
    if whole_as_int and cents % 100 == 0:
        return cents // 100
    return cents / 100


def _figures(result: ClauseResult) -> dict:
    counted = result.measure in ("persons", *COMPOSITES)
    return {
        "target": json_figure(result.target, whole_as_int=True),
        "realised": json_figure(result.realised, whole_as_int=counted),
        "expected": json_figure(result.expected),
    }


def clause_json(result: ClauseResult) -> dict:
    """The spec's keys; a euros clause given as a percentage adds ``target_percent``, a
    composite its ``branches`` with what is left on each (docs/valuation.md)."""
    document = {
        "contract": result.contract,
        "clause": result.code,
        "measure": result.measure,
        **_figures(result),
        "status": result.status,
        "report_period": result.report_period,
        "excluded": result.excluded_counts,
        "pending": json_figure(
            result.pending, whole_as_int=result.measure in ("persons", *COMPOSITES)
        ),
    }
    if result.clause.target_percent is not None:
        document["target_percent"] = json_figure(result.clause.target_percent, whole_as_int=True)
    if result.clause.composite:
        document["branches"] = [
            {
                "clause": b.code,
                "measure": b.measure,
                **_figures(b),
                "status": b.status,
                "remaining": json_figure(
                    remaining(b.target, b.realised),
                    whole_as_int=b.measure in ("persons", *COMPOSITES),
                ),
            }
            for b in result.branches
        ]
    return document


def flag_json(flag: Flag) -> dict:
    document = {
        "contract": flag.contract,
        "clause": flag.clause,
        "kind": flag.kind,
        "period": flag.period,
    }
    if flag.kind == DOUBLE_COUNTED:
        document["candidate"] = flag.candidate
        document["other_contract"] = flag.other_contract
        document["other_clause"] = flag.other_clause
    return document


def resolution_json(resolution: Resolution) -> dict:
    return {**flag_json(resolution.flag), "reason": resolution.reason}


def check_json(
    as_of: date,
    checks: Iterable[ContractCheck],
    opened: Iterable[Flag],
    resolved: Iterable[Resolution],
    open_flags: Iterable[Flag],
    stored: bool = True,
    clause_keys: Callable[[ClauseResult], dict] | None = None,
) -> dict:
    """The whole ``check --json`` object; ``"stored": false`` only for a check that stored
    nothing. ``clause_keys`` adds keys to each clause (enforcement.md's ``enforcement`` and
    ``unrealised_value``)."""
    document: dict[str, object] = {
        "as_of": as_of.isoformat(),
        "clauses": [
            {**clause_json(r), **(clause_keys(r) if clause_keys else {})}
            for check in checks
            for r in check.clauses
        ],
        "flags_opened": [flag_json(f) for f in opened],
        "flags_resolved": [resolution_json(r) for r in resolved],
        "open_flags": [flag_json(f) for f in open_flags],
    }
    if not stored:
        document["stored"] = False
    return document
