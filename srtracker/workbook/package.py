"""Checks on a raw upload before any parser sees it.

An upload is recognised by its content, never by its name. The uncompressed
size is measured by inflating every entry and counting the bytes as they come
out, stopping as soon as the total passes the limit: the sizes a zip declares
are only ever used to refuse early, never to accept. Neither openpyxl nor
calamine guards against a decompression bomb, so this runs first.
"""

import struct
import zipfile
import zlib
from io import BytesIO

from defusedxml import ElementTree

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_ENTRIES = 2000
CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORKBOOK_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
MACRO_TYPES = (
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.ms-office.vbaProject",
)


class PackageProblem(Exception):
    """Why an upload is refused: a spec code and the variant of its message."""

    def __init__(self, code: str, reason: str):
        super().__init__(code, reason)
        self.code = code
        self.reason = reason

    @property
    def key(self) -> str:
        return f"{self.code}.{self.reason}" if self.reason else self.code


def _sniff_not_zip(data: bytes) -> PackageProblem:
    if data.startswith(OLE2_MAGIC):
        # Excel encrypts an xlsx by wrapping it in an OLE2 file with these streams.
        encrypted = any(
            name.encode("utf-16-le") in data for name in ("EncryptedPackage", "EncryptionInfo")
        )
        return PackageProblem("not_xlsx", "encrypted" if encrypted else "xls")
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" not in head:
        try:
            head.decode("utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8")
            return PackageProblem("not_xlsx", "text")
        except UnicodeDecodeError:
            if not any(b < 9 for b in head):
                return PackageProblem("not_xlsx", "text")
    return PackageProblem("not_xlsx", "corrupt")


def _inflated_size(data: bytes, info: zipfile.ZipInfo, budget: int) -> int:
    """Bytes an entry inflates to, counted as they come out; stops past `budget`."""
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise PackageProblem("not_xlsx", "corrupt")
    magic, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if magic != ZIP_MAGIC:
        raise PackageProblem("not_xlsx", "corrupt")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return len(raw)
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise PackageProblem("not_xlsx", "corrupt")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    pending = raw
    try:
        while pending and not inflater.eof:
            total += len(inflater.decompress(pending, CHUNK))
            if total > budget:
                return total
            pending = inflater.unconsumed_tail
    except zlib.error:
        raise PackageProblem("not_xlsx", "corrupt") from None
    return total


def _content_types(archive: zipfile.ZipFile) -> set[str]:
    try:
        root = ElementTree.fromstring(archive.read(_CONTENT_TYPES))
    except Exception:
        raise PackageProblem("not_xlsx", "zip") from None
    return {
        element.get("ContentType", "")
        for element in root
        if element.tag in (f"{_CT_NS}Override", f"{_CT_NS}Default")
    }


def check_package(
    data: bytes, max_upload_bytes: int, max_unpacked_bytes: int, max_entries: int = MAX_ENTRIES
) -> int:
    """Raise PackageProblem unless `data` is a plain .xlsx package within the limits.

    Returns the bytes it unpacks to, as counted.
    """
    if len(data) > max_upload_bytes:
        raise PackageProblem("too_large", "upload")
    if not data.startswith(ZIP_MAGIC):
        raise _sniff_not_zip(data)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise PackageProblem("not_xlsx", "corrupt") from None
    if len(infos) > max_entries or sum(i.file_size for i in infos) > max_unpacked_bytes:
        raise PackageProblem("too_large", "unpacked")
    if any(info.flag_bits & 0x1 for info in infos):
        raise PackageProblem("not_xlsx", "encrypted")
    budget = max_unpacked_bytes
    for info in infos:
        budget -= _inflated_size(data, info, budget)
        if budget < 0:
            raise PackageProblem("too_large", "unpacked")
    names = {info.filename.casefold() for info in infos}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise PackageProblem("macro_file", "")
    if _CONTENT_TYPES.casefold() not in names:
        raise PackageProblem("not_xlsx", "zip")
    types = _content_types(archive)
    if types & set(MACRO_TYPES):
        raise PackageProblem("macro_file", "")
    if not types & set(WORKBOOK_TYPES) or "xl/workbook.xml" not in names:
        raise PackageProblem("not_xlsx", "zip")
    return max_unpacked_bytes - budget
