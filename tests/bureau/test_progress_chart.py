"""The progress series per clause (pure) and its chart on the contract page."""

import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from srtracker.bureau.progress import contract_charts
from srtracker.db import db
from srtracker.domain.counting import AcceptedReport
from srtracker.domain.periods import parse_period
from srtracker.domain.progress import period_reports, plan_line, progress_series
from srtracker.models import Report
from srtracker.store.contracts import find
from tests.compliance.test_check import HH014, add_report
from tests.domain.test_compliance_example import CONTRACT, Q1_ROWS

Q1, Q2 = parse_period("quarterly", "2026-Q1"), parse_period("quarterly", "2026-Q2")


def figures(series, code):
    return [(p.period, p.reporting_date, p.realised, p.expected, p.target) for p in series[code]]


def test_one_point_per_reported_period_at_that_periods_end():
    # Q2 repeats Q1's rows (reports are cumulative): only E moves.
    reports = [AcceptedReport(1, Q1, 1), AcceptedReport(2, Q2, 2)]
    series = progress_series(CONTRACT, reports, {1: Q1_ROWS, 2: Q1_ROWS}, ())
    # SR1 follows the milestone 4 at 2026-12-31: 4 * 89/364 at Q1's end, 4 * 180/364 at Q2's.
    assert figures(series, "SR1") == [
        ("2026-Q1", date(2026, 3, 31), 3, Fraction(4 * 89, 364), Decimal(10)),
        ("2026-Q2", date(2026, 6, 30), 3, Fraction(4 * 180, 364), Decimal(10)),
    ]
    # SR2: 8 h/week over 56 days + 14 h/week over 28 = 120 h at Q1; over 147 and 119 days = 406
    # at Q2; expected 4000 * 89/729 and 4000 * 180/729.
    assert figures(series, "SR2") == [
        ("2026-Q1", date(2026, 3, 31), 120, Fraction(4000 * 89, 729), Decimal(4000)),
        ("2026-Q2", date(2026, 6, 30), 406, Fraction(4000 * 180, 729), Decimal(4000)),
    ]


def test_the_newest_upload_of_a_period_counts_and_rejections_apply():
    older, newer = AcceptedReport(1, Q1, 1), AcceptedReport(2, Q1, 2)
    assert period_reports([newer, older]) == [newer]
    series = progress_series(CONTRACT, [older, newer], {1: (), 2: Q1_ROWS}, [("SR1", " k-001 ")])
    assert [p.realised for p in series["SR1"]] == [2]


def test_no_accepted_report_gives_no_points_and_the_plan_follows_the_milestones():
    assert progress_series(CONTRACT, [], {}, ()) == {"SR1": [], "SR2": []}
    assert plan_line(CONTRACT.clauses[0]) == [
        (date(2026, 1, 1), 0),
        (date(2026, 12, 31), 4),
        (date(2027, 12, 31), 10),
    ]


@pytest.fixture
def hh014_two_quarters(runner, conn, auth):
    assert runner.invoke(args=["load-contracts", str(HH014)]).exit_code == 0
    contract = find("2026-HH-014")
    add_report(contract, "2026-Q1")
    add_report(contract, "2026-Q2")
    return contract


def test_the_contract_page_shows_an_svg_chart_with_its_text_and_table(
    client, auth, hh014_two_quarters
):
    auth.login("supplier")
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart"') == 2
    assert '<title id="progress-SR2-title">' in page
    assert 'aria-labelledby="progress-SR2-title progress-SR2-desc"' in page
    assert "2026-Q2 (peildatum 30-06-2026): gerealiseerd 406, verwacht 987,65." in page
    table = page[page.index('id="progress-SR2-head"') :]
    assert '<th scope="row">2026-Q1</th>' in table and "488,34" in table and "987,65" in table
    assert 'href="/contracts/2026-HH-014/clauses/SR2"' in table
    # Drawn on the server: the page's only script is the table roles' (static/tables.js).
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/tables.js" defer>']


def test_the_chart_needs_a_fixed_number_of_queries(app, hh014_two_quarters, monkeypatch):
    """Loading the chart does not grow with the number of reports (no query per period)."""
    executed = []
    original = db.obj.execute_sql
    monkeypatch.setattr(
        db.obj, "execute_sql", lambda sql, *a, **k: executed.append(sql) or original(sql, *a, **k)
    )
    with app.test_request_context():  # the chart's labels are translated
        contract_charts(hh014_two_quarters)
        with_two = len(executed)
        third = add_report(hh014_two_quarters, "2026-Q1")
        Report.update(period="2026-Q3", period_end=date(2026, 9, 30)).where(
            Report.id == third.id
        ).execute()
        executed.clear()
        charts = contract_charts(hh014_two_quarters)
    assert [p.period for p in charts["SR1"].points] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert len(executed) == with_two
