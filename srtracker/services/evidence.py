"""Evidence of candidates as use cases: note what was seen, keep a file, download it, and
delete files at their retention date (sign-off.md "Evidence").

Files live on disk under the evidence folder (``[evidence] folder``, default the
instance folder's ``evidence/``), named by their SHA-256, never in the database;
the record stays when the scheduler deletes the file at its retention date. None
of these changes a figure, so none re-checks.
"""

import hashlib
from datetime import date
from pathlib import Path

from flask import current_app

from ..db import write_transaction
from ..domain.evidence import EXTENSIONS, content_type, file_problem
from ..models import Contract, Evidence, EvidenceFile, Organisation
from ..store import evidence as store
from ..store.reviews import candidate_key


class EvidenceRefused(Exception):
    """A file that is not kept; ``code`` is a key of domain.evidence.MESSAGES."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def folder() -> Path:
    configured = current_app.config.get("EVIDENCE_FOLDER") or ""
    return Path(configured) if configured else Path(current_app.instance_path) / "evidence"


def record(
    contract: Contract, candidate: str, kind: str, checked_on: date, note: str, user, actor: str
) -> Evidence:
    with write_transaction():
        return store.record(contract, candidate, kind, checked_on, note, user, actor)


def attach(contract: Contract, candidate: str, data: bytes, user, actor: str) -> EvidenceFile:
    """Keep a file where the buyer enables it: PDF, PNG or JPEG by content, at most 10 MB;
    anything else is refused and nothing is kept."""
    if not Organisation.get_by_id(contract.buyer_id).evidence_files:
        raise EvidenceRefused("not_enabled")
    if not candidate.strip():
        raise EvidenceRefused("no_candidate")
    problem = file_problem(data)
    if problem:
        raise EvidenceRefused(problem)
    sha256 = hashlib.sha256(data).hexdigest()
    kind = content_type(data)
    assert kind is not None  # file_problem found none
    relative = f"{sha256[:2]}/{sha256}.{EXTENSIONS[kind]}"
    target = folder() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)
    with write_transaction():
        return store.add_file(
            contract, candidate_key(candidate), sha256, len(data), kind, relative, user, actor
        )


def open_for_download(found: EvidenceFile, actor: str) -> Path:
    """The file's path on disk; every download is audited."""
    with write_transaction():
        store.record_download(found, actor)
    return folder() / found.path


def purge(today: date, actor: str = "scheduler") -> int:
    """Delete every file whose retention date has come: from disk, and its path from the
    database; the record stays, the deletion is audited. One transaction per file."""
    due = store.due_for_deletion(today)
    for found in due:
        with write_transaction():
            if store.mark_deleted(found, actor):
                (folder() / found.path).unlink(missing_ok=True)
    return len(due)
