"""progress-report.md, "The workbook": what is refused before any parsing, and why."""

import functools
import struct
import tracemalloc
import zipfile
import zlib
from io import BytesIO

import pytest
from report_books import person, report, rezip, validate

from srtracker.domain.report_rules import Limits
from srtracker.workbook import package
from srtracker.workbook.package import OLE2_MAGIC, PackageProblem, check_package

MB = 2**20


def refusal(data: bytes, limits=None):
    result = validate(data, limits=limits or Limits())
    assert result.status == "rejected" and result.rows == 0
    [error] = result.errors
    return error


def problem(data: bytes, unpacked=200 * MB, entries=2000):
    with pytest.raises(PackageProblem) as caught:
        check_package(data, 20 * MB, unpacked, entries)
    return caught.value.key


def zip_of(entries: dict) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return out.getvalue()


def ole2(*streams: str) -> bytes:
    """The start of an OLE2 compound file, with directory entries named `streams`."""
    return OLE2_MAGIC + bytes(504) + b"".join(s.encode("utf-16-le") + bytes(64) for s in streams)


def test_a_plain_xlsx_passes_the_package_checks():
    check_package(report(person()), 20 * MB, 200 * MB)


def test_too_large_when_the_upload_is_over_the_size_limit():
    error = refusal(report(person()), Limits(max_upload_bytes=1000))
    assert (error.code, error.row, error.cell) == ("too_large", None, None)


def test_an_old_xls_file_is_not_xlsx_and_told_to_save_as_xlsx():
    error = refusal(ole2("Workbook", "SummaryInformation"))
    assert error.code == "not_xlsx"
    assert ".xls" in error.message and "Opslaan als" in error.message


def test_an_encrypted_workbook_is_not_xlsx_and_told_to_remove_the_password():
    error = refusal(ole2("EncryptionInfo", "EncryptedPackage"))
    assert error.code == "not_xlsx"
    assert "wachtwoord" in error.message


def test_a_csv_file_is_not_xlsx_and_named_a_text_file():
    error = refusal(b"kandidaat;verplichting\nK-1;SR1\n")
    assert (error.code, error.key) == ("not_xlsx", "not_xlsx.text")


def test_random_bytes_are_not_xlsx():
    assert refusal(bytes(range(256)) * 8).key == "not_xlsx.corrupt"


def test_a_truncated_zip_is_not_xlsx():
    assert refusal(report(person())[:3000]).code == "not_xlsx"


def test_a_zip_that_is_not_a_workbook_is_not_xlsx():
    assert refusal(zip_of({"readme.txt": "hallo"})).key == "not_xlsx.zip"


def test_an_xlsm_with_vba_project_is_a_macro_file():
    original = zipfile.ZipFile(BytesIO(report(person())))
    data = zip_of(
        {
            **{name: original.read(name) for name in original.namelist()},
            "xl/vbaProject.bin": bytes(100),
        }
    )
    assert refusal(data).code == "macro_file"


def test_a_macro_enabled_content_type_is_a_macro_file():
    data = rezip(
        report(person()),
        lambda name, body: body.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        ),
    )
    assert refusal(data).code == "macro_file"


@functools.cache
def deflated_zeros(megabytes: int) -> bytes:
    squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return b"".join(squeezer.compress(bytes(MB)) for _ in range(megabytes)) + squeezer.flush()


def bomb(declared: int) -> bytes:
    """A package whose sheet inflates to 300 MB of zeros from about 300 KB, declaring `declared`.

    The entry is written by hand, so its declared size may lie.
    """
    package = zip_of({"[Content_Types].xml": "<Types/>"})
    archive = zipfile.ZipFile(BytesIO(package))
    head, central = package[: archive.start_dir], package[archive.start_dir :]
    central = central[: central.rfind(b"PK\x05\x06")]
    raw, name = deflated_zeros(300), b"xl/worksheets/sheet1.xml"
    local = (
        struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, 0, len(raw), declared, len(name), 0
        )
        + name
    )
    entry = (
        struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            0,
            len(raw),
            declared,
            len(name),
            0,
            0,
            0,
            0,
            0,
            len(head),
        )
        + name
    )
    body, directory = head + local + raw, central + entry
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 2, 2, len(directory), len(body), 0)
    return body + directory + end


def inflated_bytes_and_peak(action, monkeypatch):
    """Bytes the package checks inflate and the peak of Python memory while `action` runs."""
    inflated = 0
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args):
            self._inflater = real(*args)

        def decompress(self, data, max_length=0):
            nonlocal inflated
            out = self._inflater.decompress(data, max_length)
            inflated += len(out)
            return out

        def __getattr__(self, name):
            return getattr(self._inflater, name)

    monkeypatch.setattr(package.zlib, "decompressobj", Counting)
    tracemalloc.start()
    try:
        outcome = action()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return outcome, inflated, peak


def test_a_zip_bomb_that_declares_its_size_is_refused_without_inflating(monkeypatch):
    data = bomb(300 * MB)
    assert len(data) < MB
    error, inflated, _ = inflated_bytes_and_peak(lambda: refusal(data), monkeypatch)
    assert error.code == "too_large"
    assert inflated == 0


def test_a_zip_bomb_that_lies_about_its_size_is_refused_at_the_limit_in_bounded_memory(
    monkeypatch,
):
    """Inflating stops one chunk past the unpacked limit; memory stays at a few chunks."""
    data = bomb(1000)
    limits = Limits(max_unpacked_bytes=20 * MB)
    error, inflated, peak = inflated_bytes_and_peak(lambda: refusal(data, limits), monkeypatch)
    assert error.code == "too_large"
    assert 20 * MB < inflated <= 20 * MB + package.CHUNK
    assert peak < len(data) + 4 * package.CHUNK


def test_too_many_entries_is_too_large():
    data = zip_of({f"xl/media/{i}.txt": "x" for i in range(20)})
    assert problem(data, entries=10) == "too_large.unpacked"


SHEET = "xl/worksheets/sheet1.xml"


def kept_by_the_check(data: bytes) -> dict:
    keep: dict = {}
    check_package(data, 20 * MB, 200 * MB, keep=keep)
    return keep


def test_the_check_keeps_each_worksheet_as_zipfile_reads_it():
    data = report(person(), person(ref="K-2"))
    keep = kept_by_the_check(data)
    archive = zipfile.ZipFile(BytesIO(data))
    worksheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sorted(keep) == sorted(worksheets) and SHEET in keep
    assert all(b"".join(keep[name]) == archive.read(name) for name in keep)


def with_wrong_crc(data: bytes, name: str) -> bytes:
    """`data` with the CRC-32 its central directory gives `name` changed."""
    archive = zipfile.ZipFile(BytesIO(data))
    at = data.index(b"PK\x01\x02", archive.start_dir)
    while data[at + 46 : at + 46 + len(name)] != name.encode():
        at = data.index(b"PK\x01\x02", at + 4)
    crc = struct.pack("<I", archive.getinfo(name).CRC ^ 1)
    return data[: at + 16] + crc + data[at + 20 :]


def test_a_worksheet_whose_crc_is_wrong_is_not_kept():
    data = with_wrong_crc(report(person()), SHEET)
    assert zipfile.ZipFile(BytesIO(data)).testzip() == SHEET
    assert SHEET not in kept_by_the_check(data)


def test_a_worksheet_whose_crc_is_wrong_is_an_unreadable_workbook():
    assert refusal(with_wrong_crc(report(person()), SHEET)).key == "not_xlsx.corrupt"


def test_a_part_whose_crc_is_wrong_is_unreadable_in_a_sheet_read_in_bands(monkeypatch):
    from srtracker.workbook import reader

    monkeypatch.setattr(reader, "_BAND_CELLS", 1)
    data = with_wrong_crc(report(person(), person(ref="K-2")), "xl/styles.xml")
    assert refusal(data).key == "not_xlsx.corrupt"


def test_a_worksheet_past_the_room_to_keep_is_not_kept(monkeypatch):
    data = report(person())
    monkeypatch.setattr(package, "KEEP_BYTES", 100)
    assert kept_by_the_check(data) == {}


def test_a_refused_package_keeps_nothing():
    keep: dict = {}
    with pytest.raises(PackageProblem):
        check_package(bomb(1000), 20 * MB, 20 * MB, keep=keep)
    assert keep == {}
