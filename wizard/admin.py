from __future__ import annotations

from django.contrib import admin

from .models import Alias, Choice, Escalation, Event, Feedback, Guide, Node, Step, Walk


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_draft", "source_file", "position"]
    search_fields = ["title", "slug"]


class ChoiceInline(admin.TabularInline):
    model = Choice
    fk_name = "node"
    fields = ["position", "label", "target", "is_link"]
    raw_id_fields = ["target"]
    extra = 0


class StepInline(admin.TabularInline):
    model = Step
    fields = ["position", "text"]
    extra = 0


class AliasInline(admin.TabularInline):
    model = Alias
    fields = ["kind", "value", "meaning"]
    extra = 0


@admin.register(Node)
class NodeAdmin(admin.ModelAdmin):
    list_display = ["slug", "guide", "kind", "title", "source_line"]
    list_filter = ["guide", "kind"]
    search_fields = ["slug", "title", "aliases__value"]
    raw_id_fields = ["parent"]
    inlines = [ChoiceInline, StepInline, AliasInline]
    view_on_site = True


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
    list_display = ["created_at", "helpful", "guide", "node_slug", "comment", "walk"]
    list_filter = ["helpful", "guide"]
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
