"""Each clause explained in plain words, in Dutch and, through translate, in English."""

import ast
import string
from datetime import date
from decimal import Decimal
from pathlib import Path

from srtracker.domain import explain as explain_module
from srtracker.domain import status as status_module
from srtracker.domain.compliance import check_contract
from srtracker.domain.contracts import Clause, Contract
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import EXCLUSION_REASONS, AcceptedReport
from srtracker.domain.explain import explain
from srtracker.domain.explain_messages_en import MESSAGES, translate
from srtracker.domain.periods import parse_period
from srtracker.domain.status import STATUSES

CLAUSE = Clause(
    "SR1",
    "Plaatsingen",
    "persons",
    Decimal(10),
    ("placement",),
    date(2026, 1, 1),
    date(2027, 12, 31),
    eligible_groups=("participatiewet",),
    min_duration_months=6,
)
CONTRACT = Contract(
    "2026-HH-014",
    "Huishouden",
    "Apeldoorn",
    "Thuiszorg Oost",
    Decimal(0),
    date(2026, 1, 1),
    date(2027, 12, 31),
    "quarterly",
    30,
    (CLAUSE,),
)
ROWS = (
    Contribution(
        2,
        "K-001",
        "SR1",
        "placement",
        date(2026, 2, 1),
        "participatiewet",
        hours_per_week=Decimal(32),
    ),
    Contribution(
        3,
        "K-002",
        "SR1",
        "placement",
        date(2026, 2, 1),
        "participatiewet",
        date(2026, 5, 15),
        Decimal(32),
    ),
    Contribution(
        4, "K-003", "SR1", "placement", date(2026, 2, 1), "ww", hours_per_week=Decimal(32)
    ),
    Contribution(
        5,
        "K-004",
        "SR1",
        "placement",
        date(2026, 2, 1),
        "participatiewet",
        date(2026, 3, 10),
        Decimal(32),
    ),
)


def explained(translate_=None):
    check = check_contract(
        CONTRACT,
        [AcceptedReport(1, parse_period("quarterly", "2026-Q2"))],
        ROWS,
        (),
        date(2026, 8, 15),
    )
    return explain(check.clauses[0], translate_) if translate_ else explain(check.clauses[0])


def excluded_texts(explanation):
    return {e.candidate_ref: (e.reason, e.text) for e in explanation.excluded}


def test_ended_early_says_how_long_it_lasted_and_what_the_clause_asks():
    assert excluded_texts(explained())["K-002"] == (
        "ended_early",
        "beëindigd na 3 maanden; de verplichting vraagt 6",
    )


def test_ended_early_within_the_first_month_has_its_own_words():
    assert (
        excluded_texts(explained())["K-004"][1] == "beëindigd na 1 maand; de verplichting vraagt 6"
    )


def test_ineligible_group_is_explained():
    assert excluded_texts(explained())["K-003"] == (
        "ineligible_group",
        "doelgroep telt niet mee voor deze verplichting",
    )


def test_every_excluded_row_is_explained_and_the_counting_rows_are_listed():
    explanation = explained()
    assert [e.row for e in explanation.excluded] == [3, 4, 5]
    assert [(c.row, c.text) for c in explanation.counting] == [
        (2, "telt mee: placement, sinds 2026-02-01")
    ]


def test_the_summary_gives_target_expected_realised_and_status():
    assert explained().summary == (
        "doel (personen): 10",
        "verwacht op 2026-06-30 (personen): 2.47",
        "gerealiseerd op 2026-06-30 (personen): 1",
        "achter: gerealiseerd blijft ver achter bij wat verwacht wordt",
    )


def test_translate_renders_english():
    explanation = explained(translate)
    assert explanation.summary[0] == "target (persons): 10"
    assert excluded_texts(explanation)["K-002"][1] == "ended after 3 months; the clause asks 6"


def _msgids():
    """The msgids explanations use: their own, and the status words they share with pages."""
    found = set()
    for module in (explain_module, status_module):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        found |= {
            node.args[0].value
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_"
        }
    return found


def _placeholders(text):
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_msgid_has_an_english_entry_with_the_same_placeholders():
    msgids = _msgids()
    assert msgids and msgids <= MESSAGES.keys()
    assert {m: _placeholders(m) for m in msgids} == {m: _placeholders(MESSAGES[m]) for m in msgids}


def test_the_english_table_has_no_stale_entries():
    assert MESSAGES.keys() <= _msgids()


def test_every_exclusion_reason_and_every_status_has_words():
    assert set(explain_module.REASON_TEXT) | {"ended_early"} == set(EXCLUSION_REASONS)
    assert set(explain_module.STATUS_TEXT) == set(STATUSES)


def test_a_counting_row_of_an_hours_clause_shows_its_hours():
    hours = Clause(
        "SR2", "Uren", "hours", Decimal(4000), ("training",), date(2026, 1, 1), date(2027, 12, 31)
    )
    row = Contribution(
        2, "K-010", "SR2", "training", date(2026, 6, 1), "nug", hours_per_week=Decimal(7)
    )
    contract = Contract(
        "X",
        "X",
        "X",
        "X",
        Decimal(0),
        date(2026, 1, 1),
        date(2027, 12, 31),
        "quarterly",
        30,
        (hours,),
    )
    check = check_contract(
        contract,
        [AcceptedReport(1, parse_period("quarterly", "2026-Q2"))],
        [row],
        (),
        date(2026, 8, 15),
    )
    assert explain(check.clauses[0]).counting[0].text == (
        "telt mee: training, sinds 2026-06-01; 30 uur: 7 uur per week over 30 dagen"
    )


def test_figures_and_dates_follow_the_readers_notation():
    from datetime import date as day
    from decimal import Decimal as D

    from srtracker.domain.figures import DUTCH, NOTATION, show_date, show_number

    assert (show_number(D("15555.555")), show_date(day(2026, 3, 31))) == ("15555.56", "2026-03-31")
    token = NOTATION.set(DUTCH)
    try:
        assert (show_number(D("15555.555")), show_date(day(2026, 3, 31))) == (
            "15.555,56",
            "31-03-2026",
        )
    finally:
        NOTATION.reset(token)
