"""LibreOffice Calc, headless, for tests that need a second spreadsheet program.

`soffice --headless --convert-to` loads a file as Calc does and writes it in
another format: a workbook it must repair or cannot load gives no output.
Without LibreOffice these tests skip with a message, except where
SRTRACKER_REQUIRE_SERVICES is set (CI, .ci/run installs it), where they fail.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TIMEOUT = 180


def soffice_or_skip() -> str:
    path = os.environ.get("SRTRACKER_SOFFICE") or shutil.which("soffice")
    if path is None:
        message = (
            "LibreOffice is not installed: these tests need soffice "
            "(apt-get install libreoffice-calc-nogui); .ci/run installs it"
        )
        if os.environ.get("SRTRACKER_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    return path


class LibreOffice:
    """One soffice with its own profile, so other LibreOffice processes do not lock it."""

    def __init__(self, executable: str, profile: Path):
        self.executable = executable
        self.profile = profile

    def convert(self, source: Path, fmt: str, outdir: Path) -> Path:
        """`source` converted to `fmt` (pdf, xlsx, fods, ...) in `outdir`; fails when none."""
        target = self.convert_all([source], fmt, outdir)[source]
        assert target is not None, f"LibreOffice could not convert {source.name} to {fmt}"
        return target

    def convert_all(self, sources: list[Path], fmt: str, outdir: Path) -> dict:
        """Each source -> its converted file in `outdir`, or None where Calc made none.

        One soffice run for all of them: starting LibreOffice takes seconds.
        """
        outdir.mkdir(parents=True, exist_ok=True)
        command = [
            self.executable,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ]
        subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        found = {}
        for source in sources:
            target = outdir / f"{source.stem}.{fmt.split(':')[0]}"
            found[source] = target if target.exists() and target.stat().st_size > 0 else None
        return found
