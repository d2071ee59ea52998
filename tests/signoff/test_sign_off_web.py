"""The bureau's queue, decisions and double counts on the web; evidence files (sign-off.md)."""

import io
from datetime import date

import pytest

from srtracker.models import (
    AuditLog,
    CandidateReview,
    Clause,
    Contract,
    EvidenceFile,
    Flag,
    Organisation,
    WaitingCandidate,
)
from srtracker.services import evidence
from tests.signoff.test_sign_off_cli import Q1, check, contracts, on_approval, twice, upload  # noqa: F401

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def waiting(runner, contracts, conn, users, app, tmp_path):  # noqa: F811
    app.config["EVIDENCE_FOLDER"] = str(tmp_path / "evidence")
    on_approval(conn)
    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    check(runner)
    return contracts


def test_the_queue_lists_waiting_candidates_oldest_first(client, auth, waiting):
    auth.login("bureau")
    page = client.get("/bureau/reviews").get_data(as_text=True)
    assert page.index("2026-HH-014|SR1|K-001") < page.index("2026-HH-014|SR1|K-002")
    assert "K-004" not in page  # ineligible: not awaiting a decision


def test_the_queue_sorts_by_the_keys_of_the_contract_and_clause_as_other_pages_do(waiting):
    rows = list(
        WaitingCandidate.select(
            WaitingCandidate.contract_key,
            WaitingCandidate.clause_key,
            Contract.reference_key,
            Clause.code_key,
        )
        .join(Contract)
        .switch(WaitingCandidate)
        .join(Clause)
        .tuples()
    )
    assert rows and all(row[:2] == row[2:] for row in rows)


def test_approving_a_selection_asks_first_then_counts_at_once(client, auth, waiting):
    auth.login("bureau")
    items = ["2026-HH-014|SR1|K-001", "2026-HH-014|SR1|K-002"]
    confirm = client.post("/bureau/reviews/confirm", data={"action": "approve", "item": items})
    assert confirm.status_code == 200 and "Deze kandidaten goedkeuren?" in confirm.text
    assert CandidateReview.select().count() == 0
    done = client.post("/bureau/reviews/decide", data={"action": "approve", "item": items})
    assert done.status_code == 303
    assert CandidateReview.select().count() == 2
    clause = client.get("/contracts/2026-HH-014/clauses/SR1").text
    assert 'id="realised">2<' in clause and 'id="pending">2<' in clause
    assert AuditLog.select().where(AuditLog.action == "verify").count() == 2


def test_rejecting_needs_a_reason(client, auth, waiting):
    auth.login("bureau")
    refused = client.post(
        "/bureau/reviews/confirm", data={"action": "reject", "item": ["2026-HH-014|SR1|K-001"]}
    )
    assert refused.status_code == 303 and CandidateReview.select().count() == 0


def test_the_supplier_sees_each_candidates_state_and_the_reason(client, auth, waiting, runner):
    runner.invoke(args=["review", "reject", "2026-HH-014", "SR1", "K-002", "--reason", "geen WW"])
    runner.invoke(args=["review", "approve", "2026-HH-014", "SR1", "K-001"])
    auth.login("supplier")
    page = client.get("/contracts/2026-HH-014/clauses/SR1").text
    assert 'data-state="approved"' in page and 'data-state="rejected"' in page
    assert "geen WW" in page


def test_deciding_outside_ones_buyers_is_refused_and_logged(client, auth, waiting, caplog):
    auth.login("other_bureau")
    response = client.post(
        "/bureau/reviews/decide", data={"action": "approve", "item": ["2026-HH-014|SR1|K-001"]}
    )
    assert response.status_code == 404
    assert CandidateReview.select().count() == 0
    assert any("outside the scope" in r.message for r in caplog.records)


def test_the_bureau_decides_a_double_count_on_the_web(client, auth, runner, contracts, conn, users):  # noqa: F811
    twice(runner, contracts)
    check(runner)
    flag = Flag.get(Flag.kind == "double_counted")
    auth.login("bureau")
    assert "kn-7" in client.get("/bureau/double-counts").text
    response = client.post(f"/bureau/double-counts/{flag.id}", data={"keeper": "2026-HH-014"})
    assert response.status_code == 303
    assert Flag.get_by_id(flag.id).state == "resolved"
    after = check(runner)
    hh015 = next(
        c for c in after["clauses"] if c["contract"] == "2026-HH-015" and c["clause"] == "SR1"
    )
    assert hh015["excluded"] == {"counted_in_other_contract": 1}


def enable_files(days=0):
    Organisation.update(evidence_files=True, evidence_retention_days=days).where(
        Organisation.name == "Gemeente Apeldoorn"
    ).execute()


def send_file(client, candidate, data, name):
    """A supplier's or the bureau's evidence file for ``candidate``, sent by the web form."""
    return client.post(
        "/contracts/2026-HH-014/evidence/files",
        data={"candidate": candidate, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_an_evidence_file_is_refused_unless_pdf_png_or_jpeg(client, auth, waiting, app):
    enable_files()
    auth.login("supplier")
    response = send_file(client, "K-001", b"MZ an exe", "x.pdf")
    assert response.status_code == 303
    assert EvidenceFile.select().count() == 0
    assert not (evidence_folder(app)).exists() or not any(evidence_folder(app).rglob("*.pdf"))


def test_the_queue_shows_the_evidence_noted_and_the_files_kept_beside_each_candidate(
    client, auth, waiting
):
    enable_files(days=30)
    auth.login("supplier")
    send_file(client, "K-002", PDF, "verklaring.pdf")
    auth.logout()
    auth.login("bureau")
    noted = {"candidate": "K-001", "kind": "beschikking", "checked_on": "2026-03-02"}
    client.post("/contracts/2026-HH-014/evidence", data={**noted, "note": "gezien bij UWV"})
    rows = client.get("/bureau/reviews").text.split("<tr>")
    k001 = next(r for r in rows if 'value="2026-HH-014|SR1|K-001"' in r)
    k002 = next(r for r in rows if 'value="2026-HH-014|SR1|K-002"' in r)
    assert "<p>beschikking (02-03-2026): gezien bij UWV</p>" in k001
    file_id = EvidenceFile.get().id
    assert f'<a href="/evidence/files/{file_id}">bestand {file_id}</a>' in k002
    assert "nog geen bewijs genoteerd" not in k001 and "nog geen bewijs genoteerd" not in k002


def evidence_folder(app):
    with app.app_context():
        return evidence.folder()


def test_a_file_is_readable_by_the_bureau_and_its_sender_and_every_download_is_audited(
    client, auth, waiting, app
):
    enable_files(days=30)
    auth.login("supplier")
    send_file(client, "K-001", PDF, "verklaring.pdf")
    stored = EvidenceFile.get()
    assert stored.content_type == "application/pdf" and stored.retain_until is None
    with client.get(f"/evidence/files/{stored.id}") as response:
        assert response.data == PDF
    auth.logout()
    auth.login("other_supplier")
    assert client.get(f"/evidence/files/{stored.id}").status_code == 404
    auth.logout()
    auth.login("bureau")
    with client.get(f"/evidence/files/{stored.id}") as response:
        assert response.status_code == 200
    downloads = AuditLog.select().where(
        (AuditLog.entity == "evidence_file") & (AuditLog.action == "download")
    )
    assert downloads.count() == 2


def test_a_file_past_its_retention_date_is_gone_from_disk_and_database(
    client, auth, waiting, app, runner
):
    enable_files(days=0)
    auth.login("supplier")
    send_file(client, "K-001", PDF, "v.pdf")
    stored = EvidenceFile.get()
    on_disk = evidence_folder(app) / stored.path
    assert on_disk.read_bytes() == PDF
    runner.invoke(args=["review", "approve", "2026-HH-014", "SR1", "K-001"])
    decided = EvidenceFile.get_by_id(stored.id)
    assert decided.retain_until == date.today()  # 0 days: deleted at the decision
    with app.app_context():
        assert evidence.purge(decided.retain_until) == 1
    gone = EvidenceFile.get_by_id(stored.id)
    assert gone.deleted_at is not None and gone.path == "" and not on_disk.exists()
    assert (
        AuditLog.select()
        .where((AuditLog.entity == "evidence_file") & (AuditLog.action == "delete"))
        .count()
        == 1
    )
