"""Reports as other writers write them (tools/make_corpus.py), imported as an upload is.

manifest.json gives each file's result by progress-report.md: accepted with
these stored rows, or rejected with these codes at these cells, and whether
its bytes are kept. The files are committed; the tool regenerates them.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from report_books import CONTRACT

from srtracker.db import db
from srtracker.models import Contribution, Report
from srtracker.services.reports import import_report
from srtracker.store import contracts
from srtracker.store.reports import resolve_period

CORPUS = Path(__file__).resolve().parent
ENTRIES = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
IDS = [entry["file"] for entry in ENTRIES]


@pytest.fixture
def report_contract(app):
    """The contract of tests/report_books.py (persons, hours and euros clauses), stored."""
    with app.app_context(), db.connection_context():
        contracts.save(CONTRACT, actor="test")


def imported(app, entry):
    """The upload's outcome and its stored report, through the real import path."""
    with app.app_context(), db.connection_context():
        contract = contracts.find("2026-HH-014")
        outcome = import_report(
            contract,
            resolve_period(contract, "2026-Q1", contract.start),
            (CORPUS / entry["file"]).read_bytes(),
            entry["file"],
            actor="test",
        )
        report = Report.get_by_id(outcome.report_id)
        rows = [stored(c) for c in report.contributions.order_by(Contribution.row)]
        return outcome, report, rows


def stored(row: Contribution) -> dict:
    def text(value):
        return None if value is None else str(value)

    return {
        "row": row.row,
        "candidate_ref": row.candidate_ref,
        "clause": row.clause.code,
        "type": row.type,
        "target_group": row.target_group,
        "start_date": row.start_date.isoformat(),
        "end_date": text(row.end_date and row.end_date.isoformat()),
        "hours_per_week": text(
            row.hours_per_week and Decimal(row.hours_per_week).quantize(Decimal("0.01"))
        ),
        "amount_eur": text(
            None if row.amount_cents is None else Decimal(row.amount_cents).scaleb(-2)
        ),
        "note": row.note,
    }


def test_every_corpus_file_is_in_the_manifest_and_small():
    files = {path.name for path in CORPUS.glob("*.xlsx")}
    assert files == set(IDS)
    assert all((CORPUS / name).stat().st_size < 16_000 for name in files)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_a_corpus_file_gives_what_the_spec_says(app, report_contract, entry):
    outcome, report, rows = imported(app, entry)
    assert (outcome.status, outcome.rows) == (entry["status"], entry["rows"])
    assert [[e["code"], e["sheet"], e["cell"]] for e in outcome.errors] == entry["errors"]
    assert [[w["code"], w["cell"]] for w in outcome.warnings] == entry["warnings"]
    assert rows == entry["stored"]
    assert (report.file_id is not None) == entry["kept"]
