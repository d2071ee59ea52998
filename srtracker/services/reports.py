"""Importing a progress report: the path shared by the CLI and the upload form.

An accepted report is stored with its rows and re-checks its contract in the same
transaction; a rejected one changes no figure.
"""

import hashlib
import json

from flask import current_app

from ..db import write_transaction
from ..domain.periods import Period
from ..domain.report_rules import Limits
from ..i18n import translate
from ..models import Contract, Report
from ..store.contracts import to_domain
from ..store.reports import (
    ImportOutcome,
    counting_upload,
    previous_report,
    rows_of,
    save_report,
    stored_issues,
)
from ..workbook.upload import validate_upload
from . import ledger
from .checks import recheck


def limits() -> Limits:
    config = current_app.config
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
    bounds = limits()
    base = {"contract": contract.reference, "period": period.key}
    if len(data) > bounds.max_upload_bytes:
        result = validate_upload(
            data, to_domain(contract), period, current_app.config["REFERENCE"], None, False, bounds
        )
        return ImportOutcome(**result.to_json(translate, report_id=None, **base))
    counting = counting_upload(contract, period)
    if counting is not None and counting.sha256 == hashlib.sha256(data).hexdigest():
        return ImportOutcome(
            status="duplicate",
            report_id=counting.id,
            rows=counting.rows,
            warnings=[i.to_json(translate) for i in stored_issues(counting.warnings)],
            **base,
        )
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
        current_app.config["REFERENCE"],
        rows_of(previous) if previous else None,
        had_rows_before,
        bounds,
    )
    if result.status == "accepted":
        result = result.with_counted_elsewhere(ledger.counted_elsewhere(contract, period, result))
    with write_transaction():
        report = save_report(contract, period, data, filename, result, actor, user, channel)
        if report.status == "accepted":
            recheck(contract.id, actor, "report")
    return ImportOutcome(**result.to_json(translate, report_id=report.id, **base))


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
