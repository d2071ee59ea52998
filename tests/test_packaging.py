"""A built wheel carries what the app reads at run time, not only the Python code."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_templates_migrations_static_files_and_catalogues(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    names = zipfile.ZipFile(next(tmp_path.glob("srtracker-*.whl"))).namelist()
    for expected in (
        "srtracker/templates/base.html",
        "srtracker/migrations/0001_initial.py",
        "srtracker/static/style.css",
        "srtracker/translations/en/LC_MESSAGES/messages.mo",
    ):
        assert expected in names
    assert any(n.startswith("srtracker/valuation_tables/") for n in names)
