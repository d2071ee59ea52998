"""What a user reads are labels in their language, never the codes behind them."""

from srtracker.db import db
from srtracker.models import User


def test_the_account_page_names_the_role(client, auth):
    auth.login("supplier")
    page = client.get("/account").get_data(as_text=True)
    assert "<dd>opdrachtnemer</dd>" in page
    assert ">supplier<" not in page


def test_the_role_dropdown_offers_labels(client, auth):
    auth.login("admin")
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert '<option value="officer">inkoper</option>' in page
    assert '<option value="bureau">social return bureau</option>' in page


def test_the_audit_log_labels_actions_subjects_and_counts_fields(client, auth):
    auth.login("admin")
    page = client.get("/audit/").get_data(as_text=True)
    assert "aangemaakt" in page and "gebruiker" in page
    assert ">create<" not in page
    assert "1 velden" not in page


def test_labels_follow_the_readers_language(client, auth, users):
    with db.connection_context():
        User.update(language="en").where(User.id == users["supplier"].id).execute()
    auth.login("supplier")
    assert "<dd>supplier</dd>" in client.get("/account").get_data(as_text=True)


def test_the_audit_log_names_sign_off_and_enforcement_entries_in_words(client, auth):
    from srtracker.store import audit

    with db.connection_context():
        audit.record("test", "policy", "organisation", 1, {"counting_policy": ["a", "b"]})
        audit.record("test", "attach", "evidence_file", 1, {})
        audit.record("test", "warning", "enforcement_case", 1, {})
    auth.login("admin")
    page = client.get("/audit/").get_data(as_text=True)
    for words in ("telbeleid gewijzigd", "bewijsstuk bewaard", "waarschuwing", "handhavingszaak"):
        assert words in page
    assert ">evidence_file<" not in page and ">policy<" not in page
