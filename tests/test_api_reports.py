"""A report is a report whatever its channel (issue 20): the API's upload stores the same
rows and gives the same figures as the upload page, through the same import service.

Two copies of the spec example contract, 2026-HH-014 and 2026-HH-015 (same clauses,
buyer and supplier), each get the same workbook through one channel; what is stored
and shown must then be equal but for the reference. tests/test_report_channels.py
compares the three channels (upload, browser, API) on one report.
"""

import io

import pytest
from api_helpers import bearer, make_tokens
from report_books import person, report

from srtracker.models import Clause, ClauseStatus, Contract, Contribution, Report
from tests.conftest import SPEC_EXAMPLE, AuthActions

WORKBOOK = report(
    person("K-001", start="05-01-2026"),
    person("K-002", group="ww", start="01-02-2026"),  # not eligible under SR1
    person("K-003", hours=12),  # below the minimum hours
    ["S-1", "SR2", "internship", "wajong", "01-02-2026", "31-03-2026", 20, None, None],
)
REJECTED = report(person("K-001", start="31-02-2026"))
API = "/api/v1"


def upload_by_page(app, reference, data, period="2026-Q1"):
    client = app.test_client()
    AuthActions(client).login("supplier")
    response = client.post(
        f"/contracts/{reference}/upload",
        headers={"Accept": "application/json"},
        data={"period": period, "workbook": (io.BytesIO(data), "voortgang.xlsx")},
        content_type="multipart/form-data",
    )
    return response.status_code, response.json


def upload_by_api(app, reference, data, period="2026-Q1"):
    token = make_tokens(app)["supplier"]
    response = app.test_client().post(
        f"{API}/contracts/{reference}/reports/{period}",
        headers={**bearer(token), "Content-Type": "application/octet-stream"},
        data=data,
    )
    return response.status_code, response.json


def upload_by_api_multipart(app, reference, data, period="2026-Q1"):
    token = make_tokens(app)["supplier"]
    response = app.test_client().post(
        f"{API}/contracts/{reference}/reports/{period}",
        headers=bearer(token),
        data={"file": (io.BytesIO(data), "voortgang.xlsx")},
        content_type="multipart/form-data",
    )
    return response.status_code, response.json


CHANNELS = {"api": upload_by_api, "api_multipart": upload_by_api_multipart}


@pytest.fixture
def two_contracts(app, runner, users, tmp_path):
    copy = tmp_path / "copy.toml"
    copy.write_text(SPEC_EXAMPLE.read_text().replace("2026-HH-014", "2026-HH-015"))
    for path in (SPEC_EXAMPLE, copy):
        assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0
    # A stored check as of a date after 2026-Q1, so the upload counts at once.
    assert runner.invoke(args=["check", "--as-of", "2026-08-15"]).exit_code == 0
    return app


def stored(reference):
    """What the import stored and the re-check decided, without ids and the reference."""
    from srtracker.db import db

    with db.connection_context():
        contract = Contract.get(Contract.reference == reference)
        reports = [
            (r.period, r.status, r.rows, r.sha256, r.errors, r.warnings)
            for r in Report.select().where(Report.contract == contract).order_by(Report.id)
        ]
        rows = sorted(
            (
                c.clause.code,
                c.row,
                c.candidate_ref,
                c.type,
                c.target_group,
                c.start_date,
                c.end_date,
                c.hours_per_week,
                c.amount_cents,
                c.note,
            )
            for c in Contribution.select(Contribution, Clause)
            .join(Clause)
            .where(Clause.contract == contract)
        )
        statuses = sorted(
            (s.clause.code, s.status, s.realised, s.expected, s.report_period)
            for s in ClauseStatus.select(ClauseStatus, Clause)
            .join(Clause)
            .where(Clause.contract == contract)
        )
    return reports, rows, statuses


def figures(app, reference):
    token = make_tokens(app)["bureau"]
    shown = app.test_client().get(f"{API}/contracts/{reference}/figures", headers=bearer(token))
    document = shown.json
    for clause in document["clauses"]:
        clause.pop("contract")
    document.pop("contract")
    return document


def without_reference(outcome):
    return {k: v for k, v in outcome.items() if k not in ("contract", "report_id")}


@pytest.mark.parametrize("channel", sorted(CHANNELS))
@pytest.mark.parametrize("workbook", [WORKBOOK, REJECTED], ids=["accepted", "rejected"])
def test_the_same_report_gives_the_same_rows_and_figures_by_every_channel(
    two_contracts, channel, workbook
):
    app = two_contracts
    by_page = upload_by_page(app, "2026-HH-014", workbook)
    by_channel = CHANNELS[channel](app, "2026-HH-015", workbook)
    assert by_channel[0] == by_page[0]
    assert without_reference(by_channel[1]) == without_reference(by_page[1])
    assert stored("2026-HH-015") == stored("2026-HH-014")
    assert figures(app, "2026-HH-015") == figures(app, "2026-HH-014")


def test_the_api_answers_a_resend_as_duplicate(two_contracts):
    first = upload_by_api(two_contracts, "2026-HH-014", WORKBOOK)
    again = upload_by_api(two_contracts, "2026-HH-014", WORKBOOK)
    assert again == (200, {**first[1], "status": "duplicate"})


def test_a_script_lists_its_contracts_uploads_a_report_and_reads_the_result(two_contracts):
    """Issue 20's 'done when': a script with a token, nothing else."""
    app = two_contracts
    token = make_tokens(app)["supplier"]
    api = app.test_client()
    headers = bearer(token)

    listed = api.get(f"{API}/contracts", headers=headers).json
    references = [c["reference"] for c in listed["contracts"]]
    assert references == ["2026-HH-014", "2026-HH-015"]
    before = api.get(f"{API}/contracts/2026-HH-014/figures", headers=headers).json
    assert [c["status"] for c in before["clauses"]][:2] == ["no_report", "no_report"]

    sent = api.post(
        f"{API}/contracts/2026-HH-014/reports/2026-Q1",
        headers={**headers, "Content-Type": "application/octet-stream"},
        data=WORKBOOK,
    )
    assert sent.status_code == 200 and sent.json["status"] == "accepted"
    result = api.get(f"{API}/reports/{sent.json['report_id']}", headers=headers).json
    assert result == sent.json

    after = api.get(f"{API}/contracts/2026-HH-014/figures", headers=headers).json
    sr1 = next(c for c in after["clauses"] if c["clause"] == "SR1")
    assert (sr1["realised"], sr1["report_period"]) == (1, "2026-Q1")
    assert sr1["excluded"] == {"ineligible_group": 1, "below_min_hours": 1}

    explained = api.get(f"{API}/contracts/2026-HH-014/clauses/SR1", headers=headers).json
    assert [r["candidate_ref"] for r in explained["counting"]] == ["K-001"]
    assert sorted((r["candidate_ref"], r["reason"]) for r in explained["not_counting"]) == [
        ("K-002", "ineligible_group"),
        ("K-003", "below_min_hours"),
    ]
    assert all(r["explanation"] for r in explained["counting"] + explained["not_counting"])
