"""The bureau's portfolio dashboard: scope, filters, sorting, search, paging, counts."""

import re
from datetime import date
from decimal import Decimal

import pytest

from srtracker.bureau import dashboard
from srtracker.db import db
from srtracker.domain import contracts as domain
from srtracker.models import CheckRun, Clause, ClauseStatus, Organisation, utcnow
from srtracker.store import contracts as store
from srtracker.store.portfolio import refresh as refresh_portfolio

APELDOORN, ELDERS = "Gemeente Apeldoorn", "Gemeente Elders"


def add_contract(
    reference,
    buyer=APELDOORN,
    supplier="Thuiszorg Oost B.V.",
    start=date(2026, 1, 1),
    end=date(2027, 12, 31),
    clauses=None,
):
    """A contract with clauses given as (code, accepts, deadline, status or None)."""
    clauses = clauses or [("SR1", ("placement",), end, "on_track")]
    store.save(
        domain.Contract(
            reference,
            f"Contract {reference}",
            buyer,
            supplier,
            Decimal(1000),
            start,
            end,
            "quarterly",
            30,
            tuple(
                domain.Clause(
                    code, f"Clause {code}", "persons", Decimal(10), accepts, start, deadline
                )
                for code, accepts, deadline, _ in clauses
            ),
        ),
        actor="test",
    )
    run = CheckRun.select().first() or CheckRun.create(
        as_of=date(2026, 8, 15), finished_at=utcnow()
    )
    for code, _, _, status in clauses:
        if status:
            clause = Clause.get(
                (Clause.code == code) & (Clause.contract == store.find(reference).id)
            )
            ClauseStatus.create(
                clause=clause,
                check_run=run,
                status=status,
                realised=Decimal(1),
                expected=Decimal(2),
            )
    refresh_portfolio()  # as the stored check does after writing its statuses


@pytest.fixture
def portfolio(conn, users):
    add_contract(
        "2026-AA-001",
        supplier="Alfa B.V.",
        clauses=[
            ("SR1", ("placement",), date(2026, 12, 31), "behind"),
            ("SR2", ("training",), date(2027, 12, 31), "on_track"),
        ],
    )
    add_contract(
        "2026-BB-002",
        supplier="Beta B.V.",
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        clauses=[("SR1", ("placement",), date(2025, 12, 31), "failed")],
    )
    add_contract(
        "2026-aa-003",
        supplier="Alfa B.V.",
        clauses=[("SR1", ("training", "internship"), date(2027, 6, 30), None)],
    )
    add_contract(
        "2026-EL-900",
        buyer=ELDERS,
        clauses=[("SR1", ("placement",), date(2027, 12, 31), "at_risk")],
    )


def clauses_on(page: str) -> list[str]:
    """'reference code' of each row, in order."""
    return [
        f"{ref} {code}"
        for ref, code in re.findall(r'<a href="/contracts/([^"/]+)/clauses/([^"]+)">', page)
    ]


def get(client, **args):
    response = client.get("/bureau", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_bureau_sees_only_the_contracts_of_the_buyers_it_serves(client, auth, portfolio):
    auth.login("bureau")
    assert clauses_on(get(client)) == [
        "2026-AA-001 SR1",
        "2026-AA-001 SR2",
        "2026-aa-003 SR1",
        "2026-BB-002 SR1",
    ]
    auth.login("other_bureau")
    assert clauses_on(get(client)) == ["2026-EL-900 SR1"]
    page = get(client, buyer=Organisation.get(Organisation.name == APELDOORN).id)
    assert clauses_on(page) == ["2026-EL-900 SR1"]  # a buyer it does not serve filters nothing
    auth.login("admin")
    assert len(clauses_on(get(client))) == 5


def test_suppliers_and_officers_may_not_open_the_dashboard(client, auth, portfolio):
    for role in ("supplier", "officer"):
        auth.login(role)
        assert client.get("/bureau").status_code == 403


def test_filters_by_buyer_supplier_status_and_type(client, auth, portfolio):
    auth.login("admin")
    elders = Organisation.get(Organisation.name == ELDERS).id
    alfa = Organisation.get(Organisation.name == "Alfa B.V.").id
    assert clauses_on(get(client, buyer=elders)) == ["2026-EL-900 SR1"]
    assert clauses_on(get(client, supplier=alfa)) == [
        "2026-AA-001 SR1",
        "2026-AA-001 SR2",
        "2026-aa-003 SR1",
    ]
    assert clauses_on(get(client, status="behind")) == ["2026-AA-001 SR1"]
    assert clauses_on(get(client, status="unchecked")) == ["2026-aa-003 SR1"]
    assert clauses_on(get(client, type="training")) == ["2026-AA-001 SR2", "2026-aa-003 SR1"]
    assert clauses_on(get(client, type="training", supplier=alfa, status="on_track")) == [
        "2026-AA-001 SR2"
    ]
    # An unknown value is no filter rather than an error.
    assert len(clauses_on(get(client, status="nonsense", buyer="x"))) == 5


def test_the_year_filters_running_clauses_or_deadlines(client, auth, portfolio):
    auth.login("bureau")
    assert clauses_on(get(client, year=2025)) == ["2026-BB-002 SR1"]
    assert clauses_on(get(client, year=2027)) == ["2026-AA-001 SR2", "2026-aa-003 SR1"]
    assert clauses_on(get(client, year=2026, within="deadline")) == ["2026-AA-001 SR1"]
    assert clauses_on(get(client, year=2027, within="deadline")) == [
        "2026-AA-001 SR2",
        "2026-aa-003 SR1",
    ]


def test_search_by_reference_prefix_ignores_case(client, auth, portfolio):
    auth.login("bureau")
    assert clauses_on(get(client, q=" 2026-AA")) == [
        "2026-AA-001 SR1",
        "2026-AA-001 SR2",
        "2026-aa-003 SR1",
    ]
    assert clauses_on(get(client, q="2026-aa-003")) == ["2026-aa-003 SR1"]
    assert clauses_on(get(client, q="AA-001")) == []  # a prefix, not a substring
    assert clauses_on(get(client, q="2026_")) == []  # LIKE wildcards are taken literally


def test_sorting(client, auth, portfolio):
    auth.login("admin")
    assert clauses_on(get(client, sort="status")) == [
        "2026-BB-002 SR1",
        "2026-AA-001 SR1",
        "2026-EL-900 SR1",
        "2026-AA-001 SR2",
        "2026-aa-003 SR1",
    ]  # failed, behind, at_risk, on_track, unchecked
    assert clauses_on(get(client, sort="deadline")) == [
        "2026-BB-002 SR1",
        "2026-AA-001 SR1",
        "2026-aa-003 SR1",
        "2026-AA-001 SR2",
        "2026-EL-900 SR1",
    ]
    assert clauses_on(get(client, sort="buyer"))[-1] == "2026-EL-900 SR1"  # Elders after Apeldoorn
    assert clauses_on(get(client, sort="supplier"))[:3] == [
        "2026-AA-001 SR1",
        "2026-AA-001 SR2",
        "2026-aa-003 SR1",
    ]  # Alfa first


def test_counts_per_status_follow_the_other_filters(client, auth, portfolio):
    auth.login("bureau")
    page = get(client, status="behind")

    def count(status):
        found = re.search(rf'status-{status}">[^<]*</span> <strong>(\d+)</strong>', page)
        return int(found.group(1)) if found else 0

    assert [count(s) for s in ("failed", "behind", "on_track", "unchecked", "at_risk")] == [
        1,
        1,
        1,
        1,
        0,
    ]
    assert "1 verplichting<" in page  # the list itself honours the status filter
    page = get(client, type="training")
    assert [count(s) for s in ("behind", "on_track", "unchecked")] == [0, 1, 1]


def test_paging_keeps_the_filters(client, auth, conn, users):
    for n in range(60):
        add_contract(f"2026-PG-{n:03d}", supplier="Alfa B.V." if n % 2 else "Beta B.V.")
    add_contract("2026-XX-001")
    auth.login("bureau")
    first = get(client, q="2026-pg")
    assert len(clauses_on(first)) == 50 and "60 verplichtingen" in first
    assert 'href="/bureau?q=2026-pg&amp;page=2"' in first and "Pagina 1 van 2" in first
    second = get(client, q="2026-pg", page=2)
    assert clauses_on(second) == [f"2026-PG-{n:03d} SR1" for n in range(50, 60)]
    assert 'href="/bureau?q=2026-pg&amp;page=1"' in second
    assert clauses_on(get(client, q="2026-pg", page=99)) == clauses_on(second)  # last page
    beta = Organisation.get(Organisation.name == "Beta B.V.").id
    assert len(clauses_on(get(client, supplier=beta, sort="deadline"))) == 30


def test_the_page_takes_the_same_queries_for_5_or_50_rows(client, auth, conn, users, monkeypatch):
    for n in range(60):
        add_contract(f"2026-QC-{n:03d}")
    auth.login("bureau")
    executed = []
    original = db.obj.execute_sql
    monkeypatch.setattr(
        db.obj, "execute_sql", lambda sql, *a, **k: executed.append(sql) or original(sql, *a, **k)
    )
    get(client, q="2026-qc-00")
    few = len(executed)
    executed.clear()
    dashboard.CHOICES.clear()
    get(client, q="2026-qc")
    assert len(executed) == few <= 12


def test_counts_and_choices_are_kept_until_the_next_stored_check(
    client, auth, conn, users, monkeypatch
):
    add_contract("2026-QC-001")
    auth.login("bureau")
    executed = []
    original = db.obj.execute_sql
    monkeypatch.setattr(
        db.obj, "execute_sql", lambda sql, *a, **k: executed.append(sql) or original(sql, *a, **k)
    )
    get(client)
    first = len(executed)
    executed.clear()
    get(client)
    assert len(executed) < first
