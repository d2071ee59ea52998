from srtracker.models import Contract
from tests.conftest import SAMPLES


def test_first_page_says_how_to_load_contracts_when_empty(client, auth):
    auth.login("admin")
    response = client.get("/")
    assert response.status_code == 200
    assert "srtracker load-contracts" in response.get_data(as_text=True)


def test_first_page_lists_contracts_and_their_clauses(runner, client, auth):
    auth.login("admin")
    runner.invoke(args=["load-contracts", str(SAMPLES)])
    page = client.get("/").get_data(as_text=True)
    assert "2026-HH-014" in page
    assert "Plaatsingen vanuit de bijstand" in page
    assert "Uren opleiding en stage" in page
    assert "31-12-2027" in page


def test_first_page_escapes_what_users_typed(runner, client, conn, auth):
    auth.login("admin")
    runner.invoke(args=["load-contracts", str(SAMPLES / "2026-HH-014_huishoudelijke-hulp.toml")])
    Contract.update(title="<script>alert(1)</script>").execute()
    page = client.get("/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_archived_contracts_are_not_listed(runner, client, conn, auth):
    auth.login("admin")
    runner.invoke(args=["load-contracts", str(SAMPLES / "2026-HH-014_huishoudelijke-hulp.toml")])
    Contract.update(archived_at=Contract.created_at).execute()
    assert "2026-HH-014" not in client.get("/").get_data(as_text=True)


def test_stylesheet_is_served_locally(client, auth):
    auth.login("admin")
    page = client.get("/").get_data(as_text=True)
    assert 'href="/static/style.css"' in page
    assert "http" not in page.split("<body>")[0]
    with client.get("/static/style.css") as response:
        assert response.status_code == 200


def test_the_suppliers_home_card_offers_the_upload_of_the_period_due(runner, client, auth):
    runner.invoke(args=["load-contracts", str(SAMPLES / "2026-HH-014_huishoudelijke-hulp.toml")])
    auth.login("supplier")
    page = client.get("/").get_data(as_text=True)
    assert "/contracts/2026-HH-014/upload?period=" in page
    auth.login("officer")
    assert "/upload?period=" not in client.get("/").get_data(as_text=True)
