import os
import subprocess
import sys
import time
from datetime import datetime

import pytest

from srtracker.db import db
from srtracker.models import CheckRun
from srtracker.notify.models import OutboxMessage
from srtracker.scheduler.jobs import Jobs, latest_slot
from srtracker.scheduler.models import JobRun
from tests.smtp_server import SmtpServer


def test_the_latest_slot_is_today_once_the_time_has_passed():
    assert latest_slot(datetime(2026, 11, 26, 2, 0), (2, 0)) == "2026-11-26"


def test_the_latest_slot_is_yesterday_before_the_time():
    assert latest_slot(datetime(2026, 11, 26, 1, 59), (2, 0)) == "2026-11-25"


def test_a_starting_scheduler_runs_a_missed_check_once_as_of_today(app, spec_contract):
    jobs = Jobs(app, holder="a")
    jobs.heartbeat()
    jobs.heartbeat()
    with db.connection_context():
        assert CheckRun.select().count() == 1
        assert CheckRun.get().as_of == jobs.now().date()
        assert JobRun.select().where(JobRun.job == "check").count() == 1


def test_a_second_scheduler_runs_nothing_while_the_first_holds_the_lease(app, spec_contract):
    Jobs(app, holder="a").heartbeat()
    second = Jobs(app, holder="b")
    second.heartbeat()
    assert second.check("another-slot") is False
    with db.connection_context():
        assert CheckRun.select().count() == 1


def test_the_reminder_job_queues_overdue_notices_for_the_supplier(app, spec_contract, users):
    Jobs(app, holder="a").heartbeat()
    with db.connection_context():
        messages = list(OutboxMessage.select().where(OutboxMessage.kind == "report_overdue"))
    assert messages and {m.recipient for m in messages} == {"planning@thuiszorg-oost.nl"}


def test_the_check_queues_a_notice_per_opened_flag_for_the_bureau(app, spec_contract, users):
    Jobs(app, holder="a").heartbeat()
    with db.connection_context():
        notices = list(OutboxMessage.select().where(OutboxMessage.kind == "flag"))
    assert notices
    assert {m.recipient for m in notices} == {"adviseur@srbureau.nl", "inkoper@apeldoorn.nl"}


def test_the_outbox_job_mails_when_smtp_is_configured(app, spec_contract, users):
    with SmtpServer() as smtp:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port)
        jobs = Jobs(app, holder="a")
        jobs.heartbeat()
        jobs.send_outbox()
        with db.connection_context():
            sent = OutboxMessage.select().where(OutboxMessage.state == "sent").count()
        assert sent == len(smtp.received) > 0


@pytest.fixture
def scheduler_config(tmp_path, app):
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "{app.config["DATABASE_URL"]}"\n[scheduler]\nlease_seconds = 3\n'
    )
    return path


def test_two_scheduler_processes_never_run_a_job_twice(app, spec_contract, scheduler_config):
    env = {**os.environ, "SRTRACKER_CONFIG": str(scheduler_config), "SRTRACKER_SECRET_KEY": "test"}
    command = [sys.executable, "-m", "srtracker.cli", "scheduler"]
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 20
        with db.connection_context():
            while (
                time.monotonic() < deadline
                and not JobRun.select()
                .where((JobRun.job == "check") & JobRun.finished_at.is_null(False))
                .exists()
            ):
                time.sleep(0.2)
        time.sleep(4)
    finally:
        for process in processes:
            process.terminate()
        outputs = [process.communicate(timeout=20)[0].decode() for process in processes]
    with db.connection_context():
        assert CheckRun.select().count() == 1, outputs
        assert JobRun.select().where(JobRun.job == "check").count() == 1
    assert all(process.returncode == 0 for process in processes), outputs
    assert all("scheduler stopped" in output for output in outputs), outputs


KILLED_MID_CHECK = """
import os
from srtracker import create_app
from srtracker.scheduler.jobs import Jobs, latest_slot

app = create_app(serving=False)
jobs = Jobs(app, holder="killed")
with app.app_context():
    from srtracker.db import connection
    from srtracker.store import lease

    with connection():
        lease.acquire(jobs.holder, app.config["LEASE_SECONDS"])
slot = latest_slot(jobs.now(), app.config["CHECK_TIME"])
jobs._slotted("check", slot, lambda: os.kill(os.getpid(), 9))  # killed in the middle
"""


def test_a_check_whose_scheduler_was_killed_midway_runs_on_the_next(
    app, spec_contract, scheduler_config
):
    env = {**os.environ, "SRTRACKER_CONFIG": str(scheduler_config), "SRTRACKER_SECRET_KEY": "test"}
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_CHECK], env=env, timeout=60)
    assert killed.returncode == -9
    with db.connection_context():
        assert JobRun.get(JobRun.job == "check").finished_at is None
        assert CheckRun.select().count() == 0
    standby = subprocess.Popen(
        [sys.executable, "-m", "srtracker.cli", "scheduler"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        with db.connection_context():
            while time.monotonic() < deadline and not finished_check():
                time.sleep(0.2)
    finally:
        standby.terminate()
        output = standby.communicate(timeout=20)[0].decode()
    with db.connection_context():
        run = JobRun.get(JobRun.job == "check")
        assert run.finished_at is not None and run.holder != "killed", output
        assert CheckRun.select().count() == 1


def finished_check() -> bool:
    return (
        JobRun.select().where((JobRun.job == "check") & JobRun.finished_at.is_null(False)).exists()
    )


def test_cron_times_follow_the_configured_zone_not_the_servers(app, monkeypatch):
    """check_time 02:00 is 02:00 in Amsterdam on a server whose clock runs in UTC."""
    from zoneinfo import ZoneInfo

    import tzlocal

    from srtracker.scheduler import build

    monkeypatch.setenv("TZ", "UTC")
    tzlocal.reload_localzone()
    try:
        app.config.update(TIMEZONE="Europe/Amsterdam", CHECK_TIME=(2, 0), REMINDER_TIME=(7, 0))
        scheduler = build(app, Jobs(app, holder="a"))
        amsterdam = ZoneInfo("Europe/Amsterdam")
        noon = datetime(2026, 7, 1, 12, 0, tzinfo=amsterdam)
        fires = {
            job: scheduler.get_job(job).trigger.get_next_fire_time(None, noon)
            for job in ("check", "reminders")
        }
        local = {job: fire.astimezone(amsterdam) for job, fire in fires.items()}
        assert (local["check"].date().isoformat(), local["check"].hour) == ("2026-07-02", 2)
        assert local["reminders"].hour == 7
        assert fires["check"].astimezone(ZoneInfo("UTC")).hour == 0  # summer time: UTC+2
    finally:
        monkeypatch.delenv("TZ")
        tzlocal.reload_localzone()
