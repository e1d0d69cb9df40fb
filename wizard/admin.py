from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_safe

from .models import Alias, Choice, Escalation, Event, Feedback, Guide, GuideDraft, GuideRevision, Node, Step, Walk
from .services import authoring
from .services.authoring import AuthoringError


def _diff_rows(lines: list[str]) -> list[tuple[str, str]]:
    """Unified diff lines tagged for the template, which escapes them (never |safe)."""
    rows = []
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


def _same_newlines(text: str, *, like: str) -> str:
    """Browsers submit a textarea with CRLF line breaks; keep the file's own, so an export diff shows only edits."""
    text = text.replace("\r\n", "\n")
    return text.replace("\n", "\r\n") if "\r\n" in like else text


class MarkdownForm(forms.Form):
    source_text = forms.CharField(
        label="Markdown",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false", "class": "vLargeTextField"}),
        help_text="The whole guide, in the format of content/README.md. It is validated like load_content before "
        "it is saved to the draft.",
    )


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    """Guides come from Markdown: nothing here edits a field directly; edits go through a draft."""

    list_display = ["title", "slug", "is_draft", "draft_status", "source_file", "position"]
    search_fields = ["title", "slug", "summary"]
    fields = ["title", "slug", "summary", "docs_url", "source_file", "position", "is_draft"]
    readonly_fields = fields
    change_form_template = "admin/wizard/guide/change_form.html"
    view_on_site = True

    def get_queryset(self, request: HttpRequest):
        # Draft previews are reached through their guide.
        return super().get_queryset(request).filter(preview_of__isnull=True).select_related("draft")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Guide | None = None) -> bool:
        # A guide is a file in content/: removing it there is what removes it (load_content prunes).
        return False

    @admin.display(description="draft")
    def draft_status(self, obj: Guide) -> str:
        draft = getattr(obj, "draft", None)
        return f"edited {draft.updated_at:%Y-%m-%d %H:%M}" if draft else "-"

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        own = [
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

    # Pages -------------------------------------------------------------------------

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        guide = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if guide is not None:
            context.update(self._authoring_context(guide))
        context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().change_view(request, object_id, form_url, context)

    def _authoring_context(self, guide: Guide) -> dict[str, Any]:
        draft = GuideDraft.objects.filter(guide=guide).select_related("preview", "updated_by").first()
        revisions = list(guide.revisions.select_related("created_by").order_by("-number"))
        latest = revisions[0].number if revisions else 0
        return {
            "guide": guide,
            "draft": draft,
            "draft_behind": bool(draft and draft.base_revision < latest),
            "draft_nodes": list(draft.preview.nodes.order_by("position")) if draft else [],
            "revisions": revisions,
            "latest_revision": latest,
            "live_url": guide.get_absolute_url(),
            "preview_url": draft.preview.get_absolute_url() if draft else None,
        }

    def _guide(self, request: HttpRequest, object_id: int) -> Guide:
        guide = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, guide):
            raise PermissionDenied
        return guide

    def _change_url(self, guide: Guide) -> str:
        return reverse("admin:wizard_guide_change", args=[guide.pk])

    def _page(self, request: HttpRequest, guide: Guide, template: str, **context: Any) -> TemplateResponse:
        return TemplateResponse(
            request,
            f"admin/wizard/guide/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": guide,
                "guide": guide,
                "change_url": self._change_url(guide),
                **context,
            },
        )

    @staticmethod
    def _refused(request: HttpRequest, error: AuthoringError) -> None:
        messages.error(request, "Refused: " + " ".join(error.reasons))

    @method_decorator(require_http_methods(["POST"]))
    def draft_start_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        try:
            draft = authoring.draft_get_or_create(guide=guide, user=request.user)
        except AuthoringError as error:
            self._refused(request, error)
            return HttpResponseRedirect(self._change_url(guide))
        node = draft.preview.nodes.filter(slug=request.POST.get("node", "")).first()
        messages.success(request, f"Editing the draft of {guide.title}. Readers keep seeing the live guide.")
        if node is not None:
            return HttpResponseRedirect(reverse("admin:wizard_node_change", args=[node.pk]))
        return HttpResponseRedirect(self._change_url(guide))

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def markdown_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        draft = GuideDraft.objects.filter(guide=guide).select_related("preview").first()
        current = draft.source_text if draft else guide.source_text
        form = MarkdownForm(request.POST or None, initial={"source_text": current})
        if request.method == "POST" and form.is_valid():
            try:
                text = _same_newlines(form.cleaned_data["source_text"], like=current)
                draft = authoring.draft_save_text(guide=guide, text=text, user=request.user)
            except AuthoringError as error:
                for reason in error.reasons:
                    form.add_error("source_text", reason)
            else:
                messages.success(
                    request,
                    format_html(
                        "Saved to the draft. <a href='{}'>Preview it</a>, then publish it from this page.",
                        draft.preview.get_absolute_url(),
                    ),
                )
                return HttpResponseRedirect(self._change_url(guide))
        # Invalid Markdown comes back with 200 and the reasons, so the text typed is never lost.
        return self._page(request, guide, "markdown.html", title=f"Edit the Markdown of {guide.title}", form=form)

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def publish_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        draft = GuideDraft.objects.filter(guide=guide).first()
        if draft is None:
            messages.warning(request, "There is no draft to publish.")
            return HttpResponseRedirect(self._change_url(guide))
        if request.method == "POST":
            try:
                revision = authoring.guide_publish(guide=guide, user=request.user, note=request.POST.get("note", ""))
            except AuthoringError as error:
                self._refused(request, error)
                return HttpResponseRedirect(self._change_url(guide))
            if revision is None:
                messages.info(request, "The draft was the same as the live guide: nothing changed. Draft closed.")
            else:
                messages.success(
                    request,
                    format_html(
                        "Published revision #{}. <a href='{}'>See it live</a>.",
                        revision.number,
                        guide.get_absolute_url(),
                    ),
                )
            return HttpResponseRedirect(self._change_url(guide))
        latest = authoring.guide_latest_revision(guide=guide)
        return self._page(
            request,
            guide,
            "confirm.html",
            title=f"Publish the draft of {guide.title}?",
            action="Publish",
            explanation="Readers will see the whole draft at once. The live version is kept as a revision you can "
            "roll back to.",
            warning=(
                f"The live guide changed since this draft was started (now revision #{latest}); publishing replaces "
                "those changes with the draft."
                if draft.base_revision < latest
                else ""
            ),
            note_field=True,
            diff=_diff_rows(
                authoring.text_diff(old=guide.source_text, new=draft.source_text, old_name="live", new_name="draft")
            ),
        )

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def discard_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        draft = GuideDraft.objects.filter(guide=guide).select_related("preview").first()
        if draft is None:
            messages.warning(request, "There is no draft to discard.")
            return HttpResponseRedirect(self._change_url(guide))
        if request.method == "POST":
            authoring.draft_discard(draft=draft)
            messages.success(request, "Draft discarded. The live guide did not change.")
            return HttpResponseRedirect(self._change_url(guide))
        return self._page(
            request,
            guide,
            "confirm.html",
            title=f"Discard the draft of {guide.title}?",
            action="Discard the draft",
            explanation="Every unpublished edit is lost. The live guide does not change.",
            diff=_diff_rows(
                authoring.text_diff(old=guide.source_text, new=draft.source_text, old_name="live", new_name="draft")
            ),
        )

    @method_decorator(require_safe)
    def compare_view(self, request: HttpRequest, object_id: int, number: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        revision = get_object_or_404(GuideRevision, guide=guide, number=number)
        against = request.GET.get("with", "previous")
        if against == "live":
            old_text, old_name = guide.source_text, "live"
        else:
            try:
                other = number - 1 if against == "previous" else int(against)
            except ValueError:
                raise Http404("Compare with 'previous', 'live' or a revision number.") from None
            older = GuideRevision.objects.filter(guide=guide, number=other).first()
            old_text, old_name = (older.source_text, f"#{other}") if older else ("", "(nothing)")
        diff = authoring.text_diff(old=old_text, new=revision.source_text, old_name=old_name, new_name=f"#{number}")
        return self._page(
            request,
            guide,
            "compare.html",
            title=f"{guide.title}: revision #{number} compared with {old_name}",
            revision=revision,
            diff=_diff_rows(diff),
        )

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def rollback_view(self, request: HttpRequest, object_id: int, number: int) -> HttpResponse:
        guide = self._guide(request, object_id)
        revision = get_object_or_404(GuideRevision, guide=guide, number=number)
        if request.method == "POST":
            try:
                new = authoring.guide_rollback(revision=revision, user=request.user)
            except AuthoringError as error:
                self._refused(request, error)
                return HttpResponseRedirect(self._change_url(guide))
            if new is None:
                messages.info(request, f"Revision #{number} is already live: nothing changed.")
            else:
                messages.success(
                    request,
                    format_html(
                        "Rolled back to #{} (saved as revision #{}). <a href='{}'>See it live</a>.",
                        number,
                        new.number,
                        guide.get_absolute_url(),
                    ),
                )
            return HttpResponseRedirect(self._change_url(guide))
        return self._page(
            request,
            guide,
            "confirm.html",
            title=f"Roll {guide.title} back to revision #{number}?",
            action=f"Roll back to #{number}",
            explanation="Readers will see this revision at once; it is saved as a new revision, so this can be undone "
            "the same way.",
            diff=_diff_rows(
                authoring.text_diff(
                    old=guide.source_text, new=revision.source_text, old_name="live", new_name=f"#{number}"
                )
            ),
        )


def _draft_of_node(node: Node | None) -> GuideDraft | None:
    if node is None:
        return None
    return GuideDraft.objects.filter(preview_id=node.guide_id).select_related("guide", "preview").first()


class ChoiceInline(admin.TabularInline):
    model = Choice
    fk_name = "node"
    verbose_name_plural = "answers (edit them in the guide's Markdown)"
    fields = ["position", "label", "target", "is_link", "is_unsure"]
    readonly_fields = fields
    ordering = ["position"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Node | None = None) -> bool:
        return False


class StepFormSet(BaseInlineFormSet):
    """Step edits become a patch of the draft's Markdown, validated like load_content before anything is saved."""

    patched: str | None = None
    draft: GuideDraft | None = None

    def clean(self) -> None:
        super().clean()
        edits = {
            (self.instance.slug, form.instance.position): form.cleaned_data["text"]
            for form in self.forms
            if form.has_changed() and form.cleaned_data.get("text") is not None
        }
        if not edits:
            return
        self.draft = _draft_of_node(self.instance)
        if self.draft is None:
            raise ValidationError("This is the live guide: start a draft to edit it.")
        try:
            self.patched = authoring.draft_steps_patch(draft=self.draft, edits=edits)
        except AuthoringError as error:
            raise ValidationError(error.reasons) from None


class StepInline(admin.TabularInline):
    model = Step
    formset = StepFormSet
    fields = ["position", "text"]
    ordering = ["position"]
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request: HttpRequest, obj: Node | None = None) -> list[str]:
        # Only a draft's steps are editable; the live guide changes by publishing.
        return ["position"] if _draft_of_node(obj) else ["position", "text"]

    def has_add_permission(self, request: HttpRequest, obj: Node | None = None) -> bool:
        return False


class AliasInline(admin.TabularInline):
    model = Alias
    verbose_name_plural = "error codes and phrases (edit them in the guide's Markdown)"
    fields = ["kind", "value", "meaning"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Node | None = None) -> bool:
        return False


@admin.register(Node)
class NodeAdmin(admin.ModelAdmin):
    list_display = ["slug", "guide", "kind", "title", "source_line"]
    list_filter = ["guide", "kind"]
    search_fields = ["slug", "title", "aliases__value", "steps__text"]
    list_select_related = ["guide"]
    fields = ["guide", "slug", "kind", "title", "section", "parent", "source_file", "source_line"]
    readonly_fields = fields
    inlines = [ChoiceInline, StepInline, AliasInline]
    change_form_template = "admin/wizard/node/change_form.html"
    # The template shows "Preview" for a draft's node and "View on site" for a live one.
    view_on_site = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Node | None = None) -> bool:
        # Nodes are derived from the Markdown; removing one there leaves a redirect behind.
        return False

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        node = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if node is not None:
            draft = _draft_of_node(node)
            live_guide = draft.guide if draft else node.guide
            context.update(
                draft=draft,
                node_url=node.get_absolute_url(),
                guide_admin_url=reverse("admin:wizard_guide_change", args=[live_guide.pk]),
                draft_start_url=reverse("admin:wizard_guide_draft_start", args=[live_guide.pk]),
                show_save=draft is not None,
                show_save_and_continue=draft is not None,
            )
        return super().change_view(request, object_id, form_url, context)

    def save_model(self, request: HttpRequest, obj: Node, form: forms.ModelForm, change: bool) -> None:
        # Nothing on the node row is edited here; its steps are saved through the draft in save_formset.
        return None

    def save_formset(self, request: HttpRequest, form: forms.ModelForm, formset: Any, change: bool) -> None:
        if isinstance(formset, StepFormSet) and formset.patched is not None and formset.draft is not None:
            authoring.draft_update_text(draft=formset.draft, text=formset.patched, user=request.user)
            messages.success(
                request,
                format_html(
                    "Saved to the draft. <a href='{}'>Preview the change</a>; publish it from "
                    "<a href='{}'>the guide's page</a>.",
                    form.instance.get_absolute_url(),
                    reverse("admin:wizard_guide_change", args=[formset.draft.guide_id]),
                ),
            )
        # The rows were rebuilt from the Markdown; the admin's change message still wants these.
        formset.new_objects, formset.deleted_objects = [], []
        formset.changed_objects = [(f.instance, ["text"]) for f in formset.forms if f.has_changed()]


class EventInline(admin.TabularInline):
    model = Event
    fields = ["created_at", "kind", "node_slug", "detail"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Walk)
class WalkAdmin(admin.ModelAdmin):
    list_display = ["id", "guide", "started_at", "source", "source_name", "referrer_host", "outcome", "last_node"]
    list_filter = ["guide", "source", "outcome"]
    date_hierarchy = "started_at"
    readonly_fields = [field.name for field in Walk._meta.fields]
    inlines = [EventInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "guide", "node_slug", "walk"]
    list_filter = ["kind", "guide"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Event._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "helpful", "current", "guide", "node_slug", "comment", "walk"]
    list_filter = ["helpful", "current", "guide"]
    search_fields = ["node_slug", "comment"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Feedback._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "id", "guide", "node_slug", "contact_email", "request_id", "notified"]
    list_filter = ["notified", "guide"]
    search_fields = ["contact_email", "contact_name", "request_id", "link_session_id", "what_happened"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Escalation._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
