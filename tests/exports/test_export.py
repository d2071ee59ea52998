"""The council's overview workbook: `srtracker export` and the scoped download."""

import io
import zipfile
from datetime import date
from fractions import Fraction

import openpyxl
import pytest

from srtracker.domain.figures import round_half_up
from srtracker.exports.workbook import sheet_title
from srtracker.models import Clause, Contract, Contribution, User
from srtracker.services import checks
from srtracker.services import reviews as service
from srtracker.store.contracts import find
from tests.compliance.test_check import HH014, add_report, check
from tests.conftest import AuthActions

CLAUSE_HEADER = [
    "Kenmerk",
    "Contract",
    "Opdrachtnemer",
    "Verplichting",
    "Omschrijving verplichting",
    "Maat",
    "Doel",
    "Gerealiseerd",
    "In afwachting van beoordeling",
    "Verwacht",
    "Status",
    "Geverifieerd door bureau",
    "Rapportage die meetelt",
    "Peildatum rapportage",
    "Deadline",
    "Handhaving",
    "Bedrag handhaving (€)",
]


@pytest.fixture
def hh014(runner, conn, users):
    """The spec example with its Q1 report and the flags of the check of 2026-08-15."""
    assert runner.invoke(args=["load-contracts", str(HH014)]).exit_code == 0
    add_report(find("2026-HH-014"), "2026-Q1")
    return check(runner)


def load_copy(runner, tmp_path, reference: str, buyer: str) -> None:
    """The spec's example contract under another reference, bought by ``buyer``."""
    text = (
        HH014.read_text(encoding="utf-8")
        .replace('"2026-HH-014"', f'"{reference}"')
        .replace('"Gemeente Apeldoorn"', f'"{buyer}"')
    )
    path = tmp_path / f"{reference}.toml"
    path.write_text(text, encoding="utf-8")
    assert runner.invoke(args=["load-contracts", str(path)]).exit_code == 0


@pytest.fixture
def elders(runner, conn, tmp_path):
    """A second contract, bought by Gemeente Elders (served by other_bureau only)."""
    load_copy(runner, tmp_path, "2026-EL-001", "Gemeente Elders")


def export(runner, tmp_path, as_of="2026-08-15"):
    out = tmp_path / "overzicht.xlsx"
    result = runner.invoke(args=["export", "-o", str(out), "--as-of", as_of])
    assert result.exit_code == 0, result.output
    return out, result.output


def rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_the_cli_writes_the_figures_check_computes(runner, tmp_path, hh014):
    out, output = export(runner, tmp_path)
    assert f"wrote {out} as of 2026-08-15" in output and "1 contract(s), 2 clause(s)" in output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Toelichting",
        "Gemeente Apeldoorn",
        "Signaleringen",
        "Totalen",
        "Beoordelingen",
        "Duurzaamheid",
    ]
    sheet = book["Gemeente Apeldoorn"]
    header, sr1, sr2 = rows(sheet)
    assert header == CLAUSE_HEADER
    assert sheet.freeze_panes == "A2"
    by_clause = {c["clause"]: c for c in hh014["clauses"]}
    for line in (sr1, sr2):
        expected = by_clause[line[3]]
        assert (line[0], line[7], line[8], line[9], line[12]) == (
            "2026-HH-014",
            expected["realised"],
            expected["pending"],
            expected["expected"],
            expected["report_period"],
        )
    assert sr1[1:7] == [
        "Hulp bij het huishouden, perceel Noord",
        "Thuiszorg Oost B.V.",
        "SR1",
        "Plaatsingen vanuit de bijstand",
        "personen",
        10,
    ]
    assert (sr1[10], sr2[10]) == ("op schema", "achter")
    assert (sr1[11], sr2[11]) == (0, 0)
    assert sr1[13].date() == date(2026, 3, 31)
    assert sheet["H2"].number_format == "#,##0" and sheet["H3"].number_format == "#,##0.00"


def test_open_flags_are_listed_with_dutch_labels(runner, tmp_path, hh014):
    out, _ = export(runner, tmp_path)
    flags = rows(openpyxl.load_workbook(out)["Signaleringen"])
    assert flags[0][:4] == ["Opdrachtgever", "Kenmerk", "Verplichting", "Signalering"]
    assert {(f[2], f[3], f[4], f[5]) for f in flags[1:]} == {
        ("SR2", "loopt achter", None, "open"),
        (None, "rapportage te laat", "2026-Q2", "open"),
    }


def hours(hours_per_week, first, last) -> Fraction:
    return Fraction(hours_per_week) * ((last - first).days + 1) / 7


def test_totals_per_type_and_group_count_the_counting_rows(runner, tmp_path, hh014):
    out, _ = export(runner, tmp_path)
    totals = rows(openpyxl.load_workbook(out)["Totalen"])
    e = date(2026, 3, 31)
    placement, nug = "Plaatsing (dienstverband of detachering)", "Niet-uitkeringsgerechtigd"
    assert totals[0] == [
        "Soort bijdrage",
        "Doelgroep",
        "Personen die meetellen",
        "Regels die meetellen",
        "Uren",
    ]
    found = {(t[0], t[1]): t[2:] for t in totals[1:]}
    assert len(found) == 4  # K-004 (group ww) does not count under SR1
    assert found[placement, "Participatiewet / bijstand"] == [
        2,
        2,
        float(round_half_up(hours(32, date(2026, 1, 5), e) + hours(36, date(2026, 3, 2), e))),
    ]
    assert found[placement, "Wajong"] == [
        1,
        1,
        float(round_half_up(hours(24, date(2026, 2, 1), e))),
    ]
    assert sorted(v for k, v in found.items() if k[0] != placement) == [[1, 1, 56], [1, 1, 64]]
    assert {k[1] for k in found if k[0] != placement} == {nug}


def test_verified_figures_and_reviews_are_exported(runner, tmp_path, hh014):
    bureau = User.get(User.role == "bureau")
    sr1 = Clause.get(Clause.code == "SR1")
    sr2 = Clause.get(Clause.code == "SR2")
    with runner.app.app_context():
        service.decide(sr1, "k-001", "verified", "doelgroepverklaring UWV gezien", bureau, "t")
        service.decide(sr1, "k-002", "rejected", "doelgroep niet aangetoond", bureau, "t")
        service.decide(sr2, "k-011", "verified", "stagecontract gezien", bureau, "t")
    out, _ = export(runner, tmp_path)
    book = openpyxl.load_workbook(out)
    _, line1, line2 = rows(book["Gemeente Apeldoorn"])
    assert (line1[7], line1[11]) == (2, 1)  # K-002 rejected, K-001 verified
    assert (line2[7], line2[11]) == (120, 56)
    reviews = rows(book["Beoordelingen"])
    assert [r[2:6] for r in reviews[1:]] == [
        ["SR1", "K-001", "geverifieerd", "doelgroepverklaring UWV gezien"],
        ["SR1", "K-002", "afgewezen", "doelgroep niet aangetoond"],
        ["SR2", "K-011", "geverifieerd", "stagecontract gezien"],
    ]


def every_cell(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_formula_like_text_stays_text_and_no_cell_is_a_formula(runner, tmp_path, hh014):
    contract = find("2026-HH-014")
    Contract.update(title='=HYPERLINK("http://x","klik")').where(
        Contract.id == contract.id
    ).execute()
    Contribution.update(candidate_ref="@K-001", candidate_key="@k-001").where(
        Contribution.candidate_key == "k-001"
    ).execute()
    bureau = User.get(User.role == "bureau")
    sr1 = Clause.get(Clause.code == "SR1")
    with runner.app.app_context():
        service.decide(sr1, "@k-001", "verified", "@SUM(1+1) -gezien +2", bureau, "t")
    out, _ = export(runner, tmp_path)
    book = openpyxl.load_workbook(out)
    cells = list(every_cell(book))
    assert cells and [c.coordinate for c in cells if c.data_type == "f"] == []
    title = book["Gemeente Apeldoorn"]["B2"]
    assert (title.value, title.data_type, title.quotePrefix) == (
        '=HYPERLINK("http://x","klik")',
        "s",
        True,
    )
    review = rows(book["Beoordelingen"])[1]
    assert review[3:6] == ["@K-001", "geverifieerd", "@SUM(1+1) -gezien +2"]
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(
            b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets
        )


def test_sheet_names_follow_excels_rules():
    taken = {"totalen"}
    assert sheet_title("Gemeente [Noord]: a/b*c?d\\e", taken) == "Gemeente Noord a b c d e"
    assert sheet_title("totalen", taken) == "totalen (2)"
    long = "Gemeenschappelijke Regeling Werkbedrijf Rivierenland"
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) == 31 and len(second) <= 31 and first != second
    assert second.endswith("(2)")
    assert sheet_title("'History'", taken) == "History (2)"
    assert sheet_title("???", taken) == "Opdrachtgever"


def download(app, who, query=""):
    client = app.test_client()
    AuthActions(client).login(who)
    return client.get(f"/bureau/export.xlsx{query}")


def test_the_download_is_scoped_to_the_buyers_the_user_serves(app, hh014, elders, monkeypatch):
    monkeypatch.setattr(checks, "today", lambda: date(2026, 8, 15))
    seen = {}
    for who in ("bureau", "other_bureau", "admin"):
        response = download(app, who)
        assert response.status_code == 200, who
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert "2026-08-15" in response.headers["Content-Disposition"]
        book = openpyxl.load_workbook(io.BytesIO(response.data))
        seen[who] = book.sheetnames[1:-4]
        if who == "bureau":
            assert {row[0] for row in rows(book["Signaleringen"])[1:]} == {"Gemeente Apeldoorn"}
    assert seen == {
        "bureau": ["Gemeente Apeldoorn"],
        "other_bureau": ["Gemeente Elders"],
        "admin": ["Gemeente Apeldoorn", "Gemeente Elders"],
    }
    for who in ("supplier", "officer"):
        assert download(app, who).status_code == 403


def test_the_download_takes_an_as_of_date(app, hh014):
    response = download(app, "bureau", "?as_of=2026-02-15")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    _, sr1, _ = rows(book["Gemeente Apeldoorn"])
    assert (sr1[7], sr1[10], sr1[12]) == (0, "geen rapportage", None)
    assert download(app, "bureau", "?as_of=15-02-2026").status_code == 400


def test_the_cli_exports_every_buyer(runner, tmp_path, hh014, elders):
    out, _ = export(runner, tmp_path)
    assert openpyxl.load_workbook(out).sheetnames[1:3] == ["Gemeente Apeldoorn", "Gemeente Elders"]


def test_a_large_download_is_sent_from_a_temporary_file_in_chunks(app, hh014, monkeypatch):
    from srtracker.exports import views

    monkeypatch.setattr(views, "SPOOL_BYTES", 0)  # every workbook counts as large
    response = download(app, "bureau")
    assert response.is_streamed and response.content_length > 0
    data = response.get_data()
    response.close()  # the WSGI server closes it after sending: the file goes with it
    assert len(data) == response.content_length
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames[1] == "Gemeente Apeldoorn"


def test_contracts_checked_a_batch_at_a_time_give_the_same_workbook(
    runner, tmp_path, hh014, elders, monkeypatch
):
    from srtracker.exports import overview

    whole, _ = export(runner, tmp_path)
    monkeypatch.setattr(overview, "BATCH_CONTRACTS", 1)  # one buyer a batch
    (tmp_path / "batched").mkdir()
    batched, _ = export(runner, tmp_path / "batched")

    def values(path):
        book = openpyxl.load_workbook(path)
        return {s.title: rows(s) for s in book.worksheets if s.title != "Toelichting"}

    assert values(whole) == values(batched)


def test_batches_checked_by_the_worker_process_give_the_same_workbook(
    runner, tmp_path, hh014, elders, monkeypatch
):
    from srtracker.exports import overview

    monkeypatch.setattr(overview, "BATCH_CONTRACTS", 1)  # one buyer a batch
    monkeypatch.setattr(overview, "PARALLEL", False)
    alone, _ = export(runner, tmp_path)
    monkeypatch.setattr(overview, "PARALLEL", True)
    (tmp_path / "worker").mkdir()
    with_worker, _ = export(runner, tmp_path / "worker")

    def values(path):
        book = openpyxl.load_workbook(path)
        found = {s.title: rows(s) for s in book.worksheets}
        found["Toelichting"] = [r for r in found["Toelichting"] if r[0] != "Gemaakt op"]
        return found

    assert values(alone) == values(with_worker)


def test_a_download_checked_by_the_worker_process_holds_every_buyer(
    app, hh014, elders, monkeypatch
):
    from srtracker.exports import overview

    monkeypatch.setattr(overview, "BATCH_CONTRACTS", 1)  # two batches: the worker takes part
    monkeypatch.setattr(overview, "PARALLEL", True)
    response = download(app, "admin", "?as_of=2026-08-15")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert [len(rows(book[b])) for b in ("Gemeente Apeldoorn", "Gemeente Elders")] == [3, 3]


@pytest.fixture
def third(runner, conn, tmp_path):
    """A third buyer, so that three batches of one buyer each keep two workers busy."""
    load_copy(runner, tmp_path, "2026-DE-001", "Gemeente Deventer")


def test_one_worker_and_two_workers_write_the_same_bytes(
    runner, tmp_path, hh014, elders, third, monkeypatch
):
    from datetime import datetime

    from srtracker.exports import overview

    monkeypatch.setattr(overview, "BATCH_CONTRACTS", 1)  # one buyer a batch
    monkeypatch.setattr(overview, "PARALLEL", True)
    monkeypatch.setattr(overview, "utcnow", lambda: datetime(2026, 8, 15, 12, 0))
    written = {}
    for workers in (1, 2):
        monkeypatch.setattr(overview, "WORKERS", workers)
        (tmp_path / str(workers)).mkdir()
        path, _ = export(runner, tmp_path / str(workers))
        with zipfile.ZipFile(path) as archive:
            written[workers] = {
                name: archive.read(name)
                for name in archive.namelist()
                if name != "docProps/core.xml"  # the file's creation time
            }
    assert len([n for n in written[2] if n.startswith("xl/worksheets/")]) == 8
    assert written[1] == written[2]


def test_the_workers_start_before_the_flags_sheet_is_written(
    runner, tmp_path, hh014, elders, monkeypatch
):
    """The writing process writes the flags while the workers check the first batches."""
    from srtracker.exports import overview

    monkeypatch.setattr(overview, "BATCH_CONTRACTS", 1)  # two batches: the workers take part
    monkeypatch.setattr(overview, "PARALLEL", True)
    happened = []
    ahead, flags, check = overview.workers.Ahead, overview._Flags.__iter__, overview.Lines._check

    def started(*args, **kwargs):
        happened.append("workers")
        return ahead(*args, **kwargs)

    def read(self):
        happened.append("flags")
        return flags(self)

    def taken(self, number):
        happened.append(f"batch {number}")
        return check(self, number)

    monkeypatch.setattr(overview.workers, "Ahead", started)
    monkeypatch.setattr(overview._Flags, "__iter__", read)
    monkeypatch.setattr(overview.Lines, "_check", taken)
    export(runner, tmp_path)
    assert happened == ["workers", "flags", "batch 0", "batch 1"]
