"""The valuation cap per person across contracts (sign-off.md), worked out by hand.

Harlingen counts a person at most two years ("maximaal twee jaar meegerekend"), also when
the person is moved to another placement. Person KN-1 (participatiewet > 2 years, EUR
40,000 a full-time year) works full time in contract 2025-A from 2025-01-01 to 2026-06-30:
18 months, EUR 40,000 x 18/12 = EUR 60,000. Moved to contract 2026-B from 2026-07-01, full
time, reported to 2027-12-31: 18 months worked, but only 24 - 18 = 6 are left of the cap,
EUR 40,000 x 6/12 = EUR 20,000 (EUR 60,000 if B counted the person afresh).
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from srtracker.domain.compliance import check_contract
from srtracker.domain.contracts import Clause, Contract
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import AcceptedReport
from srtracker.domain.double_count import apply_ledger
from srtracker.domain.periods import parse_period
from srtracker.domain.person_cap import caps_before

SR1 = Clause(
    "SR1", "5%", "euros", Decimal(100000), ("placement",), date(2025, 1, 1), date(2030, 12, 31)
)


def contract(reference, version=2, table="harlingen"):
    return Contract(
        reference, reference, "Gemeente Harlingen", "Bouw B.V.", Decimal(2000000),
        date(2025, 1, 1), date(2030, 12, 31), "half-yearly", 30, (SR1,),
        valuation_table=table, valuation_version=version,
    )  # fmt: skip


def placement(ref, start, end=None, bureau_ref="KN-1", hours=36, number=2):
    return Contribution(
        number, ref, "SR1", "placement", start, "participatiewet", end, Decimal(hours),
        benefit_months=30, bureau_ref=bureau_ref,
    )  # fmt: skip


A_ROW = placement("A-1", date(2025, 1, 1), date(2026, 6, 30))
B_ROW = placement("B-1", date(2026, 7, 1))
H1_2026 = (AcceptedReport(1, parse_period("half-yearly", "2026-H1")),)
H2_2027 = (AcceptedReport(2, parse_period("half-yearly", "2027-H2")),)
AS_OF = date(2028, 1, 15)
ONE_LEDGER = {"2025-A": 1, "2026-B": 1}


def first_pass(
    version=2, b_rows=(B_ROW,), a_rows=(A_ROW,), table="harlingen", a_at=H1_2026, b_at=H2_2027
):
    a, b = contract("2025-A"), contract("2026-B", version, table)
    rows = {"2025-A": (a, a_at, a_rows), "2026-B": (b, b_at, b_rows)}

    def redo(check, outcome):
        con, reports, own = rows[check.contract]
        return check_contract(con, reports, own, (), AS_OF, ledger=outcome)

    checks = [check_contract(c, r, own, (), AS_OF) for c, r, own in rows.values()]
    return checks, redo


def realised(checks):
    return {c.contract: c.clauses[0].realised for c in checks}


@pytest.mark.parametrize("version", [1, 2])  # v1: a calendar cap, v2: full-time months worked
def test_a_person_moved_to_another_contract_keeps_one_two_year_cap(version):
    checks, redo = first_pass(version)
    assert realised(checks) == {"2025-A": 60000, "2026-B": 60000}  # each on its own
    after, found = apply_ledger(checks, ONE_LEDGER, [], redo)
    assert found == {}  # the two placements share no day
    assert realised(after) == {"2025-A": 60000, "2026-B": 20000}


def test_the_later_contract_starts_from_the_months_used_before():
    checks, _redo = first_pass()
    assert caps_before(checks, ONE_LEDGER) == {("2026-b", "sr1"): {"b-1": Fraction(18)}}


def test_a_part_timer_uses_the_cap_at_the_hours_share():
    # 18 of 36 hours for 18 months uses 9 full-time months: 15 left in B, EUR 50,000
    part_time = placement("A-1", date(2025, 1, 1), date(2026, 6, 30), hours=18)
    checks, redo = first_pass(a_rows=(part_time,))
    after, _ = apply_ledger(checks, ONE_LEDGER, [], redo)
    assert realised(after) == {"2025-A": 30000, "2026-B": 50000}


def test_the_explanation_names_the_months_used_before():
    checks, redo = first_pass()
    after, _ = apply_ledger(checks, ONE_LEDGER, [], redo)
    (value,) = after[1].clauses[0].valuation.rows
    assert "hoogstens 24 gewerkte voltijdmaanden per kandidaat, 18 al gebruikt" in value.text()


def test_without_a_bureau_ref_each_contract_counts_the_person_afresh():
    checks, redo = first_pass(
        a_rows=(placement("A-1", date(2025, 1, 1), date(2026, 6, 30), bureau_ref=None),)
    )
    after, _ = apply_ledger(checks, ONE_LEDGER, [], redo)
    assert realised(after) == {"2025-A": 60000, "2026-B": 60000}


def test_contracts_of_two_ledgers_or_two_tables_keep_their_own_caps():
    checks, redo = first_pass()
    after, _ = apply_ledger(checks, {"2025-A": 1, "2026-B": 2}, [], redo)
    assert realised(after)["2026-B"] == 60000
    # a contract valued by another region's table keeps that table's own cap
    checks, redo = first_pass(version=6, table="oost-nederland")
    assert caps_before(checks, ONE_LEDGER) == {}


def test_the_earlier_contract_is_the_one_the_person_started_in_first():
    # The person starts in 2026-B (2025-01-01 to 2026-06-30, 18 months), then in 2025-A
    # from 2026-07-01 to E 2027-12-31: A, the smaller reference, is the later contract.
    early_b = placement("B-1", date(2025, 1, 1), date(2026, 6, 30))
    late_a = placement("A-1", date(2026, 7, 1))
    checks, redo = first_pass(a_rows=(late_a,), b_rows=(early_b,), a_at=H2_2027, b_at=H1_2026)
    after, _ = apply_ledger(checks, ONE_LEDGER, [], redo)
    assert realised(after) == {"2025-A": 20000, "2026-B": 60000}
