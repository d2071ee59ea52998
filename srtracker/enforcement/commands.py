"""`srtracker enforce ...` (the bureau's steps) and `srtracker report --year` (council report)."""

from decimal import Decimal, InvalidOperation

import click
from flask import current_app
from flask.cli import with_appcontext

from ..auth.actors import acting_as
from ..compliance.commands import IsoDate
from ..db import connection
from ..domain import enforcement as rules
from ..domain.figures import show_number
from ..services.enforcement import STEP_COMMANDS, take_step
from ..store.contracts import find


def _amount(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise click.ClickException(f"--amount {value!r} is not an amount in euros") from None
    if not amount.is_finite():
        raise click.ClickException(f"--amount {value!r} is not an amount in euros")
    return amount


@click.command("enforce")
@click.argument("step", type=click.Choice(STEP_COMMANDS))
@click.argument("reference")
@click.argument("clause")
@click.option("--until", type=IsoDate(), default=None, help="notice: the remedial period's end.")
@click.option("--amount", default=None, help="impose: a lower amount in euros (with --reason).")
@click.option("--reason", default="", help="exempt, or impose a lower amount: why.")
@click.option("--as", "as_user", default=None, help="The user (e-mail) acting, for the audit log.")
@with_appcontext
def enforce_command(step, reference, clause, until, amount, reason, as_user):
    """A step of a clause's enforcement case (enforcement.md), on the latest check's date."""
    with connection():
        _user, actor = acting_as(as_user)
        contract = find(reference)
        if contract is None:
            raise click.ClickException(f"unknown contract {reference}")
        try:
            taken = take_step(contract, clause, step, actor, until, _amount(amount), reason)
        except rules.Refused as refused:
            raise click.ClickException(f"{step} refused: {refused.message.render()}") from None
    case = taken.case
    line = f"{contract.reference} {clause}: {case.step} as of {taken.on.isoformat()}"
    if case.remedial_until:
        line += f", remedial period until {case.remedial_until.isoformat()}"
    if case.amount is not None:
        line += f", amount {show_number(case.amount)}"
    click.echo(line)


def dutch_labels() -> dict[str, str]:
    """Contribution type and target group codes with their Dutch labels."""
    reference = current_app.config["REFERENCE"]
    return {
        **{code: item.label_nl for code, item in reference.groups.items()},
        **{code: item.label_nl for code, item in reference.types.items()},
    }


@click.command("report")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="The year, YYYY.")
@click.option("-o", "--output", "output", required=True, help="The .xlsx file to write.")
@with_appcontext
def report_command(year, output):
    """Write the council's annual report (enforcement.md) for one year."""
    from .council import council_report
    from .council_workbook import write_council_report

    with connection():
        report = council_report(year)
        data = write_council_report(report, dutch_labels())
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(
        f"{output}: {len(report.buyers)} buyer(s), {len(report.clauses)} clause(s), "
        f"as of {report.as_of.isoformat()}"
    )
