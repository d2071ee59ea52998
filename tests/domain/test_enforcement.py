"""enforcement.md as examples, amounts worked out by hand."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from srtracker.domain import enforcement as e
from srtracker.domain.compliance import check_contract
from srtracker.domain.contracts import Clause, Contract, Enforcement
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import AcceptedReport
from srtracker.domain.figures import DUTCH, NOTATION
from srtracker.domain.periods import parse_period

START, DEADLINE = date(2026, 1, 1), date(2027, 12, 31)
PERSONS = Clause("SR1", "Plaatsingen", "persons", Decimal(10), ("placement",), START, DEADLINE)
HOURS = Clause("SR2", "Uren", "hours", Decimal(4000), ("training",), START, DEADLINE)
EUROS = Clause("SR3", "Inkoop", "euros", Decimal(40000), ("social_purchase",), START, DEADLINE)
HALF = Enforcement("shortfall_value", rate=Decimal("0.5"))
PER_UNIT = Enforcement("fixed_per_unit", per_unit_eur=Decimal(5000))


def contract(*clauses, enforcement=HALF, value=Decimal(2400000), obligation="result"):
    return Contract(
        "2026-HH-014",
        "Huishouden",
        "Gemeente Apeldoorn",
        "Thuiszorg Oost",
        value,
        START,
        DEADLINE,
        "quarterly",
        30,
        clauses or (PERSONS, HOURS),
        obligation=obligation,
        enforcement=enforcement,
    )


# -- values --------------------------------------------------------------------------------


def test_clauses_without_a_value_share_the_default_percent_of_the_contract_value():
    # 2,400,000 x 5% = 120,000 over SR1 and SR2; SR4's own value is not subtracted.
    own = replace(PERSONS, code="SR4", value_eur=Decimal(40000))
    values = e.clause_values(contract(PERSONS, HOURS, own), Decimal("0.05"))
    assert values == {"sr1": 60000, "sr2": 60000, "sr4": 40000}


def test_a_euros_clause_is_worth_its_target_and_takes_no_share():
    values = e.clause_values(contract(PERSONS, EUROS), Decimal("0.05"))
    assert values == {"sr1": 120000, "sr3": 40000}


def test_unrealised_value_is_against_the_full_target():
    # 4 of 10 realised: 6/10 of 100,000.
    assert e.unrealised_value(PERSONS, Fraction(100000), Fraction(4)) == 60000
    assert e.unrealised_value(PERSONS, Fraction(100000), Fraction(12)) == 0


# -- amounts -----------------------------------------------------------------------------


def test_shortfall_value_is_the_rate_times_the_unrealised_value():
    clause = replace(PERSONS, value_eur=Decimal(100000))
    # 6 of 10 short, worth 60,000; 50%: 30,000.
    assert e.amount_due(contract(clause), clause, Fraction(100000), Fraction(4)) == 30000


def test_fixed_per_unit_counts_missing_persons():
    # 10 - 7 = 3 persons x 5,000.
    assert e.amount_due(contract(enforcement=PER_UNIT), PERSONS, Fraction(1), Fraction(7)) == 15000


def test_fixed_per_unit_counts_whole_hundreds_of_missing_hours():
    # 4000 - 2750.5 = 1249.5 hours: 12 whole hundreds x 5,000.
    due = e.amount_due(contract(enforcement=PER_UNIT), HOURS, Fraction(1), Fraction("2750.5"))
    assert due == 60000


def test_fixed_per_unit_takes_a_euros_clauses_unrealised_value():
    due = e.amount_due(
        contract(EUROS, enforcement=PER_UNIT), EUROS, Fraction(40000), Fraction("12345.67")
    )
    assert due == Fraction("27654.33")


def test_no_amount_without_an_enforcement_block():
    assert e.amount_due(contract(enforcement=None), PERSONS, Fraction(1000), Fraction(0)) is None


def test_shown_amounts_round_half_up_to_cents():
    # 10.01 worth, 1 of 2 short: 5.005 exactly, shown 5.01 (not banker's 5.00).
    clause = replace(PERSONS, target=Decimal(2))
    due = e.amount_due(
        contract(clause, enforcement=Enforcement("shortfall_value", Decimal(1))),
        clause,
        Fraction("10.01"),
        Fraction(1),
    )
    assert due == Fraction("5.005")
    assert e.cents(due) == Decimal("5.01")


# -- the cap -----------------------------------------------------------------------------


def test_the_cap_takes_the_excess_off_the_clause_sorting_last_first():
    # 20,000 imposed + 25,000 + 15,000 proposed = 60,000 against a cap of 50,000.
    after = e.apply_cap({"SR2": Fraction(25000), "SR3": Fraction(15000)}, [Decimal(20000)], 50000)
    assert after == {"SR2": 25000, "SR3": 5000}


def test_the_cap_reduces_each_clause_as_far_as_needed_before_the_next():
    after = e.apply_cap({"SR2": Fraction(25000), "SR3": Fraction(15000)}, [Decimal(20000)], 30000)
    assert after == {"SR2": 10000, "SR3": 0}


def test_the_cap_sorts_codes_as_text_case_insensitively():
    # "sr9" sorts after "sr10" as text.
    after = e.apply_cap({"SR10": Fraction(100), "sr9": Fraction(100)}, [], 150)
    assert after == {"SR10": 100, "sr9": 50}


def test_imposed_amounts_above_the_cap_leave_every_proposed_amount_at_zero():
    assert e.apply_cap({"SR1": Fraction(10)}, [Decimal(500)], 100) == {"SR1": 0}


# -- the bureau's steps --------------------------------------------------------------------

DAY = date(2027, 3, 1)


def test_a_warning_needs_an_open_behind_or_failed_flag():
    with pytest.raises(e.Refused):
        e.warn(None, has_flag=False, on=DAY)
    assert e.warn(None, has_flag=True, on=DAY) == e.Case(e.WARNING, DAY, DAY)


def test_a_warning_past_a_notice_is_refused_naming_the_step_by_its_label():
    from srtracker.domain.enforcement_messages_en import MESSAGES

    with pytest.raises(e.Refused) as refused:
        e.warn(e.Case(e.NOTICE, DAY, DAY, DAY), has_flag=True, on=DAY)
    message = refused.value.message
    assert message.render() == "de zaak is al verder dan een waarschuwing (nu: ingebrekestelling)"
    assert message.render(lambda msgid: MESSAGES.get(msgid, msgid)) == (
        "the case is past a warning already (now: formal notice)"
    )


def test_a_refusal_names_the_field_at_fault():
    with pytest.raises(e.Refused) as refused:
        e.impose(PROPOSED, contract(), DAY, Decimal("30000.01"), "te weinig")
    assert refused.value.field == "amount"
    with pytest.raises(e.Refused) as refused:
        e.exempt(e.warn(None, True, DAY), DAY, "  ")
    assert refused.value.field == "reason"


def test_a_notice_runs_the_remedial_days_and_that_day_still_counts():
    case = e.notice(e.Case(e.WARNING, date(2027, 1, 5), date(2027, 1, 5)), True, DAY, contract())
    assert (case.step, case.opened_on, case.remedial_until) == (
        e.NOTICE,
        date(2027, 1, 5),
        date(2027, 4, 30),
    )


def test_a_notice_takes_the_remedial_days_of_the_contract():
    rules = replace(HALF, remedial_days=30)
    assert e.notice(None, True, DAY, contract(enforcement=rules)).remedial_until == date(
        2027, 3, 31
    )


def test_a_notice_on_a_notice_extends_the_remedial_period():
    first = e.notice(None, True, DAY, contract())
    later = e.notice(first, True, date(2027, 4, 1), contract(), until=date(2027, 6, 30))
    assert (later.opened_on, later.since, later.remedial_until) == (
        DAY,
        date(2027, 4, 1),
        date(2027, 6, 30),
    )


def test_a_notice_end_must_lie_after_the_steps_date():
    with pytest.raises(e.Refused):
        e.notice(None, True, DAY, contract(), until=DAY)


def test_a_notice_is_refused_after_the_contracts_end():
    with pytest.raises(e.Refused):
        e.notice(None, True, date(2028, 1, 1), contract())


def test_exemption_needs_a_reason_and_an_open_case():
    case = e.warn(None, True, DAY)
    with pytest.raises(e.Refused):
        e.exempt(case, DAY, "  ")
    with pytest.raises(e.Refused):
        e.exempt(None, DAY, "force majeure")
    assert e.exempt(case, DAY, "force majeure").step == e.EXEMPTED


PROPOSED = e.Case(e.PROPOSED, DAY, DAY, amount=Decimal("30000.00"))


def test_impose_takes_the_proposed_amount_by_default():
    assert e.impose(PROPOSED, contract(), DAY).amount == Decimal("30000.00")


def test_impose_a_lower_amount_needs_a_reason():
    with pytest.raises(e.Refused):
        e.impose(PROPOSED, contract(), DAY, Decimal(20000))
    case = e.impose(PROPOSED, contract(), DAY, Decimal(20000), "deels gerealiseerd na de deadline")
    assert (case.step, case.amount) == (e.IMPOSED, Decimal("20000.00"))


def test_impose_above_the_proposed_amount_is_refused():
    with pytest.raises(e.Refused):
        e.impose(PROPOSED, contract(), DAY, Decimal("30000.01"), "te weinig")


def test_impose_needs_a_proposed_case_and_an_enforcement_block():
    with pytest.raises(e.Refused):
        e.impose(e.Case(e.NOTICE, DAY, DAY, DAY), contract(), DAY)
    with pytest.raises(e.Refused):
        e.impose(PROPOSED, contract(enforcement=None), DAY)


def test_an_effort_obligation_needs_a_reason_to_impose():
    effort = contract(obligation="effort")
    with pytest.raises(e.Refused):
        e.impose(PROPOSED, effort, DAY)
    assert e.impose(PROPOSED, effort, DAY, reason="inspanningen onvoldoende").step == e.IMPOSED


# -- the check's steps ---------------------------------------------------------------------


def test_an_open_case_is_remedied_when_the_clause_is_on_track_again():
    case = e.notice(None, True, date(2026, 9, 1), contract())
    after = e.after_check(case, PERSONS, "on_track", date(2026, 10, 15), date(2026, 9, 30), True)
    assert (after.step, after.since, after.amount) == (e.REMEDIED, date(2026, 10, 15), None)


def test_nothing_is_proposed_while_the_remedial_period_runs():
    case = e.notice(None, True, date(2026, 9, 1), contract())  # until 2026-10-31
    on_last_day = e.after_check(case, PERSONS, "behind", date(2026, 10, 31), None, True)
    after = e.after_check(case, PERSONS, "behind", date(2026, 11, 1), date(2026, 9, 30), True)
    assert on_last_day.step == e.NOTICE
    assert (after.step, after.since) == (e.PROPOSED, date(2026, 11, 1))


def test_the_check_opens_a_case_after_the_deadline_with_final_figures():
    after = e.after_check(None, PERSONS, "failed", date(2028, 2, 1), DEADLINE, True)
    assert after == e.Case(e.PROPOSED, date(2028, 2, 1), date(2028, 2, 1))


def test_failed_only_by_an_overdue_report_is_not_proposed():
    assert e.after_check(None, PERSONS, "failed", date(2028, 3, 1), date(2027, 9, 30), True) is None


def test_the_check_opens_no_new_case_after_one_ended():
    ended = e.Case(e.EXEMPTED, DAY, DAY)
    assert e.after_check(ended, PERSONS, "failed", date(2028, 2, 1), DEADLINE, True) == ended


def test_nothing_is_proposed_without_an_amount():
    assert e.after_check(None, PERSONS, "failed", date(2028, 2, 1), DEADLINE, False) is None


def test_an_imposed_case_stays_as_it_is():
    imposed = e.Case(e.IMPOSED, DAY, DAY, amount=Decimal("30000.00"))
    assert e.after_check(imposed, PERSONS, "met", date(2028, 2, 1), DEADLINE, True) == imposed


# -- a whole contract through the check ------------------------------------------------------

REPORT = AcceptedReport(1, parse_period("quarterly", "2027-Q4"))


def rows(n, clause="SR1", end=None, start=date(2026, 3, 1)):
    return [
        Contribution(i, f"K-{i:03}", clause, "placement", start, "participatiewet", end)
        for i in range(1, n + 1)
    ]


def checked(terms, realised_rows, as_of=date(2028, 2, 1), cases=None, imposed=()):
    result = check_contract(terms, [REPORT], realised_rows, [], as_of)
    return e.enforce_contract(
        terms,
        [(r.clause, r.status, r.reporting_date, r.realised_by_deadline) for r in result.clauses],
        cases or {},
        imposed,
        as_of,
    )


def test_a_clause_short_at_its_deadline_gets_an_exact_proposed_amount_and_explanation():
    clause = replace(PERSONS, value_eur=Decimal(100000))
    outcome = checked(contract(clause), rows(4))["sr1"]
    assert (outcome.case.step, outcome.case.amount) == (e.PROPOSED, Decimal("30000.00"))
    assert outcome.unrealised == 60000
    token = NOTATION.set(DUTCH)
    try:
        text = outcome.explanation.render()
    finally:
        NOTATION.reset(token)
    assert text == "SR1: 6 van 10 plaatsingen niet gerealiseerd; waarde € 60.000; 50%: € 30.000"


def test_the_per_unit_explanation_names_the_units():
    outcome = checked(contract(PERSONS, enforcement=PER_UNIT), rows(7))["sr1"]
    assert outcome.case.amount == Decimal("15000.00")
    assert outcome.explanation.render() == (
        "SR1: 3 van 10 plaatsingen niet gerealiseerd; 3 × € 5000: € 15000"
    )


def test_an_effort_obligation_is_proposed_like_a_result_obligation():
    clause = replace(PERSONS, value_eur=Decimal(100000))
    outcome = checked(contract(clause, obligation="effort"), rows(4))["sr1"]
    assert outcome.case.amount == Decimal("30000.00")


def test_a_late_cumulative_report_turns_a_proposed_amount_into_none():
    clause = replace(PERSONS, value_eur=Decimal(100000))
    proposed = checked(contract(clause), rows(4))["sr1"].case
    later = checked(contract(clause), rows(10), date(2028, 3, 1), {"sr1": proposed})["sr1"]
    assert (later.case.step, later.case.amount) == (e.REMEDIED, None)


def test_the_proposed_amount_is_recomputed_at_every_check():
    clause = replace(PERSONS, value_eur=Decimal(100000))
    proposed = checked(contract(clause), rows(4))["sr1"].case
    later = checked(contract(clause), rows(8), date(2028, 3, 1), {"sr1": proposed})["sr1"]
    assert (later.case.step, later.case.since, later.case.amount) == (
        e.PROPOSED,
        date(2028, 2, 1),
        Decimal("10000.00"),
    )


def test_an_imposed_amount_stays_fixed_after_later_reports():
    imposed = e.Case(e.IMPOSED, DAY, DAY, amount=Decimal("25000.00"))
    clause = replace(PERSONS, value_eur=Decimal(100000))
    later = checked(contract(clause), rows(10), cases={"sr1": imposed})["sr1"]
    assert later.case == imposed


def test_rows_are_judged_at_the_deadline_when_the_report_is_later():
    # A 6-month minimum; the rows end 2028-01-15, after the deadline but before E (2028-Q1):
    # at E they ended early, at E' = the deadline they were still ongoing and count.
    clause = replace(PERSONS, value_eur=Decimal(100000), min_duration_months=6)
    terms = replace(contract(clause), end=date(2028, 3, 31))
    report = AcceptedReport(1, parse_period("quarterly", "2028-Q1"))
    result = check_contract(
        terms,
        [report],
        rows(4, end=date(2028, 1, 15), start=date(2027, 12, 1)),
        [],
        date(2028, 5, 1),
    ).clauses[0]
    assert (result.realised, result.realised_by_deadline) == (0, 4)


def test_the_cap_applies_across_the_contracts_proposed_amounts():
    capped = replace(HALF, cap_eur=Decimal(40000))
    one = replace(PERSONS, value_eur=Decimal(100000))
    two = replace(PERSONS, code="SR2", value_eur=Decimal(100000))
    outcomes = checked(contract(one, two, enforcement=capped), rows(4) + rows(4, "SR2"))
    # 30,000 + 30,000 against 40,000: SR2 (sorting last) loses 20,000.
    assert outcomes["sr1"].case.amount == Decimal("30000.00")
    assert outcomes["sr2"].case.amount == Decimal("10000.00")
    assert "plafond" in outcomes["sr2"].explanation.render()


# -- the council report's figures ----------------------------------------------------------


def test_committed_is_the_value_times_the_share_of_days_in_the_year():
    # 2026-01-01..2027-12-31 is 730 days, 365 of them in 2026.
    first, last = e.year_bounds(2026)
    assert e.committed(PERSONS, Fraction(73000), first, last) == 36500


def test_realised_is_capped_at_the_target_and_takes_the_same_share():
    first, last = e.year_bounds(2026)
    assert e.realised_value(PERSONS, Fraction(73000), Fraction(4), first, last) == 14600
    assert e.realised_value(PERSONS, Fraction(73000), Fraction(14), first, last) == 36500


def test_cases_count_by_the_date_of_their_step():
    events = [
        e.CaseEvent(e.WARNING, date(2026, 11, 1), opened=True),
        e.CaseEvent(e.NOTICE, date(2027, 1, 10)),
        e.CaseEvent(e.PROPOSED, date(2027, 3, 12), opened=True),
        e.CaseEvent(e.IMPOSED, date(2027, 4, 1), amount=Decimal("30000.00")),
    ]
    counts = e.case_counts(events, *e.year_bounds(2027))
    assert counts == {
        "opened": 1,
        e.REMEDIED: 0,
        e.EXEMPTED: 0,
        e.IMPOSED: 1,
        "imposed_eur": Decimal("30000.00"),
    }
