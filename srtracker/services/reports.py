"""Importing a progress report: the path shared by the CLI, the upload form, the report
typed in the browser and the API.

An accepted report is stored with its rows and re-checks its contract in the same
transaction; a rejected one changes no figure.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..db import write_transaction
from ..domain.contributions import Contribution
from ..domain.periods import Period
from ..domain.report_rules import Issue, Limits, ReportResult
from ..i18n import translate
from ..models import Contract, Report
from ..runtime import settings
from ..store.contracts import to_domain
from ..store.reports import (
    ImportOutcome,
    counting_upload,
    previous_report,
    rows_of,
    save_report,
    stored_issues,
)
from ..store.signoff import uses_bureau_ref
from ..workbook.upload import validate_upload
from . import ledger
from .checks import recheck

if TYPE_CHECKING:
    from ..domain.report_entry import EntryRow


def limits() -> Limits:
    config = settings()
    return Limits(
        config["REPORT_MAX_UPLOAD_BYTES"],
        config["REPORT_MAX_UNPACKED_BYTES"],
        config["REPORT_MAX_ROWS"],
        config["REPORT_MAX_COLUMNS"],
    )


def import_report(
    contract: Contract,
    period: Period,
    data: bytes,
    filename: str,
    actor: str,
    user=None,
    channel: str = "upload",
) -> ImportOutcome:
    """Validate and store one upload; a byte-identical resend of what counts is a duplicate.

    Every channel comes through here with a workbook (`channel`: upload, browser or api),
    so a report is validated and stored the same way whatever way it came in.
    """
    return _import(contract, period, data, filename, actor, user, channel)[0]


def _import(
    contract: Contract,
    period: Period,
    data: bytes,
    filename: str,
    actor: str,
    user=None,
    channel: str = "upload",
    keep_rejected: bool = True,
) -> tuple[ImportOutcome, ReportResult | None]:
    """import_report, with the validation's result (None for a duplicate); a rejected
    report is stored only when `keep_rejected`."""
    bounds = limits()
    base = {"contract": contract.reference, "period": period.key}
    if len(data) > bounds.max_upload_bytes:
        result = validate_upload(
            data, to_domain(contract), period, settings()["REFERENCE"], None, False, bounds
        )
        return ImportOutcome(**result.to_json(translate, report_id=None, **base)), result
    counting = counting_upload(contract, period)
    if counting is not None and counting.sha256 == hashlib.sha256(data).hexdigest():
        duplicate = ImportOutcome(
            status="duplicate",
            report_id=counting.id,
            rows=counting.rows,
            warnings=[i.to_json(translate) for i in stored_issues(counting.warnings)],
            **base,
        )
        return duplicate, None
    previous = previous_report(contract, period)
    had_rows_before = (
        Report.select()
        .where((Report.contract == contract) & (Report.status == "accepted") & (Report.rows > 0))
        .exists()
    )
    result = validate_upload(
        data,
        to_domain(contract),
        period,
        settings()["REFERENCE"],
        rows_of(previous) if previous else None,
        had_rows_before,
        bounds,
    )
    if result.status == "accepted":
        result = result.with_counted_elsewhere(ledger.counted_elsewhere(contract, period, result))
    elif not keep_rejected:
        return ImportOutcome(**result.to_json(translate, report_id=None, **base)), result
    with write_transaction():
        report, rows = save_report(contract, period, data, filename, result, actor, user, channel)
        if report.status == "accepted":
            recheck(contract.id, actor, "report", {report.id: rows})
    return ImportOutcome(**result.to_json(translate, report_id=report.id, **base)), result


@dataclass
class Entered:
    """What the browser's report form answers: the stored report (none when refused) and
    the issues, each on the form's row."""

    status: str
    report_id: int | None
    errors: list[Issue]
    warnings: list[Issue]


def entry_columns(contract: Contract) -> tuple[str, ...]:
    """The columns of the contract's report form: those of its template."""
    from ..workbook.template import report_columns  # openpyxl: not for an upload

    return tuple(c.name for c in report_columns(to_domain(contract), uses_bureau_ref(contract)))


def previous_rows(contract: Contract, period: Period) -> list[Contribution]:
    """The rows the report of `period` starts from: those of the previous accepted report."""
    previous = previous_report(contract, period)
    return rows_of(previous) if previous else []


def enter_report(
    contract: Contract, period: Period, rows: "list[EntryRow]", actor: str, user=None, lang="nl"
) -> Entered:
    """A report typed in the browser: its rows written into the template and imported as
    an upload is (the same validation, storage, supersede and re-check); refused, nothing
    is stored and each issue is placed on the form's row."""
    from ..domain.report_entry import on_form
    from ..workbook.template import FIRST_ROW, write_entered  # openpyxl: not for an upload

    kept = [row for row in rows if row.kept]
    data = write_entered(
        to_domain(contract),
        period,
        settings()["REFERENCE"],
        [row.values for row in kept],
        lang,
        bureau_ref=uses_bureau_ref(contract),
    )
    outcome, result = _import(
        contract, period, data, "", actor, user, channel="browser", keep_rejected=False
    )
    if result is None:  # the same workbook as the report that counts: nothing new
        return Entered(outcome.status, outcome.report_id, [], [])
    return Entered(
        outcome.status,
        outcome.report_id,
        [on_form(i, kept, FIRST_ROW) for i in result.errors],
        [on_form(i, kept, FIRST_ROW) for i in result.warnings],
    )


def outcome_of(report: Report) -> ImportOutcome:
    """A stored report's result, as its upload answered it."""
    return ImportOutcome(
        status=report.status,
        report_id=report.id,
        contract=report.contract.reference,
        period=report.period,
        rows=report.rows,
        errors=[i.to_json(translate) for i in stored_issues(report.errors)],
        warnings=[i.to_json(translate) for i in stored_issues(report.warnings)],
    )


def dumps(outcome: ImportOutcome) -> str:
    return json.dumps(outcome.to_json(), ensure_ascii=False)
