"""Valuing rows with the shipped tables; every expected value is worked out by hand."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from srtracker.domain.compliance import check_contract
from srtracker.domain.contracts import Clause, Contract
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import AcceptedReport
from srtracker.domain.explain import explain
from srtracker.domain.explain_messages_en import translate as english
from srtracker.domain.periods import parse_period
from srtracker.domain.valuation import months_between, pin_version, value_rows
from srtracker.domain.valuation_tables import shipped_tables

TABLES = shipped_tables()
OOST = TABLES.get("oost-nederland", 5)
UTRECHT_1, UTRECHT_2 = TABLES.get("utrecht", 1), TABLES.get("utrecht", 2)
HARLINGEN = TABLES.get("harlingen", 1)

ALL_TYPES = (
    "placement",
    "apprenticeship",
    "internship",
    "work_experience",
    "training",
    "social_purchase",
)
SR1 = Clause(
    "SR1",
    "Social return 5%",
    "euros",
    Decimal(60000),
    ALL_TYPES,
    date(2025, 1, 1),
    date(2028, 12, 31),
)
E = date(2026, 12, 31)


def row(
    ref="K-1",
    kind="placement",
    group="participatiewet",
    start=date(2026, 1, 1),
    end=None,
    hours=36,
    number=2,
    **valued,
):
    return Contribution(
        number,
        ref,
        "SR1",
        kind,
        start,
        group,
        end,
        None if hours is None else Decimal(hours),
        **valued,
    )


def purchase(amount, source=None, number=2):
    return Contribution(
        number,
        f"INK-{number}",
        "SR1",
        "social_purchase",
        date(2026, 3, 1),
        amount_eur=Decimal(amount),
        purchased_from=source,
    )


def values(table, *rows, clause=SR1, at=E):
    return [v.value for v in value_rows(table, clause, rows, at).rows]


def text(table, *rows, clause=SR1, at=E, translate=lambda m: m):
    return [v.text(translate) for v in value_rows(table, clause, rows, at).rows]


# -- duration -------------------------------------------------------------------------------


def test_months_are_whole_calendar_months_then_days_of_the_next_month():
    assert months_between(date(2026, 1, 1), date(2026, 9, 30)) == 9
    # 2026-01-15 .. 2026-08-14 is 7 months; 08-15 .. 08-20 is 6 of the 31 days to 09-14
    assert months_between(date(2026, 1, 15), date(2026, 8, 20)) == 7 + Fraction(6, 31)
    # EDATE clamps: one month from 31 January ends on 27 February (as compliance.md's rule 5)
    assert months_between(date(2026, 1, 31), date(2026, 2, 27)) == 1
    assert months_between(date(2026, 1, 1), date(2026, 1, 1)) == Fraction(1, 31)
    assert months_between(date(2026, 2, 1), date(2026, 1, 31)) == 0


# -- Oost-Nederland V05 ---------------------------------------------------------------------


def test_pro_rata_by_hours_and_months():
    # Participatiewet > 2 jaar: 40000 * 24/36 * 7/12 = 15555.555.. -> 15555.56
    long_benefit = row(hours=24, end=date(2026, 7, 31), benefit_months=30)
    assert values(OOST, long_benefit) == [Decimal("15555.56")]
    assert text(OOST, long_benefit) == [
        "Participatiewet > 2 jaar (€ 40000 per jaar), 24 van 36 uur per week, 7 maanden: € 15555.56"
    ]
    assert text(OOST, long_benefit, translate=english) == [
        "Participation Act > 2 years (€ 40000 a year), 24 of 36 hours a week, 7 months: € 15555.56"
    ]


def test_benefit_duration_picks_the_block_at_24_and_25_months_and_blank_is_the_lower():
    # 30000 or 40000 a year, full time, 12 months in 2026
    assert values(OOST, row(benefit_months=24)) == [Decimal(30000)]
    assert values(OOST, row(benefit_months=25)) == [Decimal(40000)]
    assert values(OOST, row()) == [Decimal(30000)]
    # WW: 12 months is "< 1 jaar" (10000), 13 is "> 1 jaar" (15000), both capped at 12 months
    assert values(OOST, row(group="ww", benefit_months=12)) == [Decimal(10000)]
    assert values(OOST, row(group="ww", benefit_months=13)) == [Decimal(15000)]


def test_a_partial_month_counts_its_days():
    # WW < 1 jaar, 10000 * 36/36 * (7 + 6/31)/12 = 2230000/372 = 5994.623.. -> 5994.62
    assert values(OOST, row(group="ww", start=date(2026, 1, 15), end=date(2026, 8, 20))) == [
        Decimal("5994.62")
    ]
    assert text(OOST, row(group="ww", start=date(2026, 1, 15), end=date(2026, 8, 20)))[0].endswith(
        "7 maanden en 6 dagen: € 5994.62"
    )


def test_hours_above_full_time_count_as_full_time():
    # 40 hours counts as 36 of 36: Participatiewet < 2 jaar, 30000 * 12/12
    assert values(OOST, row(hours=40)) == [Decimal(30000)]
    assert "40 uur per week, telt als 36 van 36" in text(OOST, row(hours=40))[0]


def test_the_cap_of_two_years_runs_from_the_first_day():
    e = date(2027, 6, 30)
    # one row from 2025-01-01: counted through 2026-12-31, 24 months: 30000 * 24/12 = 60000
    assert values(OOST, row(start=date(2025, 1, 1)), at=e) == [Decimal(60000)]
    assert (
        "geteld tot en met 2026-12-31: hoogstens 24 maanden vanaf de eerste dag "
        "(2025-01-01)" in text(OOST, row(start=date(2025, 1, 1)), at=e)[0]
    )
    # exactly at the cap: nothing cut, no remark
    exact = row(start=date(2025, 1, 1), end=date(2026, 12, 31))
    assert values(OOST, exact, at=e) == [Decimal(60000)]
    assert "geteld tot en met" not in text(OOST, exact, at=e)[0]
    # two rows of one candidate share the cap: 12 months in 2025 (30000), then from
    # 2026-03-01 only through 2026-12-31, 10 months (30000 * 10/12 = 25000)
    first = row(start=date(2025, 1, 1), end=date(2025, 12, 31))
    second = row(start=date(2026, 3, 1), number=3)
    assert values(OOST, first, second, at=e) == [Decimal(30000), Decimal(25000)]
    # another candidate has a cap of their own
    other = row(ref="K-2", start=date(2026, 3, 1), number=3)
    assert values(OOST, first, other, at=e) == [Decimal(30000), Decimal(40000)]


def test_ww_is_capped_at_one_year_and_the_register_never():
    e = date(2027, 12, 31)
    start = date(2026, 1, 1)
    # WW < 1 jaar: 12 months * 10000/12; the register (Wajong): 24 months * 40000/12
    assert values(OOST, row(group="ww", start=start), at=e) == [Decimal(10000)]
    assert values(OOST, row(group="wajong", start=start), at=e) == [Decimal(80000)]


def test_the_clause_deadline_and_E_bound_the_duration():
    clause = replace(SR1, deadline=date(2026, 6, 30))
    # 6 months, not 12: 30000 * 6/12
    assert values(OOST, row(), clause=clause) == [Decimal(15000)]
    # E in the middle: 3 months
    assert values(OOST, row(), at=date(2026, 3, 31)) == [Decimal(7500)]


def test_a_work_experience_place_is_valued_per_month_whatever_its_hours():
    # 750 * (1 + 15/30): March, then 1-15 April of the slot 1-30 April
    place = row(kind="work_experience", hours=16, start=date(2026, 3, 1), end=date(2026, 4, 15))
    assert values(OOST, place) == [Decimal(1125)]
    assert text(OOST, place) == [
        "Werkervaringsplek / proefplaatsing (€ 750 per maand), 1 maand en 15 dagen: € 1125"
    ]


def test_an_apprenticeship_is_a_bbl_year_pro_rata():
    # 20000 * 18/36 * 12/12
    assert values(OOST, row(kind="apprenticeship", group="nug", hours=18)) == [Decimal(10000)]


def test_purchases_count_at_100_or_50_percent_of_the_invoice():
    assert values(OOST, purchase("2500", "code_sociale_ondernemingen")) == [Decimal(2500)]
    # 1234.57 * 50% = 617.285 -> 617.29 (half up)
    assert values(OOST, purchase("1234.57", "social_enterprise_nl")) == [Decimal("617.29")]
    assert values(OOST, purchase("1234.57")) == [Decimal("617.29")]  # no register: 50%
    assert text(OOST, purchase("8000", "social_enterprise_nl")) == [
        "Inkoop bij sociale onderneming (lid Social Enterprise NL): 50% van € 8000: € 4000"
    ]


def test_a_row_no_block_fits_is_worth_nothing_and_says_so():
    # Harlingen has no block for a placement without benefit
    assert values(HARLINGEN, row(group="nug")) == [Decimal(0)]
    assert text(HARLINGEN, row(group="nug")) == [
        "de waarderingstabel heeft geen bouwblok voor deze soort en doelgroep: € 0"
    ]


# -- Harlingen: minimum hours, 50+ / 55+ ----------------------------------------------------


def test_harlingen_values_nothing_below_12_hours_a_week():
    assert values(HARLINGEN, row(hours="11.99")) == [Decimal(0)]
    assert text(HARLINGEN, row(hours="11.99")) == [
        "11.99 uur per week is minder dan de 12 uur per week die de waarderingstabel vraagt: € 0"
    ]
    # at 12: Participatiewet < 2 jaar, 35000 * 12/36 * 12/12 = 11666.666.. -> 11666.67
    assert values(HARLINGEN, row(hours=12)) == [Decimal("11666.67")]


def test_harlingen_bonus_is_5000_at_50_and_7500_at_55_not_both():
    half = dict(start=date(2026, 1, 1), end=date(2026, 6, 30), benefit_months=36)
    # Participatiewet > 2 jaar, 6 months, full time: (40000 + bonus) * 6/12
    assert values(HARLINGEN, row(**half, age_bracket="under_50")) == [Decimal(20000)]
    assert values(HARLINGEN, row(**half, age_bracket="50_54")) == [Decimal(22500)]
    assert values(HARLINGEN, row(**half, age_bracket="55_plus")) == [Decimal(23750)]
    assert text(HARLINGEN, row(**half, age_bracket="55_plus"))[0].startswith(
        "Participatiewet > 2 jaar + 55+ (€ 40000 + € 7500 per jaar)"
    )


# -- Utrecht: bonuses, and two versions ------------------------------------------------------


def test_utrecht_adds_the_50_plus_and_permanent_contract_bonuses():
    older = row(hours=18, age_bracket="55_plus", permanent_contract=True)
    # current table: (40000 + 10000 + 10000) * 18/36 * 12/12 = 30000
    assert values(UTRECHT_2, older) == [Decimal(30000)]
    assert text(UTRECHT_2, older)[0].startswith(
        "Participatiewet + 50+ + vast contract (€ 40000 + € 20000 per jaar), 18 van 36 uur"
    )
    # a temporary contract gets no bonus: 40000 * 18/36
    assert values(UTRECHT_2, row(hours=18, permanent_contract=False)) == [Decimal(20000)]
    # the earlier table: (30000 + 10000 + 5000) * 18/36 = 22500
    assert values(UTRECHT_1, older) == [Decimal(22500)]


def test_utrecht_values_training_at_its_costs():
    course = row(kind="training", hours=8, number=2)
    assert values(UTRECHT_2, course._replace(amount_eur=Decimal("3150.50"))) == [Decimal("3150.50")]
    assert text(UTRECHT_2, course) == ["Opleiding (kosten): geen bedrag ingevuld: € 0"]


# -- in the check ---------------------------------------------------------------------------

CONTRACT = Contract(
    "2026-WV-900",
    "Test",
    "Gemeente Utrecht",
    "Bouw B.V.",
    Decimal(1200000),
    date(2025, 1, 1),
    date(2028, 12, 31),
    "yearly",
    30,
    (SR1,),
    "utrecht",
    1,
)
REPORT = AcceptedReport(1, parse_period("yearly", "2026"))


def test_the_check_values_a_euros_clause_by_the_pinned_version():
    rows = [
        row(hours=18, age_bracket="55_plus", permanent_contract=True),
        purchase("1000", number=3),
    ]
    pinned = check_contract(CONTRACT, [REPORT], rows, (), date(2027, 3, 1)).clauses[0]
    # version 1: 22500 + 1000 (purchases at 100%)
    assert pinned.realised == 23500
    newest = check_contract(
        replace(CONTRACT, valuation_version=None), [REPORT], rows, (), date(2027, 3, 1)
    ).clauses[0]
    # the newest version (2): 30000 + 1000
    assert newest.realised == 31000
    # expected at E = 2026-12-31: 60000 * 729/1460 days (2025-01-01 .. 2028-12-31)
    assert pinned.expected == Fraction(60000 * 729, 1460)  # 29958.90
    # 23500 < 0.8 * 29958.90 = 23967.12; 31000 >= 29958.90
    assert (pinned.status, newest.status) == ("behind", "on_track")


def test_rows_that_do_not_count_are_not_valued():
    clause = replace(SR1, eligible_groups=("ww",))
    rows = [row(group="participatiewet"), row(ref="K-2", group="ww", number=3)]
    result = check_contract(
        replace(CONTRACT, clauses=(clause,)), [REPORT], rows, (), date(2027, 3, 1)
    ).clauses[0]
    assert [e.reason for e in result.excluded] == ["ineligible_group"]
    # only K-2: WW (Utrecht v1, 12 months on benefit not given: < 1 jaar) 15000
    assert result.realised == 15000
    assert [v.row.candidate_ref for v in result.valuation.rows] == ["K-2"]


def test_the_explanation_lists_the_table_and_each_rows_euros():
    result = check_contract(CONTRACT, [REPORT], [row(hours=18)], (), date(2027, 3, 1)).clauses[0]
    explanation = explain(result)
    assert (
        "waarderingstabel: Bouwblokkenmodel social return Utrecht (eerdere tabel), versie 1"
        in explanation.summary
    )
    # Participatiewet < 2 jaar (version 1): 30000 * 18/36 * 12/12
    assert explanation.counting[0].text == (
        "telt mee: placement, sinds 2026-01-01; Participatiewet < 2 jaar (€ 30000 per jaar), "
        "18 van 36 uur per week, 12 maanden: € 15000"
    )
    assert (
        explain(result, english).summary[1]
        == "valuation table: Building-blocks model social return Utrecht (earlier table), version 1"
    )


# -- pinning --------------------------------------------------------------------------------


def test_a_contract_keeps_its_version_when_a_newer_one_ships():
    unpinned = replace(CONTRACT, valuation_version=None)
    assert pin_version(unpinned, None, None, TABLES).valuation_version == 3  # newest at award
    assert pin_version(unpinned, "utrecht", 1, TABLES).valuation_version == 1  # stays pinned
    assert pin_version(unpinned, "utrecht", 2, TABLES).valuation_version == 2  # v3 changes nothing
    assert pin_version(unpinned, "oost-nederland", 5, TABLES).valuation_version == 3  # new table
    assert pin_version(CONTRACT, "utrecht", 2, TABLES).valuation_version == 1  # the file names it
    assert (
        pin_version(replace(CONTRACT, valuation_table=None), "utrecht", 1, TABLES).valuation_version
        is None
    )


@pytest.mark.parametrize(
    "table", [OOST, UTRECHT_1, UTRECHT_2, HARLINGEN], ids=lambda t: f"{t.id}-v{t.version}"
)
def test_values_are_whole_cents_and_add_up_to_realised(table):
    rows = [
        row(hours=h, ref=f"K-{h}", number=h, start=date(2026, 1, 7)) for h in (12, 17, 23, 31)
    ] + [purchase("99.99", number=40)]
    valued = value_rows(table, SR1, rows, date(2026, 11, 13))
    assert all(v.value == v.value.quantize(Decimal("0.01")) for v in valued.rows)
    assert valued.total == sum(v.value for v in valued.rows)
