"""The console script imports only what the command it runs needs (issue 19)."""

import json
import os
import subprocess
import sys

import pytest

from srtracker.cli import COMMANDS, load_command
from tests.conftest import ROOT, SAMPLES, SPEC_EXAMPLE

# Run the console script, then write the modules the process imported to argv[1].
PROBE = """
import json, sys
from srtracker.cli import main
try:
    main(sys.argv[2:], prog_name="srtracker")
except SystemExit as exit:
    code = exit.code
with open(sys.argv[1], "w") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""
NOT_NEEDED = ("srtracker.bureau", "srtracker.scheduler", "apscheduler", "gunicorn")


def run_console(tmp_path, database_url, *args):
    out = tmp_path / "modules.json"
    env = {**os.environ, "SRTRACKER_DATABASE_URL": database_url, "SRTRACKER_SECRET_KEY": "t"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.exists(), done.stderr
    return done, json.loads(out.read_text())


def imported(modules, prefix):
    return [m for m in modules if m == prefix or m.startswith(prefix + ".")]


def test_help_lists_every_command_without_importing_them(tmp_path, database_url):
    done, probe = run_console(tmp_path, database_url, "--help")
    assert probe["code"] == 0
    for name in COMMANDS:
        assert f"  {name} " in done.stdout
    for prefix in (*NOT_NEEDED, "srtracker.reports", "srtracker.compliance", "openpyxl"):
        assert not imported(probe["modules"], prefix), prefix


def test_import_report_imports_neither_the_bureau_nor_the_scheduler(
    tmp_path, app, database_url, runner
):
    assert runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)]).exit_code == 0
    report = SAMPLES / "reports" / "2026-HH-014_2026-Q1.xlsx"
    done, probe = run_console(
        tmp_path, database_url, "import-report", "2026-HH-014", "2026-Q1", str(report), "--json"
    )
    assert probe["code"] == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "accepted"
    for prefix in (*NOT_NEEDED, "openpyxl", "srtracker.reviews", "srtracker.exports"):
        assert not imported(probe["modules"], prefix), prefix


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_line_is_the_commands_own(name):
    """--help shows COMMANDS' line without importing the command; it must be the command's."""
    command = load_command(name)
    assert command.name == name
    assert command.help.split("\n\n")[0].replace("\n", " ").strip() == COMMANDS[name][2]


def test_flask_app_offers_the_same_commands(app):
    assert set(COMMANDS) <= set(app.cli.list_commands(None))
