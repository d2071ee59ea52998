"""A real browser against the app on a loopback port.

Debian's Chromium (apt-get install chromium) driven by Playwright for Python;
no browser is downloaded. Without Chromium these tests skip with a message,
except where SRTRACKER_REQUIRE_SERVICES is set (CI), where they fail.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from srtracker import create_app
from srtracker.db import db
from srtracker.migrate import init_database
from tests.conftest import PASSWORD, USERS, make_user

# Screenshots of every page; .ci/run names a folder per database (SRTRACKER_ARTIFACTS).
ARTIFACTS = (
    Path(
        os.environ.get("SRTRACKER_ARTIFACTS")
        or Path(__file__).resolve().parents[2] / "test-artifacts"
    ).resolve()
    / "e2e"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def chromium_or_skip() -> str:
    path = (
        os.environ.get("SRTRACKER_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    problem = None
    if path is None:
        problem = "Chromium is not installed"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Playwright for Python is not installed"
    if problem:
        message = (
            f"{problem}: browser tests need Debian's chromium (apt-get install chromium) "
            "and `make test`, which installs Playwright; .ci/run installs both"
        )
        if os.environ.get("SRTRACKER_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser():
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_app(database_url):
    """The app with CSRF on, as users get it, served by a real HTTP server in a thread."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "e2e",
            "DATABASE_URL": database_url,
            "PASSWORD_HASH_COST": "test",
        }
    )
    init_database(app)
    with app.app_context(), db.connection_context():
        for name in USERS:
            make_user(name)
    server = make_server(
        "127.0.0.1", 0, _remembering_response(app), threaded=True, request_handler=_Closing
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    if not db.is_closed():
        db.close()


@pytest.fixture
def page(browser, live_app, request, axe_source):
    context = browser.new_context(
        base_url=live_app.config["LIVE_URL"], accept_downloads=True, locale="nl-NL"
    )
    page = context.new_page()
    page.axe_source = axe_source  # assert_accessible runs axe-core on every page it checks
    page.set_default_timeout(15000)
    yield page
    context.close()


RESPONSE = "srtracker.tests.response"


def _remembering_response(app):
    """The app, keeping each response in its request's environ for ``_Closing``."""

    def wsgi(environ, start_response):
        environ[RESPONSE] = response = app(environ, start_response)
        return response

    return wsgi


class _Closing(WSGIRequestHandler):
    """Closes a response whose connection the browser reset.

    werkzeug's dev server drains the request after answering; when the browser resets the
    connection meanwhile (a favicon fetch cut short by the next navigation) the drain raises
    before the response is closed, and a static file would stay open until the collector
    found it (a ResourceWarning, an error in this suite).
    """

    def connection_dropped(self, error, environ=None):
        response = (environ or {}).get(RESPONSE)
        if hasattr(response, "close"):
            response.close()


class Screens:
    """Screenshots of each page of a journey, kept as test artefacts."""

    def __init__(self, page, name):
        self.page, self.folder, self.count = page, ARTIFACTS / name, 0
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)

    def __call__(self, label):
        self.count += 1
        self.page.screenshot(
            path=str(self.folder / f"{self.count:02d}-{label}.png"), full_page=True
        )


@pytest.fixture
def shot(page, request):
    return Screens(page, request.node.name)


def log_in(page, who):
    """Log in with the keyboard only: type, tab, type, Enter."""
    page.goto("/login")
    page.get_by_label("E-mailadres").focus()
    page.keyboard.type(USERS[who][0])
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


UNLABELLED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => !['hidden', 'submit', 'button'].includes(el.type))
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.outerHTML)"""

BADGES_WITHOUT_TEXT = """() => [...document.querySelectorAll('.badge')]
  .filter(el => !el.textContent.trim()).map(el => el.outerHTML)"""


DUPLICATE_IDS = """() => { const seen = {}; for (const el of document.querySelectorAll('[id]'))
  seen[el.id] = (seen[el.id] || 0) + 1;
  const forms = [...document.forms].filter(f => f.querySelectorAll('[name=csrf_token]').length > 1);
  return Object.keys(seen).filter(id => seen[id] > 1).concat(forms.map(f => 'csrf twice'));
}"""


def assert_accessible(page):
    """Every form field labelled, every id once (one CSRF field a form); no status shown by
    colour alone; axe-core finds nothing."""
    assert page.evaluate(UNLABELLED_CONTROLS) == [], page.url
    assert page.evaluate(DUPLICATE_IDS) == [], page.url
    assert page.evaluate(BADGES_WITHOUT_TEXT) == [], page.url
    source = getattr(page, "axe_source", None)
    if source:
        assert axe_violations(page, source) == [], page.url


OUTSIDE_VIEWPORT = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width) out.push('page scrolls sideways');
  for (const el of document.querySelectorAll('main *, header *')) {
    if (el.closest('.visually-hidden, .skip, table.rows thead')) continue;
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > width + 1 || r.left < -1)) {
      out.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 40));
    }
  }
  return out.slice(0, 5);
}"""


def assert_fits(page):
    """Nothing sticks out of the viewport: no sideways scrolling, no clipped column."""
    assert page.evaluate(OUTSIDE_VIEWPORT) == [], (page.url, page.viewport_size)


# Codes that must never reach a Dutch reader (they have labels): roles, contribution types,
# statuses, audit actions and subjects, user ids.
CODES = re.compile(
    r"\b(supplier|officer|placement|apprenticeship|internship|work_experience|social_purchase"
    r"|social_activity|school_visit|sw_subcontracting|remedial_deadline|candidate_review"
    r"|check_run|flag_suppression|login_failed|at_risk|on_track|not_started|report_overdue"
    r"|beschut_werk|participatiewet_arbeidsbeperking|ioaw_ioaz|wga_waz|user:\d+)\b"
)
INTERFACE_TEXT = """() => [...document.querySelectorAll(
  'main th, main label, main button, main legend, main dt, main h2, main summary, header nav a')]
  .map(el => el.innerText.trim()).filter(Boolean)"""


def assert_no_codes(page):
    """A Dutch page shows labels, never the codes behind them."""
    main = page.evaluate("() => document.querySelector('main')?.innerText")
    assert main is not None, (page.url, "no <main>")
    found = CODES.findall(main)
    assert found == [], (page.url, sorted(set(found)))


def _dutch_only():
    """Dutch interface strings whose English differs: seen on an English page, untranslated."""
    from babel.messages.pofile import read_po

    from srtracker.i18n import __file__ as package_file

    po = Path(package_file).parent / "translations" / "en" / "LC_MESSAGES" / "messages.po"
    with open(po, "rb") as handle:
        catalogue = read_po(handle)
    return {
        m.id
        for m in catalogue
        if isinstance(m.id, str) and m.string and m.id.casefold() != m.string.casefold()
    }


def assert_english(page, dutch=None):
    """An English page shows no interface text left in Dutch (headings, labels, buttons)."""
    dutch = dutch if dutch is not None else _dutch_only()
    left = [text for text in page.evaluate(INTERFACE_TEXT) if text in dutch]
    assert left == [], (page.url, left)


AXE = (
    Path(__file__).resolve().parents[2]
    / ".ci"
    / "node"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's script, installed by .ci/run (npm install --prefix .ci/node axe-core)."""
    path = Path(os.environ.get("SRTRACKER_AXE", AXE))
    if not path.is_file():
        message = (
            f"axe-core is not installed at {path}: run "
            "`npm install --prefix .ci/node axe-core` (.ci/run does)"
        )
        if os.environ.get("SRTRACKER_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text()


def axe_violations(page, source):
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    result = page.evaluate(
        """async () => (await axe.run(document, {
             runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
           })).violations.map(v => v.id + ': ' + v.help + ' [' +
             v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') + ']')"""
    )
    return result


def assert_axe_clean(page, source):
    assert axe_violations(page, source) == [], page.url


# Keyboard-only use (WCAG 2.1.1): every form of the journeys is reached with Tab, filled by
# typing, arrow keys and Space, and sent with Enter.


def tab_to(page, target, limit=400):
    """Press Tab until `target` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def key_type(page, target, text):
    """Tab to a text box, clear it and type."""
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


SELECTED = "el => el.selectedIndex < 0 ? '' : el.options[el.selectedIndex].text.trim()"


def key_choose(page, select, label):
    """Tab to a select and move to the option `label` with the arrow keys."""
    tab_to(page, select)
    for _ in range(select.evaluate("el => el.options.length")):
        page.keyboard.press("ArrowUp")
    for _ in range(select.evaluate("el => el.options.length")):
        if select.evaluate(SELECTED) == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {label!r} in {select}")


def key_check(page, box):
    """Tab to a checkbox and tick it with Space."""
    tab_to(page, box)
    if not box.is_checked():
        page.keyboard.press("Space")
    assert box.is_checked(), box


def key_radio(page, radio):
    """Tab into the radio group and move to `radio` with the arrow keys (which select it)."""
    name = radio.get_attribute("name")
    for _ in range(400):
        if page.evaluate(
            "n => document.activeElement.type === 'radio' && document.activeElement.name === n",
            name,
        ):
            break
        page.keyboard.press("Tab")
    for _ in range(20):
        if radio.evaluate("el => el === document.activeElement"):
            page.keyboard.press("Space")
            assert radio.is_checked(), radio
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"arrow keys never reached {radio}")


def key_press(page, control):
    """Tab to a link or button and press Enter."""
    tab_to(page, control)
    page.keyboard.press("Enter")


def key_upload(page, file_input, path):
    """Tab to the file field, open the chooser with Space and pick the file."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    tab_to(page, file_input)
    for _ in range(3):  # the first chooser may open before Playwright intercepts them
        try:
            with page.expect_file_chooser(timeout=5000) as chooser:
                page.keyboard.press("Space")
        except PlaywrightTimeout:
            continue
        chooser.value.set_files(path)
        break
    assert file_input.evaluate("el => el.files.length") == 1, "no file chosen"
    assert file_input.evaluate("el => el === document.activeElement")


def assert_focus_on_errors(page):
    """A refused form puts the focus on its error summary (GOV.UK's pattern)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator(".error-summary").first.wait_for()
    page.wait_for_load_state()
    try:  # the browser moves the focus (autofocus) just after the page has loaded
        page.wait_for_function(
            "() => document.activeElement.classList.contains('error-summary')"
            " && document.activeElement.getAttribute('role') === 'alert'",
            timeout=5000,
        )
    except PlaywrightTimeout:
        shown = page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
        raise AssertionError((page.url, shown)) from None


def english():
    """The English catalogue's gettext: a Dutch msgid as an English page shows it."""
    from babel.support import Translations

    from srtracker.i18n import __file__ as package_file

    folder = Path(package_file).parent / "translations"
    return Translations.load(str(folder), ["en"]).gettext
