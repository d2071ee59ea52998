import time
from datetime import timedelta

from srtracker import create_app
from srtracker.auth.models import LoginFailure
from srtracker.models import AuditLog, Organisation, User
from tests.conftest import PASSWORD, USERS


def age_failures(delta):
    for failure in LoginFailure.select():
        failure.at -= delta
        failure.save()


def login(client, name="supplier", password=PASSWORD, **kwargs):
    return client.post("/login", data={"email": USERS[name][0], "password": password}, **kwargs)


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/login")


def test_a_user_logs_in_and_sees_the_contracts(client, users):
    response = login(client)
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_login_returns_to_the_page_asked_for(client, users):
    assert login(client, query_string={"next": "/outbox"}).headers["Location"] == "/outbox"


def test_login_never_redirects_off_site(client, users):
    for target in ("https://evil.example/", "//evil.example/"):
        assert login(client, query_string={"next": target}).headers["Location"] == "/"


def test_a_wrong_password_is_refused_and_logged(client, users, conn):
    response = login(client, password="wrong password here")
    assert response.status_code == 401
    assert "klopt niet" in response.get_data(as_text=True)
    assert AuditLog.select().where(AuditLog.action == "login_failed").count() == 1


def test_passwords_are_hashed_with_argon2id(users):
    assert users["supplier"].password_hash.startswith("$argon2id$")


def test_five_failures_lock_the_account_even_for_the_right_password(client, users, conn):
    for _ in range(5):
        login(client, password="wrong password here")
    response = login(client)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)


def test_the_lock_ends_after_fifteen_minutes(client, users, conn):
    for _ in range(5):
        login(client, password="wrong password here")
    age_failures(timedelta(minutes=16))
    assert login(client).status_code == 302


def test_four_failures_do_not_lock(client, users, conn):
    for _ in range(4):
        login(client, password="wrong password here")
    assert login(client).status_code == 302


def test_an_address_is_slowed_after_twenty_failures_across_accounts(client, users, conn):
    for number in range(20):
        client.post(
            "/login",
            data={"email": f"nobody{number}@example.nl", "password": "wrong password here"},
        )
    assert login(client).status_code == 429
    age_failures(timedelta(seconds=31))
    assert login(client).status_code == 302


def test_the_session_is_renewed_at_login(client, users):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    login(client)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_logout_ends_the_session(client, users):
    login(client)
    client.post("/logout")
    assert client.get("/").status_code in (302, 303)


def test_a_password_reset_ends_the_users_sessions(client, app, users, conn):
    login(client)
    admin = app.test_client()
    login(admin, "admin")
    admin.post(
        f"/admin/users/{users['supplier'].id}/password", data={"password": "a brand new password"}
    )
    assert client.get("/").status_code in (302, 303)
    assert login(client, password="a brand new password").status_code == 302


def test_a_short_password_is_refused(app, client, users):
    login(client, "admin")
    response = client.post(
        f"/admin/users/{users['supplier'].id}/password", data={"password": "short"}
    )
    assert "minstens 12 tekens" in response.get_data(as_text=True)


def test_an_admin_adds_a_bureau_user_serving_buyers(client, users, conn):
    login(client, "admin")
    bureau = Organisation.get(Organisation.name == "Social Return Bureau Oost")
    client.post(
        "/admin/users/new",
        data={
            "email": "nieuw@bureau.nl",
            "role": "bureau",
            "organisation": str(bureau.id),
            "serves": ["Gemeente Apeldoorn"],
            "password": "long enough password",
        },
    )
    user = User.get(User.email == "nieuw@bureau.nl")
    assert (user.role, user.organisation_id) == ("bureau", bureau.id)


def test_user_add_reads_the_password_from_stdin(runner, conn):
    result = runner.invoke(
        args=[
            "user",
            "add",
            "Inkoper@Ede.nl",
            "--role",
            "officer",
            "--org",
            "Gemeente Ede",
            "--password-stdin",
        ],
        input="a long password here\n",
    )
    assert result.exit_code == 0, result.output
    user = User.get(User.email == "inkoper@ede.nl")
    assert (user.role, user.organisation.name) == ("officer", "Gemeente Ede")
    assert "a long password here" not in user.password_hash


def test_user_add_refuses_an_unknown_role(runner, conn):
    result = runner.invoke(
        args=["user", "add", "x@y.nl", "--role", "boss", "--password-stdin"],
        input="a long password here\n",
    )
    assert result.exit_code == 2


def test_session_cookie_is_httponly_lax_and_secure_outside_debug(tmp_path):
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}"})
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_forms_refuse_a_post_without_csrf_token(tmp_path):
    from srtracker.migrate import init_database

    app = create_app(
        {"SECRET_KEY": "x", "TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}"}
    )
    init_database(app)
    response = app.test_client().post("/login", data={"email": "a@b.nl", "password": "x"})
    assert response.status_code == 400


def test_a_cookie_saved_before_logout_no_longer_works_after_it(app, client, users):
    login(client)
    saved = client.get_cookie("session").value
    client.post("/logout")
    replay = app.test_client()
    replay.set_cookie("session", saved)
    assert replay.get("/").status_code in (302, 303)


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(client, users, conn):
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(5):
        login(client, password="wrong password here", environ_base=attacker)
    assert login(client, environ_base=attacker).status_code == 429
    assert login(client, environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 302


def test_the_right_password_elsewhere_keeps_the_lock_of_the_guessing_address(
    app, client, users, conn
):
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(5):
        login(client, password="wrong password here", environ_base=attacker)
    login(app.test_client(), environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert login(client, environ_base=attacker).status_code == 429


def test_an_unknown_email_costs_a_password_check_like_a_wrong_password(client, users, monkeypatch):
    """Same work, so the same time: both answers check a hash of the same parameters."""
    from srtracker.auth import passwords

    checked = []
    real = passwords._hashers["test"]

    class Spy:
        def __getattr__(self, name):
            return getattr(real, name)

        def verify(self, stored, password):
            checked.append(stored.rsplit("$", 2)[0])
            return real.verify(stored, password)

    monkeypatch.setitem(passwords._hashers, "test", Spy())
    login(client, password="wrong password here")
    client.post("/login", data={"email": "nobody@example.nl", "password": "wrong password"})
    assert len(checked) == 2 and checked[0] == checked[1]


def test_the_account_limit_holds_under_parallel_attempts(app, users, monkeypatch):
    """Twelve wrong passwords at once from one address: only five are checked."""
    import threading

    from srtracker.services import accounts  # the login checks the password here

    slow = accounts.verify_password

    def verify(*args):
        time.sleep(0.2)  # every attempt is in flight before the first is counted
        return slow(*args)

    monkeypatch.setattr(accounts, "verify_password", verify)
    answers = []
    start = threading.Barrier(12)

    def attempt():
        client = app.test_client()
        start.wait()
        answers.append(login(client, password="wrong password here").status_code)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [401] * 5 + [429] * 7


def plain_http_app(database_url, **config):
    from tests.conftest import TEST_CONFIG

    return create_app(
        {**TEST_CONFIG, "TESTING": False, "WTF_CSRF_ENABLED": True, "DATABASE_URL": database_url}
        | config
    )


def test_cookies_are_secure_unless_set_otherwise(database_url):
    assert plain_http_app(database_url).config["SESSION_COOKIE_SECURE"] is True
    off = plain_http_app(database_url, SECURE_COOKIES=False)
    assert off.config["SESSION_COOKIE_SECURE"] is False


def test_login_over_plain_http_with_secure_cookies_says_why_it_fails(database_url, users):
    client = plain_http_app(database_url).test_client()
    page = client.get("/login").get_data(as_text=True)
    assert "secure_cookies" in page
    # The browser drops the Secure cookie over http: the login arrives without a session.
    client.delete_cookie("session")
    response = login(client)
    assert response.status_code == 400
    assert "niet beveiligd (http)" in response.get_data(as_text=True)


def test_over_https_the_login_page_has_no_such_warning(database_url, users):
    client = plain_http_app(database_url).test_client()
    assert "secure_cookies" not in client.get("/login", base_url="https://localhost").get_data(
        as_text=True
    )
