"""The check reads every row back as it was stored, its optional columns (the note and the
valuation extension) too: store.checks.report_rows reads those only for the rows that
hold one (issue 19), so reports mixing such rows with plain ones must read back whole."""

from datetime import date
from decimal import Decimal

import pytest

from srtracker.domain.contributions import Contribution
from srtracker.models import Clause, Report
from srtracker.store import checks
from srtracker.store.checks import report_rows
from srtracker.store.contracts import find
from srtracker.store.reports import _store_rows
from tests.compliance.test_check import HH014, PERIOD_ENDS

ENDS = {**PERIOD_ENDS, "2026-Q3": date(2026, 9, 30)}

PLAIN = dict(target_group="participatiewet", hours_per_week=Decimal("32"))
WITH_OPTIONAL = [
    dict(note="Start na de zomer; zie mail"),
    dict(benefit_months=14),
    dict(age_bracket="50+"),
    dict(permanent_contract=True),
    dict(permanent_contract=False),
    dict(purchased_from="sw"),
    dict(statushouder=False),
    dict(level="hbo"),
    dict(quantity=Decimal("12.5"), amount_eur=Decimal("1250.75")),
    dict(note="alles", benefit_months=0, age_bracket="<50", statushouder=True, level="mbo2"),
]


def contributions(optional_every: int) -> list[Contribution]:
    rows = []
    for number in range(2, 62):
        extra = {"bureau_ref": f"B-{number}"} if number % 3 == 0 else {}
        if optional_every and number % optional_every == 0:
            extra.update(WITH_OPTIONAL[number % len(WITH_OPTIONAL)])
        values = {**PLAIN, **extra}
        rows.append(
            Contribution(number, f"K-{number:03d}", "SR1", "placement", date(2026, 1, 5), **values)
        )
    return rows


def stored_report(period: str, rows: list[Contribution]) -> Report:
    contract = find("2026-HH-014")
    report = Report.create(
        contract=contract,
        period=period,
        period_end=ENDS[period],
        status="accepted",
        sha256="0" * 64,
        rows=len(rows),
    )
    _store_rows(report.id, contract, rows)
    return report


@pytest.mark.parametrize("per_query", [500, 1])
def test_reports_with_and_without_optional_values_read_back_as_stored(
    runner, conn, monkeypatch, per_query
):
    """In one query; and one report a query, where the first report's many optional
    values have the others read whole."""
    monkeypatch.setattr(checks, "REPORTS_PER_QUERY", per_query)
    assert runner.invoke(args=["load-contracts", str(HH014)]).exit_code == 0
    mixed, plain, every = contributions(4), contributions(0), contributions(1)
    reports = [
        stored_report("2026-Q1", mixed),
        stored_report("2026-Q2", plain),
        stored_report("2026-Q3", every),
    ]
    codes = dict(Clause.select(Clause.id, Clause.code).tuples())

    read = report_rows([r.id for r in reports], codes)

    assert [read[r.id] for r in reports] == [mixed, plain, every]
    assert all(
        type(value) is type(expected)
        for report, rows in zip(reports, (mixed, plain, every), strict=True)
        for got, want in zip(read[report.id], rows, strict=True)
        for value, expected in zip(got, want, strict=True)
        if expected is not None
    )
