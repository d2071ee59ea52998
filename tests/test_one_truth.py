"""Every change re-checks its contract: every surface shows the same figures at once.

compliance.md, "Re-check on change": after an upload, a review, a contract or clause
change, archiving and restoring, the home page, the dashboard, the contract page (with
its chart), the clause page, the flag queue, the export and `srtracker check --json`
agree on each clause's status and figures without a check having run; a later check as
of the same date opens and resolves nothing new; and the nightly check stores what the
re-checks stored.
"""

import io
import json
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl
import pytest

from srtracker.domain.signoff import PENDING_REASONS
from srtracker.models import CheckRun, ClauseStatus, Flag
from tests.conftest import SAMPLES, SPEC_EXAMPLE

REFERENCE = "2026-HH-014"
AS_OF = "2026-08-15"
Q1_REPORT = SAMPLES / "reports" / "2026-HH-014_2026-Q1.xlsx"
STATUS = re.compile(r"\bstatus-([a-z_]+)")


class Rows(HTMLParser):
    """Each table row of a page: its cells' text and the status classes inside it."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: list[tuple[list[str], list[str], str]] = []
        self._cells: list[str] | None = None
        self._statuses: list[str] = []
        self._caption = ""
        self._in_caption = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self._in_caption, self._caption = True, ""
        elif tag == "table":
            self._caption = ""
        elif tag == "tr":
            self._cells, self._statuses = [], []
        elif tag in ("td", "th") and self._cells is not None:
            self._cells.append("")
        for name, value in attrs:
            if name == "class" and self._cells is not None:
                self._statuses += STATUS.findall(value or "")

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag == "tr" and self._cells is not None:
            self.rows.append(
                ([" ".join(c.split()) for c in self._cells], self._statuses, self._caption)
            )
            self._cells = None

    def handle_data(self, data):
        if self._in_caption:
            self._caption += data
        elif self._cells:
            self._cells[-1] += data


def dutch(text: str) -> Decimal | None:
    """A figure as the pages write it (1.234,56), rounded to cents."""
    text = text.strip()
    if not re.fullmatch(r"-?[\d.]+(,\d+)?", text):
        return None  # not a figure: empty, or "niet beoordeeld"
    return Decimal(text.replace(".", "").replace(",", ".")).quantize(Decimal("0.01"))


def plain(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def home(client) -> dict:
    found = {}
    for cells, statuses, caption in Rows(page(client, "/")).rows:
        if REFERENCE in caption and len(cells) == 7 and cells[1] in ("SR1", "SR2"):
            found[cells[1]] = (statuses[0] if statuses else None, dutch(cells[5]))
    return found


def contract_page(client) -> tuple[dict, dict, set]:
    """The clause table (status, realised, expected), the chart's last point, open flags."""
    rows = Rows(page(client, f"/contracts/{REFERENCE}")).rows
    clauses, chart, flags = {}, {}, set()
    for cells, statuses, caption in rows:
        if (
            caption.startswith("Cijfers van de grafiek")
            and cells
            and re.match(r"\d{4}-Q\d", cells[0])
        ):
            chart.setdefault(caption.split()[-1], {})[cells[0]] = dutch(cells[2])
        elif len(cells) >= 7 and cells[1] in ("SR1", "SR2"):
            clauses[cells[1]] = (
                statuses[0] if statuses else None,
                dutch(cells[4]),
                dutch(cells[5]),
            )
        elif len(cells) >= 4 and cells[3] in ("open", "gezien"):
            flags.add((cells[0].removesuffix(" afhandelen"), cells[1]))
    return clauses, chart, flags


def dashboard(client) -> dict:
    found = {}
    for cells, statuses, _ in Rows(page(client, f"/bureau?q={REFERENCE}")).rows:
        if len(cells) == 8 and REFERENCE in cells[1]:
            code = cells[1].split()[0]
            found[code] = (statuses[0], dutch(cells[3]), dutch(cells[4]))
    return found


def clause_page(client, code: str) -> tuple:
    html = page(client, f"/contracts/{REFERENCE}/clauses/{code}")
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>(.*?)</dd>", html, re.S))
    status = STATUS.search(facts["Status"]).group(1)
    return status, dutch(facts["Gerealiseerd"]), dutch(facts["Verwacht"])


def flag_queue(client) -> set:
    found = set()
    for cells, _, _ in Rows(page(client, f"/bureau/flags?q={REFERENCE}")).rows:
        if len(cells) == 7 and cells[1].startswith(REFERENCE):
            found.add((cells[0].removesuffix(f" {REFERENCE} {cells[3]}").strip(), cells[3]))
    return found


def review_queue(client) -> dict:
    """The candidates the bureau's review queue lists for the contract, per clause."""
    found: dict = {}
    for item in re.findall(r'name="item" value="([^"]+)"', page(client, "/bureau/reviews")):
        reference, code, candidate = item.split("|")
        if reference == REFERENCE:
            found.setdefault(code, set()).add(candidate)
    return found


def export(client) -> tuple[dict, set]:
    response = client.get("/bureau/export.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    if "Gemeente Apeldoorn" not in book.sheetnames:  # no contract of that buyer listed
        return {}, set()
    header, *lines = book["Gemeente Apeldoorn"].iter_rows(values_only=True)
    at = {
        name: header.index(name) for name in ("Verplichting", "Status", "Gerealiseerd", "Verwacht")
    }
    clauses = {
        line[at["Verplichting"]]: (  # the status as the interface words it
            line[at["Status"]],
            plain(line[at["Gerealiseerd"]]),
            plain(line[at["Verwacht"]]),
        )
        for line in lines
        if line[0] == REFERENCE
    }
    flags = {
        (line[3], line[2] or line[4])
        for line in list(book["Signaleringen"].iter_rows(values_only=True))[1:]
        if line[1] == REFERENCE
    }
    return clauses, flags


def check_json(runner) -> dict:
    result = runner.invoke(args=["check", "--as-of", AS_OF, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def every_surface(client, runner, auth) -> dict:
    """What each surface shows of the contract, in one shape: {clause: (status, realised,
    expected)}, the open flags as (label, clause or period), and the check's own news."""
    auth.login("bureau")
    on_contract, chart, flags_on_contract = contract_page(client)
    exported, exported_flags = export(client)
    document = check_json(runner)  # as of the stored check's date: stores nothing new
    mine = [c for c in document["clauses"] if c["contract"] == REFERENCE]
    return {
        "home": home(client),
        "contract": on_contract,
        "chart": chart,
        "dashboard": dashboard(client),
        "clause": {code: clause_page(client, code) for code in on_contract},
        "flags_on_contract": flags_on_contract,
        "flag_queue": flag_queue(client),
        "review_queue": review_queue(client),
        "export": exported,
        "export_flags": exported_flags,
        "check": {
            c["clause"]: (c["status"], plain(c["realised"]), plain(c["expected"])) for c in mine
        },
        "check_period": {c["clause"]: c["report_period"] for c in mine},
        "check_waiting": {
            c["clause"]: sum(c["excluded"].get(reason, 0) for reason in PENDING_REASONS)
            for c in mine
        },
        "check_news": [
            f
            for key in ("flags_opened", "flags_resolved")
            for f in document[key]
            if f["contract"] == REFERENCE
        ],
        "check_open": {
            (f["kind"], f["clause"] or f["period"])
            for f in document["open_flags"]
            if f["contract"] == REFERENCE
        },
    }


def assert_one_truth(seen: dict, status_labels: dict) -> dict:
    """Every surface agrees with `check --json`; returns the clauses' (status, realised)."""
    truth = seen["check"]
    assert seen["check_news"] == []  # the re-check stored exactly what a check finds
    for code, (status, realised, expected) in truth.items():
        assert seen["contract"][code] == (status, realised, expected), code
        assert seen["dashboard"][code] == (status, realised, expected), code
        assert seen["clause"][code] == (status, realised, expected), code
        assert seen["home"][code] == (status, realised), code
        assert seen["export"][code] == (status_labels[status], realised, expected), code
        period = seen["check_period"][code]
        if period is not None:  # the chart's point of the counting report
            assert seen["chart"][code][period] == realised, code
    for code, rows in seen["check_waiting"].items():  # the queue lists each person once
        listed = len(seen["review_queue"].get(code, ()))
        assert (0 < listed <= rows) if rows else listed == 0, code
    assert seen["flags_on_contract"] == seen["flag_queue"]
    assert {label for label, _ in seen["flag_queue"]} <= set(status_labels.values()) | {
        "rapportage te laat",
        "loopt achter",
        "risico",
        "niet gehaald",
    }
    assert len(seen["export_flags"]) == len(seen["flag_queue"]) == len(seen["check_open"])
    return {code: value[:2] for code, value in truth.items()}


@pytest.fixture
def status_labels(app):
    from flask_babel import force_locale, gettext

    from srtracker.domain.status import STATUS_LABELS

    with app.test_request_context(), force_locale("nl"):
        return {status: gettext(label) for status, label in STATUS_LABELS.items()}


@pytest.fixture
def checked(runner, client, auth, users, conn):
    """The spec's contract, checked once as of 2026-08-15: the date every change re-checks as of."""
    assert runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)]).exit_code == 0
    check_json(runner)
    return runner


def upload_q1(client, auth):
    auth.login("supplier")
    response = client.post(
        f"/contracts/{REFERENCE}/upload",
        data={"period": "2026-Q1", "workbook": (io.BytesIO(Q1_REPORT.read_bytes()), "q1.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code in (200, 302, 303)


def test_every_surface_shows_the_same_figures_after_each_change(
    checked, client, auth, status_labels
):
    runner = checked
    before = assert_one_truth(every_surface(client, runner, auth), status_labels)
    assert {status for status, _ in before.values()} == {"no_report"}

    upload_q1(client, auth)
    uploaded = assert_one_truth(every_surface(client, runner, auth), status_labels)
    assert uploaded != before and uploaded["SR1"][0] != "no_report"

    auth.login("bureau")
    response = client.post(
        f"/contracts/{REFERENCE}/clauses/SR1/reviews/reject",
        data={"candidate": "TZO-0003", "note": "doelgroep niet aangetoond"},
    )
    assert response.status_code == 303
    reviewed = assert_one_truth(every_surface(client, runner, auth), status_labels)
    assert reviewed["SR1"][1] == uploaded["SR1"][1] - 1

    auth.login("officer")
    response = client.post(
        f"/contracts/{REFERENCE}/edit",
        data={
            "title": "Hulp bij het huishouden, perceel Noord",
            "supplier": "Thuiszorg Oost B.V.",
            "value_eur": "2400000",
            "start": "2026-01-01",
            "end": "2027-12-31",
            "reporting": "quarterly",
            "report_due_days": "60",  # the Q2 report is no longer overdue on 2026-08-15
        },
    )
    assert response.status_code == 302
    seen = every_surface(client, runner, auth)
    assert_one_truth(seen, status_labels)
    assert not any(period == "2026-Q2" for _, period in seen["flag_queue"])

    auth.login("officer")
    response = client.post(
        f"/contracts/{REFERENCE}/clauses/SR1/edit",
        data={
            "clause_title": "Plaatsingen vanuit de bijstand",
            "clause_measure": "persons",
            "clause_target": "10",
            "clause_accepts": ["placement"],
            "clause_milestones": "31-12-2026 1",  # expected far lower: SR1 is on track or met
        },
    )
    assert response.status_code == 302
    changed = assert_one_truth(every_surface(client, runner, auth), status_labels)
    assert changed["SR1"][0] in ("on_track", "met")


def test_archiving_takes_the_contract_off_every_surface_and_restoring_brings_it_back(
    checked, client, auth, app
):
    upload_q1(client, auth)
    auth.login("bureau")
    stored = {s.clause_id: (s.status, s.realised) for s in ClauseStatus.select()}
    auth.login("officer")
    assert client.post(f"/contracts/{REFERENCE}/archive").status_code == 302
    auth.login("bureau")
    assert home(client) == {} and dashboard(client) == {}
    assert export(client) == ({}, set())
    assert [c for c in check_json(checked)["clauses"] if c["contract"] == REFERENCE] == []

    from srtracker.services.contracts import restore
    from srtracker.store.contracts import find

    with app.test_request_context():
        assert restore(find(REFERENCE), "test")
    assert {s.clause_id: (s.status, s.realised) for s in ClauseStatus.select()} == stored
    assert set(dashboard(client)) == {"SR1", "SR2"}


def test_a_new_contract_is_shown_checked_at_once(checked, client, auth):
    auth.login("bureau")
    assert {status for status, *_ in dashboard(client).values()} == {"no_report"}
    assert "nog niet gecontroleerd" not in page(client, f"/contracts/{REFERENCE}")


def test_the_nightly_check_stores_what_the_re_checks_stored(checked, client, auth):
    upload_q1(client, auth)
    auth.login("bureau")
    client.post(
        f"/contracts/{REFERENCE}/clauses/SR1/reviews/reject",
        data={"candidate": "TZO-0007", "note": "geen bewijs"},
    )

    def state():
        return (
            sorted(
                (s.clause_id, s.status, s.realised, s.expected, s.report_period)
                for s in ClauseStatus.select()
            ),
            sorted((f.id, f.kind, f.clause_id, f.period, f.state) for f in Flag.select()),
        )

    re_checked = state()
    runs = CheckRun.select().count()
    document = check_json(checked)
    assert CheckRun.select().count() == runs + 1
    assert document["flags_opened"] == [] and document["flags_resolved"] == []
    assert state() == re_checked


def test_a_re_check_before_any_stored_check_is_as_of_today(runner, conn, recheck_today):
    assert runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)]).exit_code == 0
    assert CheckRun.select().count() == 0
    assert {s.check_run_id for s in ClauseStatus.select()} == {None}
    flags = Flag.select().count()
    document = check_json_as_of(runner, recheck_today)
    assert document["flags_opened"] == [] and document["flags_resolved"] == []
    assert Flag.select().count() == flags


def check_json_as_of(runner, day: date) -> dict:
    result = runner.invoke(args=["check", "--as-of", day.isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)
