from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wizard.models import GuideDraft, Node, Step

pytestmark = pytest.mark.django_db

OLD_STEP = "Fix the `src` attribute.\n- Use the stable URL."


def page(node: Node) -> str:
    return f"/admin/wizard/node/{node.pk}/change/"


def draft_node(slug: str) -> Node:
    return Node.objects.get(guide__slug="mini--draft", slug=slug)


def live_node(slug: str) -> Node:
    return Node.objects.get(guide__slug="mini", slug=slug)


def step_form(node: Node, texts: dict[int, str] | None = None) -> dict[str, str]:
    """The node's change form as the admin posts it: only the steps inline is editable."""
    steps = list(node.steps.order_by("position"))
    data = {}
    for prefix, count in (("choices", node.choices.count()), ("aliases", node.aliases.count())):
        data.update({f"{prefix}-TOTAL_FORMS": str(count), f"{prefix}-INITIAL_FORMS": str(count)})
        data.update({f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    for index, choice in enumerate(node.choices.order_by("position")):
        data[f"choices-{index}-id"] = str(choice.pk)
        data[f"choices-{index}-node"] = str(node.pk)
    for index, alias in enumerate(node.aliases.all()):
        data[f"aliases-{index}-id"] = str(alias.pk)
        data[f"aliases-{index}-node"] = str(node.pk)
    data.update({"steps-TOTAL_FORMS": str(len(steps)), "steps-INITIAL_FORMS": str(len(steps))})
    data.update({"steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "1000"})
    for index, step in enumerate(steps):
        data[f"steps-{index}-id"] = str(step.pk)
        data[f"steps-{index}-node"] = str(node.pk)
        data[f"steps-{index}-text"] = (texts or {}).get(step.position, step.text)
    return data


def step_text(guide: str, node: str = "wrong-src", position: int = 1) -> str:
    return Step.objects.get(node__guide__slug=guide, node__slug=node, position=position).text


# A live node: view-only, with the way into the draft


def test_live_steps_are_read_only(staff, guide):
    response = staff.get(page(live_node("wrong-src")))
    assert b'name="steps-0-text"' not in response.content


def test_a_live_node_offers_to_edit_it_in_the_draft(staff, guide):
    response = staff.get(page(live_node("wrong-src")))
    assert b"Edit this node in the draft" in response.content


def test_a_live_node_page_has_no_save_button(staff, guide):
    response = staff.get(page(live_node("wrong-src")))
    assert b'name="_save"' not in response.content


def test_a_post_to_a_live_node_is_refused(staff, guide):
    node = live_node("wrong-src")
    assert staff.post(page(node), step_form(node, {1: "Correct the `src`."})).status_code == 403


def test_a_refused_post_to_a_live_node_changes_nothing(staff, guide):
    node = live_node("wrong-src")
    staff.post(page(node), step_form(node, {1: "Correct the `src`."}))
    assert step_text("mini") == OLD_STEP


def test_a_node_cannot_be_added_here(staff, guide):
    assert staff.get("/admin/wizard/node/add/").status_code == 403


def test_a_node_cannot_be_deleted_here(staff, guide):
    assert staff.post(f"/admin/wizard/node/{live_node('wrong-src').pk}/delete/", {"post": "yes"}).status_code == 403


def test_a_node_page_costs_the_same_queries_whatever_its_steps_and_answers(staff, guide):
    # android-package has one step, wrong-src two; the widget question has more answers than the start.
    counts = []
    for slug in ("android-package", "wrong-src", "start", "widget"):
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(page(live_node(slug))).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


# A draft's node: its steps are edited as lines of the draft's Markdown


def test_a_draft_node_has_editable_steps(staff, draft):
    response = staff.get(page(draft_node("wrong-src")))
    assert b'name="steps-0-text"' in response.content


def test_a_draft_node_offers_its_preview(staff, draft):
    response = staff.get(page(draft_node("wrong-src")))
    assert b'href="/guides/mini--draft/wrong-src/" class="viewsitelink" id="authoring-preview"' in response.content


def test_a_draft_nodes_answers_are_read_only(staff, draft):
    response = staff.get(page(draft_node("widget")))
    assert b'name="choices-0-label"' not in response.content


def test_node_steps_are_in_order(staff, draft):
    response = staff.get(page(draft_node("ad-blocker")))
    forms = response.context["inline_admin_formsets"][1].formset.forms
    assert [form.instance.position for form in forms] == [1, 2]


def test_changing_a_step_saves_the_drafts_markdown(staff, draft):
    node = draft_node("wrong-src")
    staff.post(page(node), step_form(node, {1: "Correct the `src`."}))
    assert "1. Correct the `src`.\n2. Reload" in GuideDraft.objects.get(pk=draft.pk).source_text


def test_changing_a_step_reloads_the_preview(staff, draft):
    node = draft_node("wrong-src")
    staff.post(page(node), step_form(node, {1: "Correct the `src`."}))
    assert step_text("mini--draft") == "Correct the `src`."


def test_changing_a_step_leaves_the_live_guide_alone(staff, draft):
    node = draft_node("wrong-src")
    staff.post(page(node), step_form(node, {1: "Correct the `src`."}))
    assert step_text("mini") == OLD_STEP


def test_the_saved_message_links_to_the_preview(staff, draft):
    node = draft_node("wrong-src")
    response = staff.post(page(node), step_form(node, {1: "Correct the `src`."}), follow=True)
    assert b"<a href='/guides/mini--draft/wrong-src/'>Preview the change</a>" in response.content


def test_a_step_edit_is_in_the_nodes_history(staff, draft):
    node = draft_node("wrong-src")
    staff.post(page(node), step_form(node, {1: "Correct the `src`."}))
    entry = LogEntry.objects.get(object_id=str(node.pk))
    assert entry.get_change_message() == "Changed text for step “mini--draft/wrong-src step 1”."


def test_saving_without_an_edit_leaves_the_draft_alone(staff, draft):
    node = draft_node("wrong-src")
    staff.post(page(node), step_form(node))
    assert GuideDraft.objects.get(pk=draft.pk).updated_at == draft.updated_at


def test_a_refused_step_edit_shows_the_reason(staff, guide, draft):
    node = draft_node("wrong-src")
    response = staff.post(page(node), step_form(node, {1: "Fix it.\n<!-- note -->"}))
    assert b"would not read as written" in response.content


def test_a_refused_step_edit_saves_nothing(staff, guide, draft):
    node = draft_node("wrong-src")
    staff.post(page(node), step_form(node, {1: "Fix it.\n<!-- note -->"}))
    assert GuideDraft.objects.get(pk=draft.pk).source_text == guide.source_text
