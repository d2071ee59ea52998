"""`srtracker user add`."""

import sys

import click
from flask.cli import with_appcontext

from ..db import connection
from ..services.accounts import AccountError, OrganisationChoice, add_user


@click.group("user")
def user_group():
    """Manage users."""


@user_group.command("add")
@click.argument("email")
@click.option(
    "--role", required=True, type=click.Choice(["officer", "supplier", "bureau", "admin"])
)
@click.option("--org", "org_name", metavar="NAME", help="The user's organisation.")
@click.option(
    "--serves",
    multiple=True,
    metavar="BUYER",
    help="For a bureau user: a buyer its bureau serves (repeatable).",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def add_command(email, role, org_name, serves, password_stdin):
    """Create a user with a role."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with connection():
        try:
            user = add_user(
                email,
                role,
                password,
                actor="cli",
                organisation=OrganisationChoice(name=org_name or "", serves=serves),
            )
        except AccountError as exc:
            raise click.ClickException(str(exc) % exc.params) from None
    click.echo(f"user {user.email} ({user.role}) created")
