"""`srtracker import-report` and `srtracker template`."""

import click

from ..clock import today
from ..db import connection
from ..runtime import settings, with_settings
from ..services.reports import dumps, import_report
from ..store import contracts
from ..store import reports as store
from ..store.checks import collector_paused
from ..store.reports import UnknownPeriod


def _contract_or_exit(reference):
    contract = contracts.find(reference)
    if contract is None:
        click.echo(f"unknown contract: {reference}", err=True)
        raise SystemExit(2)
    return contract


@click.command("import-report")
@click.argument("reference")
@click.argument("period")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@with_settings
def import_report_command(reference, period, path, as_json):
    """Validate and store a progress workbook for a contract and period.

    Exit 0 when accepted or duplicate, 1 when rejected, 2 for an unknown
    contract or period.
    """
    # The cyclic collector would only walk the rows being built (a tenth of the command's
    # time); paused for the import, not for the process (tests run commands in theirs).
    with collector_paused(), connection():
        contract = _contract_or_exit(reference)
        try:
            chosen = store.resolve_period(contract, period, today())
        except UnknownPeriod as exc:
            click.echo(str(exc), err=True)
            raise SystemExit(2) from None
        with open(path, "rb") as handle:
            data = handle.read(settings()["REPORT_MAX_UPLOAD_BYTES"] + 1)
        outcome = import_report(
            contract, chosen, data, filename=path.rsplit("/", 1)[-1], actor="cli"
        )
    if as_json:
        click.echo(dumps(outcome))
    else:
        click.echo(
            f"{outcome.contract} {outcome.period}: {outcome.status} "
            f"({outcome.rows} rows, report {outcome.report_id})"
        )
        for issue in outcome.errors + outcome.warnings:
            where = " ".join(str(x) for x in (issue["sheet"], issue["cell"] or issue["row"]) if x)
            click.echo(f"  {issue['code']:<22} {where:<16} {issue['message']}")
    raise SystemExit(1 if outcome.status == "rejected" else 0)


@click.command("template")
@click.argument("reference")
@click.option(
    "-o",
    "output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The .xlsx file to write.",
)
@click.option("--period", help="The period to report on (default: the latest started period).")
@with_settings
def template_command(reference, output, period):
    """Write the pre-filled progress workbook for a contract."""
    from .template import template_for  # openpyxl: only for this command

    with connection():
        contract = _contract_or_exit(reference)
        try:
            data, chosen = template_for(contract, period)
        except UnknownPeriod as exc:
            click.echo(str(exc), err=True)
            raise SystemExit(2) from None
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"wrote {output} for {contract.reference} {chosen.key}")
