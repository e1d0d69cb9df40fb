"""What readers did, as the app recorded it: walks and their events, feedback, escalations. Read-only."""

from __future__ import annotations

from django.contrib import admin

from ..models import Escalation, Event, Feedback, Walk
from .readonly import ReadOnlyAdminMixin


class EventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Event
    fields = ["created_at", "kind", "node_slug", "detail"]
    extra = 0
    can_delete = False
    ordering = ["created_at"]


@admin.register(Walk)
class WalkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "guide", "started_at", "source", "source_name", "referrer_host", "outcome", "last_node"]
    list_filter = ["guide", "source", "outcome"]
    date_hierarchy = "started_at"
    inlines = [EventInline]


@admin.register(Event)
class EventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "guide", "node_slug", "walk"]
    list_filter = ["kind", "guide"]
    date_hierarchy = "created_at"


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "helpful", "current", "guide", "node_slug", "comment", "walk"]
    list_filter = ["helpful", "current", "guide"]
    search_fields = ["node_slug", "comment"]
    date_hierarchy = "created_at"


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "id", "guide", "node_slug", "contact_email", "request_id", "notified"]
    list_filter = ["notified", "guide"]
    search_fields = ["contact_email", "contact_name", "request_id", "link_session_id", "what_happened"]
    date_hierarchy = "created_at"
