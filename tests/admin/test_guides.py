from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client

from wizard.admin.guides import diff_rows
from wizard.models import Guide, GuideDraft, GuideRevision, Node, Step

pytestmark = pytest.mark.django_db

OLD_STEP = "Fix the `src` attribute.\n- Use the stable URL."


def url(guide: Guide, page: str) -> str:
    return f"/admin/wizard/guide/{guide.pk}/{page}"


def edit_markdown(staff, guide: Guide, old: str, new: str):
    return staff.post(url(guide, "draft/markdown/"), {"source_text": guide.source_text.replace(old, new)})


def history(guide: Guide) -> list[str]:
    return [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=str(guide.pk)).order_by("pk")]


# The guide's page and list


def test_guide_page_offers_a_draft(staff, guide):
    response = staff.get(url(guide, "change/"))
    assert b"Start a draft" in response.content


def test_guide_page_has_no_save_button(staff, guide):
    response = staff.get(url(guide, "change/"))
    assert b'name="_save"' not in response.content


def test_guide_page_lists_the_revisions(staff, guide):
    response = staff.get(url(guide, "change/"))
    assert [revision.number for revision in response.context["revisions"]] == [1]


def test_guide_page_lists_the_drafts_nodes(staff, guide, draft):
    node = Node.objects.get(guide=draft.preview, slug="wrong-src")
    response = staff.get(url(guide, "change/"))
    assert f"/admin/wizard/node/{node.pk}/change/" in response.content.decode()


def test_guide_page_warns_when_the_live_guide_moved_on_since_the_draft(staff, guide, draft):
    GuideRevision.objects.create(guide=guide, number=2, source_text=guide.source_text)
    response = staff.get(url(guide, "change/"))
    assert b"The live guide has changed since this draft was started (now revision #2)" in response.content


def test_guide_list_hides_draft_previews_and_searches(staff, guide, draft):
    response = staff.get("/admin/wizard/guide/?q=mini")
    assert list(response.context["cl"].result_list) == [guide]


def test_a_guide_cannot_be_added_here(staff, guide):
    assert staff.get("/admin/wizard/guide/add/").status_code == 403


def test_a_guide_cannot_be_deleted_here(staff, guide):
    assert staff.post(url(guide, "delete/"), {"post": "yes"}).status_code == 403


# Starting a draft


def test_starting_a_draft_from_a_live_node_opens_the_draft_node(staff, guide):
    response = staff.post(url(guide, "draft/start/"), {"node": "wrong-src"})
    draft_node = Node.objects.get(guide__slug="mini--draft", slug="wrong-src")
    assert response["Location"] == f"/admin/wizard/node/{draft_node.pk}/change/"


def test_starting_a_draft_without_a_node_opens_the_guide(staff, guide):
    response = staff.post(url(guide, "draft/start/"))
    assert response["Location"] == url(guide, "change/")


def test_starting_a_draft_is_in_the_guides_history(staff, guide, draft):
    assert history(guide) == ["Started a draft."]


def test_starting_a_draft_needs_a_post(staff, guide):
    assert staff.get(url(guide, "draft/start/")).status_code == 405


# Editing the Markdown


def test_the_markdown_form_refuses_an_orphaning_edit_with_the_reason(staff, guide, draft):
    response = edit_markdown(staff, guide, "id: platform\n", "id: platform\nlisted: false\n")
    assert b"mini.md:64 [android-package]: no walk from the first question reaches this node" in response.content


def test_a_refused_markdown_edit_comes_back_with_200(staff, guide, draft):
    # The text typed comes back in the form, so nothing is lost.
    assert edit_markdown(staff, guide, "id: platform\n", "id: platform\nlisted: false\n").status_code == 200


def test_a_refused_markdown_edit_changes_nothing(staff, guide, draft):
    edit_markdown(staff, guide, "id: platform\n", "id: platform\nlisted: false\n")
    assert GuideDraft.objects.get(guide=guide).source_text == guide.source_text


def test_the_markdown_form_refuses_a_question_without_answers_with_the_reason(staff, guide):
    text = guide.source_text.replace("id: platform\n", "id: platform\nlisted: false\n")
    text = text.replace("id: widget\n", "id: widget\nlisted: false\n")
    response = staff.post(url(guide, "draft/markdown/"), {"source_text": text})
    assert b"mini.md:1 [start]: this question has no answers" in response.content


def test_the_markdown_form_refuses_a_docs_url_that_does_not_parse_with_the_reason(staff, guide):
    text = guide.source_text.replace("https://example.com/docs/widget/", "https://[x/")
    response = staff.post(url(guide, "draft/markdown/"), {"source_text": text})
    assert response.status_code == 200
    assert b"mini.md:14 [widget]: docs link &#x27;https://[x/&#x27; is not a valid http(s) URL" in response.content


def test_a_refused_first_edit_leaves_no_draft(staff, guide):
    edit_markdown(staff, guide, "id: platform\n", "id: platform\nlisted: false\n")
    assert not GuideDraft.objects.exists()


def test_the_markdown_form_saves_a_valid_edit_to_the_draft(staff, guide):
    response = edit_markdown(staff, guide, "Pass the package name.", "Pass the Android package name.")
    assert response["Location"] == url(guide, "change/")
    assert "Pass the Android package name." in GuideDraft.objects.get(guide=guide).source_text


def test_the_markdown_form_keeps_the_files_line_endings(staff, guide):
    # Browsers send a textarea back with CRLF; the file uses LF and must keep it.
    text = guide.source_text.replace("Pass the package name.", "Pass the Android package name.")
    staff.post(url(guide, "draft/markdown/"), {"source_text": text.replace("\n", "\r\n")})
    assert GuideDraft.objects.get(guide=guide).source_text == text


def test_a_markdown_edit_is_in_the_guides_history(staff, guide):
    edit_markdown(staff, guide, "Pass the package name.", "Pass the Android package name.")
    assert history(guide) == ["Saved the draft's Markdown."]


def test_the_markdown_of_an_unknown_guide_is_404(staff):
    assert staff.get("/admin/wizard/guide/999999/draft/markdown/").status_code == 404


# Publishing


def test_publish_asks_for_confirmation_and_shows_the_diff_escaped(staff, guide, draft):
    edit_markdown(staff, guide, "Pass the package name.", "Pass <b>the</b> name.")
    response = staff.get(url(guide, "draft/publish/"))
    assert b"<ins>+1. Pass &lt;b&gt;the&lt;/b&gt; name.</ins>" in response.content


def test_publish_needs_a_post(staff, guide, draft):
    staff.get(url(guide, "draft/publish/"))
    assert Step.objects.get(node__guide=guide, node__slug="android-package").text == "Pass the package name."


def test_publish_warns_when_the_live_guide_moved_on_since_the_draft(staff, guide, draft):
    GuideRevision.objects.create(guide=guide, number=2, source_text=guide.source_text)
    response = staff.get(url(guide, "draft/publish/"))
    assert b"The live guide changed since this draft was started (now revision #2)" in response.content


def test_publishing_without_a_draft_says_so(staff, guide):
    response = staff.post(url(guide, "draft/publish/"), follow=True)
    assert b"There is no draft to publish." in response.content


def test_publishing_makes_the_draft_live(staff, guide):
    edit_markdown(staff, guide, "Pass the package name.", "Pass the app id.")
    staff.post(url(guide, "draft/publish/"), {"note": "wording"})
    assert Step.objects.get(node__guide=guide, node__slug="android-package").text == "Pass the app id."


def test_publishing_says_which_revision(staff, guide):
    edit_markdown(staff, guide, "Pass the package name.", "Pass the app id.")
    response = staff.post(url(guide, "draft/publish/"), follow=True)
    assert b"Published revision #2. <a href='/guides/mini/'>See it live</a>." in response.content


def test_publishing_is_in_the_guides_history(staff, guide):
    edit_markdown(staff, guide, "Pass the package name.", "Pass the app id.")
    staff.post(url(guide, "draft/publish/"))
    assert history(guide)[-1] == "Published revision #2."


def test_publishing_an_unchanged_draft_only_closes_it(staff, guide, draft):
    response = staff.post(url(guide, "draft/publish/"), follow=True)
    assert b"nothing changed. Draft closed." in response.content
    assert not GuideRevision.objects.filter(guide=guide, number=2).exists()


# Revisions: compare and roll back


def test_compare_shows_the_changed_lines(staff, guide):
    edit_markdown(staff, guide, "Pass the package name.", "Pass the app id.")
    staff.post(url(guide, "draft/publish/"))
    response = staff.get(url(guide, "revisions/2/compare/"))
    assert b"<del>-1. Pass the package name.</del>" in response.content
    assert b"<ins>+1. Pass the app id.</ins>" in response.content


def test_compare_with_live(staff, guide):
    response = staff.get(url(guide, "revisions/1/compare/?with=live"))
    assert response.context["title"] == "Mini guide: revision #1 compared with live"


def test_compare_with_nonsense_is_404(staff, guide):
    assert staff.get(url(guide, "revisions/1/compare/?with=zz")).status_code == 404


def test_compare_of_an_unknown_revision_is_404(staff, guide):
    assert staff.get(url(guide, "revisions/9/compare/")).status_code == 404


def test_roll_back_after_a_publish(staff, guide):
    edit_markdown(staff, guide, "Fix the `src` attribute.", "Correct the `src`.")
    staff.post(url(guide, "draft/publish/"))
    response = staff.post(url(guide, "revisions/1/rollback/"), follow=True)
    assert b"Rolled back to #1 (saved as revision #3)" in response.content
    assert Step.objects.get(node__guide=guide, node__slug="wrong-src", position=1).text == OLD_STEP


def test_roll_back_is_in_the_guides_history(staff, guide):
    edit_markdown(staff, guide, "Fix the `src` attribute.", "Correct the `src`.")
    staff.post(url(guide, "draft/publish/"))
    staff.post(url(guide, "revisions/1/rollback/"))
    assert history(guide)[-1] == "Rolled back to revision #1 (saved as revision #3)."


def test_rolling_back_to_the_live_revision_changes_nothing(staff, guide):
    response = staff.post(url(guide, "revisions/1/rollback/"), follow=True)
    assert b"Revision #1 is already live: nothing changed." in response.content


def test_roll_back_asks_for_confirmation(staff, guide):
    response = staff.get(url(guide, "revisions/1/rollback/"))
    assert response.context["action"] == "Roll back to #1"


def test_roll_back_needs_a_post(staff, guide):
    edit_markdown(staff, guide, "Fix the `src` attribute.", "Correct the `src`.")
    staff.post(url(guide, "draft/publish/"))
    staff.get(url(guide, "revisions/1/rollback/"))
    assert GuideRevision.objects.filter(guide=guide).count() == 2


# Discarding


def test_discard_keeps_the_live_guide(staff, guide, draft):
    staff.post(url(guide, "draft/discard/"))
    assert not GuideDraft.objects.exists()
    assert not Guide.objects.filter(slug="mini--draft").exists()


def test_discarding_is_in_the_guides_history(staff, guide, draft):
    staff.post(url(guide, "draft/discard/"))
    assert history(guide) == ["Started a draft.", "Discarded the draft."]


# Who may author


def test_authoring_views_need_staff(client, guide):
    response = client.post(url(guide, "draft/start/"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not GuideDraft.objects.exists()


def test_authoring_needs_the_permission_to_change_the_guide(client, guide, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", "viewer@example.com", None, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_guide"))
    client.force_login(viewer)
    assert client.post(url(guide, "draft/start/")).status_code == 403
    assert not GuideDraft.objects.exists()


def test_authoring_posts_need_csrf(guide, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_superuser("a", "a@example.com", None))
    assert client.post(url(guide, "draft/start/")).status_code == 403


def test_readers_never_see_the_draft(client, staff, guide, draft):
    client.logout()
    assert client.get("/guides/mini--draft/").status_code == 404


# The diff as the templates get it


def test_diff_rows_tag_each_kind_of_line():
    lines = ["--- live", "+++ draft", "@@ -1 +1 @@", "-old", "+new", " same"]
    assert [kind for kind, _line in diff_rows(lines)] == ["file", "file", "hunk", "del", "add", "same"]


# Publishing a draft that says draft: true (an import with resolutions still to write)


def test_publishing_a_draft_marked_draft_warns_that_it_hides_the_live_guide(staff, guide):
    text = guide.source_text.replace("---\n", "---\ndraft: true\n", 1)
    staff.post(url(guide, "draft/markdown/"), {"source_text": text})
    response = staff.get(url(guide, "draft/publish/"))
    assert "publishing hides the guide from readers" in response.context["warning"]


def test_publishing_a_draft_marked_draft_warns_that_a_hidden_guide_stays_hidden(staff, guide):
    Guide.objects.filter(pk=guide.pk).update(is_draft=True)
    staff.post(
        url(guide, "draft/markdown/"), {"source_text": guide.source_text.replace("---\n", "---\ndraft: true\n", 1)}
    )
    response = staff.get(url(guide, "draft/publish/"))
    assert "publishing keeps the guide hidden from readers" in response.context["warning"]


def test_publishing_an_ordinary_draft_has_no_warning(staff, guide, draft):
    assert staff.get(url(guide, "draft/publish/")).context["warning"] == ""


def test_publishing_a_draft_marked_draft_says_readers_still_do_not_see_it(staff, guide):
    Guide.objects.filter(pk=guide.pk).update(is_draft=True)
    staff.post(
        url(guide, "draft/markdown/"), {"source_text": guide.source_text.replace("---\n", "---\ndraft: true\n", 1)}
    )
    response = staff.post(url(guide, "draft/publish/"), follow=True)
    assert b"Readers still do not see the guide: its Markdown says draft: true." in response.content


def test_publishing_a_draft_marked_draft_offers_no_live_link(staff, guide):
    Guide.objects.filter(pk=guide.pk).update(is_draft=True)
    staff.post(
        url(guide, "draft/markdown/"), {"source_text": guide.source_text.replace("---\n", "---\ndraft: true\n", 1)}
    )
    response = staff.post(url(guide, "draft/publish/"), follow=True)
    assert b"See it live" not in response.content
