import os

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses that
# unless told otherwise (live_server tests only touch the ORM from that thread on purpose).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real catalogue, loaded once per session from fixtures/."""
    from careers.content import load_catalogue

    with django_db_blocker.unblock():
        load_catalogue(settings.CATALOGUE_DIR)
