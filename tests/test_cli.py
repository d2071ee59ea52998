"""The console script imports only what the command it runs needs (issue 19)."""

import json
import os
import re
import subprocess
import sys

import pytest

from srtracker.cli import COMMANDS, load_command
from tests.conftest import ROOT, SAMPLES, SPEC_EXAMPLE

# Run the console script, then write the modules the process imported, whether the cycle
# collector is on, how many objects it leaves out (gc.freeze) and what it finds of a cycle
# made afterwards, to argv[1].
PROBE = """
import gc, json, sys
from srtracker.cli import main
try:
    main(sys.argv[2:], prog_name="srtracker")
except SystemExit as exit:
    code = exit.code
cycle = []
cycle.append(cycle)
del cycle
probe = {"collector": gc.isenabled(), "frozen": gc.get_freeze_count(), "freed": gc.collect()}
with open(sys.argv[1], "w") as handle:
    modules = sorted(k for k, v in sys.modules.items() if v)
    json.dump({"code": code, "modules": modules, **probe}, handle)
"""
NOT_NEEDED = ("srtracker.bureau", "srtracker.scheduler", "apscheduler", "gunicorn")
# `srtracker --help` and `srtracker import-report` run without Flask (cli.WITHOUT_FLASK).
FLASK = ("flask", "flask_babel", "flask_login", "flask_wtf", "werkzeug", "jinja2")


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
    for prefix in (*NOT_NEEDED, *FLASK, "srtracker.reports", "srtracker.compliance", "openpyxl"):
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
    for prefix in (*NOT_NEEDED, *FLASK, "openpyxl", "srtracker.reviews", "srtracker.exports"):
        assert not imported(probe["modules"], prefix), prefix
    assert not imported(probe["modules"], "http.client")  # xml.sax.saxutils would import it
    # peewee imports the PostgreSQL driver at its own import, and peewee's db_url every
    # driver's extension: neither is needed on SQLite
    on_postgres = database_url.startswith("postgres")
    assert bool(imported(probe["modules"], "psycopg2")) == on_postgres
    assert bool(imported(probe["modules"], "playhouse.db_url")) == on_postgres


def imported_sample(tmp_path, database_url, runner) -> dict:
    """The probe of an import-report of the spec example's Q1 sample, in a console of its own."""
    assert runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)]).exit_code == 0
    report = SAMPLES / "reports" / "2026-HH-014_2026-Q1.xlsx"
    done, probe = run_console(
        tmp_path, database_url, "import-report", "2026-HH-014", "2026-Q1", str(report)
    )
    assert probe["code"] == 0, done.stderr
    return probe


def test_import_report_of_a_contract_without_a_valuation_table_imports_no_table_modules(
    tmp_path, app, database_url, runner
):
    """The spec example pins no valuation table: its re-check values nothing by a table."""
    modules = imported_sample(tmp_path, database_url, runner)["modules"]
    for name in ("srtracker.domain.valuation", "srtracker.domain.valuation_tables"):
        assert name not in modules, name


def test_import_report_gives_the_cycle_collector_back_when_done(
    tmp_path, app, database_url, runner
):
    assert imported_sample(tmp_path, database_url, runner)["collector"] is True


def test_import_report_leaves_its_modules_out_of_later_collections(
    tmp_path, app, database_url, runner
):
    """The modules imported for the command are frozen; what is made later is collected."""
    probe = imported_sample(tmp_path, database_url, runner)
    assert probe["frozen"] > 10_000
    assert probe["freed"] >= 1


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_line_is_the_commands_own(name):
    """--help shows COMMANDS' line without importing the command; it must be the command's."""
    command = load_command(name)
    assert command.name == name
    assert command.help.split("\n\n")[0].replace("\n", " ").strip() == COMMANDS[name][2]


def test_flask_app_offers_the_same_commands(app):
    assert set(COMMANDS) <= set(app.cli.list_commands(None))


def test_console_help_is_the_flask_groups(monkeypatch):
    """The group that runs without Flask shows FlaskGroup's options and commands, word for word."""
    from click.testing import CliRunner

    from srtracker.cli import console, flask_group

    runner = CliRunner()
    ours = runner.invoke(console, ["--help"], prog_name="srtracker")
    flasks = runner.invoke(flask_group(), ["--help"], prog_name="srtracker")
    assert ours.exit_code == flasks.exit_code == 0
    assert ours.output == flasks.output


@pytest.mark.parametrize(
    ("args", "without"),
    [
        ([], True),
        (["--help"], True),
        (["import-report", "R", "P", "f.xlsx", "--json"], True),
        (["--config", "c.toml", "import-report", "R"], True),
        (["--config=c.toml", "import-report", "--help"], True),
        (["check"], False),
        (["run"], False),
        (["--debug", "import-report", "R"], False),
        (["-A", "other:app", "import-report", "R"], False),
        (["--env-file", ".env", "--help"], False),
    ],
)
def test_only_help_and_import_report_run_without_flask(args, without, monkeypatch):
    from srtracker.cli import without_flask

    monkeypatch.delenv("FLASK_APP", raising=False)
    assert without_flask(args) is without


def test_flask_app_named_in_the_environment_gets_the_flask_group(monkeypatch):
    from srtracker.cli import without_flask

    monkeypatch.setenv("FLASK_APP", "other:app")
    assert not without_flask(["import-report", "R", "P", "f.xlsx"])


def test_import_report_without_flask_prints_what_the_flask_command_prints(
    tmp_path, app, database_url, runner
):
    """The same refused report imported through app.cli, then by the console script."""
    from report_books import person, report

    assert runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)]).exit_code == 0
    path = tmp_path / "voortgang.xlsx"
    path.write_bytes(report(person("K-001", start="31-02-2026"), person("K-002", hours=200)))
    args = ["import-report", "2026-HH-014", "2026-Q1", str(path)]
    through_flask = runner.invoke(args=args)
    done, probe = run_console(tmp_path, database_url, *args)
    assert (probe["code"], through_flask.exit_code) == (1, 1)
    assert "bad_date" in done.stdout
    assert re.sub(r"report \d+", "", done.stdout) == re.sub(r"report \d+", "", through_flask.output)
