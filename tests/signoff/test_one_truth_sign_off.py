"""Done when (issue 16): a contract of an ``on_approval`` buyer shows 0 realised until the
bureau approves, then the approved figure on every surface at once (the home page, the
dashboard, the contract page and its chart, the clause page, the export and ``check --json``
all agree, without a check having run)."""

from srtracker.models import Organisation
from tests import test_one_truth as truth
from tests.test_one_truth import REFERENCE, assert_one_truth, every_surface, upload_q1

checked = truth.checked  # the fixtures of tests/test_one_truth.py
status_labels = truth.status_labels


def test_on_approval_shows_0_until_approved_then_the_figure_on_every_surface(
    checked,
    client,
    auth,
    status_labels,
):
    runner = checked
    upload_q1(client, auth)
    reported = assert_one_truth(every_surface(client, runner, auth), status_labels)
    assert reported["SR1"][1] == 3  # TZO-0003, TZO-0005 and TZO-0007 count on report

    auth.login("bureau")
    buyer = Organisation.get(Organisation.name == "Gemeente Apeldoorn")
    answer = client.post(
        f"/bureau/settings/buyers/{buyer.id}",
        data={f"buyer-{buyer.id}-policy": "on_approval", f"buyer-{buyer.id}-retention_days": "0"},
    )
    assert answer.status_code == 303
    waiting_seen = every_surface(client, runner, auth)
    waiting = assert_one_truth(waiting_seen, status_labels)
    assert waiting["SR1"][1] == 0
    pending = client.get(f"/contracts/{REFERENCE}/clauses/SR1").text
    assert 'id="pending">3<' in pending
    assert waiting_seen["review_queue"] == {
        "SR1": {"TZO-0003", "TZO-0005", "TZO-0007"},
        "SR2": {"TZO-0020"},
    }

    auth.login("bureau")
    items = [f"{REFERENCE}|SR1|TZO-0003", f"{REFERENCE}|SR1|TZO-0007"]
    answer = client.post("/bureau/reviews/decide", data={"action": "approve", "item": items})
    assert answer.status_code == 303
    approved_seen = every_surface(client, runner, auth)
    approved = assert_one_truth(approved_seen, status_labels)
    assert approved["SR1"][1] == 2
    assert approved_seen["review_queue"] == {"SR1": {"TZO-0005"}, "SR2": {"TZO-0020"}}
