"""The bureau's flag queue and its actions on one flag: each in the audit log."""

import json
import re
from datetime import date

import pytest

from srtracker.bureau import flag_pages as flags_module
from srtracker.bureau.models import FlagComment
from srtracker.compliance.models import FlagSuppression
from srtracker.models import AuditLog, Clause, Contract, Flag, User
from srtracker.store import audit
from srtracker.store.contracts import find
from srtracker.store.flags import queue_order
from tests.bureau.test_bureau_dashboard import ELDERS, add_contract
from tests.compliance.test_check import (
    check,
    hh014,  # noqa: F401  (fixture)
    open_flags,
)
from tests.conftest import USERS


@pytest.fixture
def flagged(runner, hh014, users, auth):  # noqa: F811
    """The spec example checked on 2026-08-15: SR2 behind, 2026-Q2 report overdue."""
    check(runner)
    auth.login("bureau")
    return {f.kind: f for f in Flag.select()}


def entries(flag_id) -> list[tuple[str, str, dict]]:
    return [
        (e.actor, e.action, json.loads(e.changes))
        for e in AuditLog.select()
        .where((AuditLog.entity == "flag") & (AuditLog.entity_id == str(flag_id)))
        .order_by(AuditLog.id)
    ]


def actor(name="bureau") -> str:
    return f"user:{User.get(User.email == USERS[name][0]).id}"


def queue(client, **args) -> list[str]:
    page = client.get("/bureau/flags", query_string=args).get_data(as_text=True)
    return re.findall(r'<a href="/bureau/flags/(\d+)">', page)


def test_the_queue_orders_by_severity_then_age(client, flagged, conn):
    sr1 = Clause.get(Clause.code == "SR1")
    contract = sr1.contract_id
    made = {}
    for name, kind, opened in (
        ("old_at_risk", "at_risk", "2026-05-15"),
        ("failed", "failed", "2026-08-15"),
        ("old_behind", "behind", "2026-02-15"),
        ("older_overdue", "report_overdue", "2026-06-01"),
    ):
        made[name] = Flag.create(
            contract=contract,
            clause=None if kind == "report_overdue" else sr1,
            kind=kind,
            opened_as_of=opened,
            period="2026-Q1" if kind == "report_overdue" else None,
        ).id
    expected = [
        made["failed"],
        made["older_overdue"],
        flagged["report_overdue"].id,
        made["old_behind"],
        flagged["behind"].id,
        made["old_at_risk"],
    ]
    assert queue(client) == [str(i) for i in expected]
    assert queue(client, kind="behind") == [str(made["old_behind"]), str(flagged["behind"].id)]
    assert client.post(f"/bureau/flags/{made['old_at_risk']}/acknowledge").status_code == 303
    assert queue(client, state="acknowledged") == [str(made["old_at_risk"])]


def test_pages_follow_the_queue_order_across_kinds(client, flagged, conn, monkeypatch):
    sr1 = Clause.get(Clause.code == "SR1")
    for kind, opened in (
        ("at_risk", "2026-05-15"),
        ("failed", "2026-08-15"),
        ("behind", "2026-02-15"),
    ):
        Flag.create(contract=sr1.contract_id, clause=sr1, kind=kind, opened_as_of=opened)
    whole = queue(client)
    monkeypatch.setattr(flags_module, "PAGE_SIZE", 2)
    pages = [queue(client, page=n) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [i for p in pages for i in p] == whole


def test_the_queue_holds_only_the_served_buyers_flags(client, flagged, auth, conn):
    add_contract("2026-EL-900", buyer=ELDERS)
    elders = Flag.create(
        contract=find("2026-EL-900"),
        kind="report_overdue",
        period="2026-Q1",
        opened_as_of="2026-08-15",
    )
    assert str(elders.id) not in queue(client)
    assert client.get(f"/bureau/flags/{elders.id}").status_code == 404
    auth.login("other_bureau")
    assert queue(client) == [str(elders.id)]
    assert client.get(f"/bureau/flags/{flagged['behind'].id}").status_code == 404
    assert client.post(f"/bureau/flags/{flagged['behind'].id}/acknowledge").status_code == 404


def test_the_filters_narrow_the_whole_queue_as_their_query_would(flagged, conn):
    for reference, buyer in (("2026-EL-900", ELDERS), ("2026-HH-900", ELDERS)):
        add_contract(reference, buyer=buyer)
        Flag.create(contract=find(reference), kind="behind", opened_as_of="2026-08-15")
    everything = Contract.id.is_null(False)
    whole = flags_module.Queue(queue_order(everything, flags_module.QUEUE_ORDER))
    buyers = [None, *{c.buyer_id for c in Contract.select()}]
    for buyer in buyers:
        for prefix in ("", "2026-", "2026-hh", "2026-hh-9", "2026-el-900", "x"):
            wanted = everything & Contract.reference_key.startswith(prefix)
            if buyer is not None:
                wanted &= Contract.buyer == buyer
            narrowed = whole.narrowed(buyer, prefix)
            assert narrowed.rows == queue_order(wanted, flags_module.QUEUE_ORDER)
            assert narrowed.ids("behind", "") == [r[0] for r in narrowed.rows if r[1] == "behind"]


def test_a_login_keeps_the_queues_kept_and_a_change_of_a_flag_moves_them(client, flagged, auth):
    kept = audit.last_id()
    auth.logout()
    client.post("/login", data={"email": USERS["bureau"][0], "password": "wrong"})
    auth.login("bureau")
    new = AuditLog.select(AuditLog.action).where(AuditLog.id > kept).order_by(AuditLog.id)
    assert [e.action for e in new][-2:] == ["login_failed", "login"]
    assert audit.last_id() == kept
    client.post(f"/bureau/flags/{flagged['behind'].id}/acknowledge")
    assert audit.last_id() > kept


def test_a_supplier_gets_403_on_every_bureau_page(client, flagged, auth):
    auth.login("supplier")
    flag_id = flagged["behind"].id
    for url in ("/bureau", "/bureau/flags", f"/bureau/flags/{flag_id}"):
        assert client.get(url).status_code == 403, url
    for action in ("acknowledge", "comment", "deadline", "close"):
        assert (
            client.post(
                f"/bureau/flags/{flag_id}/{action}",
                data={"text": "x", "state": "waived", "reason": "x"},
            ).status_code
            == 403
        )
    assert Flag.get_by_id(flag_id).state == "open" and FlagComment.select().count() == 0


def test_acknowledge(client, flagged):
    flag_id = flagged["behind"].id
    response = client.post(f"/bureau/flags/{flag_id}/acknowledge")
    assert response.status_code == 303 and response.headers["Location"].endswith(
        f"/bureau/flags/{flag_id}"
    )
    assert Flag.get_by_id(flag_id).state == "acknowledged"
    assert entries(flag_id)[-1] == (actor(), "acknowledge", {"state": ["open", "acknowledged"]})
    client.post(f"/bureau/flags/{flag_id}/acknowledge")  # twice changes nothing
    assert len(entries(flag_id)) == 2
    page = client.get(f"/bureau/flags/{flag_id}").get_data(as_text=True)
    # Who: the organisation, not the e-mail address (the admin's only).
    assert "Social Return Bureau Oost" in page and "open → gezien" in page
    assert "adviseur@srbureau.nl" not in page


def test_comment(client, flagged):
    flag_id = flagged["behind"].id
    assert (
        client.post(
            f"/bureau/flags/{flag_id}/comment", data={"text": "  Gebeld met de planner  "}
        ).status_code
        == 303
    )
    comment = FlagComment.get()
    assert (comment.flag_id, comment.text, comment.author.email) == (
        flag_id,
        "Gebeld met de planner",
        "adviseur@srbureau.nl",
    )
    assert entries(flag_id)[-1] == (
        actor(),
        "comment",
        {"comment": comment.id, "text": "Gebeld met de planner", "for_supplier": False},
    )
    assert "Gebeld met de planner" in client.get(f"/bureau/flags/{flag_id}").get_data(as_text=True)
    empty = client.post(f"/bureau/flags/{flag_id}/comment", data={"text": " "})
    assert empty.status_code == 422 and "Vul dit veld in." in empty.get_data(as_text=True)
    assert FlagComment.select().count() == 1


def test_remedial_deadline(client, flagged, monkeypatch):
    monkeypatch.setattr(flags_module, "today", lambda: date(2026, 8, 20))
    flag_id = flagged["behind"].id
    client.post(f"/bureau/flags/{flag_id}/deadline", data={"remedial_deadline": "2026-10-31"})
    assert Flag.get_by_id(flag_id).remedial_deadline == date(2026, 10, 31)
    assert entries(flag_id)[-1] == (
        actor(),
        "remedial_deadline",
        {"remedial_deadline": [None, "2026-10-31"]},
    )
    assert "31-10-2026" in client.get("/bureau/flags").get_data(as_text=True)
    client.post(f"/bureau/flags/{flag_id}/deadline", data={"remedial_deadline": "30-11-2026"})
    client.post(f"/bureau/flags/{flag_id}/deadline", data={"remedial_deadline": ""})
    assert Flag.get_by_id(flag_id).remedial_deadline is None
    assert [e[2]["remedial_deadline"] for e in entries(flag_id)[-2:]] == [
        ["2026-10-31", "2026-11-30"],
        ["2026-11-30", None],
    ]
    bad = client.post(f"/bureau/flags/{flag_id}/deadline", data={"remedial_deadline": "31-31"})
    assert bad.status_code == 422 and "dd-mm-jjjj" in bad.get_data(as_text=True)


@pytest.mark.parametrize(
    "deadline, says",
    [("15-08-2026", "na 15-08-2026, de controle waarbij"), ("01-01-2000", "na 15-08-2026")],
)
def test_a_remedial_deadline_not_after_the_flag_opened_is_refused(client, flagged, deadline, says):
    flag_id = flagged["behind"].id
    page = client.post(f"/bureau/flags/{flag_id}/deadline", data={"remedial_deadline": deadline})
    assert page.status_code == 422 and says in page.get_data(as_text=True)
    assert Flag.get_by_id(flag_id).remedial_deadline is None


def test_a_remedial_deadline_in_the_past_is_refused(client, flagged, monkeypatch):
    monkeypatch.setattr(flags_module, "today", lambda: date(2026, 9, 1))
    flag_id = flagged["behind"].id
    page = client.post(
        f"/bureau/flags/{flag_id}/deadline", data={"remedial_deadline": "20-08-2026"}
    )
    assert page.status_code == 422
    assert "kan niet in het verleden eindigen" in page.get_data(as_text=True)


def test_the_flag_page_shows_the_clauses_figures_and_its_explanation(client, flagged):
    page = client.get(f"/bureau/flags/{flagged['behind'].id}").get_data(as_text=True)
    assert "Cijfers van verplichting SR2" in page
    assert "/contracts/2026-HH-014/clauses/SR2" in page


def test_a_comment_meant_for_the_supplier_is_on_its_contract_page(client, auth, flagged):
    flag_id = flagged["behind"].id
    client.post(f"/bureau/flags/{flag_id}/comment", data={"text": "Intern", "for_supplier": ""})
    client.post(
        f"/bureau/flags/{flag_id}/comment",
        data={"text": "Twee plaatsingen in mei", "for_supplier": "y"},
    )
    auth.login("supplier")
    page = client.get("/contracts/2026-HH-014").get_data(as_text=True)
    assert "Twee plaatsingen in mei" in page and "Intern" not in page
    assert "Herstelperiode tot en met" in page


@pytest.mark.parametrize("state", ["resolved", "waived"])
def test_close_with_a_reason_and_the_next_check_does_not_reopen(client, runner, flagged, state):
    flag_id = flagged["behind"].id
    missing = client.post(f"/bureau/flags/{flag_id}/close", data={"state": state, "reason": ""})
    assert missing.status_code == 422 and Flag.get_by_id(flag_id).state == "open"
    response = client.post(
        f"/bureau/flags/{flag_id}/close", data={"state": state, "reason": "Herstelplan afgesproken"}
    )
    assert response.status_code == 303
    closed = Flag.get_by_id(flag_id)
    assert (closed.state, closed.closed_reason, closed.closed_by_hand) == (
        state,
        "Herstelplan afgesproken",
        True,
    )
    assert entries(flag_id)[-1] == (
        actor(),
        "close",
        {"state": ["open", state], "reason": "Herstelplan afgesproken", "by_hand": True},
    )
    assert FlagSuppression.select().count() == 1
    assert str(flag_id) not in queue(client)
    again = check(runner, "2026-08-16")
    assert again["flags_opened"] == [] and ("SR2", "behind", None) not in open_flags()
    page = client.get(f"/bureau/flags/{flag_id}").get_data(as_text=True)
    assert "Herstelplan afgesproken" in page and "Signaal afsluiten" not in page
    # Closing twice changes nothing and says so.
    client.post(f"/bureau/flags/{flag_id}/close", data={"state": "waived", "reason": "x"})
    assert len([e for e in entries(flag_id) if e[1] == "close"]) == 1


def test_the_contract_page_links_its_flags_for_the_bureau_only(client, flagged, auth):
    link = f'href="/bureau/flags/{flagged["behind"].id}"'
    assert link in client.get("/contracts/2026-HH-014").get_data(as_text=True)
    auth.login("supplier")
    assert link not in client.get("/contracts/2026-HH-014").get_data(as_text=True)


def test_the_dashboard_counts_open_flags_and_links_to_the_queue(client, flagged):
    page = client.get("/bureau").get_data(as_text=True)
    links = re.findall(r'<a href="/bureau/flags\?q=2026-HH-014">(\d+)<', page)
    assert links == ["1", "2"]  # SR1: the overdue report; SR2: that and behind
    assert queue(client, q="2026-hh") == [
        str(flagged["report_overdue"].id),
        str(flagged["behind"].id),
    ]
