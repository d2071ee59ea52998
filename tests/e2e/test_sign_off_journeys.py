"""Sign-off in a real browser (sign-off.md): the bureau sets its buyer to count on approval,
approves and rejects a selection after a confirmation, decides a double count, and the
supplier sees each candidate's state and the figures that follow; the bureau's forms are
used by keyboard alone (Tab, Space, arrow keys, Enter).

Gemeente Apeldoorn is set to count on approval; its two contracts (2026-HH-014 and its twin
2026-HH-015) each report person KN-7 (kandidaatnummer) from January and February.
"""

import json
from datetime import date

from report_books import HEADER, person, report

from srtracker.db import db
from srtracker.models import Flag, Organisation
from tests.conftest import SPEC_EXAMPLE
from tests.e2e.conftest import (
    assert_accessible,
    key_check,
    key_choose,
    key_press,
    key_radio,
    key_type,
    log_in,
)
from tests.e2e.test_journeys import expect, log_out

NUMBERED = [*HEADER, "kandidaatnummer"]


def prepare(app, tmp_path):
    runner = app.test_cli_runner()
    text = SPEC_EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(text.replace("2026-HH-014", "2026-HH-015"), encoding="utf-8")
    assert runner.invoke(args=["load-contracts", str(tmp_path)]).exit_code == 0
    uploads = {
        "2026-HH-014": [
            [*person("K-001", group="participatiewet"), "KN-7"],
            [*person("K-002", start=date(2026, 2, 1), hours=24), None],
        ],
        "2026-HH-015": [[*person("A-1", start=date(2026, 2, 1)), "KN-7"]],
    }
    for reference, rows in uploads.items():
        path = tmp_path / f"{reference}.xlsx"
        path.write_bytes(report(*rows, header=NUMBERED))
        result = runner.invoke(args=["import-report", reference, "2026-Q1", str(path), "--json"])
        assert json.loads(result.output)["status"] == "accepted", result.output
    check(runner)
    return runner


def check(runner):
    result = runner.invoke(args=["check", "--as-of", "2026-04-15", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_bureau_approves_rejects_and_decides_and_the_supplier_sees_it(
    page, live_app, tmp_path, shot
):
    runner = prepare(live_app, tmp_path)
    log_in(page, "bureau")
    key_press(page, page.get_by_role("link", name="Telbeleid"))
    expect(page.get_by_role("heading", name="Telbeleid en bewijs")).to_be_visible()
    apeldoorn = page.get_by_role("form", name="Gemeente Apeldoorn")
    policy = apeldoorn.get_by_label("Telbeleid")
    key_choose(page, policy, policy.locator("option[value=on_approval]").inner_text().strip())
    key_check(page, apeldoorn.get_by_label("Bewijsbestanden bewaren (PDF, PNG, JPEG)"))
    key_type(page, apeldoorn.get_by_label("Bewaartermijn (dagen na de beslissing)"), "30")
    assert_accessible(page)
    shot("settings")
    key_press(page, apeldoorn.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("Instellingen van Gemeente Apeldoorn opgeslagen.")).to_be_visible()
    with live_app.app_context(), db.connection_context():
        buyer = Organisation.get(Organisation.name == "Gemeente Apeldoorn")
        assert (buyer.counting_policy, buyer.evidence_retention_days) == ("on_approval", 30)
    key_press(page, page.get_by_role("link", name="Beoordelen"))
    expect(
        page.get_by_role("heading", name="Kandidaten die wachten op een beoordeling")
    ).to_be_visible()
    assert_accessible(page)
    shot("queue")
    key_check(page, page.get_by_label("K-001"))
    key_check(page, page.get_by_label("A-1"))
    key_press(page, page.get_by_role("button", name="Verder"))
    expect(page.get_by_role("heading", name="Deze kandidaten goedkeuren?")).to_be_visible()
    expect(page.locator("#selection li")).to_have_count(2)
    shot("confirm-approve")
    key_press(page, page.get_by_role("button", name="Ja, goedkeuren"))
    expect(page.get_by_text("2 kandidaten goedgekeurd.")).to_be_visible()

    key_check(page, page.get_by_label("K-002"))
    key_radio(page, page.get_by_label("Afwijzen", exact=True))
    key_type(
        page, page.get_by_label("Toelichting (verplicht bij afwijzen)"), "doelgroep niet aangetoond"
    )
    key_press(page, page.get_by_role("button", name="Verder"))
    key_press(page, page.get_by_role("button", name="Ja, afwijzen"))
    expect(page.get_by_text("1 kandidaten afgewezen.")).to_be_visible()
    expect(page.get_by_text("Er wacht geen kandidaat op een beoordeling.")).to_be_visible()

    page.goto("/contracts/2026-HH-014/clauses/SR1")
    expect(page.locator("#realised")).to_have_text("1")
    shot("clause-after-approval")

    check(runner)  # the nightly check finds the double count
    key_press(page, page.get_by_role("link", name="Dubbel geteld"))
    expect(page.get_by_role("cell", name="KN-7")).to_be_visible()
    assert_accessible(page)
    shot("double-counts")
    key_choose(page, page.get_by_label("Wie telt de gedeelde dagen?"), "2026-HH-014")
    key_press(page, page.get_by_role("button", name="Besluit vastleggen"))
    expect(page.get_by_text("2026-HH-014 houdt de gedeelde dagen.")).to_be_visible()
    with live_app.app_context(), db.connection_context():
        open_flags = Flag.select().where((Flag.kind == "double_counted") & (Flag.state == "open"))
        assert not open_flags.exists()
    after = check(runner)
    hh015 = next(
        c for c in after["clauses"] if c["contract"] == "2026-HH-015" and c["clause"] == "SR1"
    )
    assert hh015["realised"] == 0 and hh015["excluded"] == {"counted_in_other_contract": 1}
    log_out(page)

    log_in(page, "supplier")
    page.goto("/contracts/2026-HH-014/clauses/SR1")
    expect(page.locator('[data-state="approved"]')).to_have_count(1)
    expect(page.locator('[data-state="rejected"]')).to_have_count(1)
    expect(page.get_by_text("doelgroep niet aangetoond")).to_be_visible()
    assert_accessible(page)
    shot("supplier-sees-states")
    page.goto("/contracts/2026-HH-015/clauses/SR1")  # the days went to 2026-HH-014
    expect(page.locator("#realised")).to_have_text("0")
    shot("supplier-sees-the-double-count-decided")
