from __future__ import annotations

import pytest

from wizard.models import Guide, GuideDraft, Node, Step

pytestmark = pytest.mark.django_db

OLD_STEP = "Fix the `src` attribute.\n- Use the stable URL."


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", None)
    client.force_login(user)
    return client


@pytest.fixture
def guide(mini_guide) -> Guide:
    return Guide.objects.get(slug="mini")


def start_draft(staff, guide: Guide, node: str = "") -> GuideDraft:
    staff.post(f"/admin/wizard/guide/{guide.pk}/draft/start/", {"node": node})
    return GuideDraft.objects.get(guide=guide)


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


def draft_node(slug: str) -> Node:
    return Node.objects.get(guide__slug="mini--draft", slug=slug)


def test_guide_page_offers_a_draft(staff, guide):
    response = staff.get(f"/admin/wizard/guide/{guide.pk}/change/")
    assert response.status_code == 200
    assert b"Start a draft" in response.content


def test_guide_list_hides_draft_previews_and_searches(staff, guide):
    start_draft(staff, guide)
    response = staff.get("/admin/wizard/guide/?q=mini")
    assert list(response.context["cl"].result_list) == [guide]


def test_edit_in_draft_from_a_live_node_opens_the_draft_node(staff, guide):
    response = staff.post(f"/admin/wizard/guide/{guide.pk}/draft/start/", {"node": "wrong-src"})
    assert response["Location"] == f"/admin/wizard/node/{draft_node('wrong-src').pk}/change/"


def test_live_steps_are_read_only(staff, guide):
    node = Node.objects.get(guide=guide, slug="wrong-src")
    response = staff.get(f"/admin/wizard/node/{node.pk}/change/")
    assert b'name="steps-0-text"' not in response.content
    assert b"Edit this node in the draft" in response.content


def test_node_inlines_are_in_order(staff, guide):
    start_draft(staff, guide)
    response = staff.get(f"/admin/wizard/node/{draft_node('ad-blocker').pk}/change/")
    forms = response.context["inline_admin_formsets"][1].formset.forms
    assert [form.instance.position for form in forms] == [1, 2]


def test_changing_a_step_saves_the_draft_and_its_preview_only(staff, guide):
    start_draft(staff, guide)
    node = draft_node("wrong-src")
    response = staff.post(f"/admin/wizard/node/{node.pk}/change/", step_form(node, {1: "Correct the `src`."}))
    assert response.status_code == 302
    assert "1. Correct the `src`.\n2. Reload" in GuideDraft.objects.get(guide=guide).source_text
    assert Step.objects.get(node__guide__slug="mini--draft", node__slug="wrong-src", position=1).text == (
        "Correct the `src`."
    )
    assert Step.objects.get(node__guide=guide, node__slug="wrong-src", position=1).text == OLD_STEP


def test_the_saved_message_links_to_the_preview(staff, guide):
    start_draft(staff, guide)
    node = draft_node("wrong-src")
    response = staff.post(
        f"/admin/wizard/node/{node.pk}/change/", step_form(node, {1: "Correct the `src`."}), follow=True
    )
    assert b"<a href='/guides/mini--draft/wrong-src/'>Preview the change</a>" in response.content


def test_a_refused_step_edit_shows_the_reason_and_saves_nothing(staff, guide):
    draft = start_draft(staff, guide)
    node = draft_node("wrong-src")
    response = staff.post(f"/admin/wizard/node/{node.pk}/change/", step_form(node, {1: "Fix it.\n<!-- note -->"}))
    assert response.status_code == 200
    assert b"would not read as written" in response.content
    assert GuideDraft.objects.get(pk=draft.pk).source_text == guide.source_text


def test_the_markdown_form_refuses_an_orphaning_edit_with_the_reason(staff, guide):
    start_draft(staff, guide)
    text = guide.source_text.replace("id: platform\n", "id: platform\nlisted: false\n")
    response = staff.post(f"/admin/wizard/guide/{guide.pk}/draft/markdown/", {"source_text": text})
    assert response.status_code == 200
    assert b"mini.md:64 [android-package]: no walk from the first question reaches this node" in response.content
    assert GuideDraft.objects.get(guide=guide).source_text == guide.source_text


def test_the_markdown_form_refuses_a_question_without_answers_with_the_reason(staff, guide):
    text = guide.source_text.replace("id: platform\n", "id: platform\nlisted: false\n")
    text = text.replace("id: widget\n", "id: widget\nlisted: false\n")
    response = staff.post(f"/admin/wizard/guide/{guide.pk}/draft/markdown/", {"source_text": text})
    assert b"mini.md:1 [start]: this question has no answers" in response.content
    assert not GuideDraft.objects.exists()


def test_the_markdown_form_refuses_a_docs_url_that_does_not_parse_with_the_reason(staff, guide):
    text = guide.source_text.replace("https://example.com/docs/widget/", "https://[x/")
    response = staff.post(f"/admin/wizard/guide/{guide.pk}/draft/markdown/", {"source_text": text})
    assert response.status_code == 200
    assert b"mini.md:14 [widget]: docs link &#x27;https://[x/&#x27; is not a valid http(s) URL" in response.content
    assert not GuideDraft.objects.exists()


def test_the_markdown_form_saves_a_valid_edit_to_the_draft(staff, guide):
    text = guide.source_text.replace("Pass the package name.", "Pass the Android package name.")
    response = staff.post(f"/admin/wizard/guide/{guide.pk}/draft/markdown/", {"source_text": text})
    assert response.status_code == 302
    assert GuideDraft.objects.get(guide=guide).source_text == text


def test_the_markdown_form_keeps_the_files_line_endings(staff, guide):
    # Browsers send a textarea back with CRLF; the file uses LF and must keep it.
    text = guide.source_text.replace("Pass the package name.", "Pass the Android package name.")
    staff.post(f"/admin/wizard/guide/{guide.pk}/draft/markdown/", {"source_text": text.replace("\n", "\r\n")})
    assert GuideDraft.objects.get(guide=guide).source_text == text


def test_publish_asks_for_confirmation_and_shows_the_diff_escaped(staff, guide):
    draft = start_draft(staff, guide)
    staff.post(
        f"/admin/wizard/guide/{guide.pk}/draft/markdown/",
        {"source_text": draft.source_text.replace("Pass the package name.", "Pass <b>the</b> name.")},
    )
    response = staff.get(f"/admin/wizard/guide/{guide.pk}/draft/publish/")
    assert response.status_code == 200
    assert b"<ins>+1. Pass &lt;b&gt;the&lt;/b&gt; name.</ins>" in response.content
    assert Step.objects.get(node__guide=guide, node__slug="android-package").text == "Pass the package name."


def test_publish_then_roll_back(staff, guide, client):
    start_draft(staff, guide)
    node = draft_node("wrong-src")
    staff.post(f"/admin/wizard/node/{node.pk}/change/", step_form(node, {1: "Correct the `src`."}))
    response = staff.post(f"/admin/wizard/guide/{guide.pk}/draft/publish/", {"note": "wording"}, follow=True)
    assert b"Published revision #2" in response.content
    assert b"Correct the" in staff.get("/guides/mini/wrong-src/").content
    response = staff.post(f"/admin/wizard/guide/{guide.pk}/revisions/1/rollback/", follow=True)
    assert b"Rolled back to #1 (saved as revision #3)" in response.content
    assert Step.objects.get(node__guide=guide, node__slug="wrong-src", position=1).text == OLD_STEP


def test_compare_shows_the_changed_lines(staff, guide):
    draft = start_draft(staff, guide)
    staff.post(
        f"/admin/wizard/guide/{guide.pk}/draft/markdown/",
        {"source_text": draft.source_text.replace("Pass the package name.", "Pass the app id.")},
    )
    staff.post(f"/admin/wizard/guide/{guide.pk}/draft/publish/")
    response = staff.get(f"/admin/wizard/guide/{guide.pk}/revisions/2/compare/")
    assert b"<del>-1. Pass the package name.</del>" in response.content
    assert b"<ins>+1. Pass the app id.</ins>" in response.content


def test_compare_with_nonsense_is_404(staff, guide):
    assert staff.get(f"/admin/wizard/guide/{guide.pk}/revisions/1/compare/?with=zz").status_code == 404


def test_discard_keeps_the_live_guide(staff, guide):
    start_draft(staff, guide)
    staff.post(f"/admin/wizard/guide/{guide.pk}/draft/discard/")
    assert not GuideDraft.objects.exists()
    assert not Guide.objects.filter(slug="mini--draft").exists()


def test_publish_needs_a_post(staff, guide):
    start_draft(staff, guide)
    staff.get(f"/admin/wizard/guide/{guide.pk}/draft/publish/")
    assert GuideDraft.objects.exists()


def test_authoring_views_need_staff(client, guide):
    response = client.post(f"/admin/wizard/guide/{guide.pk}/draft/start/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not GuideDraft.objects.exists()


def test_authoring_posts_need_csrf(guide, django_user_model):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_superuser("a", "a@example.com", None))
    assert client.post(f"/admin/wizard/guide/{guide.pk}/draft/start/").status_code == 403


def test_readers_never_see_the_draft(client, staff, guide):
    start_draft(staff, guide)
    client.logout()
    assert client.get("/guides/mini--draft/").status_code == 404
