"""What goes into the outbox: reminders to suppliers and flag notices to the bureau."""

from datetime import date

from peewee import JOIN, chunked

from ..db import one_of
from ..domain import contracts as domain
from ..domain.figures import DUTCH, show_date
from ..domain.labels import FLAG_LABELS
from ..models import Clause, Contract, Flag, Report
from ..runtime import gettext as _
from ..store.outbox import enqueue, enqueue_many, oversight_addresses, supplier_addresses


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
    from ..domain.reminders import DUE_SOON, reminders_due  # the scheduler's, not a re-check's

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
                "due": show_date(reminder.due, DUTCH),  # the messages are written in Dutch
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


def enqueue_flag_notices(flag_ids: list[int]) -> int:
    """A notice for each flag a check or re-check opened, to the bureau and the buyer's officers."""
    if not flag_ids:
        return 0
    recipients = oversight_addresses()
    kinds = {kind: _(text) for kind, text in FLAG_LABELS.items()}  # the interface's words
    # Translated once, filled per flag as gettext fills them (a first check opens thousands).
    subject = _("Signaal %(reference)s %(what)s: %(kind)s")
    body = _(
        "De controle heeft een signaal geopend voor %(reference)s "
        "(%(what)s): %(kind)s. Bekijk het signaal en de toelichting in "
        "srtracker."
    )
    messages = []
    rows = (
        row
        for ids in chunked(flag_ids, 10000)
        for row in Flag.select(
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
        .where(one_of(Flag.id, ids))  # one parameter, not one a flag (db.one_of)
        .order_by(Flag.id)
        .tuples()
    )
    for flag_id, kind, period, contract_id, reference, buyer_id, code in rows:
        params = {"reference": reference, "what": code or period, "kind": kinds[kind]}
        messages.append(
            (
                f"flag.{flag_id}",
                "flag",
                recipients.get(buyer_id, []),
                subject % params,
                body % params,
                contract_id,
            )
        )
    return enqueue_many(messages)
