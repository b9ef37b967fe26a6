import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_client(client):
    """A client signed in as a superuser called "boss" (history records name who changed what)."""
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-for-tests-only")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with an empty cache, and no page kept in the process: the database is rolled
    back between tests, the local-memory cache is not."""
    from django.core.cache import cache

    from careers.caching import recent_pages

    cache.clear()
    recent_pages.forget()
    yield
    cache.clear()
    recent_pages.forget()


@pytest.fixture(autouse=True)
def _no_pending_changes():
    """Each test starts with no careers waiting for the write hook's commit: a test's transaction
    is rolled back, so what it touched would otherwise be flushed by the next test's commit."""
    from careers import changes

    changes._ids().clear()


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Each test starts in English: a request to a /hi/ page leaves Hindi active in the thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
