from __future__ import annotations

import pytest

from tests.conftest import MINI
from wizard.content import read_guide, read_guide_text
from wizard.models import Guide, GuideDraft, GuideRevision, Node, NodeRedirect, Step
from wizard.services import authoring
from wizard.services.authoring import AuthoringError
from wizard.services.load import guides_load

pytestmark = pytest.mark.django_db

OLD_STEP = "Fix the `src` attribute.\n- Use the stable URL."
NEW_STEP = "Correct the `src` attribute.\n- Use the versioned URL."


@pytest.fixture
def guide(mini_guide) -> Guide:
    return Guide.objects.get(slug="mini")


@pytest.fixture
def draft(guide) -> GuideDraft:
    return authoring.draft_get_or_create(guide=guide)


def live_step(slug: str = "wrong-src", position: int = 1, guide: str = "mini") -> str:
    return Step.objects.get(node__guide__slug=guide, node__slug=slug, position=position).text


def test_loading_keeps_the_markdown_byte_for_byte(guide):
    assert guide.source_text.encode() == MINI.read_bytes()


def test_loading_saves_a_first_revision(guide):
    assert list(guide.revisions.values_list("number", "source_text")) == [(1, guide.source_text)]


def test_loading_the_same_text_again_saves_no_revision(guide):
    spec, _ = read_guide(MINI)
    guides_load(guides=[spec], prune=False)
    assert guide.revisions.count() == 1


def test_draft_starts_from_the_live_text(guide, draft):
    assert (draft.source_text, draft.base_revision) == (guide.source_text, 1)


def test_draft_has_a_hidden_preview_guide(draft):
    preview = draft.preview
    assert (preview.slug, preview.is_draft) == ("mini--draft", True)
    assert live_step(guide="mini--draft") == OLD_STEP


def test_step_patch_changes_only_that_steps_lines(draft):
    text = authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 1): NEW_STEP})
    old, new = draft.source_text.splitlines(), text.splitlines()
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [
        ("1. Fix the `src` attribute.", "1. Correct the `src` attribute."),
        ("   - Use the stable URL.", "   - Use the versioned URL."),
    ]


def test_step_patch_keeps_crlf_line_endings(guide):
    guide.source_text = guide.source_text.replace("\n", "\r\n")
    guide.save()
    draft = authoring.draft_get_or_create(guide=guide)
    text = authoring.draft_steps_patch(draft=draft, edits={("ad-blocker", 2): "Reload and look again."})
    assert "2. Reload and look again.\r\n" in text
    assert "\n" not in text.replace("\r\n", "")


def test_saving_a_step_updates_the_preview_not_the_live_guide(draft):
    text = authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 1): NEW_STEP})
    authoring.draft_update_text(draft=draft, text=text)
    assert (live_step(guide="mini--draft"), live_step()) == (NEW_STEP, OLD_STEP)


def test_a_step_edit_that_changes_the_structure_is_refused(draft):
    with pytest.raises(AuthoringError, match="would not read as written"):
        authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 1): "Fix it.\n<!-- a hidden note -->"})


def test_an_empty_step_is_refused(draft):
    with pytest.raises(AuthoringError, match="cannot be empty"):
        authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 1): "  \n "})


def test_an_unknown_step_is_refused(draft):
    with pytest.raises(AuthoringError, match=r"\[wrong-src\] has no step 9"):
        authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 9): "Anything."})


def test_an_edit_that_orphans_a_node_is_refused_with_the_reason(draft):
    # Off the first question and linked from nowhere: no walk reaches the section any more.
    text = draft.source_text.replace("id: platform\n", "id: platform\nlisted: false\n")
    with pytest.raises(AuthoringError) as refused:
        authoring.draft_update_text(draft=draft, text=text)
    assert "mini.md:64 [android-package]: no walk from the first question reaches this node" in refused.value.reasons


def test_an_edit_that_leaves_a_question_without_answers_is_refused_with_the_reason(draft):
    text = draft.source_text.replace("id: platform\n", "id: platform\nlisted: false\n").replace(
        "id: widget\n", "id: widget\nlisted: false\n"
    )
    with pytest.raises(AuthoringError) as refused:
        authoring.draft_update_text(draft=draft, text=text)
    assert "mini.md:1 [start]: this question has no answers" in refused.value.reasons


def test_a_refused_edit_leaves_the_draft_unchanged(draft):
    before = draft.source_text
    with pytest.raises(AuthoringError):
        authoring.draft_update_text(draft=draft, text=before.replace("## The widget", "### Nonsense"))
    draft.refresh_from_db()
    assert draft.source_text == before


def test_the_guide_id_cannot_change(draft):
    with pytest.raises(AuthoringError, match="must stay 'mini'"):
        authoring.draft_update_text(draft=draft, text=draft.source_text.replace("id: mini", "id: other", 1))


def test_publish_makes_the_draft_live_and_saves_a_revision(guide, draft, django_user_model):
    user = django_user_model.objects.create_user("editor", is_staff=True)
    authoring.draft_update_text(
        draft=draft, text=authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 1): NEW_STEP})
    )
    revision = authoring.guide_publish(guide=guide, user=user, note="clearer wording")
    assert (revision.number, revision.note, revision.created_by) == (2, "clearer wording", user)
    assert live_step() == NEW_STEP


def test_publish_closes_the_draft_and_its_preview(guide, draft):
    authoring.guide_publish(guide=guide)
    assert not GuideDraft.objects.exists()
    assert not Guide.objects.filter(slug="mini--draft").exists()


def test_publish_keeps_node_ids(guide, draft):
    pk = Node.objects.get(guide=guide, slug="wrong-src").pk
    authoring.draft_update_text(
        draft=draft, text=authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 1): NEW_STEP})
    )
    authoring.guide_publish(guide=guide)
    assert Node.objects.get(guide=guide, slug="wrong-src").pk == pk


def test_a_failure_mid_publish_leaves_the_live_guide_unchanged(guide, draft, monkeypatch):
    authoring.draft_update_text(
        draft=draft, text=authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 1): NEW_STEP})
    )

    def fail(**kwargs):
        raise RuntimeError("the database went away")

    # The guide is already loaded when closing the draft fails: all of it must roll back.
    monkeypatch.setattr(authoring, "draft_discard", fail)
    with pytest.raises(RuntimeError):
        authoring.guide_publish(guide=guide)
    guide.refresh_from_db()
    assert (live_step(), guide.revisions.count(), GuideDraft.objects.count()) == (OLD_STEP, 1, 1)
    assert guide.source_text.encode() == MINI.read_bytes()


def test_publishing_an_unchanged_draft_saves_no_revision(guide, draft):
    assert authoring.guide_publish(guide=guide) is None
    assert guide.revisions.count() == 1


def test_publish_without_a_draft_is_refused(guide):
    with pytest.raises(AuthoringError, match="no draft"):
        authoring.guide_publish(guide=guide)


def test_rollback_publishes_the_old_text_as_a_new_revision(guide, draft):
    authoring.draft_update_text(
        draft=draft, text=authoring.draft_steps_patch(draft=draft, edits={("wrong-src", 1): NEW_STEP})
    )
    authoring.guide_publish(guide=guide)
    revision = authoring.guide_rollback(revision=GuideRevision.objects.get(guide=guide, number=1))
    assert (revision.number, revision.note) == (3, "rollback to #1")
    assert live_step() == OLD_STEP


def test_rollback_to_the_live_revision_changes_nothing(guide):
    assert authoring.guide_rollback(revision=guide.revisions.get(number=1)) is None


def test_text_diff_lists_only_the_changed_lines():
    diff = authoring.text_diff(old="a\nb\nc\n", new="a\nB\nc\n", old_name="#1", new_name="#2")
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == ["-b", "+B"]


def remove_wrong_src(text: str) -> str:
    """The mini guide without its second cause (and that cause's steps)."""
    start = text.index("- The script tag points at the wrong `src`.")
    end = text.index("### Troubleshooting steps", start)
    text = text[:start] + text[end:]
    start = text.index("#### Wrong src")
    end = text.index("## The platform matters")
    return text[:start] + text[end:]


def test_publishing_a_removed_node_leaves_a_redirect_to_its_closest_surviving_ancestor(guide, draft):
    authoring.draft_update_text(draft=draft, text=remove_wrong_src(draft.source_text))
    authoring.guide_publish(guide=guide)
    redirects = dict(NodeRedirect.objects.filter(guide=guide).values_list("old_slug", "target__slug"))
    # wrong-src was reached through check-wrong-src, which went too; its parent `widget` is still there.
    assert redirects == {"wrong-src": "widget", "check-wrong-src": "widget"}


def test_a_node_that_comes_back_drops_its_redirect(guide, draft):
    authoring.draft_update_text(draft=draft, text=remove_wrong_src(draft.source_text))
    authoring.guide_publish(guide=guide)
    authoring.guide_rollback(revision=guide.revisions.get(number=1))
    assert not NodeRedirect.objects.filter(guide=guide).exists()


def test_redirects_to_a_node_removed_later_follow_it(guide):
    NodeRedirect.objects.create(
        guide=guide, old_slug="very-old", target=Node.objects.get(guide=guide, slug="wrong-src")
    )
    spec, errors = read_guide_text(remove_wrong_src(guide.source_text), "mini.md")
    assert errors == []
    guides_load(guides=[spec], prune=False)
    assert NodeRedirect.objects.get(guide=guide, old_slug="very-old").target.slug == "widget"


def test_load_content_prune_keeps_draft_previews(guide, draft):
    spec, _ = read_guide(MINI)
    guides_load(guides=[spec])
    assert Guide.objects.filter(slug="mini--draft").exists()


def test_load_content_prune_removes_the_preview_with_its_guide(guide, draft):
    other, _ = read_guide(MINI)
    other.id = "other"
    guides_load(guides=[other])
    assert list(Guide.objects.values_list("slug", flat=True)) == ["other"]
