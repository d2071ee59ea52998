"""The bases and rules of issue 18: per hour, per day, per activity, not valued, amounts
required, worked-time caps, bonuses on a previous step, and the cap across contracts."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from srtracker.domain.contracts import Clause
from srtracker.domain.contributions import Contribution
from srtracker.domain.explain_messages_en import translate as english
from srtracker.domain.valuation import add_months, value_rows
from srtracker.domain.valuation_tables import TableError, read_tables, shipped_tables

TABLES = shipped_tables()
HARLINGEN_2 = TABLES.get("harlingen", 2)
HARLINGEN_1 = TABLES.get("harlingen", 1)
OOST_6 = TABLES.get("oost-nederland", 6)
CLAUSE = Clause(
    "SR1", "5%", "euros", Decimal(1), ("placement",), date(2025, 1, 1), date(2030, 12, 31)
)


def row(number=2, ref="K-1", kind="placement", group="participatiewet", **kw):
    kw.setdefault("start_date", date(2026, 1, 1))
    kw.setdefault("hours_per_week", Decimal(36))
    kw.setdefault("benefit_months", 30)
    return Contribution(number, ref, "SR1", kind, target_group=group, **kw)


def test_a_worked_time_cap_skips_the_gaps_between_placements():
    rows = [
        row(start_date=date(2026, 1, 1), end_date=date(2026, 12, 31)),
        row(3, start_date=date(2027, 5, 1)),
    ]
    worked = value_rows(HARLINGEN_2, CLAUSE, rows, date(2029, 12, 31))
    calendar = value_rows(HARLINGEN_1, CLAUSE, rows, date(2029, 12, 31))
    assert [r.value for r in worked.rows] == [40000, 40000]
    assert [r.value for r in calendar.rows] == [40000, Decimal("26666.67")]  # 8 months
    assert worked.cap_used == {"k-1": Fraction(24)}
    assert "hoogstens 24 gewerkte voltijdmaanden per kandidaat, 12 al gebruikt" in (
        worked.rows[1].text()
    )


def test_months_already_used_elsewhere_shorten_the_cap():
    """h7's cross-contract cap feeds what a candidate used on other contracts."""
    valued = value_rows(HARLINGEN_2, CLAUSE, [row()], date(2027, 12, 31), {"k-1": Fraction(18)})
    assert valued.total == 20000  # 6 of the 24 months were left
    assert valued.cap_used == {"k-1": Fraction(24)}
    calendar = value_rows(HARLINGEN_1, CLAUSE, [row()], date(2027, 12, 31), {"k-1": Fraction(18)})
    assert calendar.total == 20000 and calendar.cap_used == {"k-1": Fraction(24)}


def test_a_calendar_cap_reports_the_months_it_used():
    valued = value_rows(HARLINGEN_1, CLAUSE, [row()], date(2026, 6, 30))
    assert valued.cap_used == {"k-1": Fraction(6)}


def test_add_months_is_the_inverse_of_counting_months():
    assert add_months(date(2026, 1, 1), Fraction(6)) == date(2026, 7, 1)
    assert add_months(date(2026, 1, 31), Fraction(1)) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 1), Fraction(1, 2)) == date(2026, 1, 16)


def test_a_block_not_valued_says_why_in_both_languages():
    valued = value_rows(
        OOST_6, CLAUSE, [row(kind="apprenticeship", group=None, level="mbo_3")], date(2026, 12, 31)
    )
    assert valued.total == 0
    assert "niet gewaardeerd: de brontabel is afgekapt na de rij BBL niveau 1 en 2" in (
        valued.rows[0].text()
    )
    assert "not valued: the source table is cut off after the BBL level 1-2 row" in (
        valued.rows[0].text(english)
    )


def test_a_purchase_naming_no_register_is_not_valued_from_version_6():
    purchase = row(kind="social_purchase", group=None, amount_eur=Decimal(8000))
    assert (
        value_rows(TABLES.get("oost-nederland", 5), CLAUSE, [purchase], date(2026, 12, 31)).total
        == 4000
    )
    assert value_rows(OOST_6, CLAUSE, [purchase], date(2026, 12, 31)).total == 0


def test_costs_when_given_else_hours():
    utrecht = TABLES.get("utrecht", 3)
    costs = row(kind="training", group=None, amount_eur=Decimal(950), quantity=Decimal(20))
    hours = row(3, kind="training", group=None, quantity=Decimal(20))
    valued = value_rows(utrecht, CLAUSE, [costs, hours], date(2026, 12, 31))
    assert [r.value for r in valued.rows] == [950, 2000]
    assert valued.rows[1].text() == ("Scholing, kennis of middelen: 20 uur × € 100: € 2000")
    assert valued.rows[1].text(english) == (
        "Training, knowledge or resources: 20 hours × € 100: € 2000"
    )


def test_a_row_valued_by_quantity_without_one_is_worth_nothing():
    hilversum = TABLES.get("hilversum", 1)
    valued = value_rows(
        hilversum, CLAUSE, [row(kind="social_activity", group=None)], date(2026, 12, 31)
    )
    assert valued.total == 0 and valued.rows[0].text().endswith("geen aantal ingevuld: € 0")


def test_a_day_maximum_caps_the_agreed_amount():
    holland = TABLES.get("holland-rijnland", 1)
    below = row(kind="social_activity", group=None, amount_eur=Decimal(1500), quantity=Decimal(2))
    valued = value_rows(holland, CLAUSE, [below], date(2026, 12, 31))
    assert valued.total == 1500
    assert (
        valued.rows[0]
        .text(english)
        .endswith("€ 1500, at most € 1000 a day × 2 days = € 2000: € 1500")
    )


def test_a_statushouder_keeps_their_benefit_block_and_gets_the_bonus():
    utrecht = TABLES.get("utrecht", 3)
    valued = value_rows(utrecht, CLAUSE, [row(group="ww", statushouder=True)], date(2026, 12, 31))
    assert valued.total == 30000
    assert valued.rows[0].block.code == "ww"


MINIMAL = """\
[table]
id = "test"
version = 1
name = "Test"
name_en = "Test"
source = "https://example.org"
fulltime_hours = 36

[[block]]
code = "pw"
label = "Participatiewet"
label_en = "Participation Act"
types = ["placement"]
"""


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("per_year = 1\nper_hour = 2", "block[1]: give exactly one of"),
        ('not_valued = "x"', "block[1].not_valued_en: give not_valued and not_valued_en"),
        ('per_year = 1\ncap_basis = "worked"', "block[1].cap_basis: one of calendar, worked"),
        ("per_hour = 100\ncap_months = 12", "block[1].cap_months: only for a per_year block"),
        ('per_year = 1\nlevels = ["mbo_9"]', "block[1].levels: unknown code 'mbo_9'"),
        ('per_year = 1\nrequires_amount = "ja"', "block[1].requires_amount: must be true or false"),
    ],
)
def test_a_new_block_key_that_is_wrong_is_named(extra, problem):
    with pytest.raises(
        TableError, match="^test-v1.toml: " + problem.replace("[", r"\[").replace("]", r"\]")
    ):
        read_tables([("test-v1.toml", (MINIMAL + extra + "\n").encode())])


def test_a_bonus_on_a_previous_step_names_both_keys():
    text = MINIMAL + 'per_year = 1\n\n[[bonus]]\ncode = "b"\nlabel = "b"\nlabel_en = "b"\n'
    text += 'types = ["placement"]\nper_year = 5\nafter_type = "internship"\n'
    with pytest.raises(TableError, match=r"bonus\[1\]\.after_months: give after_type and"):
        read_tables([("test-v1.toml", text.encode())])


def test_a_pso_discount_is_read_per_step():
    text = MINIMAL + 'per_year = 1\n\n[[pso_discount]]\nstep = "trede_2"\npercent = 25\n'
    table = read_tables([("test-v1.toml", text.encode())]).get("test")
    assert table.pso_discounts == {"trede_2": Decimal(25)}
    with pytest.raises(TableError, match=r"pso_discount\[1\]\.step: unknown code 'trede_9'"):
        read_tables([("test-v1.toml", text.replace("trede_2", "trede_9").encode())])


def test_no_shipped_table_gives_a_pso_discount_without_a_source():
    assert all(not t.pso_discounts for t in TABLES.tables.values())


def test_the_2026_reference_data_splits_wsw_and_keeps_the_old_label_readable():
    from srtracker.domain.reference import DEFAULT_REFERENCE as REF

    assert REF.match_group("Wsw / beschut werk") == "wsw"  # workbooks made before 2026
    assert REF.match_group("Beschut werk") == "beschut_werk"
    for code in ("pro_vso", "vsv", "ioaw_ioaz", "wga_waz", "participatiewet_arbeidsbeperking"):
        assert code in REF.groups
    assert "statushouder" not in REF.groups  # a person attribute, not a group
    for code in ("social_activity", "school_visit", "sw_subcontracting"):
        assert not REF.is_person_type(code)


def test_a_region_that_counts_wage_costs_values_the_real_cost_in_full():
    """A requires_amount block before the per_year block: the reported wage cost counts in
    full (OAZ's example: EUR 32,000 of salary); a row without a cost gets the yearly value."""
    text = MINIMAL.replace('code = "pw"', 'code = "loonkosten"').replace(
        'label = "Participatiewet"', 'label = "Loonkosten"'
    )
    text += "requires_amount = true\namount_percent = 100\n\n[[block]]\n"
    text += 'code = "pw"\nlabel = "Participatiewet"\nlabel_en = "Participation Act"\n'
    text += 'types = ["placement"]\nper_year = 30000\n'
    table = read_tables([("test-v1.toml", text.encode())]).get("test")
    salary = row(amount_eur=Decimal(32000))
    valued = value_rows(table, CLAUSE, [salary, row(3, ref="K-2")], date(2026, 12, 31))
    assert [r.value for r in valued.rows] == [32000, 30000]
    assert valued.rows[0].text() == "Loonkosten: 100% van € 32000: € 32000"
