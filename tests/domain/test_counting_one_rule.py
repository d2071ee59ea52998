"""split_rows and week_days run the check's per-row loop once per clause (issue 19); over
varied rows they give what exclusion_reason and counted_days give row by row."""

import random
from datetime import date, timedelta
from decimal import Decimal

from srtracker.domain.contracts import Clause
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import (
    NOT_APPROVED,
    REJECTED_BY_BUREAU,
    counted_days,
    exclusion_reason,
    split_rows,
    week_days,
)

CLAUSES = [
    Clause(
        "SR1",
        "Plaatsingen",
        "persons",
        Decimal(10),
        ("placement",),
        date(2026, 1, 1),
        date(2026, 12, 31),
        eligible_groups=("participatiewet", "wajong"),
        min_hours_per_week=Decimal(24),
        min_duration_months=6,
    ),
    Clause(
        "SR2", "Uren", "hours", Decimal(4000), ("training",), date(2026, 1, 1), date(2027, 6, 30)
    ),
]


def rows(count: int, seed: int) -> list[Contribution]:
    pick = random.Random(seed)
    made = []
    for number in range(1, count + 1):
        start = date(2025, 11, 1) + timedelta(days=pick.randrange(900))
        end = pick.choice([None, start + timedelta(days=pick.randrange(-30, 400))])
        made.append(
            Contribution(
                number,
                f"K-{pick.randrange(40):03}",
                "SR1",
                pick.choice(["placement", "training", "internship"]),
                start,
                pick.choice([None, "participatiewet", "wajong", "other"]),
                end,
                pick.choice([None, Decimal("12.5"), Decimal(24), Decimal("32.25")]),
            )
        )
    return made


def test_split_rows_gives_each_row_exclusion_reasons_reason():
    given = rows(2000, 1)
    refused = {f"k-{n:03}": pick for n, pick in ((3, REJECTED_BY_BUREAU), (7, NOT_APPROVED))}
    elsewhere = frozenset(range(5, 2000, 37))
    for clause in CLAUSES:
        for reporting_date in (date(2026, 6, 30), date(2027, 12, 31)):
            counting, excluded = split_rows(clause, given, reporting_date, refused, elsewhere)
            reasons = {e.row.row: e.reason for e in excluded}
            for row in given:
                expected = exclusion_reason(clause, row, reporting_date, refused, elsewhere)
                assert reasons.get(row.row) == expected
            assert [r.row for r in counting] == [
                r.row
                for r in given
                if exclusion_reason(clause, r, reporting_date, refused, elsewhere) is None
            ]


def test_week_days_is_the_sum_of_hours_times_counted_days():
    given = rows(2000, 2)
    cut = {n: n % 11 for n in range(1, 2000, 13)}
    for clause in CLAUSES:
        for reporting_date in (date(2026, 6, 30), date(2027, 12, 31)):
            expected = sum(
                (
                    r.hours_per_week * (counted_days(clause, r, reporting_date) - cut.get(r.row, 0))
                    for r in given
                    if r.hours_per_week is not None
                ),
                Decimal(0),
            )
            assert week_days(clause, given, reporting_date, cut) == expected
