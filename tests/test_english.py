"""A user who chooses English on the account page gets the interface in English."""

import re
from datetime import date

from babel.dates import format_date

from tests.conftest import SPEC_EXAMPLE


def test_contracts_page_in_english_after_choosing_it_on_the_account_page(runner, client, auth):
    result = runner.invoke(args=["load-contracts", str(SPEC_EXAMPLE)])
    assert result.exit_code == 0, result.output
    auth.login("officer")

    dutch = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in dutch
    assert "Opdrachtgever" in dutch and "Verplichting" in dutch
    # Dutch dates are dd-mm-yyyy: the spec example's clauses run until 31 December 2027.
    assert "31-12-2027" in dutch

    response = client.post("/account", data={"language": "en"})
    assert response.status_code == 302

    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    for english in (
        "Contracts",
        "Contracting authority",
        "Supplier",
        "Clause",
        "Progress reports",
        "quarterly",
        "no report",
        "My account",
        "Log out",
    ):
        assert english in page, english
    for dutch_label in ("Opdrachtgever", "Opdrachtnemer", "Verplichting", "Uitloggen"):
        assert dutch_label not in page, dutch_label
    # English shows the same day in Babel's English rendering of the same pattern.
    assert format_date(date(2027, 12, 31), "dd-MM-yyyy", locale="en") in page

    account = client.get("/account").get_data(as_text=True)
    assert "Language" in account
    assert re.search(
        r'<option[^>]*\bselected\b[^>]*value="en"|<option[^>]*value="en"[^>]*\bselected\b', account
    )
