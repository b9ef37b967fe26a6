import os
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses that
# unless told otherwise (live_server tests only touch the ORM from that thread on purpose).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Real-browser tests drive Debian's Chromium (`apt-get install chromium`); Playwright cannot
# download browsers here. CHROMIUM_PATH points elsewhere if needed.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real catalogue, loaded once per session from fixtures/."""
    from careers.catalogue import load_catalogue

    with django_db_blocker.unblock():
        load_catalogue(settings.CATALOGUE_DIR)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (skipped or, in CI, failed when it is missing)."""
    from careers.tests.browser import require_tool

    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        require_tool(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_tool("browser tests need Playwright (pip install -r requirements-dev.txt)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def catalogue_snapshot(django_db_setup, django_db_blocker):
    """The loaded catalogue copied into tables of its own inside the test database, once per
    session (``careers/tests/snapshot.py``): restoring from there is an ``INSERT … SELECT`` per table."""
    from careers.catalogue import load_catalogue
    from careers.models import Career
    from careers.tests import snapshot

    with django_db_blocker.unblock():
        if not Career.objects.exists():  # an earlier live-server test flushed the session's catalogue
            load_catalogue(settings.CATALOGUE_DIR)
        snapshot.take()
    return snapshot


@pytest.fixture
def site(browser, live_server, transactional_db, catalogue_snapshot):
    """The live server with the catalogue loaded, for browser tests (which need ``browser``
    first, so they skip before any loading when there is no browser).

    Live-server tests run in transactions that are flushed afterwards, which also empties the
    catalogue the session loaded, so each one after the first restores the snapshot.
    """
    from django.core.cache import cache

    from careers.models import Career

    if not Career.objects.exists():
        catalogue_snapshot.restore()
    cache.clear()  # no page cached before the reload
    return live_server


@pytest.fixture
def open_page(browser, request):
    """open_page(viewport, javascript=True) -> a new Playwright page in a fresh browser context.

    Every page records JavaScript errors, console errors and Content-Security-Policy violations
    on our public pages; the test fails if there were any.
    """
    from careers.tests.browser import DESKTOP, watch_for_problems

    contexts, problems = [], []

    def make(viewport=DESKTOP, javascript=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript, locale="en-IN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        watch_for_problems(page, problems)
        return page

    yield make
    for context in contexts:
        context.close()
    if problems and not hasattr(request.node, "rep_call_failed"):
        pytest.fail("problems in the browser:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def artifacts():
    """test-artifacts/ (git-ignored): screenshots, PDFs and reports from the browser tests."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_collection_modifyitems(items):
    """Tests on a live server flush their worker's database when they end. pytest-django runs them
    after the other tests that use the database, and ``--dist loadfile`` hands whole modules out in
    that order, so no test finds the catalogue gone, as long as no module mixes the two kinds (one
    module runs where its first test falls): that is refused here. They are marked ``live``
    (``-m live`` runs only them)."""
    live, other = set(), set()
    for item in items:
        module = item.nodeid.split("::")[0]
        if "live_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.live)
            live.add(module)
        elif "db" in getattr(item, "fixturenames", ()) or item.get_closest_marker("django_db"):
            other.add(module)
    if live & other:
        raise pytest.UsageError(
            "these modules mix live-server tests with other database tests; move one kind to its own "
            f"module: {', '.join(sorted(live & other))}"
        )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.rep_call_failed = True
    return report


def pytest_terminal_summary(terminalreporter):
    from careers.tests.browser import MISSING_TOOLS

    if MISSING_TOOLS:
        terminalreporter.section("browser and HTML checker tests skipped", sep="-", yellow=True)
        for reason in sorted(MISSING_TOOLS):
            terminalreporter.write_line(f"SKIPPED: {reason}", yellow=True)
