"""The admin's user page: errors by their field, roles changed, users (de)activated."""

import json
import re

from srtracker.db import db
from srtracker.models import AuditLog, Organisation, User

NEW = {"email": "nieuw@apeldoorn.nl", "role": "officer"}
GOOD = "een lang genoeg wachtwoord"


def test_a_too_short_password_is_reported_on_the_password_field(client, auth):
    auth.login("admin")
    page = client.post(
        "/admin/users/new", data={**NEW, "new_organisation": "Gemeente Zutphen", "password": "kort"}
    ).get_data(as_text=True)
    assert 'id="password-error"' in page and 'id="email-error"' not in page


def test_deactivating_ends_the_users_sessions_at_once(app, auth, users):
    supplier = app.test_client()
    supplier.post(
        "/login", data={"email": "planning@thuiszorg-oost.nl", "password": "correct horse battery"}
    )
    assert supplier.get("/account").status_code == 200
    auth.login("admin")
    auth._client.post(f"/admin/users/{users['supplier'].id}/active", data={"active": "0"})
    assert supplier.get("/account").status_code == 302  # back to the login page
    with db.connection_context():
        assert not User.get_by_id(users["supplier"].id).active
    auth._client.post(f"/admin/users/{users['supplier'].id}/active", data={"active": "1"})
    with db.connection_context():
        assert User.get_by_id(users["supplier"].id).active


def test_an_admin_changes_a_users_role(client, auth, users):
    auth.login("admin")
    response = client.post(
        f"/admin/users/{users['officer'].id}/role", data={"role": "bureau"}, follow_redirects=True
    )
    assert "is gewijzigd" in response.get_data(as_text=True)
    with db.connection_context():
        assert User.get_by_id(users["officer"].id).role == "bureau"


def test_a_supplier_without_contracts_is_told_who_to_ask(client, auth):
    auth.login("supplier")
    page = client.get("/").get_data(as_text=True)
    assert "Vraag de inkoper van uw opdrachtgever" in page
    assert "srtracker load-contracts" not in page


def organisation_id(name):
    with db.connection_context():
        return str(Organisation.get(Organisation.name == name).id)


def test_the_organisation_is_chosen_from_the_existing_ones_by_kind(client, auth):
    auth.login("admin")
    page = client.get("/admin/users/new").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="organisation".*?</select>', page, re.S).group()
    assert '<optgroup label="Opdrachtgevers"><option value="' in select
    assert ">Gemeente Apeldoorn</option>" in select and ">Thuiszorg Oost B.V.</option>" in select
    assert re.search(r'<input[^>]*id="new_organisation"[^>]*type="text"', page)


def test_a_user_added_to_a_chosen_organisation_makes_no_new_one(client, auth):
    auth.login("admin")
    before = organisation_count()
    client.post(
        "/admin/users/new",
        data={**NEW, "organisation": organisation_id("Gemeente Apeldoorn"), "password": GOOD},
    )
    with db.connection_context():
        user = User.get(User.email == NEW["email"])
        assert user.organisation.name == "Gemeente Apeldoorn"
    assert organisation_count() == before


def test_a_new_organisation_is_made_only_on_purpose(client, auth):
    auth.login("admin")
    client.post(
        "/admin/users/new",
        data={**NEW, "new_organisation": "  Gemeente   Zutphen ", "password": GOOD},
    )
    with db.connection_context():
        user = User.get(User.email == NEW["email"])
        assert (user.organisation.name, user.organisation.kind) == ("Gemeente Zutphen", "buyer")
        made = AuditLog.get(AuditLog.entity == "organisation")
        assert json.loads(made.changes) == {"name": "Gemeente Zutphen", "kind": "buyer"}


def test_a_new_organisation_named_like_an_existing_one_is_refused(client, auth):
    auth.login("admin")
    before = organisation_count()
    response = client.post(
        "/admin/users/new",
        data={**NEW, "new_organisation": "gemeente  APELDOORN", "password": GOOD},
    )
    page = response.get_data(as_text=True)
    assert 'id="new_organisation-error"' in page
    assert "Gemeente Apeldoorn bestaat al: kies die organisatie in de lijst." in page
    assert organisation_count() == before and not user_exists(NEW["email"])


def test_choosing_and_typing_an_organisation_at_once_is_refused(client, auth):
    auth.login("admin")
    response = client.post(
        "/admin/users/new",
        data={
            **NEW,
            "organisation": organisation_id("Gemeente Apeldoorn"),
            "new_organisation": "Gemeente Zutphen",
            "password": GOOD,
        },
    )
    assert "niet allebei" in response.get_data(as_text=True)
    assert not user_exists(NEW["email"])


def test_no_organisation_at_all_is_reported_on_the_choice(client, auth):
    auth.login("admin")
    page = client.post("/admin/users/new", data={**NEW, "password": GOOD}).get_data(as_text=True)
    assert 'id="organisation-error"' in page and not user_exists(NEW["email"])


def test_an_organisation_of_another_kind_is_refused(client, auth):
    auth.login("admin")
    response = client.post(
        "/admin/users/new",
        data={**NEW, "organisation": organisation_id("Thuiszorg Oost B.V."), "password": GOOD},
    )
    assert "Een inkoper hoort bij een opdrachtgever" in response.get_data(as_text=True)
    assert not user_exists(NEW["email"])


def test_an_admin_needs_no_organisation(client, auth):
    auth.login("admin")
    client.post(
        "/admin/users/new",
        data={"email": "tweede@srtracker.nl", "role": "admin", "password": GOOD},
    )
    with db.connection_context():
        assert User.get(User.email == "tweede@srtracker.nl").organisation_id is None


def organisation_count():
    with db.connection_context():
        return Organisation.select().count()


def user_exists(email):
    with db.connection_context():
        return User.select().where(User.email == email).exists()
