"""The sign-off settings page (sign-off.md): the admin, or the bureau serving a buyer, sets
its counting policy and evidence files; a bureau says whether it numbers people itself."""

from io import BytesIO

import openpyxl
import pytest

from srtracker.models import AuditLog, Clause, ClauseStatus, Contract, Organisation
from tests.signoff.test_sign_off_cli import Q1, check, contracts, upload  # noqa: F401


@pytest.fixture
def reported(runner, contracts, conn, users):  # noqa: F811
    """2026-HH-014 with its 2026-Q1 report checked: SR1 realised 2 under on_report."""
    upload(runner, contracts, "2026-HH-014", "2026-Q1", *Q1)
    check(runner)
    return contracts


def apeldoorn() -> Organisation:
    return Organisation.get(Organisation.name == "Gemeente Apeldoorn")


def sr1_realised() -> int:
    clause = (
        Clause.select()
        .join(Contract)
        .where((Clause.code == "SR1") & (Contract.reference == "2026-HH-014"))
        .get()
    )
    return ClauseStatus.get_by_id(clause.id).realised


def settings(buyer, policy="on_report", files=False, days="0") -> dict:
    data = {f"buyer-{buyer.id}-policy": policy, f"buyer-{buyer.id}-retention_days": days}
    if files:
        data[f"buyer-{buyer.id}-evidence_files"] = "y"
    return data


def test_the_bureau_sees_the_buyers_it_serves_and_its_own_numbering(client, auth, reported):
    auth.login("bureau")
    page = client.get("/bureau/settings").text
    assert "Gemeente Apeldoorn" in page and "Gemeente Elders" not in page
    assert "Social Return Bureau Oost" in page and "Bureau Elders" not in page


def test_a_new_policy_counts_on_approval_at_once_on_every_contract(client, auth, reported):
    assert sr1_realised() == 2
    auth.login("bureau")
    buyer = apeldoorn()
    answer = client.post(f"/bureau/settings/buyers/{buyer.id}", data=settings(buyer, "on_approval"))
    assert answer.status_code == 303
    assert apeldoorn().counting_policy == "on_approval"
    assert sr1_realised() == 0  # re-checked: nothing approved yet
    clause = client.get("/contracts/2026-HH-014/clauses/SR1").text
    assert 'id="realised">0<' in clause and 'id="pending">2<' in clause
    entry = AuditLog.get(AuditLog.action == "policy")
    assert entry.entity == "organisation" and entry.entity_id == str(buyer.id)


def test_evidence_files_and_their_retention_are_saved_and_audited(client, auth, reported):
    auth.login("admin")
    buyer = apeldoorn()
    client.post(f"/bureau/settings/buyers/{buyer.id}", data=settings(buyer, files=True, days="30"))
    saved = apeldoorn()
    assert (saved.counting_policy, saved.evidence_files, saved.evidence_retention_days) == (
        "on_report",
        True,
        30,
    )
    assert AuditLog.select().where(AuditLog.action == "policy").count() == 0  # unchanged
    assert AuditLog.select().where(AuditLog.entity == "organisation").count() == 1


@pytest.mark.parametrize("days", ["-1", "3651", "dertig", "1e9", ""])
def test_a_bad_retention_is_refused_beside_its_field_and_nothing_stored(
    client, auth, reported, days
):
    auth.login("bureau")
    buyer = apeldoorn()
    answer = client.post(
        f"/bureau/settings/buyers/{buyer.id}", data=settings(buyer, "on_approval", True, days)
    )
    assert answer.status_code == 422
    assert "dagen in, 0 tot 3650" in answer.text
    assert f'id="buyer-{buyer.id}-retention_days-error"' in answer.text
    saved = apeldoorn()
    assert (saved.counting_policy, saved.evidence_files) == ("on_report", False)
    assert sr1_realised() == 2


def test_an_unknown_policy_is_refused(client, auth, reported):
    auth.login("bureau")
    buyer = apeldoorn()
    answer = client.post(f"/bureau/settings/buyers/{buyer.id}", data=settings(buyer, "never"))
    assert answer.status_code == 422 and apeldoorn().counting_policy == "on_report"


def test_a_buyer_outside_ones_own_is_refused_and_logged(client, auth, reported, caplog):
    auth.login("other_bureau")
    buyer = apeldoorn()
    answer = client.post(f"/bureau/settings/buyers/{buyer.id}", data=settings(buyer, "on_approval"))
    assert answer.status_code == 404
    assert apeldoorn().counting_policy == "on_report"
    assert any("outside the scope" in r.message for r in caplog.records)
    own = Organisation.get(Organisation.name == "Social Return Bureau Oost")
    answer = client.post(f"/bureau/settings/bureaus/{own.id}", data={})
    assert answer.status_code == 404


@pytest.mark.parametrize("who", ["officer", "supplier"])
def test_only_the_bureau_and_the_admin_set_it(client, auth, reported, who):
    auth.login(who)
    buyer = apeldoorn()
    assert client.get("/bureau/settings").status_code == 403
    answer = client.post(f"/bureau/settings/buyers/{buyer.id}", data=settings(buyer, "on_approval"))
    assert answer.status_code == 403


def test_a_bureau_that_numbers_people_gets_the_kandidaatnummer_column(client, auth, reported):
    def header():
        data = client.get("/contracts/2026-HH-014/template.xlsx").data
        return [c.value for c in openpyxl.load_workbook(BytesIO(data))["Voortgang"][1]]

    auth.login("bureau")
    assert "kandidaatnummer" not in header()
    own = Organisation.get(Organisation.name == "Social Return Bureau Oost")
    answer = client.post(
        f"/bureau/settings/bureaus/{own.id}", data={f"bureau-{own.id}-uses_bureau_ref": "y"}
    )
    assert answer.status_code == 303
    assert header()[-1] == "kandidaatnummer"
    entry = AuditLog.get((AuditLog.entity == "organisation") & (AuditLog.entity_id == str(own.id)))
    assert "uses_bureau_ref" in entry.changes
