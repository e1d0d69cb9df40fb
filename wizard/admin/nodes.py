"""A node's page. Nodes are built from the guide's Markdown: a live node is shown read-only, and a draft's node
takes edits to its steps, each saved as a patch of exactly that step's lines in the draft's Markdown."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html

from ..models import Alias, Choice, GuideDraft, Node, Step
from ..services import authoring
from ..services.authoring import AuthoringError
from .readonly import ReadOnlyAdminMixin
from .staff import acting_user


def draft_of(node: Node) -> GuideDraft | None:
    """The draft whose preview this node belongs to; None on a live guide. NodeAdmin loads it with the node."""
    return getattr(node.guide, "preview_of", None)


class ChoiceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Choice
    fk_name = "node"
    verbose_name_plural = "answers (edit them in the guide's Markdown)"
    fields = ["position", "label", "target", "is_link", "is_unsure"]
    ordering = ["position"]
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Choice]:
        # Each row names its target as "guide/node": load both with the answers, not one query per row.
        return super().get_queryset(request).select_related("target__guide")


class AliasInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Alias
    verbose_name_plural = "error codes and phrases (edit them in the guide's Markdown)"
    fields = ["kind", "value", "meaning"]
    extra = 0
    can_delete = False


class StepFormSet(BaseInlineFormSet):
    """Step edits become a patch of the draft's Markdown, validated like load_content, so a refused edit comes
    back as the formset's error (`file:line [node]: message`) and nothing is saved."""

    patched: str | None = None

    def clean(self) -> None:
        super().clean()
        draft = draft_of(self.instance)
        edits = {
            (self.instance.slug, form.instance.position): form.cleaned_data["text"]
            for form in self.forms
            if form.has_changed() and form.cleaned_data.get("text") is not None
        }
        if draft is None or not edits:
            return  # a live node's page is view-only (NodeAdmin.has_change_permission): there is nothing to patch
        try:
            self.patched = authoring.draft_steps_patch(draft=draft, edits=edits)
        except AuthoringError as error:
            raise ValidationError(error.reasons) from None


class StepInline(admin.TabularInline):
    model = Step
    formset = StepFormSet
    fields = ["position", "text"]
    readonly_fields = ["position"]
    ordering = ["position"]
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Step]:
        # Each row is titled "guide/node step n": load the node and guide with the steps, not twice per row.
        return super().get_queryset(request).select_related("node__guide")

    def has_add_permission(self, request: HttpRequest, obj: Node | None = None) -> bool:
        # A new step is a new list item: the list's shape is edited in the guide's Markdown.
        return False


@admin.register(Node)
class NodeAdmin(admin.ModelAdmin):
    list_display = ["slug", "guide", "kind", "title", "source_line"]
    list_filter = ["guide", "kind"]
    search_fields = ["slug", "title", "aliases__value", "steps__text"]
    list_select_related = ["guide"]
    readonly_fields = ("guide", "slug", "kind", "title", "section", "parent", "source_file", "source_line")
    fields = readonly_fields
    inlines = [ChoiceInline, StepInline, AliasInline]
    change_form_template = "admin/wizard/node/change_form.html"
    # The template shows "Preview" for a draft's node and "View on site" for a live one.
    view_on_site = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Node]:
        # The draft a node belongs to (draft_of) and that draft's live guide come in the same query: the
        # permission checks and the page ask for them several times. The parent is shown as "guide/node".
        return super().get_queryset(request).select_related("guide__preview_of__guide", "parent__guide")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Node | None = None) -> bool:
        # Nodes are derived from the Markdown; removing one there leaves a redirect behind.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Node | None = None) -> bool:
        # A live node changes by publishing a draft, so Django shows its page view-only (and refuses a POST);
        # a draft's node takes step edits.
        return super().has_change_permission(request, obj) and (obj is None or draft_of(obj) is not None)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        node = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if node is not None:
            draft = draft_of(node)
            live_guide = draft.guide if draft else node.guide
            context.update(
                draft=draft,
                node_url=node.get_absolute_url(),
                guide_admin_url=reverse("admin:wizard_guide_change", args=[live_guide.pk]),
                draft_start_url=reverse("admin:wizard_guide_draft_start", args=[live_guide.pk]),
            )
        return super().change_view(request, object_id, form_url, context)

    def save_formset(self, request: HttpRequest, form: forms.ModelForm, formset: Any, change: bool) -> None:
        if not isinstance(formset, StepFormSet):
            super().save_formset(request, form, formset, change)  # view-only: Django saves nothing of them
            return
        draft = draft_of(form.instance)
        if formset.patched is None or draft is None:
            return
        # The steps are lines of the draft's Markdown, not rows to save: the draft takes the patch, and reloading
        # its preview rewrites the rows (and their HTML) from it.
        authoring.draft_update_text(draft=draft, text=formset.patched, user=acting_user(request))
        self.message_user(
            request,
            format_html(
                "Saved to the draft. <a href='{}'>Preview the change</a>; publish it from "
                "<a href='{}'>the guide's page</a>.",
                form.instance.get_absolute_url(),
                reverse("admin:wizard_guide_change", args=[draft.guide_id]),
            ),
            messages.SUCCESS,
        )

    def construct_change_message(
        self, request: HttpRequest, form: forms.Form, formsets: Any, add: bool = False
    ) -> list[dict[str, Any]]:
        # Django's own message lists what formset.save() saved; the steps were saved through the draft instead,
        # so say which ones changed, in the same form (the node's History page shows it).
        text = str(Step._meta.get_field("text").verbose_name)
        return [
            {"changed": {"name": str(Step._meta.verbose_name), "object": str(step.instance), "fields": [text]}}
            for formset in formsets
            if isinstance(formset, StepFormSet)
            for step in formset.forms
            if step.has_changed()
        ]
