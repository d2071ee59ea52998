"""`srtracker review approve|reject|withdraw|count` (cli.md): the bureau's decisions."""

import click
from flask import current_app
from flask.cli import with_appcontext

from ..access import contract_scope
from ..auth.actors import acting_as
from ..db import connection
from ..models import Contract
from ..services import decisions


def _within_scope(user, found, reference: str) -> None:
    """A user named with --as decides only within their own contracts, as on the web: outside
    them the contract is unknown (and the refusal is logged, naming no contract)."""
    if user is None:
        return
    scope = contract_scope(user)
    if not Contract.select().where((Contract.id == found.contract.id) & scope).exists():
        current_app.logger.warning("refused a review outside the scope of user %s", user.id)
        raise decisions.ReviewRefused("unknown_contract", f"unknown contract {reference}")


def _run(action):
    with connection():
        try:
            return action()
        except decisions.ReviewRefused as refused:
            raise click.ClickException(str(refused)) from None


@click.group("review")
def review_group():
    """The bureau's decisions on candidates (sign-off.md)."""


def _options(command):
    command = click.option("--as", "as_user", default=None, help="Act as this user (e-mail).")(
        command
    )
    command = click.option("--reason", default="", help="The reason (required to reject).")(command)
    for name in ("candidate", "clause", "reference"):
        command = click.argument(name)(command)
    return command


def _decide(reference, clause, as_user, decide):
    """Find the clause, act as the user, take the decision; the clause it was taken on."""

    def act():
        user, actor = acting_as(as_user)
        found = decisions.find_clause(reference, clause)
        _within_scope(user, found, reference)
        decide(found, user, actor)
        return found

    return _run(act)


@review_group.command("approve")
@_options
@with_appcontext
def approve_command(reference, clause, candidate, reason, as_user):
    """Approve CANDIDATE under CLAUSE of contract REFERENCE; re-checks the contract."""
    found = _decide(
        reference,
        clause,
        as_user,
        lambda found, user, actor: decisions.approve(found, candidate, reason, user, actor),
    )
    click.echo(f"approved {candidate.strip()} under {found.code} of {found.contract.reference}")


@review_group.command("reject")
@_options
@with_appcontext
def reject_command(reference, clause, candidate, reason, as_user):
    """Reject CANDIDATE under CLAUSE (a --reason is required); it stops counting."""
    found = _decide(
        reference,
        clause,
        as_user,
        lambda found, user, actor: decisions.reject(found, candidate, reason, user, actor),
    )
    click.echo(f"rejected {candidate.strip()} under {found.code} of {found.contract.reference}")


@review_group.command("withdraw")
@_options
@with_appcontext
def withdraw_command(reference, clause, candidate, reason, as_user):
    """Withdraw the decision on CANDIDATE under CLAUSE."""
    found = _decide(
        reference,
        clause,
        as_user,
        lambda found, _user, actor: decisions.withdraw(found, candidate, actor),
    )
    click.echo(f"withdrawn: the decision on {candidate.strip()} under {found.code}")


@review_group.command("count")
@click.argument("reference")
@click.argument("clause")
@click.argument("bureau_ref")
@click.argument("keeper")
@click.option("--as", "as_user", default=None, help="Act as this user (e-mail).")
@with_appcontext
def count_command(reference, clause, bureau_ref, keeper, as_user):
    """Decide a double count of BUREAU_REF: KEEPER is 'both' or the contract keeping the
    shared days; re-checks both contracts."""

    def act():
        user, actor = acting_as(as_user)
        _within_scope(user, decisions.find_clause(reference, clause), reference)
        return decisions.decide_count(reference, clause, bureau_ref, keeper, user, actor)

    decision = _run(act)
    click.echo(f"decided: {decision.keeper} keeps the shared days of {bureau_ref.strip()}")
