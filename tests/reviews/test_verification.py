"""The verified figure, by hand, on the worked example of cli.md (pure, no database)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from srtracker.domain.compliance import check_contract
from srtracker.domain.verification import verified_figure
from tests.domain.test_compliance_example import AS_OF, CONTRACT, Q1_ROWS, REPORTS


def results(rows=Q1_ROWS, rejections=()):
    sr1, sr2 = check_contract(CONTRACT, REPORTS, rows, rejections, AS_OF).clauses
    return sr1, sr2


def test_persons_count_verified_candidates_that_count_once_each():
    sr1, _ = results()
    assert verified_figure(sr1, set()) == 0
    assert verified_figure(sr1, {"k-001", "k-003"}) == 2
    assert verified_figure(sr1, {"k-004"}) == 0  # excluded: ineligible group
    assert verified_figure(sr1, {"k-010"}) == 0  # counts under SR2, not SR1


def test_a_rejected_candidate_adds_nothing_even_if_once_verified():
    sr1, _ = results(rejections=[("SR1", "K-001")])
    assert verified_figure(sr1, {"k-001", "k-002"}) == 1


def test_hours_sum_the_counting_rows_of_verified_candidates():
    _, sr2 = results()
    assert verified_figure(sr2, {"k-010"}) == 64  # 8 h/week * 56 days / 7
    assert verified_figure(sr2, {"k-011"}) == 56  # 14 h/week * 28 days / 7
    assert verified_figure(sr2, {"k-010", "k-011"}) == sr2.realised == 120


def test_hours_of_two_rows_of_one_candidate_both_count():
    second = Q1_ROWS[4]._replace(
        row=8, start_date=date(2026, 3, 25), hours_per_week=Decimal("3.5")
    )  # 7 days to E: 3.5 * 7 / 7 = 3.5
    _, sr2 = results(rows=(*Q1_ROWS, second))
    assert verified_figure(sr2, {"k-010"}) == Fraction(64) + Fraction(7, 2)


def test_without_a_counting_report_nothing_is_verified():
    sr1, sr2 = check_contract(CONTRACT, (), (), (), AS_OF).clauses
    assert verified_figure(sr1, {"k-001"}) == verified_figure(sr2, {"k-010"}) == 0
