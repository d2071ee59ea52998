"""`srtracker demo`: the embedded database with the sample data, ready to explore.

Loads sample_contracts/, the accepted sample reports of sample_contracts/reports/
(through the same import as an upload), one user per role, and runs the
compliance check. Running it again adds nothing: contracts are unchanged,
reports duplicates, users already there.
"""

import tomllib
from collections import Counter
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .clock import today
from .config import PROJECT_ROOT
from .contracts.commands import contract_files, load_file
from .db import connection
from .enforcement import demo as enforcement_demo
from .migrate import init_database
from .models import CandidateReview, Contract, FollowUp, Organisation, User
from .reviews import queue
from .services import decisions
from .services.accounts import OrganisationChoice, add_user
from .services.checks import run_check
from .services.reports import import_report
from .store import contracts
from .store.accounts import buyers
from .store.checks import latest_check_date
from .store.reports import UnknownPeriod, resolve_period

SAMPLES = PROJECT_ROOT / "sample_contracts"
REPORTS = SAMPLES / "reports"
DEMO_PASSWORD = "demo-wachtwoord-2026"
# (email, role, organisation); the bureau user serves every buyer in the database.
DEMO_USERS = (
    ("inkoper@apeldoorn.example", "officer", "Gemeente Apeldoorn"),
    ("planning@thuiszorg-oost.example", "supplier", "Thuiszorg Oost B.V."),
    ("adviseur@srbureau.example", "bureau", "Regionaal Social Return Bureau"),
    ("beheer@srtracker.example", "admin", None),
)


def sample_reports(expect: str | None = None) -> list[dict]:
    """The entries of sample_contracts/reports/manifest.toml; only those with `expect` if given."""
    with open(REPORTS / "manifest.toml", "rb") as handle:
        entries = tomllib.load(handle)["report"]
    return [e for e in entries if expect is None or e["expect"] == expect]


def _load_contracts() -> int:
    """Load every sample contract; the number created or updated."""
    files = contract_files([SAMPLES])
    changed = 0
    for number, path in enumerate(files, start=1):
        outcome, errors = load_file(path, actor="demo")
        click.echo(f"[{number}/{len(files)}] {path.name}: {outcome}")
        if errors:
            raise click.ClickException(f"{path.name}: " + "; ".join(errors))
        changed += outcome in ("created", "updated")
    return changed


def load_sample_reports(day) -> int:
    """Import the good sample reports in period order, as uploads; the number accepted now."""
    planned = []
    for entry in sample_reports("accepted"):
        contract = contracts.find(entry["contract"])
        if contract is None:
            raise click.ClickException(f"{entry['file']}: unknown contract {entry['contract']}")
        try:
            period = resolve_period(contract, entry["period"], day)
        except UnknownPeriod as exc:
            raise click.ClickException(f"{entry['file']}: {exc}") from None
        planned.append((period.end, contract.reference, entry, contract, period))
    planned.sort(key=lambda item: item[:2])
    accepted = 0
    for number, (_, _, entry, contract, period) in enumerate(planned, start=1):
        outcome = import_report(
            contract,
            period,
            (REPORTS / entry["file"]).read_bytes(),
            Path(entry["file"]).name,
            actor="demo",
        )
        click.echo(f"[{number}/{len(planned)}] {entry['file']}: {outcome.status}")
        if outcome.status == "rejected":
            problems = ", ".join(f"{e['code']} {e['cell'] or ''}".strip() for e in outcome.errors)
            raise click.ClickException(f"{entry['file']} was not accepted: {problems}")
        accepted += outcome.status == "accepted"
    return accepted


def _add_users() -> None:
    cost = current_app.config.get("PASSWORD_HASH_COST", "default")
    serves = [org.name for org in buyers()]
    click.echo(
        f"Demo users, password {DEMO_PASSWORD} (for this demo only; never use it in production):"
    )
    for email, role, org in DEMO_USERS:
        exists = User.select().where(User.email == email).exists()
        if not exists:
            add_user(
                email,
                role,
                DEMO_PASSWORD,
                actor="demo",
                organisation=OrganisationChoice(
                    name=org or "", serves=serves if role == "bureau" else ()
                ),
                cost=cost,
            )
        click.echo(
            f"  {role:<9} {email:<32} {org or '-'}"
            + (" (already there; password unchanged)" if exists else "")
        )


def _check(day, changed: bool) -> None:
    if not changed and latest_check_date() == day:
        click.echo(f"Compliance check as of {day}: already done, nothing new since.")
        return
    document, _ = run_check(
        day, trigger="demo", actor="demo", at_risk_ratio=current_app.config["AT_RISK_RATIO"]
    )
    statuses = Counter(c["status"] for c in document["clauses"])
    click.echo(
        f"Compliance check as of {day}: "
        + ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
        + f"; {len(document['open_flags'])} open flag(s)."
    )


SIGN_OFF_BUYER = "Gemeente Ede"  # counts on approval (sign-off.md); evidence files kept 30 days


def _sign_off_policy() -> int:
    """One buyer counts only what the bureau approved, and keeps evidence files."""
    buyer = Organisation.get_or_none(Organisation.name == SIGN_OFF_BUYER)
    if buyer is None or buyer.counting_policy == "on_approval":
        return 0
    decisions.set_counting_policy(SIGN_OFF_BUYER, "on_approval", "demo")
    decisions.set_evidence_settings(SIGN_OFF_BUYER, True, 30, "demo")
    click.echo(f"{SIGN_OFF_BUYER} counts on approval: the bureau's queue has its candidates.")
    return 1


def _bureau_numbers_people() -> None:
    """The demo bureau gives people its own number (kandidaatnummer): the Harlingen samples
    carry it, so the person ledger follows one person across two contracts."""
    bureau = User.get_or_none(User.role == "bureau")
    if bureau is not None and not bureau.organisation.uses_bureau_ref:
        decisions.set_bureau_numbering(bureau.organisation.name, True, "demo")
    click.echo(
        "Person ledger: KN-2024-017 moved from 2024-HA-003 to 2025-HA-008 and keeps one "
        "Harlingen cap; KN-2024-031 counts in both for the same days (a double_counted flag "
        "for the bureau to decide)."
    )


def _sign_off_decisions() -> bool:
    """The bureau approves the first candidate waiting and rejects the second; the rest stays
    in its queue. Only on a first run."""
    if CandidateReview.select().exists():
        return False
    bureau = User.get_or_none(User.role == "bureau")
    waiting = queue.waiting(Contract.id.is_null(False))
    for item, action in zip(waiting, ("approve", "reject"), strict=False):
        clause = decisions.find_clause(item.contract, item.clause)
        if action == "approve":
            decisions.approve(
                clause, item.candidate_ref, "doelgroepverklaring gezien", bureau, "demo"
            )
        else:
            decisions.reject(
                clause, item.candidate_ref, "doelgroep niet aangetoond", bureau, "demo"
            )
        click.echo(f"  {action}: {item.contract} {item.clause} {item.candidate_ref}")
    return bool(waiting)


def _answer_a_follow_up() -> None:
    """The first follow-up answered, the others left for the bureau or the supplier."""
    if FollowUp.select().where(FollowUp.answer.is_null(False)).exists():
        return
    task = FollowUp.select().order_by(FollowUp.due).first()
    if task is not None:
        bureau = User.get_or_none(User.role == "bureau")
        decisions.answer_follow_up(task, "with_supplier", bureau, "demo")


@click.command("demo")
@with_appcontext
def demo_command():
    """Initialise the database with sample_contracts/, sample reports and demo users."""
    init_database(current_app)
    day = today()
    with connection():
        changed = _load_contracts()
        changed += load_sample_reports(day)
        _add_users()
        _bureau_numbers_people()
        changed += _sign_off_policy()
        fresh = latest_check_date() is None
        if fresh:
            enforcement_demo.before_todays_check(day)
        changed += _sign_off_decisions()
        _check(day, bool(changed) or fresh)
        if fresh:
            enforcement_demo.after_todays_check(day)
        _answer_a_follow_up()
    click.echo(f"Demo data is ready in {current_app.config['DATABASE_URL']}.")
    click.echo(
        "`make run` serves the app (or `srtracker --debug run`); log in at "
        "http://127.0.0.1:5000/login with one of the users above."
    )


def init_app(app):
    app.cli.add_command(demo_command)
