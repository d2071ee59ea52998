"""The main menu is written once per role, language and script root (access.menu): what it
shows is what templates/_menu.html writes for that user, every time, and a role only ever
gets its own links."""

import re

import pytest
from flask import render_template
from flask_babel import force_locale
from flask_login import login_user

from srtracker.access import menu
from srtracker.models import User
from tests.conftest import USERS

ROLES = ["officer", "supplier", "bureau", "admin"]


def _menu(page: str) -> str:
    return re.search(r'<nav aria-label="[^"]+">(.*?)<form method="post"', page, re.S).group(1)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_kept_menu_is_what_the_template_writes_for_each_role(app, users, conn, language):
    for role in ROLES:
        for _ in range(2):  # the second from the kept one
            with app.test_request_context("/"), force_locale(language):
                login_user(User.get(User.email == USERS[role][0]))
                assert menu() == render_template("_menu.html")


def test_each_role_sees_its_own_menu_on_its_pages(client, auth):
    menus = {}
    for role in ROLES:
        auth.login(role)
        menus[role] = _menu(client.get("/account").get_data(as_text=True))
        auth.logout()
    assert menus["officer"] == menus["supplier"]  # the links every user has, no more
    assert len({menus["officer"], menus["bureau"], menus["admin"]}) == 3
    assert "/bureau/flags" in menus["bureau"] and "/bureau/flags" not in menus["supplier"]
    assert "/admin" in menus["admin"] and "/admin" not in menus["bureau"]
