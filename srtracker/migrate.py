"""Migrations: peewee's own runner over the numbered scripts in migrations/.

`srtracker init` applies what is pending and mirrors the configured reference
data into the database; running it again changes nothing. When a migration adds a
read model only the stored check fills, it runs that check once (services.upgrade).
"""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from playhouse.migrations import Runner

from .clock import today
from .db import connection, db, write_transaction
from .models import ContributionType, TargetGroup
from .services.upgrade import fill_new_read_models

_HERE = Path(__file__).resolve().parent


def migrations_dir() -> Path:
    """The source tree's migrations/, or the copy packed into a wheel."""
    for candidate in (_HERE.parent / "migrations", _HERE / "migrations"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("no migrations folder found")


def runner() -> Runner:
    return Runner(db.obj, directory=str(migrations_dir()))


def pending() -> list[str]:
    return [m.name for m in runner().status() if m.path and not m.applied]


def upgrade(target: str | None = None) -> list[str]:
    return runner().up(target)


def sync_reference(reference) -> None:
    """Upsert the configured reference data; codes no longer configured stay for history."""
    with write_transaction():
        for item in reference.types.values():
            ContributionType.insert(
                code=item.code, label_nl=item.label_nl, label_en=item.label_en, person=item.person
            ).on_conflict(
                conflict_target=[ContributionType.code],
                preserve=[
                    ContributionType.label_nl,
                    ContributionType.label_en,
                    ContributionType.person,
                ],
            ).execute()
        for item in reference.groups.values():
            TargetGroup.insert(
                code=item.code, label_nl=item.label_nl, label_en=item.label_en
            ).on_conflict(
                conflict_target=[TargetGroup.code],
                preserve=[TargetGroup.label_nl, TargetGroup.label_en],
            ).execute()


def init_database(app) -> list[str]:
    """Apply what is pending, mirror the reference data, fill any read model just added."""
    with app.app_context(), connection():
        applied = upgrade()
        sync_reference(app.config["REFERENCE"])
        fill_new_read_models(applied, today(), app.config["AT_RISK_RATIO"])
    return applied


@click.command("init")
@with_appcontext
def init_command():
    """Create or upgrade the database (applies pending migrations)."""
    applied = init_database(current_app)
    if applied:
        for name in applied:
            click.echo(f"applied {name}")
    else:
        click.echo("database is up to date")


def init_app(app):
    app.cli.add_command(init_command)
