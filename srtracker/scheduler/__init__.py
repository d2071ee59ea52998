"""`srtracker scheduler`: APScheduler 3.x in its own process, never inside the web workers."""

import logging
import signal
from datetime import datetime

import click
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import current_app
from flask.cli import with_appcontext

from .jobs import Jobs


def build(app, jobs: Jobs) -> BlockingScheduler:
    config = app.config
    scheduler = BlockingScheduler(timezone=jobs.zone)
    common = {
        "coalesce": True,
        "max_instances": 1,
        "replace_existing": True,
        "misfire_grace_time": 3600,
    }
    scheduler.add_job(
        jobs.heartbeat,
        IntervalTrigger(seconds=max(config["LEASE_SECONDS"] // 3, 1)),
        id="lease",
        next_run_time=datetime.now(jobs.zone),
        **common,
    )
    # A trigger made here does not take the scheduler's zone: without its own it would
    # fire at the server's local time.
    hour, minute = config["CHECK_TIME"]
    scheduler.add_job(
        jobs.check, CronTrigger(hour=hour, minute=minute, timezone=jobs.zone), id="check", **common
    )
    scheduler.add_job(
        jobs.evidence_retention,
        CronTrigger(hour=hour, minute=minute, timezone=jobs.zone),
        id="evidence_retention",
        **common,
    )
    hour, minute = config["REMINDER_TIME"]
    scheduler.add_job(
        jobs.reminders,
        CronTrigger(hour=hour, minute=minute, timezone=jobs.zone),
        id="reminders",
        **common,
    )
    scheduler.add_job(
        jobs.send_outbox,
        IntervalTrigger(minutes=config["OUTBOX_INTERVAL_MINUTES"]),
        id="outbox",
        **common,
    )
    return scheduler


def _stop(scheduler):
    if scheduler.running:
        scheduler.shutdown(wait=False)
    else:
        raise SystemExit(0)


@click.command("scheduler")
@with_appcontext
def scheduler_command():
    """Run the scheduled jobs (the check, reminders, mail) until stopped."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = current_app._get_current_object()
    jobs = Jobs(app)
    scheduler = build(app, jobs)
    signal.signal(signal.SIGTERM, lambda *_: _stop(scheduler))
    click.echo(
        f"scheduler {jobs.holder[:8]} started; check at {app.config['CHECK_TIME'][0]:02d}:"
        f"{app.config['CHECK_TIME'][1]:02d} {app.config['TIMEZONE']}"
    )
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        jobs.stop()
        click.echo("scheduler stopped")


def init_app(app):
    app.cli.add_command(scheduler_command)
