"""The demo's enforcement scenario: a case in every step (issue 17, item 5)."""

from srtracker.domain.enforcement import STEPS
from srtracker.enforcement.models import EnforcementCase, EnforcementStep


def test_the_demo_has_a_case_in_every_step(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    from srtracker.db import db

    with app.app_context(), db.connection_context():
        assert {s.step for s in EnforcementStep.select()} == set(STEPS)
        latest = {c.step for c in EnforcementCase.select()}
        assert latest == {"remedied", "exempted", "notice", "proposed", "imposed"}
        imposed = EnforcementCase.get(EnforcementCase.step == "imposed")
        assert imposed.amount_cents == 1_500_000  # 2 missing BBL places x 7,500
        proposed = EnforcementCase.get(EnforcementCase.step == "proposed")
        assert proposed.amount_cents == 500_000  # 1 of 3 short of 30,000, at 50%
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    assert "Enforcement scenario" not in second.output
