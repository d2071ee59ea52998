"""Evidence files (sign-off.md): PDF, PNG or JPEG by content, at most 10 MB, whole."""

from datetime import date

import pytest

from srtracker.domain.evidence import (
    MAX_FILE_BYTES,
    content_type,
    file_problem,
    retention_date,
)

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17 + b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20 + b"\xff\xd9"


@pytest.mark.parametrize(("data", "kind"), [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg")])
def test_pdf_png_and_jpeg_are_recognised_by_content(data, kind):
    assert kind in content_type(data) and file_problem(data) is None


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04 a zip", b"GIF89a...", b"<html>%PDF-</html>", b"plain text"]
)
def test_anything_else_is_not_allowed_whatever_its_name(data):
    assert file_problem(data) == "not_allowed"


def test_a_file_over_10_mb_is_too_large():
    assert file_problem(PDF + b" " * (MAX_FILE_BYTES - len(PDF) + 1)) == "too_large"
    assert file_problem(PDF[:-7] + b" " * 10 + b"%%EOF\n") is None


@pytest.mark.parametrize("data", [PDF[:20], PNG[:-12], JPEG[:-2]])
def test_a_cut_off_file_is_unreadable(data):
    assert file_problem(data) == "unreadable"


def test_an_empty_file_is_refused():
    assert file_problem(b"") == "empty"


def test_retention_counts_days_after_the_decision():
    assert retention_date(date(2026, 3, 31), 0) == date(2026, 3, 31)
    assert retention_date(date(2026, 3, 31), 30) == date(2026, 4, 30)
