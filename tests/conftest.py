from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the database setup must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "content" / "mini.md"
# A second small guide whose answers and related links lead into the mini guide.
GADGET = FIXTURES / "content" / "gadget.md"


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Tests serve static files from the finders; collectstatic's manifest is for deployments.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is needed for browser tests: run scripts/chromium")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached steps and rate-limit counters must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def mini_guide(db):
    """The small fixture guide, imported."""
    from wizard.content import read_guide
    from wizard.services.load import guides_load

    guide, errors = read_guide(MINI)
    assert errors == []
    guides_load(guides=[guide], prune=False)
    return guide


@pytest.fixture
def two_guides(db):
    """Both fixture guides (mini and gadget), imported together as load_content does."""
    from wizard.content import read_guides
    from wizard.services.load import guides_load

    guides, errors = read_guides(FIXTURES / "content")
    assert errors == []
    guides_load(guides=guides, prune=False)
    return {guide.id: guide for guide in guides}


@pytest.fixture(autouse=True)
def _steps_written_at_once(settings):
    """Tests read walk records right after a request: write each step inside it (the same code as a batch)."""
    settings.WALK_RECORD_DELAY = 0
