"""Checks on a raw upload before any parser sees it.

An upload is recognised by its content, never by its name. The uncompressed
size is measured by inflating every entry and counting the bytes as they come
out, stopping as soon as the total passes the limit: the sizes a zip declares
are only ever used to refuse early, never to accept. Neither openpyxl nor
calamine guards against a decompression bomb, so this runs first.

What the count inflates of a worksheet can be kept (`keep`), so that the reader's scan of
the sheet XML does not inflate it again: only a part that inflated whole, to the size and
CRC-32 the zip gives (what zipfile would read), and at most KEEP_BYTES of them together.
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
# Inflated worksheets kept for the reader, together at most this many bytes: the memory of a
# large report is the streamed scan's, as without them.
KEEP_BYTES = 64 << 20
_WORKSHEETS = "xl/worksheets/"
_UNREAD_FLAGS = 0x20 | 0x40  # patched data, strong encryption: zipfile refuses to read them
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


def _entry(data: bytes, info: zipfile.ZipInfo) -> tuple[memoryview, int]:
    """The entry's raw bytes, and the length of the name its local header gives."""
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise PackageProblem("not_xlsx", "corrupt")
    magic, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if magic != ZIP_MAGIC:
        raise PackageProblem("not_xlsx", "corrupt")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    return memoryview(data)[start : start + info.compress_size], name_length


def _inflated_size(
    data: bytes, info: zipfile.ZipInfo, budget: int, pieces: list | None = None
) -> int:
    """Bytes an entry inflates to, counted as they come out; stops past `budget`. With
    `pieces`, what comes out goes into it, up to the size the entry declares (past that it
    is emptied: such an entry is not kept)."""
    raw, name_length = _entry(data, info)
    if pieces is not None and not _named(data, info, name_length):
        pieces = None
    if info.compress_type == zipfile.ZIP_STORED:
        if pieces is not None and len(raw) == info.file_size:
            pieces.append(bytes(raw))
        return len(raw)
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise PackageProblem("not_xlsx", "corrupt")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    pending = raw
    try:
        while pending and not inflater.eof:
            piece = inflater.decompress(pending, CHUNK)
            total += len(piece)
            if total > budget:
                return total
            if pieces is not None and total <= info.file_size:
                pieces.append(piece)
            elif pieces is not None:
                pieces.clear()
                pieces = None
            pending = inflater.unconsumed_tail
    except zlib.error:
        raise PackageProblem("not_xlsx", "corrupt") from None
    if pieces is not None and not inflater.eof:
        pieces.clear()  # cut short: zipfile would not read it as it is
    return total


def _named(data: bytes, info: zipfile.ZipInfo, name_length: int) -> bool:
    """The entry's local header gives the name the directory does (zipfile reads it only
    then), in ASCII."""
    name = info.orig_filename
    at = info.header_offset + _LOCAL_HEADER.size
    return name.isascii() and data[at : at + name_length] == name.encode("ascii")


def _kept(info: zipfile.ZipInfo, pieces: list) -> bool:
    """Whether the inflated pieces are what zipfile reads out of the entry."""
    if not pieces or sum(map(len, pieces)) != info.file_size:
        return False
    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    return crc == info.CRC


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


def _unpacked(
    data: bytes, infos: list, max_unpacked_bytes: int, keeping: bool
) -> tuple[int, dict[str, list[bytes]]]:
    """What is left of the unpacked limit once every entry is inflated, and (`keeping`)
    the worksheets kept; PackageProblem past the limit."""
    budget = max_unpacked_bytes
    kept: dict[str, list[bytes]] = {}
    room = KEEP_BYTES if keeping else 0
    for info in infos:
        wanted = (
            info.file_size <= room
            and info.filename.startswith(_WORKSHEETS)
            and not info.flag_bits & _UNREAD_FLAGS
        )
        pieces: list | None = [] if wanted else None
        budget -= _inflated_size(data, info, budget, pieces)
        if budget < 0:
            raise PackageProblem("too_large", "unpacked")
        if pieces and _kept(info, pieces):
            kept[info.filename] = pieces
            room -= info.file_size
        else:
            kept.pop(info.filename, None)  # zipfile reads the last entry of a name
    return budget, kept


def check_package(
    data: bytes,
    max_upload_bytes: int,
    max_unpacked_bytes: int,
    max_entries: int = MAX_ENTRIES,
    keep: dict[str, list[bytes]] | None = None,
) -> int:
    """Raise PackageProblem unless `data` is a plain .xlsx package within the limits.

    Returns the bytes it unpacks to, as counted. With `keep`, the worksheets inflated by the
    count go into it by name, as the pieces they came out in (within KEEP_BYTES), for
    `reader.open_workbook(inflated=)`; it is filled only once the whole package passed.
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
    budget, kept = _unpacked(data, infos, max_unpacked_bytes, keep is not None)
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
    if keep is not None:
        keep.update(kept)
    return max_unpacked_bytes - budget
