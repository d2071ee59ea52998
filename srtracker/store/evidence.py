"""Evidence records and the records of evidence files (sign-off.md "Evidence").

The files themselves are on disk (services.evidence keeps and deletes them); these
are their rows, written inside the caller's transaction with their audit entries.
"""

from datetime import date

from ..domain.evidence import retention_date
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
from . import audit
from .reviews import candidate_key


def record(contract: Contract, candidate: str, kind: str, checked_on: date, note: str, user, actor):
    """What the bureau saw for a candidate; no document is kept."""
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


def add_file(
    contract: Contract, key: str, sha256: str, size: int, kind: str, path: str, user, actor: str
) -> EvidenceFile:
    """The record of a file kept at ``path`` (under the evidence folder)."""
    buyer = Organisation.get_by_id(contract.buyer_id)
    stored = EvidenceFile.create(
        contract=contract.id,
        candidate_key=key,
        sha256=sha256,
        size=size,
        content_type=kind,
        path=path,
        uploaded_by=user.id if user else None,
        uploader_org=user.organisation_id if user else None,
        retain_until=_retain_until(contract, key, buyer),
    )
    audit.record(
        actor,
        "attach",
        "evidence_file",
        stored.id,
        {"candidate": key, "size": size, "type": kind},
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


def record_download(found: EvidenceFile, actor: str) -> None:
    audit.record(
        actor,
        "download",
        "evidence_file",
        found.id,
        {"candidate": found.candidate_key},
        contract=found.contract_id,
    )


def due_for_deletion(today: date) -> list[EvidenceFile]:
    """Files kept whose retention date has come."""
    return list(
        EvidenceFile.select().where(
            EvidenceFile.deleted_at.is_null()
            & EvidenceFile.retain_until.is_null(False)
            & (EvidenceFile.retain_until <= today)
        )
    )


def mark_deleted(found: EvidenceFile, actor: str) -> bool:
    """The record stays without its path; True when no other kept record shares the file
    (then it may go from disk)."""
    EvidenceFile.update(deleted_at=utcnow(), path="").where(EvidenceFile.id == found.id).execute()
    audit.record(
        actor,
        "delete",
        "evidence_file",
        found.id,
        {"retain_until": found.retain_until, "reason": "retention date reached"},
        contract=found.contract_id,
    )
    return (
        not EvidenceFile.select()
        .where(
            (EvidenceFile.path == found.path)
            & (EvidenceFile.id != found.id)
            & EvidenceFile.deleted_at.is_null()
        )
        .exists()
    )
