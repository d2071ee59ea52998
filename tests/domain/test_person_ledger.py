"""The person ledger (sign-off.md): double counts, the bureau's decision, the cap, by hand."""

from datetime import date
from decimal import Decimal

from srtracker.domain.compliance import check_contract
from srtracker.domain.contracts import Clause, Contract
from srtracker.domain.contributions import Contribution
from srtracker.domain.counting import AcceptedReport
from srtracker.domain.double_count import apply_ledger, decide_double_counts, ledger_rows_of
from srtracker.domain.flag_rules import Flag
from srtracker.domain.ledger import (
    BOTH,
    CountDecision,
    LedgerRow,
    counted_elsewhere,
    decide_ledger,
    decision_rows,
    ledger_rows,
    overlaps,
    person_key,
)
from srtracker.domain.periods import parse_period

E = date(2026, 6, 30)


def clause(code, measure, target):
    return Clause(
        code, code, measure, Decimal(target), ("internship",), date(2026, 1, 1), date(2026, 12, 31)
    )


def contract(reference, *clauses):
    return Contract(
        reference, reference, "Gemeente", "Leverancier", Decimal(1), date(2026, 1, 1),
        date(2026, 12, 31), "half-yearly", 30, clauses,
    )  # fmt: skip


HOURS_A = clause("SR1", "hours", 1000)
HOURS_B = clause("SR2", "hours", 1000)
A = contract("2026-A", HOURS_A)
B = contract("2026-B", HOURS_B)
H1 = (AcceptedReport(1, parse_period("half-yearly", "2026-H1")),)


def row(number, ref, clause_code, start, end=None, bureau_ref="KN-77", hours=7):
    return Contribution(
        number, ref, clause_code, "internship", start, "nug", end, Decimal(hours),
        bureau_ref=bureau_ref,
    )  # fmt: skip


# Person KN-77: in A from 2026-02-01 to 2026-04-30 (89 days), in B from 2026-04-01 (91 days
# to E). Shared: 2026-04-01..2026-04-30, 30 days. B starts later: B gets the flag.
ROW_A = row(2, "a-1", "SR1", date(2026, 2, 1), date(2026, 4, 30))
ROW_B = row(2, "b-1", "SR2", date(2026, 4, 1))


def ledger_of(*pairs):
    found = []
    for con, r in pairs:
        found += ledger_rows(con.reference, con.clauses[0], [r], E)
    return found


def test_an_empty_bureau_ref_is_no_ledger_entry():
    assert person_key("  ") is None and person_key(None) is None
    assert person_key(" Kn-77 ") == "kn-77"
    assert ledger_rows("2026-A", HOURS_A, [ROW_A._replace(bureau_ref="")], E) == []


def test_the_days_of_a_row_run_to_its_end_e_or_the_deadline():
    (a,) = ledger_rows("2026-A", HOURS_A, [ROW_A], E)
    (b,) = ledger_rows("2026-B", HOURS_B, [ROW_B], E)
    assert (a.first, a.last) == (date(2026, 2, 1), date(2026, 4, 30))
    assert (b.first, b.last) == (date(2026, 4, 1), E)


def test_the_later_start_gets_the_flag_and_the_shared_days_are_found():
    (overlap,) = overlaps(ledger_of((A, ROW_A), (B, ROW_B)))
    assert overlap.flagged.contract == "2026-B" and overlap.other.contract == "2026-A"
    assert (overlap.first, overlap.last) == (date(2026, 4, 1), date(2026, 4, 30))


def test_equal_starts_flag_the_greater_reference():
    same = ROW_B._replace(start_date=ROW_A.start_date)
    (overlap,) = overlaps(ledger_of((A, ROW_A), (B, same)))
    assert overlap.flagged.contract == "2026-B"


def test_rows_of_one_contract_are_no_double_count():
    other_clause = ledger_rows("2026-A", HOURS_B, [ROW_B], E)
    assert overlaps(ledger_of((A, ROW_A)) + other_clause) == []


def test_one_double_counted_flag_without_a_decision():
    outcome = decide_ledger(ledger_of((A, ROW_A), (B, ROW_B)))
    (found,) = outcome.double_counts.values()
    assert found == ("2026-B", "SR2", "KN-77", "2026-A", "SR1")
    assert outcome.lost == {}


def test_a_decision_for_a_cuts_the_30_shared_days_from_b():
    rows = ledger_of((A, ROW_A), (B, ROW_B))
    decision = CountDecision("2026-B", "SR2", "kn-77", "2026-A", decision_rows(overlaps(rows)))
    outcome = decide_ledger(rows, [decision])
    assert outcome.double_counts == {}
    assert outcome.cut("2026-B", "SR2") == {2: 30}
    assert outcome.cut("2026-A", "SR1") == {}
    # B: 7 h/week over 91 days = 91 h; less 30 days = 61 days = 61 h
    before = check_contract(B, H1, [ROW_B], (), E).clauses[0]
    after = check_contract(B, H1, [ROW_B], (), E, ledger=outcome).clauses[0]
    assert (before.realised, after.realised) == (91, 61)
    # A keeps its 89 days: 89 h
    assert check_contract(A, H1, [ROW_A], (), E, ledger=outcome).clauses[0].realised == 89


def test_a_decision_for_b_cuts_a_instead():
    rows = ledger_of((A, ROW_A), (B, ROW_B))
    decision = CountDecision("2026-B", "SR2", "KN-77", "2026-B", decision_rows(overlaps(rows)))
    outcome = decide_ledger(rows, [decision])
    assert check_contract(A, H1, [ROW_A], (), E, ledger=outcome).clauses[0].realised == 89 - 30


def test_both_keeps_both_counting_and_opens_nothing():
    rows = ledger_of((A, ROW_A), (B, ROW_B))
    decision = CountDecision("2026-B", "SR2", "KN-77", BOTH, decision_rows(overlaps(rows)))
    outcome = decide_ledger(rows, [decision])
    assert outcome.double_counts == {} and outcome.lost == {}


def test_a_later_report_changing_an_end_date_asks_again():
    rows = ledger_of((A, ROW_A), (B, ROW_B))
    decision = CountDecision("2026-B", "SR2", "KN-77", "2026-A", decision_rows(overlaps(rows)))
    moved = ROW_A._replace(end_date=date(2026, 5, 15))
    outcome = decide_ledger(ledger_of((A, moved), (B, ROW_B)), [decision])
    assert list(outcome.double_counts) == [("2026-b", "sr2", "kn-77")]
    assert outcome.lost == {}


def test_a_persons_row_stops_counting_only_when_every_day_went_elsewhere():
    persons_a, persons_b = clause("SR1", "persons", 2), clause("SR2", "persons", 2)
    pa, pb = contract("2026-A", persons_a), contract("2026-B", persons_b)
    inside = row(3, "b-2", "SR2", date(2026, 3, 1), date(2026, 3, 31))  # all in A's days
    rows = ledger_of((pa, ROW_A), (pb, ROW_B), (pb, inside))
    decisions = [CountDecision("2026-B", "SR2", "KN-77", "2026-A", decision_rows(overlaps(rows)))]
    outcome = decide_ledger(rows, decisions)
    result = check_contract(pb, H1, [ROW_B, inside], (), E, ledger=outcome).clauses[0]
    # ROW_B keeps 61 of its days: it still counts; the March row lost all 31: excluded
    assert [e.reason for e in result.excluded] == ["counted_in_other_contract"]
    assert result.realised == 1


def test_counted_elsewhere_warns_the_imported_row_whichever_starts_first():
    (imported,) = ledger_rows("2026-A", HOURS_A, [ROW_A], E)
    others = ledger_rows("2026-B", HOURS_B, [ROW_B], E)
    assert counted_elsewhere([imported], others) == [imported]
    assert counted_elsewhere([imported], []) == []


def test_the_flag_opens_once_and_resolves_when_no_longer_counted_twice():
    found = decide_ledger(ledger_of((A, ROW_A), (B, ROW_B))).double_counts
    opened, resolved = decide_double_counts(found, [], ["2026-A", "2026-B"], E)
    assert [(f.contract, f.clause, f.candidate, f.other_contract) for f in opened] == [
        ("2026-B", "SR2", "KN-77", "2026-A")
    ]
    stored = Flag("2026-B", "SR2", "double_counted", None, 9, "KN-77", "2026-A", "SR1")
    assert decide_double_counts(found, [stored], ["2026-B"], E) == ([], [])
    _, resolved = decide_double_counts({}, [stored], ["2026-B"], E)
    assert [r.reason for r in resolved] == ["no longer counted twice as of 2026-06-30"]
    # a re-check of A alone leaves B's flag alone
    assert decide_double_counts({}, [stored], ["2026-A"], E) == ([], [])


def test_ledger_rows_are_named_tuples_with_the_row_dates():
    (a,) = ledger_rows("2026-A", HOURS_A, [ROW_A], E)
    assert isinstance(a, LedgerRow) and a.identity == (
        "2026-a",
        "sr1",
        ROW_A.start_date,
        ROW_A.end_date,
    )


def test_apply_ledger_redoes_only_the_contract_that_loses_days():
    checks = [check_contract(A, H1, [ROW_A], (), E), check_contract(B, H1, [ROW_B], (), E)]
    ledger_of = {"2026-A": 1, "2026-B": 1}
    rows = [r for c in checks for r in ledger_rows_of(c)]
    decision = CountDecision("2026-B", "SR2", "KN-77", "2026-A", decision_rows(overlaps(rows)))
    redone = []

    def redo(check, outcome):
        redone.append(check.contract)
        contract = {"2026-A": A, "2026-B": B}[check.contract]
        own = {"2026-A": [ROW_A], "2026-B": [ROW_B]}[check.contract]
        return check_contract(contract, H1, own, (), E, ledger=outcome)

    after, found = apply_ledger(checks, ledger_of, [decision], redo)
    assert redone == ["2026-B"] and found == {}
    assert [c.clauses[0].realised for c in after] == [89, 61]
    # without a decision: one double count, no figure changes
    after, found = apply_ledger(checks, ledger_of, [], redo)
    assert list(found) == [("2026-b", "sr2", "kn-77")]
    # contracts in two ledgers never meet
    _, found = apply_ledger(checks, {"2026-A": 1, "2026-B": 2}, [], redo)
    assert found == {}
