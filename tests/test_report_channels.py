"""A report is a report whatever its channel (issue 20.3): the same rows sent as an upload,
typed in the browser or posted to the API give the same stored rows and the same figures.

Each channel reports to its own copy of the spec's contract (same clauses, another
reference), so the figures of one cannot leak into another.
"""

import io
from datetime import date
from decimal import Decimal

import pytest
from report_books import person, report

from srtracker.db import db
from srtracker.models import Clause, ClauseStatus, Contract, Contribution, Report, User
from tests.conftest import SPEC_EXAMPLE, USERS

PERIOD = "2026-Q1"
ROWS = [
    person("K-001", group="participatiewet", start=date(2026, 1, 5), hours=32),
    person("K-002", start=date(2026, 2, 1), end=date(2026, 3, 15), hours=Decimal("24.5")),
    person("K-003", clause="SR2", kind="training", start=date(2026, 2, 10), hours=Decimal("12.25")),
    person("K-004", group="wajong", start=date(2026, 3, 2), hours=20, note="deeltijd"),
]
COLUMNS = (
    "candidate_ref",
    "clause",
    "type",
    "target_group",
    "start_date",
    "end_date",
    "hours_per_week",
    "amount_eur",
    "note",
)


@pytest.fixture
def contracts(runner, tmp_path, users):
    """One copy of the spec's contract per channel."""
    text = SPEC_EXAMPLE.read_text(encoding="utf-8")
    for channel in ("upload", "browser", "api"):
        path = tmp_path / f"{channel}.toml"
        path.write_text(text.replace("2026-HH-014", f"CH-{channel}"), encoding="utf-8")
        assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0


@pytest.fixture(autouse=True)
def recheck_as_of_april(monkeypatch):
    monkeypatch.setattr("srtracker.services.checks.today", lambda: date(2026, 4, 15))


def typed(values) -> list[str]:
    """A row as a person types it in the form: Dutch notation, codes from the lists."""
    out = []
    for value in values:
        if value is None:
            out.append("")
        elif isinstance(value, date):
            out.append(value.strftime("%d-%m-%Y"))
        elif isinstance(value, Decimal):
            out.append(str(value).replace(".", ","))
        else:
            out.append(str(value))
    return out


def send_upload(client):
    response = client.post(
        "/contracts/CH-upload/upload",
        data={"period": PERIOD, "workbook": (io.BytesIO(report(*ROWS)), "voortgang.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303


def send_browser(client):
    form = {"count": str(len(ROWS)), "action": "save"}
    for number, values in enumerate(ROWS, 1):
        form.update({f"r{number}-{c}": v for c, v in zip(COLUMNS, typed(values), strict=True)})
    response = client.post(f"/contracts/CH-browser/enter?period={PERIOD}", data=form)
    assert response.status_code == 303, response.get_data(as_text=True)


def send_api(app, client):
    from srtracker.services import api_tokens

    with app.test_request_context(), db.connection_context():
        token = api_tokens.create(User.get(User.email == USERS["supplier"][0]), "channels", "test")[
            1
        ]
    response = app.test_client().post(
        f"/api/v1/contracts/CH-api/reports/{PERIOD}",
        data=report(*ROWS),
        headers={"Authorization": f"Bearer {token}"},
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.json["status"] == "accepted"


def stored(reference):
    """The counting report's rows and every clause's figures, without ids."""
    contract = Contract.get(Contract.reference == reference)
    counting = (
        Report.select()
        .where((Report.contract == contract) & (Report.status == "accepted"))
        .order_by(Report.id.desc())
        .get()
    )
    rows = [
        (
            r.row,
            r.candidate_ref,
            r.clause.code,
            r.type,
            r.target_group,
            r.start_date,
            r.end_date,
            r.hours_per_week,
            r.amount_cents,
            r.note,
        )
        for r in Contribution.select()
        .where(Contribution.report == counting)
        .order_by(Contribution.row)
    ]
    figures = {
        s.clause.code: (s.status, s.realised, s.expected, s.report_period)
        for s in ClauseStatus.select(ClauseStatus, Clause)
        .join(Clause)
        .where(Clause.contract == contract)
    }
    return counting.rows, rows, figures


def test_the_same_report_through_every_channel_stores_the_same_rows_and_figures(
    app, client, auth, contracts
):
    auth.login("supplier")
    send_upload(client)
    send_browser(client)
    send_api(app, client)
    channels = ["upload", "browser", "api"]
    with db.connection_context():
        results = {channel: stored(f"CH-{channel}") for channel in channels}
        saved_as = [
            Report.get(Report.contract == Contract.get(Contract.reference == f"CH-{c}")).channel
            for c in channels
        ]
    assert saved_as == channels
    upload = results["upload"]
    assert upload[0] == len(ROWS) and upload[2]["SR1"][1] > 0
    for channel in channels[1:]:
        assert results[channel] == upload, channel
