"""Loading guides that link to each other: answers into another guide, related links, typed codes."""

from __future__ import annotations

import pytest

from tests.conftest import GADGET, MINI
from wizard.content import ContentErrors, read_guide, read_guide_text
from wizard.models import Alias, Choice, Node
from wizard.services.load import guides_load

pytestmark = pytest.mark.django_db


def spec(path):
    guide, errors = read_guide(path)
    assert errors == []
    return guide


def test_an_answer_leads_to_the_other_guides_node(two_guides):
    choice = Choice.objects.get(node__guide__slug="gadget", node__slug="check-widget-never-loaded", label="Yes")
    assert (choice.target.guide.slug, choice.target.slug, choice.is_link) == ("mini", "widget", True)


def test_guides_load_in_any_order():
    guides_load(guides=[spec(GADGET), spec(MINI)], prune=False)
    assert Choice.objects.filter(node__guide__slug="gadget", target__guide__slug="mini").count() == 1


def test_a_guide_loaded_alone_links_to_a_guide_already_loaded():
    guides_load(guides=[spec(MINI)], prune=False)
    guides_load(guides=[spec(GADGET)], prune=False)
    assert Choice.objects.filter(node__guide__slug="gadget", target__guide__slug="mini").count() == 1


def test_a_link_to_a_guide_not_loaded_is_refused_and_nothing_is_written():
    with pytest.raises(ContentErrors) as raised:
        guides_load(guides=[spec(GADGET)], prune=False)
    assert str(raised.value) == (
        "gadget.md:47 [check-widget-never-loaded]: an answer points at 'mini/widget', which is not loaded"
    )
    assert not Node.objects.exists()


def test_reloading_linked_guides_changes_nothing(two_guides):
    report = guides_load(guides=list(two_guides.values()), prune=False)
    assert str(report) == "nothing changed"


def test_related_is_stored_as_guide_and_node(two_guides):
    assert Node.objects.get(guide__slug="gadget", slug="rate-limited").related == [
        "gadget/expired-key",
        "mini/ad-blocker",
    ]


def test_a_code_keeps_its_error_type(two_guides):
    alias = Alias.objects.get(value="GADGET_RATE_LIMITED")
    assert (alias.error_type, alias.meaning) == ("RATE_LIMIT_ERROR", "More requests than the plan allows in a minute.")


def test_a_code_without_a_type_has_none(two_guides):
    assert Alias.objects.get(value="GADGET_SLOW_DOWN").error_type == ""


def test_a_changed_error_type_is_rewritten(two_guides):
    text = GADGET.read_text().replace("type: AUTH_ERROR", "type: INVALID_INPUT")
    edited, errors = read_guide_text(text, "gadget.md")
    assert errors == []
    guides_load(guides=[edited], prune=False)
    assert Alias.objects.get(value="GADGET_KEY_EXPIRED").error_type == "INVALID_INPUT"
