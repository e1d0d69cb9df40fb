"""Fixtures for the Playwright tests: a live server with the mini guide committed to the database."""

from __future__ import annotations

import pytest
from django.conf import settings


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative URLs in `page.goto("/...")` go to pytest-django's live server.

    This also replaces pytest-playwright's fallback `base_url` fixture, which is an instance method in a plugin
    class and so raises pytest's PytestRemovedIn10Warning (an error under our `filterwarnings = ["error"]`).
    """
    return live_server.url


@pytest.fixture
def guide_server(transactional_db, live_server, mini_guide):
    """The live server, with the mini guide imported and committed.

    The live server answers from another thread, so it only sees committed rows: `transactional_db` makes the
    plain `db` that `mini_guide` asks for a real, committed (and afterwards flushed) database.
    """
    return live_server


@pytest.fixture
def guides_server(transactional_db, live_server, two_guides):
    """The live server with both fixture guides (mini and gadget, which links into mini) committed."""
    return live_server


@pytest.fixture
def shipped_guides(transactional_db, live_server):
    """The live server with every shipped guide (content/) imported and committed, as load_content does."""
    from wizard.content import read_guides
    from wizard.services.load import guides_load

    guides, errors = read_guides(settings.CONTENT_DIR)
    assert errors == []
    guides_load(guides=guides)
    return live_server
