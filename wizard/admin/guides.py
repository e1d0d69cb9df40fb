"""A guide's page and the authoring workflow: start a draft, edit its Markdown, preview, publish, compare
revisions, roll back. The pages are the guide admin's own views (get_urls); the writes are in
services/authoring.py, the reads in selectors.py."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import selectors
from ..models import Guide
from ..services import authoring
from ..services.authoring import AuthoringError
from . import imports
from .forms import MarkdownForm
from .staff import acting_user

HIDDEN_AFTER_PUBLISH = (
    " Readers still do not see the guide: its Markdown says draft: true. Start a draft, write what is missing (the "
    "resolutions without steps) and remove that line, then publish again."
)


def diff_rows(lines: list[str]) -> list[tuple[str, str]]:
    """Unified diff lines tagged for the template, which escapes them (never |safe)."""
    rows: list[tuple[str, str]] = []
    for line in lines:
        if line.startswith(("+++", "---")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "same"
        rows.append((kind, line))
    return rows


def _live_diff(guide: Guide, new: str, new_name: str) -> list[tuple[str, str]]:
    """What readers would see change, from the live guide to `new`."""
    return diff_rows(authoring.text_diff(old=guide.source_text, new=new, old_name="live", new_name=new_name))


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    """Guides come from Markdown: nothing here edits a field directly; edits go through a draft.

    The guide's change permission is the permission to author it.
    """

    list_display = ["title", "slug", "is_draft", "draft_status", "source_file", "position"]
    search_fields = ["title", "slug", "summary"]
    readonly_fields = ("title", "slug", "summary", "docs_url", "source_file", "position", "is_draft")
    fields = readonly_fields
    change_form_template = "admin/wizard/guide/change_form.html"
    change_list_template = "admin/wizard/guide/change_list.html"
    view_on_site = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Guide]:
        # Draft previews are reached through their guide.
        return super().get_queryset(request).filter(preview_of__isnull=True).select_related("draft")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A guide is a file in content/: load_content adds it.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Guide | None = None) -> bool:
        # A guide is a file in content/: removing it there is what removes it (load_content prunes).
        return False

    @admin.display(description="draft")
    def draft_status(self, obj: Guide) -> str:
        draft = getattr(obj, "draft", None)
        return f"edited {draft.updated_at:%Y-%m-%d %H:%M}" if draft else "-"

    def get_urls(self) -> list[URLPattern]:
        """The authoring pages of one guide, before the admin's own (whose catch-all would take them).

        A page for the whole list adds its URL here, its view in a module of its own, and its link to the change
        list's object tools (`change_list_template`): "Import docs" is admin/imports.py.
        """
        view = self.admin_site.admin_view
        own = [
            path("import/", view(self.import_view), name="wizard_guide_import"),
            path("<int:object_id>/draft/start/", view(self.draft_start_view), name="wizard_guide_draft_start"),
            path("<int:object_id>/draft/markdown/", view(self.markdown_view), name="wizard_guide_draft_markdown"),
            path("<int:object_id>/draft/publish/", view(self.publish_view), name="wizard_guide_draft_publish"),
            path("<int:object_id>/draft/discard/", view(self.discard_view), name="wizard_guide_draft_discard"),
            path(
                "<int:object_id>/revisions/<int:number>/compare/",
                view(self.compare_view),
                name="wizard_guide_revision_compare",
            ),
            path(
                "<int:object_id>/revisions/<int:number>/rollback/",
                view(self.rollback_view),
                name="wizard_guide_revision_rollback",
            ),
        ]
        return own + super().get_urls()

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        context = {**(extra_context or {}), "can_import": imports.can_import(request, self)}
        return super().changelist_view(request, context)

    @method_decorator(csrf_exempt)
    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Import docs (admin/imports.py), which checks CSRF itself once its upload limit is in place."""
        return imports.import_view(request, model_admin=self)

    # The guide's page: the admin's change form, read-only, with the draft and the revisions above it.

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        guide = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if guide is not None:
            context.update(self._authoring_context(guide))
        # Every field is read-only: the page offers Close, not Save.
        context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().change_view(request, object_id, form_url, context)

    def _authoring_context(self, guide: Guide) -> dict[str, Any]:
        draft = selectors.guide_draft_get(guide_id=guide.pk)
        revisions = selectors.guide_revision_list(guide_id=guide.pk)
        latest = revisions[0].number if revisions else 0
        return {
            "guide": guide,
            "draft": draft,
            "draft_behind": bool(draft and draft.base_revision < latest),
            "draft_nodes": selectors.guide_node_list(guide_id=draft.preview_id) if draft else [],
            "revisions": revisions,
            "latest_revision": latest,
            "live_url": guide.get_absolute_url(),
            "preview_url": draft.preview.get_absolute_url() if draft else None,
        }

    # The authoring pages. Each answers 404 for an unknown guide and 403 without the permission to author it;
    # a POST redirects back to the guide's page with a message, and what changed is logged in its History.

    def _guide(self, request: HttpRequest, object_id: int) -> Guide:
        guide = self.get_object(request, str(object_id))
        if guide is None:
            raise Http404("No such guide.")
        if not self.has_change_permission(request, guide):
            raise PermissionDenied
        return guide

    def _back(self, guide: Guide) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:wizard_guide_change", args=[guide.pk]))

    def _page(self, request: HttpRequest, guide: Guide, template: str, **context: Any) -> TemplateResponse:
        return TemplateResponse(
            request,
            f"admin/wizard/guide/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": guide,
                "guide": guide,
                "change_url": reverse("admin:wizard_guide_change", args=[guide.pk]),
                **context,
            },
        )

    def _refused(self, request: HttpRequest, guide: Guide, error: AuthoringError) -> HttpResponseRedirect:
        self.message_user(request, "Refused: " + " ".join(error.reasons), messages.ERROR)
        return self._back(guide)

    @method_decorator(require_POST)
    def draft_start_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        try:
            draft = authoring.draft_get_or_create(guide=guide, user=acting_user(request))
        except AuthoringError as error:
            return self._refused(request, guide, error)
        self.log_change(request, guide, "Started a draft.")
        self.message_user(
            request, f"Editing the draft of {guide.title}. Readers keep seeing the live guide.", messages.SUCCESS
        )
        node = selectors.guide_node_get(guide_id=draft.preview_id, slug=request.POST.get("node", ""))
        if node is not None:
            return HttpResponseRedirect(reverse("admin:wizard_node_change", args=[node.pk]))
        return self._back(guide)

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def markdown_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        draft = selectors.guide_draft_get(guide_id=guide.pk)
        form = MarkdownForm(request.POST or None, current=draft.source_text if draft else guide.source_text)
        if request.method == "POST" and form.is_valid():
            try:
                draft = authoring.draft_save_text(
                    guide=guide, text=form.cleaned_data["source_text"], user=acting_user(request)
                )
            except AuthoringError as error:
                for reason in error.reasons:
                    form.add_error("source_text", reason)
            else:
                self.log_change(request, guide, "Saved the draft's Markdown.")
                self.message_user(
                    request,
                    format_html(
                        "Saved to the draft. <a href='{}'>Preview it</a>, then publish it from this page.",
                        draft.preview.get_absolute_url(),
                    ),
                    messages.SUCCESS,
                )
                return self._back(guide)
        # Invalid Markdown comes back with 200 and the reasons, so the text typed is never lost.
        return self._page(request, guide, "markdown.html", title=f"Edit the Markdown of {guide.title}", form=form)

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def publish_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        draft = selectors.guide_draft_get(guide_id=guide.pk)
        if draft is None:
            self.message_user(request, "There is no draft to publish.", messages.WARNING)
            return self._back(guide)
        if request.method == "POST":
            try:
                revision = authoring.guide_publish(
                    guide=guide, user=acting_user(request), note=request.POST.get("note", "")
                )
            except AuthoringError as error:
                return self._refused(request, guide, error)
            guide.refresh_from_db(fields=["is_draft"])
            # An import still marked `draft: true` publishes hidden: say so, or "See it live" leads readers nowhere.
            hidden = HIDDEN_AFTER_PUBLISH if guide.is_draft else ""
            if revision is None:
                self.log_change(request, guide, "Closed a draft that was the same as the live guide.")
                self.message_user(
                    request,
                    f"The draft was the same as the live guide: nothing changed. Draft closed.{hidden}",
                    messages.WARNING if hidden else messages.INFO,
                )
            elif hidden:
                self.log_change(request, guide, f"Published revision #{revision.number}.")
                self.message_user(request, f"Published revision #{revision.number}.{hidden}", messages.WARNING)
            else:
                self.log_change(request, guide, f"Published revision #{revision.number}.")
                self.message_user(
                    request,
                    format_html(
                        "Published revision #{}. <a href='{}'>See it live</a>.",
                        revision.number,
                        guide.get_absolute_url(),
                    ),
                    messages.SUCCESS,
                )
            return self._back(guide)
        latest = selectors.guide_revision_latest(guide_id=guide.pk)
        warnings = []
        if draft.base_revision < latest:
            warnings.append(
                f"The live guide changed since this draft was started (now revision #{latest}); publishing replaces "
                "those changes with the draft."
            )
        if authoring.draft_says_hidden(draft=draft):
            # An import keeps `draft: true` while a resolution has no steps (services/imports.py).
            warnings.append(
                "The draft says draft: true, so publishing "
                + ("keeps the guide hidden from readers" if guide.is_draft else "hides the guide from readers")
                + ". Write the missing steps and remove that line from the draft's Markdown to show it."
            )
        return self._page(
            request,
            guide,
            "confirm.html",
            title=f"Publish the draft of {guide.title}?",
            action="Publish",
            explanation="Readers will see the whole draft at once. The live version is kept as a revision you can "
            "roll back to.",
            warning=" ".join(warnings),
            note_field=True,
            diff=_live_diff(guide, draft.source_text, "draft"),
        )

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def discard_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        draft = selectors.guide_draft_get(guide_id=guide.pk)
        if draft is None:
            self.message_user(request, "There is no draft to discard.", messages.WARNING)
            return self._back(guide)
        if request.method == "POST":
            authoring.draft_discard(draft=draft)
            self.log_change(request, guide, "Discarded the draft.")
            self.message_user(request, "Draft discarded. The live guide did not change.", messages.SUCCESS)
            return self._back(guide)
        return self._page(
            request,
            guide,
            "confirm.html",
            title=f"Discard the draft of {guide.title}?",
            action="Discard the draft",
            explanation="Every unpublished edit is lost. The live guide does not change.",
            diff=_live_diff(guide, draft.source_text, "draft"),
        )

    @method_decorator(require_safe)
    def compare_view(self, request: HttpRequest, object_id: int, number: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        revision = selectors.guide_revision_get(guide_id=guide.pk, number=number)
        if revision is None:
            raise Http404("No such revision.")
        against = request.GET.get("with", "previous")
        if against == "live":
            old_text, old_name = guide.source_text, "live"
        else:
            try:
                other = number - 1 if against == "previous" else int(against)
            except ValueError:
                raise Http404("Compare with 'previous', 'live' or a revision number.") from None
            older = selectors.guide_revision_get(guide_id=guide.pk, number=other)
            old_text, old_name = (older.source_text, f"#{other}") if older else ("", "(nothing)")
        diff = authoring.text_diff(old=old_text, new=revision.source_text, old_name=old_name, new_name=f"#{number}")
        return self._page(
            request,
            guide,
            "compare.html",
            title=f"{guide.title}: revision #{number} compared with {old_name}",
            revision=revision,
            diff=diff_rows(diff),
        )

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def rollback_view(self, request: HttpRequest, object_id: int, number: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        revision = selectors.guide_revision_get(guide_id=guide.pk, number=number)
        if revision is None:
            raise Http404("No such revision.")
        if request.method == "POST":
            try:
                new = authoring.guide_rollback(revision=revision, user=acting_user(request))
            except AuthoringError as error:
                return self._refused(request, guide, error)
            if new is None:
                self.message_user(request, f"Revision #{number} is already live: nothing changed.", messages.INFO)
            else:
                self.log_change(request, guide, f"Rolled back to revision #{number} (saved as revision #{new.number}).")
                self.message_user(
                    request,
                    format_html(
                        "Rolled back to #{} (saved as revision #{}). <a href='{}'>See it live</a>.",
                        number,
                        new.number,
                        guide.get_absolute_url(),
                    ),
                    messages.SUCCESS,
                )
            return self._back(guide)
        return self._page(
            request,
            guide,
            "confirm.html",
            title=f"Roll {guide.title} back to revision #{number}?",
            action=f"Roll back to #{number}",
            explanation="Readers will see this revision at once; it is saved as a new revision, so this can be undone "
            "the same way.",
            diff=_live_diff(guide, revision.source_text, f"#{number}"),
        )
