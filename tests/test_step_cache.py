"""Steps are cached per guide content version: fast on repeat, never stale after an import."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import MINI
from wizard import selectors
from wizard.content import read_guide_text
from wizard.models import Guide
from wizard.services.load import guides_load

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mini_guide")]


def step_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        assert selectors.node_for_step(guide_slug="mini", node_slug="wrong-src") is not None
    return len(queries)


def test_a_repeated_step_reads_only_the_content_version():
    assert step_queries() == 5
    assert step_queries() == 1


def test_an_import_that_changes_the_guide_shows_at_once():
    selectors.node_for_step(guide_slug="mini", node_slug="wrong-src")
    edited, _ = read_guide_text(MINI.read_text().replace("Reload and confirm", "Refresh and confirm"), "mini.md")
    guides_load(guides=[edited], prune=False)
    node = selectors.node_for_step(guide_slug="mini", node_slug="wrong-src")
    assert node.steps.all()[1].text.startswith("Refresh and confirm")


def test_an_unchanged_import_keeps_the_version():
    version = Guide.objects.get(slug="mini").content_version
    guide, _ = read_guide_text(MINI.read_text(), "mini.md")
    guides_load(guides=[guide], prune=False)
    assert Guide.objects.get(slug="mini").content_version == version


def test_a_cached_step_of_a_guide_turned_draft_is_hidden():
    selectors.node_for_step(guide_slug="mini", node_slug="wrong-src")
    Guide.objects.filter(slug="mini").update(is_draft=True)
    assert selectors.node_for_step(guide_slug="mini", node_slug="wrong-src") is None
