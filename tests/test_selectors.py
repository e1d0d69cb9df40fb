"""The selectors the admin reads through (the step's selectors have their tests under tests/views/)."""

from __future__ import annotations

import pytest

from wizard import selectors
from wizard.models import Guide, GuideRevision, Node
from wizard.services import authoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(mini_guide) -> Guide:
    return Guide.objects.get(slug="mini")


def test_a_guide_without_a_draft_has_none(guide):
    assert selectors.guide_draft_get(guide_id=guide.pk) is None


def test_a_guides_draft_is_found(guide):
    draft = authoring.draft_get_or_create(guide=guide)
    assert selectors.guide_draft_get(guide_id=guide.pk) == draft


def test_guide_nodes_come_in_reading_order(guide):
    Node.objects.filter(guide=guide, slug="start").update(position=999)
    assert selectors.guide_node_list(guide_id=guide.pk)[-1].slug == "start"


def test_guide_nodes_are_all_of_the_guides(guide):
    assert len(selectors.guide_node_list(guide_id=guide.pk)) == Node.objects.filter(guide=guide).count()


def test_a_guides_node_is_found_by_slug(guide):
    assert selectors.guide_node_get(guide_id=guide.pk, slug="wrong-src").guide_id == guide.pk


def test_a_node_of_another_guide_is_not_found(guide):
    other = Guide.objects.create(slug="other", title="Other", source_file="other.md")
    assert selectors.guide_node_get(guide_id=other.pk, slug="wrong-src") is None


def test_revisions_come_newest_first(guide):
    GuideRevision.objects.create(guide=guide, number=2, source_text="")
    assert [revision.number for revision in selectors.guide_revision_list(guide_id=guide.pk)] == [2, 1]


def test_a_revision_is_found_by_number(guide):
    assert selectors.guide_revision_get(guide_id=guide.pk, number=1).source_text == guide.source_text


def test_a_missing_revision_is_none(guide):
    assert selectors.guide_revision_get(guide_id=guide.pk, number=2) is None


def test_the_latest_revision_is_the_highest_number(guide):
    GuideRevision.objects.create(guide=guide, number=3, source_text="")
    assert selectors.guide_revision_latest(guide_id=guide.pk) == 3


def test_a_guide_without_revisions_is_at_zero(guide):
    guide.revisions.all().delete()
    assert selectors.guide_revision_latest(guide_id=guide.pk) == 0
