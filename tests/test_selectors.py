"""Selectors: a step's next documented cause, and the reads of the admin (a step's own reads are tested through
its pages, under tests/views/ and tests/pages/)."""

from __future__ import annotations

import pytest
from django.conf import settings

from wizard import selectors
from wizard.content import read_guides
from wizard.models import Guide, GuideRevision, Node
from wizard.services import authoring
from wizard.services.load import guides_load

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


def step_node(slug: str, guide: str = "mini") -> Node:
    node = selectors.node_for_step(guide_slug=guide, node_slug=slug)
    assert node is not None
    return node


def test_next_step_after_a_first_cause_is_the_next_cause(mini_guide):
    next_step = selectors.node_next_step(step_node("ad-blocker"))
    assert next_step is not None
    assert (next_step.node.slug, next_step.is_escalation) == ("check-wrong-src", False)


def test_next_step_after_the_last_cause_is_the_escalation(mini_guide):
    next_step = selectors.node_next_step(step_node("wrong-src"))
    assert next_step is not None
    assert (next_step.node.slug, next_step.is_escalation) == ("widget-escalate", True)


def test_next_step_under_an_ask_question_is_the_section_escalation(mini_guide):
    # iOS comes after Android on "Which platform?", but it is another answer, not a next cause.
    next_step = selectors.node_next_step(step_node("android-package"))
    assert next_step is not None
    assert (next_step.node.slug, next_step.is_escalation) == ("platform-escalate", True)


def test_next_step_takes_at_most_two_queries(mini_guide, django_assert_max_num_queries):
    node = step_node("android-package")
    with django_assert_max_num_queries(2):
        selectors.node_next_step(node)


def test_every_resolution_of_the_real_guide_has_a_next_step():
    guides, errors = read_guides(settings.CONTENT_DIR)
    assert errors == []
    guides_load(guides=guides, prune=False)
    resolutions = Node.objects.filter(guide__slug="plaid-link", kind=Node.Kind.RESOLUTION)
    assert resolutions.count() > 10
    for node in resolutions:
        next_step = selectors.node_next_step(node)
        assert next_step is not None, node.slug
        assert next_step.node.section == node.section, node.slug
        assert next_step.node.kind != Node.Kind.RESOLUTION, node.slug
