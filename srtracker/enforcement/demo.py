"""The demo's enforcement scenario: a case in every step (enforcement.md).

On a fresh demo database the compliance check is first run as of three earlier dates,
with the bureau's steps in between, then as of today, so the sample data shows:

- 2025-SC-002 SR2, remedied: warned at the check of 2025-11-15 (behind); on track by
  2026-08-15.
- 2026-HH-014 SR2, exempted, then notice: warned 2026-04-15, exempted 2026-08-15 (force
  majeure); still behind, so a new case today, warned and given notice (60 days): the remedial
  period runs on the demo supplier's contract.
- 2025-CA-017 SR1, proposed: failed at its deadline with final figures, proposed by the check
  (1 of 3 short of 30,000, at 50%: 5,000).
- 2025-BW-031 SR2, notice, proposed, imposed: notice at 2026-08-15 (until 2026-10-14);
  proposed by today's check (2 missing x 7,500 = 15,000, under the cap of 20,000); imposed
  with a reason (an effort obligation).

Only these four clauses are ever behind or failed in the sample data (a
composite's branches raise no flags), so one clause has two cases and a warning stands in
the history of a case that moved on.
"""

from datetime import date

import click
from flask import current_app

from ..domain.enforcement import Refused
from ..services.checks import run_check
from ..services.enforcement import take_step
from ..store.accounts import find_user
from ..store.audit import user_actor
from ..store.contracts import find

EARLIER_CHECKS = {
    date(2025, 11, 15): [("warn", "2025-SC-002", "SR2", {})],
    date(2026, 4, 15): [("warn", "2026-HH-014", "SR2", {})],
    date(2026, 8, 15): [
        ("exempt", "2026-HH-014", "SR2", {"reason": "Overmacht: thuiszorg in lockdown"}),
        ("notice", "2025-BW-031", "SR2", {}),
    ],
}
AFTER_TODAYS_CHECK = [
    ("impose", "2025-BW-031", "SR2", {"reason": "Inspanningen gewogen: te weinig leerwerkplekken"}),
    ("warn", "2026-HH-014", "SR2", {}),
    ("notice", "2026-HH-014", "SR2", {}),
]
BUREAU = "adviseur@srbureau.example"


def _actor() -> str:
    user = find_user(BUREAU)
    return user_actor(user.id) if user else "demo"


def _steps(steps) -> None:
    for step, reference, code, options in steps:
        contract = find(reference)
        if contract is None:
            continue
        try:
            taken = take_step(contract, code, step, _actor(), **options)
        except Refused as refused:
            click.echo(f"  {reference} {code} {step}: skipped ({refused.message.render()})")
            continue
        amount = "" if taken.case.amount is None else f", € {taken.case.amount}"
        click.echo(f"  {reference} {code}: {taken.case.step} as of {taken.on}{amount}")


def before_todays_check(day: date) -> None:
    """The earlier checks and the steps taken after each; only on a fresh database."""
    ratio = current_app.config["AT_RISK_RATIO"]
    for when, steps in EARLIER_CHECKS.items():
        if when >= day:
            return
        run_check(when, trigger="demo", actor="demo", at_risk_ratio=ratio)
        click.echo(f"Enforcement scenario: check as of {when}")
        _steps(steps)


def after_todays_check(day: date) -> None:
    if day > max(EARLIER_CHECKS):
        click.echo(f"Enforcement scenario: steps as of {day}")
        _steps(AFTER_TODAYS_CHECK)
