"""The scheduled jobs, each guarded by the lease and run once per slot."""

import logging
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..db import connection
from ..notify.mail import SmtpMailer
from ..notify.notices import enqueue_reminders
from ..services import evidence
from ..services.checks import run_check
from ..store import lease
from ..store.outbox import send_pending

log = logging.getLogger(__name__)


def latest_slot(now: datetime, at: tuple[int, int]) -> str:
    """The date of the latest daily firing at `at` on or before `now`."""
    fired = now.replace(hour=at[0], minute=at[1], second=0, microsecond=0)
    return (fired if fired <= now else fired - timedelta(days=1)).date().isoformat()


class Jobs:
    def __init__(self, app, holder: str | None = None):
        self.app = app
        self.holder = holder or uuid.uuid4().hex
        self.zone = ZoneInfo(app.config["TIMEZONE"])
        self.held = False

    def now(self) -> datetime:
        return datetime.now(self.zone).replace(tzinfo=None)

    def _slotted(self, job: str, slot: str, work) -> bool:
        """Run `work` if this process holds the lease and the slot has not run."""
        with self.app.app_context(), connection():
            run = lease.claim_slot(job, slot, self.holder, self.app.config["LEASE_SECONDS"])
            if run is None:
                return False
            try:
                outcome = work()
            except Exception as exc:
                lease.finish(run, f"error: {type(exc).__name__}")
                log.exception("job %s (%s) failed", job, slot)
                return False
            lease.finish(run, outcome)
            log.info("job %s (%s): %s", job, slot, outcome)
            return True

    def check(self, slot: str | None = None) -> bool:
        """The compliance check as of today (the nightly job, or its catch-up)."""
        today = self.now().date()

        def work():
            result, _ = run_check(
                today,
                trigger="scheduler",
                actor="scheduler",
                at_risk_ratio=self.app.config["AT_RISK_RATIO"],
            )
            return (
                f"as of {today}: {len(result['flags_opened'])} opened, "
                f"{len(result['flags_resolved'])} resolved"
            )

        return self._slotted("check", slot or today.isoformat(), work)

    def evidence_retention(self, slot: str | None = None) -> bool:
        """Evidence files past their retention date are deleted (sign-off.md)."""
        today = self.now().date()
        return self._slotted(
            "evidence_retention",
            slot or today.isoformat(),
            lambda: f"{evidence.purge(today)} file(s) deleted",
        )

    def reminders(self, slot: str | None = None) -> bool:
        today = self.now().date()
        return self._slotted(
            "reminders",
            slot or today.isoformat(),
            lambda: f"{enqueue_reminders(today, self.app.config['REMINDER_DAYS_BEFORE'])} queued",
        )

    def send_outbox(self) -> None:
        mailer = SmtpMailer.from_config(self.app.config)
        if mailer is None:
            return
        with self.app.app_context(), connection():
            if lease.holds(self.holder):
                counts = send_pending(mailer)
                if any(counts.values()):
                    log.info("outbox: %(sent)s sent, %(failed)s failed", counts)

    def heartbeat(self) -> None:
        """Keep the lease; on taking it over, catch up what was missed."""
        with self.app.app_context(), connection():
            held = lease.acquire(self.holder, self.app.config["LEASE_SECONDS"])
        if held and not self.held:
            log.info("scheduler %s holds the lease", self.holder[:8])
            self.catch_up()
        self.held = held

    def catch_up(self) -> None:
        """A daily run missed while no scheduler was up runs once now, as of today."""
        now = self.now()
        self.check(latest_slot(now, self.app.config["CHECK_TIME"]))
        self.reminders(latest_slot(now, self.app.config["REMINDER_TIME"]))
        self.evidence_retention(latest_slot(now, self.app.config["CHECK_TIME"]))

    def stop(self) -> None:
        with self.app.app_context(), connection():
            lease.release(self.holder)
