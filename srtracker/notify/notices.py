"""What goes into the outbox: reminders to suppliers and flag notices to the bureau."""

from datetime import date

from flask_babel import gettext as _
from peewee import JOIN

from ..domain import contracts as domain
from ..domain.reminders import DUE_SOON, reminders_due
from ..domain.text import N_
from ..models import Clause, Contract, Flag, Report
from .outbox import enqueue, enqueue_many, oversight_addresses, supplier_addresses


def _schedule(row: Contract) -> domain.Contract:
    """Just what reminders need: no clauses."""
    return domain.Contract(
        row.reference,
        row.title,
        "",
        "",
        domain.Decimal(0),
        row.start,
        row.end,
        row.reporting,
        row.report_due_days,
        (),
    )


def enqueue_reminders(today: date, days_before: int) -> int:
    """Queue every reminder due today; the outbox keeps each one to a single message."""
    accepted = {}
    for contract_id, period in (
        Report.select(Report.contract, Report.period)
        .where(Report.status == "accepted")
        .distinct()
        .tuples()
    ):
        accepted.setdefault(contract_id, set()).add(period)
    queued = 0
    for row in Contract.select().where(Contract.archived_at.is_null()):
        for reminder in reminders_due(
            _schedule(row), accepted.get(row.id, set()), today, days_before
        ):
            params = {
                "reference": row.reference,
                "title": row.title,
                "period": reminder.period.key,
                "due": reminder.due.strftime("%d-%m-%Y"),
            }
            if reminder.kind == DUE_SOON:
                subject = _("Herinnering: voortgangsrapportage %(reference)s %(period)s", **params)
                body = _(
                    "De voortgangsrapportage social return voor %(reference)s "
                    "(%(title)s) over %(period)s moet uiterlijk %(due)s binnen zijn. "
                    "Download het sjabloon in srtracker, werk het bij en upload het.",
                    **params,
                )
            else:
                subject = _("Te laat: voortgangsrapportage %(reference)s %(period)s", **params)
                body = _(
                    "De voortgangsrapportage social return voor %(reference)s "
                    "(%(title)s) over %(period)s had uiterlijk %(due)s binnen moeten "
                    "zijn. Upload de rapportage zo snel mogelijk in srtracker.",
                    **params,
                )
            queued += enqueue(
                f"{reminder.kind}.{row.reference_key}.{reminder.period.key}",
                reminder.kind,
                supplier_addresses(row),
                subject,
                body,
                row.id,
            )
    return queued


KIND_TEXT = {
    "at_risk": N_("loopt risico"),
    "behind": N_("loopt achter"),
    "failed": N_("is niet gehaald"),
    "report_overdue": N_("rapportage te laat"),
}


def enqueue_flag_notices(check_run_id: int) -> int:
    """A notice for each flag a stored check opened, to the bureau and the buyer's officers."""
    recipients = oversight_addresses()
    kinds = {kind: _(text) for kind, text in KIND_TEXT.items()}
    messages = []
    for flag_id, kind, period, contract_id, reference, buyer_id, code in (
        Flag.select(
            Flag.id,
            Flag.kind,
            Flag.period,
            Contract.id,
            Contract.reference,
            Contract.buyer,
            Clause.code,
        )
        .join(Contract)
        .switch(Flag)
        .join(Clause, JOIN.LEFT_OUTER)
        .where(Flag.opened_by == check_run_id)
        .tuples()
    ):
        params = {"reference": reference, "what": code or period, "kind": kinds[kind]}
        messages.append(
            (
                f"flag.{flag_id}",
                "flag",
                recipients.get(buyer_id, []),
                _("Signaal %(reference)s %(what)s: %(kind)s", **params),
                _(
                    "De controle heeft een signaal geopend voor %(reference)s "
                    "(%(what)s): %(kind)s. Bekijk het signaal en de toelichting in "
                    "srtracker.",
                    **params,
                ),
                contract_id,
            )
        )
    return enqueue_many(messages)
