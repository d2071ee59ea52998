"""`srtracker demo` shows every rule of sign-off.md (issue 16, item 7): a buyer counting on
approval, a bureau's own numbers, a person moved between two contracts keeping one cap, a
double count for the bureau to decide, and ended placements with and without an answer."""

from decimal import Decimal

import pytest

from srtracker.db import db
from srtracker.models import (
    CandidateReview,
    Clause,
    ClauseStatus,
    Contract,
    Flag,
    FollowUp,
    Organisation,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from srtracker import create_app
    from tests.conftest import TEST_CONFIG

    folder = tmp_path_factory.mktemp("demo")
    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{folder / 'demo.db'}"})
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context(), db.connection_context():
        yield app, result.output


def realised(reference: str) -> Decimal:
    clause = Clause.select().join(Contract).where(Contract.reference == reference).get()
    return ClauseStatus.get_by_id(clause.id).realised


def test_a_buyer_counts_on_approval_with_an_approval_and_a_rejection(demo):
    ede = Organisation.get(Organisation.name == "Gemeente Ede")
    assert (ede.counting_policy, ede.evidence_files, ede.evidence_retention_days) == (
        "on_approval",
        True,
        30,
    )
    assert sorted(r.decision for r in CandidateReview.select()) == ["rejected", "verified"]


def test_the_bureau_numbers_people_for_the_ledger(demo):
    assert Organisation.get(Organisation.name == "Regionaal Social Return Bureau").uses_bureau_ref


def test_a_person_moved_between_two_contracts_keeps_one_cap(demo):
    # 2025-HA-008: KN-2024-017 has 6 of Harlingen's 24 months left after 18 in 2024-HA-003,
    # EUR 40,000 x 6/12 = 20,000; KN-2024-031, WW > 1 year, 24 of 36 hours for 10 months
    # (2025-09-01 .. 2026-06-30): EUR 20,000 x 24/36 x 10/12 = 11,111.11.
    assert realised("2025-HA-008") == Decimal("31111.11")
    assert "Person ledger: KN-2024-017 moved" in demo[1]


def test_a_double_count_waits_for_the_bureau(demo):
    import json

    from srtracker.models import Report

    # the import warned the supplier on KN-2024-031's cell, naming nothing of the other contract
    for report in Report.select().join(Contract).where(Contract.reference == "2025-HA-008"):
        (warning,) = json.loads(report.warnings)
        assert (warning["code"], warning["cell"]) == ("counted_elsewhere", "Q3")
    (flag,) = Flag.select().where((Flag.kind == "double_counted") & (Flag.state == "open"))
    assert (flag.contract.reference, flag.candidate) == ("2025-HA-008", "KN-2024-031")
    assert flag.other_contract.reference == "2024-HA-003"


def test_ended_placements_have_follow_ups_with_and_without_an_answer(demo):
    tasks = list(
        FollowUp.select().join(Clause).join(Contract).where(Contract.reference == "2024-HA-003")
    )
    assert {(t.candidate_ref, t.months) for t in tasks} == {
        ("HBN-01", 6),
        ("HBN-01", 12),
        ("HBN-03", 6),
    }
    assert FollowUp.select().where(FollowUp.answer.is_null(False)).count() >= 1
    assert FollowUp.select().where(FollowUp.answer.is_null()).count() >= 1


def test_the_chart_shows_the_capped_figure_the_check_stored(demo):
    from srtracker.demo import DEMO_PASSWORD
    from tests.test_one_truth import Rows, dutch

    app, _ = demo
    client = app.test_client()
    client.post("/login", data={"email": "adviseur@srbureau.example", "password": DEMO_PASSWORD})
    html = client.get("/contracts/2025-HA-008").get_data(as_text=True)
    points = {
        cells[0]: dutch(cells[2])
        for cells, _, caption in Rows(html).rows
        if caption.startswith("Cijfers van de grafiek") and cells and cells[0].startswith("20")
    }
    # 2025-H2: 6 months of KN-2024-017 (EUR 20,000, within the cap) + KN-2024-031 for 4 months,
    # EUR 20,000 x 24/36 x 4/12 = 4,444.44; 2026-H1: as the check stored it, capped
    assert points == {"2025-H2": Decimal("24444.44"), "2026-H1": Decimal("31111.11")}
