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
