"""An admin edit validates one guide: links into other guides, and their links into it, are checked live."""

from __future__ import annotations

import pytest

from wizard.models import Guide
from wizard.services import authoring
from wizard.services.authoring import AuthoringError

pytestmark = pytest.mark.django_db


def save(slug: str, old: str, new: str) -> None:
    guide = Guide.objects.get(slug=slug)
    assert old in guide.source_text
    authoring.draft_save_text(guide=guide, text=guide.source_text.replace(old, new))


def refused(slug: str, old: str, new: str) -> list[str]:
    with pytest.raises(AuthoringError) as raised:
        save(slug, old, new)
    return raised.value.reasons


def test_a_link_to_another_guides_node_is_saved(two_guides):
    save("gadget", "see: mini/widget", "see: mini/platform")
    preview = Guide.objects.get(slug="gadget--draft")
    assert preview.nodes.get(slug="check-widget-never-loaded").choices.get(label="Yes").target.slug == "platform"


def test_a_link_to_a_missing_node_of_another_guide_is_refused(two_guides):
    assert refused("gadget", "see: mini/widget", "see: mini/ghost") == [
        "gadget.md:47 [check-widget-never-loaded]: answer 'Yes' points at 'mini/ghost': "
        "the guide 'mini' has no node 'ghost'"
    ]


def test_a_related_link_to_a_missing_guide_is_refused(two_guides):
    [reason] = refused("gadget", "related: [rate-limited]", "related: [ghost/thing]")
    assert reason == "gadget.md:26 [expired-key]: 'related' points at 'ghost/thing': there is no guide 'ghost'"


def test_removing_a_node_another_guide_answers_into_is_refused(two_guides):
    reasons = refused("mini", ": widget\n", ": gizmo\n")
    assert (
        "gadget.md:47 [check-widget-never-loaded]: answer 'Yes' points at 'mini/widget', which this edit removes"
        in reasons
    )


def test_removing_a_node_another_guide_relates_to_is_refused(two_guides):
    reasons = refused("mini", ": ad-blocker", ": blocker")
    assert "gadget.md:36 [rate-limited]: 'related' points at 'mini/ad-blocker', which this edit removes" in reasons


def test_hiding_a_guide_others_link_to_is_refused(two_guides):
    reasons = refused("mini", "title: Mini guide\n", "title: Mini guide\ndraft: true\n")
    assert reasons[0].endswith("which this edit hides from readers (the guide becomes a draft)")


def test_a_refused_edit_leaves_no_draft(two_guides):
    refused("mini", ": widget\n", ": gizmo\n")
    assert not Guide.objects.filter(slug="mini--draft").exists()


def test_an_edit_that_keeps_the_linked_nodes_is_saved(two_guides):
    save("mini", "Fix the `src` attribute.", "Correct the `src` attribute.")
    assert Guide.objects.filter(slug="mini--draft").exists()
