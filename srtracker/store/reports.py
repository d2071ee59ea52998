"""Progress reports in the database: pick what validation needs, store what it returns."""

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import lru_cache

from ..db import insert_rows, stored_form
from ..domain import contributions as domain
from ..domain.contracts import code_key
from ..domain.ledger import person_key
from ..domain.periods import Period, contract_periods, parse_period
from ..domain.report_files import may_offer
from ..domain.report_rules import Issue
from ..models import Clause, Contract, Contribution, Report, StoredFile, hundredths
from . import audit
from .checks import report_rows, rows_as_read
from .flags import resolve_overdue_up_to
from .rows import STORED


class UnknownPeriod(ValueError):
    """The period is not one of the contract's, or has not started: a usage error."""


@dataclass
class ImportOutcome:
    """What an import did: the report's status and id, its rows and issues."""

    status: str
    report_id: int | None
    contract: str
    period: str
    rows: int
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "report_id": self.report_id,
            "contract": self.contract,
            "period": self.period,
            "rows": self.rows,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def reportable_periods(contract: Contract, today: date) -> list[Period]:
    """The contract's periods that have started, newest first."""
    periods = contract_periods(contract.reporting, contract.start, contract.end)
    return [p for p in reversed(periods) if p.start <= today]


def resolve_period(contract: Contract, text, today: date) -> Period:
    period = parse_period(contract.reporting, text)
    if period is None or period not in contract_periods(
        contract.reporting, contract.start, contract.end
    ):
        raise UnknownPeriod(f"{text} is not a reporting period of contract {contract.reference}")
    if period.start > today:
        raise UnknownPeriod(
            f"period {period.key} of contract {contract.reference} has not started yet"
        )
    return period


def counting_upload(contract: Contract, period: Period) -> Report | None:
    """The newest accepted upload for this period: the one that counts."""
    return (
        Report.select()
        .where(
            (Report.contract == contract)
            & (Report.period == period.key)
            & (Report.status == "accepted")
        )
        .order_by(Report.id.desc())
        .first()
    )


def previous_report(contract: Contract, period: Period) -> Report | None:
    """An earlier upload for the same period, else the newest for an earlier period."""
    return (
        Report.select()
        .where(
            (Report.contract == contract)
            & (Report.status == "accepted")
            & (Report.period_end <= period.end)
        )
        .order_by(Report.period_end.desc(), Report.id.desc())
        .first()
    )


def rows_of(report: Report) -> list[domain.Contribution]:
    codes = dict(
        Clause.select(Clause.id, Clause.code).where(Clause.contract == report.contract_id).tuples()
    )
    return report_rows([report.id], codes).get(report.id, [])


def _store_rows(
    report_id: int, contract: Contract, rows: list[domain.Contribution]
) -> list[domain.Contribution]:
    """One executemany of plain tuples, each value already as its column stores it;
    returns the rows as the check reads them back (store.checks.rows_as_read).

    The same few dates, figures and clauses fill whole columns: each is converted once."""
    clauses = (
        Clause.select(Clause.id, Clause.code_key, Clause.code)
        .where(Clause.contract == contract)
        .tuples()
    )
    clause_ids, codes = {}, {}
    for id_, key, code in clauses:
        clause_ids[key], codes[id_] = id_, code
    clause_id = lru_cache(maxsize=None)(lambda code: clause_ids[code_key(code)])
    day = lru_cache(maxsize=None)(stored_form())
    cents = lru_cache(maxsize=None)(hundredths)
    candidate_key = domain.candidate_key
    stored = [
        (
            report_id,
            clause_id(clause),
            number,
            ref,
            type_,
            group,
            day(start),
            None if end is None else day(end),
            None if hours is None else cents(hours),
            None if amount is None else cents(amount),
            note,
            benefit_months,
            age,
            permanent,
            purchased_from,
            bureau_ref,
            statushouder,
            level,
            None if quantity is None else cents(quantity),
            candidate_key(ref),
            person_key(bureau_ref),
        )
        for (
            number,
            ref,
            clause,
            type_,
            start,
            group,
            end,
            hours,
            amount,
            note,
            benefit_months,
            age,
            permanent,
            purchased_from,
            bureau_ref,
            statushouder,
            level,
            quantity,
        ) in rows
    ]
    insert_rows(Contribution, STORED, stored)
    return rows_as_read(stored, codes)


def _issues_json(issues) -> str:
    """Codes, places and message parameters; texts are rendered in the reader's language."""
    return json.dumps([{k: v for k, v in asdict(i).items() if k != "message"} for i in issues])


def stored_issues(text: str) -> list[Issue]:
    issues = []
    for item in json.loads(text):
        issue = Issue(message="", **item)
        issues.append(replace(issue, message=issue.describe()))
    return issues


def offers_file(report: Report) -> bool:
    """Whether the report's upload was kept and may be offered back (report_files.NOT_KEPT)."""
    return report.file_id is not None and may_offer(i["code"] for i in json.loads(report.errors))


def offers_feedback(report: Report) -> bool:
    """Whether the report's page offers its feedback workbook: a rejected upload, kept."""
    return report.status == "rejected" and offers_file(report)


def offered_file(report: Report) -> bytes | None:
    """The stored upload of `report`, or None when it is not kept or may not be offered."""
    if not offers_file(report):
        return None
    stored = StoredFile.get_or_none(StoredFile.sha256 == report.file_id)
    return None if stored is None else bytes(stored.content)


def save_report(
    contract: Contract,
    period: Period,
    data: bytes,
    filename: str,
    result,
    actor: str,
    user=None,
    channel: str = "upload",
) -> tuple[Report, list[domain.Contribution]]:
    """The upload, its file (unless it may hold a BSN) and its rows; in the caller's transaction.

    An accepted report also resolves the report_overdue flags it answers. Returns the
    report and its rows as the check reads them back (none for a rejected report).
    """
    sha256 = hashlib.sha256(data).hexdigest()
    if result.keep_file:
        StoredFile.insert(
            sha256=sha256, size=len(data), content=data
        ).on_conflict_ignore().execute()
    report = Report.create(
        contract=contract,
        period=period.key,
        period_end=period.end,
        status=result.status,
        sha256=sha256,
        file=sha256 if result.keep_file else None,
        filename=filename[:255],
        rows=result.rows,
        errors=_issues_json(result.errors),
        warnings=_issues_json(result.warnings),
        uploaded_by=user,
        channel=channel,
    )
    rows = []
    if result.status == "accepted":
        rows = _store_rows(report.id, contract, result.contributions)
        resolve_overdue_up_to(contract, period.end, actor)
    audit.record(
        actor,
        "upload",
        "report",
        report.id,
        {
            "contract": contract.reference,
            "period": period.key,
            "status": result.status,
            "rows": result.rows,
            "sha256": sha256,
            "channel": channel,
        },
        contract=contract.id,
    )
    return report, rows
