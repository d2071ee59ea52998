"""Evidence for a candidate (sign-off.md "Evidence"): what the bureau saw, and files.

A file is accepted only as a PDF, PNG or JPEG recognised by its content (never by
its name), of at most 10 MB, and whole: a file cut off half-way is unreadable.
"""

from datetime import date, timedelta

from .text import N_

KINDS = (
    "doelgroepverklaring",
    "beschikking",
    "uitkeringsspecificatie",
    "stageovereenkomst",
    "arbeidsovereenkomst",
    "leerwerkovereenkomst",
    "other",
)
MAX_FILE_BYTES = 10 * 2**20
PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg"}

NOT_ALLOWED = "not_allowed"
TOO_LARGE = "too_large"
UNREADABLE = "unreadable"
EMPTY = "empty"

# Why a file is not kept (and the two refusals before looking at it), as the page says it.
MESSAGES = {
    NOT_ALLOWED: N_(
        "Alleen een PDF, PNG of JPEG kan als bewijs dienen; dit bestand is geen van drieën."
    ),
    TOO_LARGE: N_(
        "Het bestand is groter dan 10 MB. Verklein het (bijvoorbeeld als PDF) en probeer opnieuw."
    ),
    UNREADABLE: N_(
        "Het bestand is onvolledig of beschadigd. Sla het opnieuw op en probeer opnieuw."
    ),
    EMPTY: N_("Kies een bestand."),
    "not_enabled": N_(
        "Deze opdrachtgever bewaart geen bewijsstukken; het bureau noteert alleen wat het zag."
    ),
    "no_candidate": N_("Noem de kandidaat bij wie het bewijs hoort."),
}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def content_type(data: bytes) -> str | None:
    """PDF, PNG or JPEG by its first bytes; None for anything else."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(_PNG_SIGNATURE):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def _whole(kind: str, data: bytes) -> bool:
    """The end marker each format has: a cut-off or damaged file lacks it."""
    tail = data[-1024:]
    if kind == PDF:
        return b"%%EOF" in tail
    if kind == PNG:
        return b"IEND" in data[-16:] and len(data) > len(_PNG_SIGNATURE) + 12
    return data.rstrip(b"\x00").endswith(b"\xff\xd9")


def file_problem(data: bytes) -> str | None:
    """Why a file cannot be kept as evidence, or None."""
    if not data:
        return EMPTY
    if len(data) > MAX_FILE_BYTES:
        return TOO_LARGE
    kind = content_type(data)
    if kind is None:
        return NOT_ALLOWED
    if not _whole(kind, data):
        return UNREADABLE
    return None


def retention_date(decided_on: date, retention_days: int) -> date:
    """The day a file is deleted: ``evidence_retention_days`` after the decision."""
    return decided_on + timedelta(days=retention_days)
