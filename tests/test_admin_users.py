"""The admin's user page: errors by their field, roles changed, users (de)activated."""

from srtracker.db import db
from srtracker.models import User

NEW = {"email": "nieuw@apeldoorn.nl", "role": "officer", "organisation": "Gemeente Apeldoorn"}


def test_a_too_short_password_is_reported_on_the_password_field(client, auth):
    auth.login("admin")
    page = client.post("/admin/users/new", data={**NEW, "password": "kort"}).get_data(as_text=True)
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
