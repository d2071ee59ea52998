"""Times in [app] timezone, one date style, dates typed as text with the notation as hint."""

import re
from datetime import datetime

from srtracker.db import db


def test_the_audit_log_shows_amsterdam_time_without_utc(client, auth, users):
    from srtracker.store import audit

    with db.connection_context():
        audit.record_many("cli", [("create", "contract", "X", {})], at=datetime(2026, 7, 1, 10))
    auth.login("admin")
    page = client.get("/audit/").get_data(as_text=True)
    assert "01-07-2026 12:00:00" in page  # summer time: UTC+2
    assert "UTC" not in page


def test_contract_dates_are_text_boxes_with_the_notation_as_hint(client, auth):
    auth.login("officer")
    page = client.get("/contracts/+new").get_data(as_text=True)
    assert 'type="date"' not in page
    assert re.search(r'<input[^>]*id="start"[^>]*type="text"', page)
    assert "Schrijf als dd-mm-jjjj" in page


def test_a_date_typed_the_dutch_way_is_shown_back_the_same_way(client, auth):
    auth.login("officer")
    page = client.post("/contracts/+new", data={"start": "01-03-2026"}).get_data(as_text=True)
    assert 'value="01-03-2026"' in page


def test_a_locked_login_names_the_local_time_to_try_again(client, users):
    from zoneinfo import ZoneInfo

    from srtracker.auth.models import LoginFailure
    from srtracker.store.throttle import ACCOUNT_LIMIT, LOCK

    for _ in range(ACCOUNT_LIMIT + 1):
        response = client.post("/login", data={"email": "inkoper@apeldoorn.nl", "password": "fout"})
    page = response.get_data(as_text=True)
    with db.connection_context():
        fifth = sorted(f.at for f in LoginFailure.select())[ACCOUNT_LIMIT - 1]
    until = (fifth + LOCK).replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo("Europe/Amsterdam"))
    assert f"Probeer het na {until:%H:%M} opnieuw." in page
    assert "UTC" not in page


def test_the_exports_made_at_is_local_time(app):
    from io import BytesIO

    import openpyxl

    from srtracker.exports.overview import Overview
    from srtracker.exports.workbook import write_overview

    made_at = datetime(2026, 7, 1, 10, 0)  # UTC, as stored
    nothing = dict(clauses={}, flags=[], reviews=[], totals=[], type_labels={}, group_labels={})
    overview = Overview(as_of=made_at.date(), made_at=made_at, latest_check=None, **nothing)
    with app.app_context():
        book = openpyxl.load_workbook(BytesIO(write_overview(overview)))
    info = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row[0]}
    assert info["Gemaakt op"] == datetime(2026, 7, 1, 12, 0)  # summer time: UTC+2


def test_a_milestone_outside_the_clause_names_its_dates_the_dutch_way(client, auth, conn):
    from tests.contracts.test_officer_forms import create, error_beside, refused_without_storing

    auth.login("officer")
    page = refused_without_storing(create(client, clause_milestones="31-12-2028 2"), conn)
    message = error_beside(page, "clause_milestones")
    assert "(01-01-2026)" in message and "(31-12-2027)" in message, message
    assert "2026-01-01" not in message
