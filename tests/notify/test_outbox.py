from datetime import timedelta

import pytest

from srtracker.models import utcnow
from srtracker.notify.mail import SmtpMailer
from srtracker.notify.models import OutboxMessage
from srtracker.store.outbox import backoff, enqueue, send_pending
from tests.smtp_server import SmtpServer


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def mailer(smtp):
    return SmtpMailer("127.0.0.1", smtp.port, timeout=5)


def queue_one(recipients=("leverancier@example.nl",)):
    return enqueue(
        "report_due_soon.t-1.2026-Q1",
        "report_due_soon",
        list(recipients),
        "Herinnering",
        "Upload uw rapportage.",
    )


def make_due():
    OutboxMessage.update(next_attempt_at=utcnow() - timedelta(seconds=1)).execute()


def test_a_message_is_queued_once_per_key_and_recipient(conn):
    assert queue_one() == 1
    assert queue_one() == 0
    assert OutboxMessage.select().count() == 1


def test_a_message_without_recipient_stays_visible_unaddressed(conn):
    queue_one(recipients=())
    assert OutboxMessage.get().state == "unaddressed"


def test_a_message_is_mailed_with_its_stable_message_id(conn, smtp, mailer):
    queue_one()
    assert send_pending(mailer) == {"sent": 1, "failed": 0}
    message = OutboxMessage.get()
    assert message.state == "sent"
    assert smtp.received[0]["Message-ID"] == message.message_id


def test_a_sent_message_is_never_sent_again(conn, smtp, mailer):
    queue_one()
    send_pending(mailer)
    make_due()
    assert send_pending(mailer) == {"sent": 0, "failed": 0}
    assert len(smtp.received) == 1


def test_a_refused_send_is_kept_and_retried_later(conn, smtp, mailer):
    queue_one()
    smtp.mode = "refuse"
    assert send_pending(mailer) == {"sent": 0, "failed": 1}
    message = OutboxMessage.get()
    assert (message.state, message.attempts) == ("pending", 1)
    assert message.next_attempt_at > utcnow()
    assert "451" in message.last_error
    assert send_pending(mailer) == {"sent": 0, "failed": 0}


def test_a_retry_after_an_unclear_failure_carries_the_same_message_id(conn, smtp, mailer):
    queue_one()
    smtp.mode = "hangup"
    send_pending(mailer)
    smtp.mode = "accept"
    make_due()
    send_pending(mailer)
    message = OutboxMessage.get()
    assert (message.state, message.attempts) == ("sent", 2)
    assert [m["Message-ID"] for m in smtp.received] == [message.message_id]


def test_an_unreachable_server_loses_nothing(conn):
    queue_one()
    mailer = SmtpMailer("127.0.0.1", 1, timeout=2)
    assert send_pending(mailer)["failed"] == 1
    assert OutboxMessage.get().state == "pending"


def test_backoff_doubles_up_to_six_hours():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(30) == timedelta(hours=6)


def test_a_message_being_sent_elsewhere_is_not_picked(conn, smtp, mailer):
    queue_one()
    OutboxMessage.update(state="sending", next_attempt_at=utcnow() + timedelta(minutes=5)).execute()
    assert send_pending(mailer) == {"sent": 0, "failed": 0}


def test_the_outbox_page_lists_messages(client, conn, auth):
    auth.login("admin")  # a message of no contract: the admin's only
    queue_one()
    page = client.get("/outbox").get_data(as_text=True)
    assert "Herinnering" in page and "wacht op verzending" in page
