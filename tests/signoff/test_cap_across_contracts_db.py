"""The Harlingen two-year cap per person across contracts, through the database and the check
(sign-off.md; the figures are worked out by hand in tests/domain/test_cap_across_contracts.py).

Person KN-1 works full time in 2024-HA-001 from 2024-01-01 to 2025-06-30 (18 months, EUR
40,000 x 18/12 = EUR 60,000), then in 2025-HA-002 from 2025-07-01, reported to 2026-06-30:
12 months worked, 6 of the 24 left, EUR 40,000 x 6/12 = EUR 20,000 (afresh: EUR 40,000).
"""

import json
from datetime import date

from report_books import HEADER, report

from srtracker.models import Contract
from srtracker.services.checks import check_live

CONTRACT = """\
[contract]
reference = "{reference}"
title = "Onderhoud havengebied"
buyer = "Gemeente Harlingen"
supplier = "Haven Bouw B.V."
value_eur = 2000000
start = 2024-01-01
end = 2028-12-31
reporting = "half-yearly"
valuation_table = "harlingen"
valuation_version = 2

[[clause]]
code = "SR1"
title = "Social return 5%"
measure = "euros"
target = 100000
accepts = ["placement"]
"""
VALUED = [*HEADER, "uitkeringsduur_maanden", "kandidaatnummer"]


def placement(ref, start, end=None, bureau_ref="KN-1"):
    return [ref, "SR1", "placement", "participatiewet", start, end, 36, None, None, 30, bureau_ref]


def load(runner, tmp_path):
    for reference in ("2024-HA-001", "2025-HA-002"):
        path = tmp_path / f"{reference}.toml"
        path.write_text(CONTRACT.format(reference=reference), encoding="utf-8")
        assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0


def upload(runner, tmp_path, reference, period, *rows):
    path = tmp_path / f"{reference}-{period}.xlsx"
    path.write_bytes(report(*rows, header=VALUED))
    result = runner.invoke(args=["import-report", reference, period, str(path), "--json"])
    assert json.loads(result.output)["status"] == "accepted", result.output


def realised(document) -> dict:
    return {c["contract"]: c["realised"] for c in document["clauses"]}


def test_a_person_moved_between_contracts_keeps_one_cap_in_the_check(app, runner, conn, tmp_path):
    load(runner, tmp_path)
    upload(
        runner,
        tmp_path,
        "2024-HA-001",
        "2025-H1",
        placement("A-1", date(2024, 1, 1), date(2025, 6, 30)),
    )
    upload(runner, tmp_path, "2025-HA-002", "2026-H1", placement("B-1", date(2025, 7, 1)))
    checked = runner.invoke(args=["check", "--as-of", "2026-07-15", "--json"])
    assert realised(json.loads(checked.output)) == {"2024-HA-001": 60000, "2025-HA-002": 20000}
    # the clause page and the re-check see it too (one contract and the rest of its ledger)
    with app.app_context():
        later = check_live(Contract.get(Contract.reference == "2025-HA-002"))
    assert later.clauses[0].realised == 20000


def test_without_a_kandidaatnummer_each_contract_counts_afresh(runner, conn, tmp_path):
    load(runner, tmp_path)
    upload(
        runner,
        tmp_path,
        "2024-HA-001",
        "2025-H1",
        placement("A-1", date(2024, 1, 1), date(2025, 6, 30), bureau_ref=None),
    )
    upload(runner, tmp_path, "2025-HA-002", "2026-H1", placement("B-1", date(2025, 7, 1)))
    checked = runner.invoke(args=["check", "--as-of", "2026-07-15", "--json"])
    assert realised(json.loads(checked.output)) == {"2024-HA-001": 60000, "2025-HA-002": 40000}
