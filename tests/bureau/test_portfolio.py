"""The dashboard's read model (srtracker/portfolio.py) follows every change of its sources."""

from datetime import date
from decimal import Decimal

from flask_login import login_user

from srtracker.bureau import dashboard
from srtracker.domain import contracts as domain
from srtracker.models import Clause, ClauseStatus, Organisation, Portfolio, User
from srtracker.store import contracts as store
from tests.bureau.test_bureau_dashboard import ELDERS, add_contract, clauses_on, get
from tests.compliance.test_check import add_report, check
from tests.conftest import SPEC_EXAMPLE


def test_counts_from_the_rollup_equal_a_count_of_the_rows(app, conn, users):
    add_contract(
        "2026-RU-001",
        start=date(2025, 3, 1),
        end=date(2027, 6, 30),
        clauses=[
            ("SR1", ("placement",), date(2025, 12, 31), "failed"),
            ("SR2", ("training", "internship"), date(2026, 12, 31), "behind"),
            ("SR3", ("placement", "training"), date(2027, 6, 30), None),
        ],
    )
    add_contract(
        "2026-RU-002",
        buyer=ELDERS,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        clauses=[("SR1", ("internship",), date(2026, 6, 30), "met")],
    )
    elders = str(Organisation.get(Organisation.name == ELDERS).id)
    admin = User.get(User.email == "beheer@srtracker.nl")
    for buyer in ("", elders):
        for type_ in ("", "placement", "training", "internship"):
            for year, within in (
                ("", ""),
                ("2025", ""),
                ("2026", ""),
                ("2027", ""),
                ("2025", "deadline"),
                ("2026", "deadline"),
                ("2027", "deadline"),
            ):
                values = {
                    "buyer": buyer,
                    "supplier": "",
                    "status": "",
                    "type": type_,
                    "year": year,
                    "within": within,
                    "q": "",
                    "sort": "",
                }
                with app.test_request_context("/bureau"):
                    login_user(admin)
                    conditions = dashboard.conditions_of(values)
                    assert dashboard.status_counts(conditions, values) == dashboard.status_counts(
                        conditions
                    ), values


def test_a_saved_contract_shows_at_once_with_new_clauses_unchecked(client, auth, conn, users):
    add_contract("2026-ED-001", clauses=[("SR1", ("placement",), date(2027, 12, 31), "met")])
    auth.login("bureau")
    assert clauses_on(get(client, status="met")) == ["2026-ED-001 SR1"]
    start = date(2026, 1, 1)
    store.save(
        domain.Contract(
            "2026-ED-001",
            "Contract 2026-ED-001",
            "Gemeente Apeldoorn",
            "Nieuw B.V.",
            Decimal(1000),
            start,
            date(2027, 12, 31),
            "quarterly",
            30,
            (
                domain.Clause(
                    "SR1",
                    "Clause SR1",
                    "persons",
                    Decimal(10),
                    ("training",),
                    start,
                    date(2026, 12, 31),
                ),
                domain.Clause(
                    "SR2",
                    "Clause SR2",
                    "persons",
                    Decimal(5),
                    ("placement",),
                    start,
                    date(2027, 12, 31),
                ),
            ),
        ),
        actor="test",
    )
    nieuw = Organisation.get(Organisation.name == "Nieuw B.V.").id
    assert clauses_on(get(client, supplier=nieuw)) == ["2026-ED-001 SR1", "2026-ED-001 SR2"]
    assert clauses_on(get(client, status="met", type="training", year=2026, within="deadline")) == [
        "2026-ED-001 SR1"
    ]
    assert clauses_on(get(client, status="unchecked")) == ["2026-ED-001 SR2"]
    page = get(client)
    assert 'status-unchecked">nog niet gecontroleerd</span> <strong>1</strong>' in page


def test_an_archived_contract_leaves_the_dashboard(client, auth, conn, users):
    add_contract("2026-AR-001")
    add_contract("2026-AR-002")
    auth.login("officer")
    assert client.post("/contracts/2026-AR-001/archive").status_code == 302
    auth.login("bureau")
    page = get(client)
    assert clauses_on(page) == ["2026-AR-002 SR1"] and "1 verplichting<" in page


def test_a_stored_check_writes_its_statuses_into_the_portfolio(runner, client, auth, conn, users):
    assert runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)]).exit_code == 0
    assert set(Portfolio.select(Portfolio.status).tuples()) == {("no_report",)}  # re-checked
    add_report(store.find("2026-HH-014"), "2026-Q1")
    check(runner)
    stored = {(s.clause_id, s.status) for s in ClauseStatus.select()}
    assert {(p.clause_id, p.status) for p in Portfolio.select()} == stored
    assert all(p.severity == dashboard.SEVERITY.index(p.status) for p in Portfolio.select())
    auth.login("bureau")
    assert clauses_on(get(client, sort="status")) == [
        f"2026-HH-014 {c.code}"
        for c in Clause.select().join(Portfolio).order_by(Portfolio.severity, Portfolio.position)
    ]


def test_deep_pages_read_backwards_give_the_same_rows(client, auth, conn, users):
    for n in range(130):
        add_contract(
            f"2026-DP-{n:03d}",
            clauses=[("SR1", ("placement",), date(2027, 12, 31), ("met", "behind", None)[n % 3])],
        )
    auth.login("bureau")
    for sort in ("reference", "status", "deadline"):
        pages = [clauses_on(get(client, sort=sort, page=n)) for n in (1, 2, 3)]
        assert [len(p) for p in pages] == [50, 50, 30]
        everything = [row for p in pages for row in p]
        assert len(set(everything)) == 130
    pages = [clauses_on(get(client, sort="reference", page=n)) for n in (1, 2, 3)]
    assert [row for p in pages for row in p] == [f"2026-DP-{n:03d} SR1" for n in range(130)]
