"""The pre-filled progress workbook for a contract and period."""

from flask import current_app

from ..clock import today
from ..domain.periods import Period
from ..models import Contract
from ..store.contracts import to_domain
from ..store.reports import (
    UnknownPeriod,
    previous_report,
    reportable_periods,
    resolve_period,
    rows_of,
)
from ..store.signoff import uses_bureau_ref
from ..workbook.template import write_template


def default_period(contract: Contract) -> Period:
    """The latest period that has ended (its report is the one asked for), else the current one."""
    started = reportable_periods(contract, today())
    if not started:
        raise UnknownPeriod(f"contract {contract.reference} has not started yet")
    ended = [p for p in started if p.end < today()]
    return ended[0] if ended else started[0]


def template_for(
    contract: Contract, period_text: str | None = None, lang: str | None = None
) -> tuple[bytes, Period]:
    """The workbook, with the rows of the previous accepted report filled in."""
    period = (
        resolve_period(contract, period_text, today()) if period_text else default_period(contract)
    )
    previous = previous_report(contract, period)
    data = write_template(
        to_domain(contract),
        period,
        current_app.config["REFERENCE"],
        rows_of(previous) if previous else [],
        lang or current_app.config["LANGUAGE"],
        bureau_ref=uses_bureau_ref(contract),
    )
    return data, period
