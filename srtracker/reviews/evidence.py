"""Evidence records and files (sign-off.md "Evidence").

Files live on disk under the evidence folder (``[evidence] folder``, default the
instance folder's ``evidence/``), named by their SHA-256, never in the database;
the record stays when the scheduler deletes the file at its retention date.
"""

import hashlib
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from ..db import write_transaction
from ..domain.evidence import EXTENSIONS, content_type, file_problem, retention_date
from ..domain.text import N_
from ..models import (
    BureauBuyer,
    CandidateReview,
    Clause,
    Contract,
    Evidence,
    EvidenceFile,
    Organisation,
    utcnow,
)
from ..store import audit
from ..store.reviews import candidate_key

MESSAGES = {
    "not_allowed": N_(
        "Alleen een PDF, PNG of JPEG kan als bewijs dienen; dit bestand is geen van drieën."
    ),
    "too_large": N_(
        "Het bestand is groter dan 10 MB. Verklein het (bijvoorbeeld als PDF) en probeer opnieuw."
    ),
    "unreadable": N_(
        "Het bestand is onvolledig of beschadigd. Sla het opnieuw op en probeer opnieuw."
    ),
    "empty": N_("Kies een bestand."),
    "not_enabled": N_(
        "Deze opdrachtgever bewaart geen bewijsstukken; het bureau noteert alleen wat het zag."
    ),
    "no_candidate": N_("Noem de kandidaat bij wie het bewijs hoort."),
}


class EvidenceRefused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    def message(self) -> str:
        return _(MESSAGES[self.code])


def folder() -> Path:
    configured = current_app.config.get("EVIDENCE_FOLDER") or ""
    return Path(configured) if configured else Path(current_app.instance_path) / "evidence"


def record(contract: Contract, candidate: str, kind: str, checked_on: date, note: str, user, actor):
    with write_transaction():
        entry = Evidence.create(
            contract=contract.id,
            candidate_key=candidate_key(candidate),
            kind=kind,
            checked_on=checked_on,
            checked_by=user.id if user else None,
            note=note,
        )
        audit.record(
            actor,
            "record",
            "evidence",
            entry.id,
            {"candidate": entry.candidate_key, "kind": kind, "checked_on": checked_on},
            contract=contract.id,
        )
    return entry


def attach(contract: Contract, candidate: str, data: bytes, user, actor) -> EvidenceFile:
    """Keep a file where the buyer enables it: PDF, PNG or JPEG by content, at most 10 MB;
    anything else is refused and nothing is kept."""
    buyer = Organisation.get_by_id(contract.buyer_id)
    if not buyer.evidence_files:
        raise EvidenceRefused("not_enabled")
    if not candidate.strip():
        raise EvidenceRefused("no_candidate")
    problem = file_problem(data)
    if problem:
        raise EvidenceRefused(problem)
    sha256 = hashlib.sha256(data).hexdigest()
    kind = content_type(data)
    relative = f"{sha256[:2]}/{sha256}.{EXTENSIONS[kind]}"
    target = folder() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)
    key = candidate_key(candidate)
    with write_transaction():
        stored = EvidenceFile.create(
            contract=contract.id,
            candidate_key=key,
            sha256=sha256,
            size=len(data),
            content_type=kind,
            path=relative,
            uploaded_by=user.id if user else None,
            uploader_org=user.organisation_id if user else None,
            retain_until=_retain_until(contract, key, buyer),
        )
        audit.record(
            actor,
            "attach",
            "evidence_file",
            stored.id,
            {"candidate": key, "size": len(data), "type": kind},
            contract=contract.id,
        )
    return stored


def _retain_until(contract: Contract, key: str, buyer: Organisation) -> date | None:
    """Retention runs from the latest decision on the candidate under any clause; None
    while no decision is taken (the decision sets it)."""
    decided = (
        CandidateReview.select(CandidateReview.decided_at)
        .join(Clause)
        .where(
            (Clause.contract == contract.id)
            & (CandidateReview.candidate_key == key)
            & CandidateReview.withdrawn_at.is_null()
        )
        .order_by(CandidateReview.decided_at.desc())
        .first()
    )
    if decided is None:
        return None
    return retention_date(decided.decided_at.date(), buyer.evidence_retention_days)


def on_decision(contract_id: int, key: str, decided_on: date) -> None:
    """A decision on the candidate starts the retention of its files; in its transaction."""
    contract = Contract.get_by_id(contract_id)
    days = Organisation.get_by_id(contract.buyer_id).evidence_retention_days
    EvidenceFile.update(retain_until=retention_date(decided_on, days)).where(
        (EvidenceFile.contract == contract_id)
        & (EvidenceFile.candidate_key == key)
        & EvidenceFile.deleted_at.is_null()
    ).execute()


def readable(file_id: int, user) -> EvidenceFile | None:
    """The file when the user is the bureau serving the buyer or the supplier that sent it."""
    found = EvidenceFile.get_or_none(
        (EvidenceFile.id == file_id) & EvidenceFile.deleted_at.is_null()
    )
    if found is None:
        return None
    contract = Contract.get_by_id(found.contract_id)
    if user.role == "bureau":
        serves = BureauBuyer.select().where(
            (BureauBuyer.bureau == user.organisation_id) & (BureauBuyer.buyer == contract.buyer_id)
        )
        return found if serves.exists() else None
    if user.role == "supplier" and found.uploader_org_id == user.organisation_id:
        return found if contract.supplier_id == user.organisation_id else None
    return None


def open_for_download(found: EvidenceFile, actor: str) -> Path:
    with write_transaction():
        audit.record(
            actor,
            "download",
            "evidence_file",
            found.id,
            {"candidate": found.candidate_key},
            contract=found.contract_id,
        )
    return folder() / found.path


def purge(today: date, actor: str = "scheduler") -> int:
    """Delete every file whose retention date has come: from disk, and its path from the
    database; the record stays, the deletion is audited."""
    due = list(
        EvidenceFile.select().where(
            EvidenceFile.deleted_at.is_null()
            & EvidenceFile.retain_until.is_null(False)
            & (EvidenceFile.retain_until <= today)
        )
    )
    for found in due:
        with write_transaction():
            EvidenceFile.update(deleted_at=utcnow(), path="").where(
                EvidenceFile.id == found.id
            ).execute()
            shared = (
                EvidenceFile.select()
                .where(
                    (EvidenceFile.path == found.path)
                    & (EvidenceFile.id != found.id)
                    & EvidenceFile.deleted_at.is_null()
                )
                .exists()
            )
            if not shared:
                (folder() / found.path).unlink(missing_ok=True)
            audit.record(
                actor,
                "delete",
                "evidence_file",
                found.id,
                {"retain_until": found.retain_until, "reason": "retention date reached"},
                contract=found.contract_id,
            )
    return len(due)
