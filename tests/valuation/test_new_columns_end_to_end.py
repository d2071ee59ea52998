"""Issue 18 end to end: the columns statushouder, niveau and aantal go from the workbook into
the database and are valued by the pinned table in the check."""

import json
from datetime import date

from tests.report_books import xlsx

CONTRACT = """\
[contract]
reference = "2026-UT-018"
title = "Schoonmaak stadskantoor"
buyer = "Gemeente Utrecht"
supplier = "Schoon B.V."
value_eur = 1000000
start = 2026-01-01
end = 2027-12-31
reporting = "quarterly"
valuation_table = "utrecht"
valuation_version = 3

[[clause]]
code = "SR1"
title = "Social return 5%"
measure = "euros"
target_percent = 5
accepts = ["placement", "internship", "training"]
"""
HEADER = [
    "kandidaat",
    "verplichting",
    "soort",
    "doelgroep",
    "startdatum",
    "einddatum",
    "uren_per_week",
    "bedrag_eur",
    "opmerking",
    "statushouder",
    "niveau",
    "aantal",
]


def test_statushouder_level_and_hours_are_stored_and_valued(runner, conn, tmp_path):
    contract = tmp_path / "ut.toml"
    contract.write_text(CONTRACT, encoding="utf-8")
    assert runner.invoke(args=["load-contracts", str(contract)]).exit_code == 0
    rows = [
        # Participatiewet 40,000 + statushouder 10,000, full time, 2026-01-01 .. 06-30
        [
            "K-1",
            "SR1",
            "placement",
            "participatiewet",
            date(2026, 1, 1),
            None,
            36,
            None,
            None,
            "ja",
            None,
            None,
        ],
        # mbo bol level 3: 20,000 * 18/36 * 6/12 = 5,000
        [
            "K-2",
            "SR1",
            "internship",
            "nug",
            date(2026, 1, 1),
            None,
            18,
            None,
            None,
            None,
            "mbo niveau 3",
            None,
        ],
        # training without costs: 30 hours * EUR 100
        ["OPL-1", "SR1", "training", "nug", date(2026, 2, 1), None, 8, None, None, None, None, 30],
    ]
    report = tmp_path / "q2.xlsx"
    report.write_bytes(xlsx({"Voortgang": [HEADER, *rows]}))
    result = runner.invoke(args=["import-report", "2026-UT-018", "2026-Q2", str(report), "--json"])
    assert json.loads(result.output)["status"] == "accepted", result.output
    checked = runner.invoke(args=["check", "--as-of", "2026-06-30", "--json"])
    clause = json.loads(checked.output)["clauses"][0]
    assert clause["realised"] == 25000 + 5000 + 3000
