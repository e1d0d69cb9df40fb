from __future__ import annotations

from typing import NotRequired, TypedDict

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .content import graph
from .content.graph import START


class Guide(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=500, blank=True)
    docs_url = models.URLField(max_length=500, blank=True)
    source_file = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    is_draft = models.BooleanField(
        default=False, help_text="Imported for authors to finish; not shown to readers until published."
    )
    # The Markdown this guide was built from, byte for byte: export_content writes it back to content/.
    source_text = models.TextField(blank=True)
    content_version = models.PositiveIntegerField(
        default=0, editable=False, help_text="Goes up whenever an import or publish changes this guide."
    )

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("wizard:guide", args=[self.slug])


class NodeQuerySet(models.QuerySet["Node"]):
    def for_step(self) -> NodeQuerySet:
        """What one wizard step shows, in a fixed number of queries whatever the guide's size."""
        # Only what a step shows: not the guide's whole Markdown, not the targets' texts.
        # The target's guide too: an answer may continue in another guide (a `see:` of `<guide>/<node>`).
        answers = Choice.objects.select_related("target__guide").only(
            *("node_id", "label", "label_html", "position", "is_link", "is_unsure", "target__slug"),
            *("target__guide_id", "target__guide__slug", "target__guide__title"),
        )
        return (
            self.select_related("guide")
            .defer("guide__source_text")
            .prefetch_related(
                models.Prefetch("choices", queryset=answers.order_by("position")),
                models.Prefetch("steps", queryset=Step.objects.order_by("position")),
                models.Prefetch("aliases", queryset=Alias.objects.filter(kind=Alias.Kind.CODE).order_by("value")),
            )
        )


class StoredTrailStep(TypedDict):
    """One step of `Node.trail`: a question on the way to the node and the answer that leads on, as text and HTML."""

    node: str
    question: str
    question_html: str
    answer: str
    answer_html: str
    # Only on a No that a "Not sure" answer (same next node) could stand for: the page may show it as "Not sure".
    can_be_unsure: NotRequired[bool]


class Node(models.Model):
    class Kind(models.TextChoices):
        # The content's own names (content/graph.py), so the graph and the database never disagree.
        QUESTION = graph.QUESTION
        RESOLUTION = graph.RESOLUTION
        ESCALATION = graph.ESCALATION
        LOOKUP = graph.LOOKUP, "error code lookup"

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="nodes")
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=500, help_text="Plain text, for page titles and search.")
    title_html = models.TextField()
    body_html = models.TextField(blank=True, help_text="How to find the answer, or an introduction.")
    symptom_html = models.TextField(blank=True)
    cause_html = models.TextField(blank=True)
    steps_intro_html = models.TextField(blank=True)
    docs: models.JSONField[list[list[str]], list[list[str]]] = models.JSONField(
        default=list, blank=True, help_text="[title, url] pairs of official docs."
    )
    ruled_out: models.JSONField[list[str], list[str]] = models.JSONField(
        default=list, blank=True, help_text="Causes ruled out before an escalation."
    )
    # "<guide>/<node>" of each related resolution, in the content's order. Ids, not foreign keys: a link into
    # another guide must not vanish (nor block an import) with that guide's node; a target gone is left out.
    related: models.JSONField[list[str], list[str]] = models.JSONField(
        default=list, blank=True, help_text='Related resolutions: ["<guide>/<node>", ...].'
    )
    section = models.SlugField(max_length=100, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Stored at import so a page never walks the tree.
    trail: models.JSONField[list[StoredTrailStep], list[StoredTrailStep]] = models.JSONField(default=list, blank=True)
    source_file = models.CharField(max_length=300)
    source_line = models.PositiveIntegerField(default=1)
    position = models.PositiveIntegerField(default=0)

    objects = NodeQuerySet.as_manager()

    class Meta:
        ordering = ["guide", "position"]
        constraints = [models.UniqueConstraint(fields=["guide", "slug"], name="unique_node_slug_per_guide")]

    def __str__(self) -> str:
        return f"{self.guide.slug}/{self.slug}"

    def get_absolute_url(self) -> str:
        if self.slug == START:
            return reverse("wizard:guide", args=[self.guide.slug])
        return reverse("wizard:node", args=[self.guide.slug, self.slug])


class Choice(models.Model):
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="choices")
    target = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="incoming")
    label = models.CharField(max_length=500)
    label_html = models.TextField()
    position = models.PositiveIntegerField(default=0)
    is_link = models.BooleanField(default=False, help_text="A link to a node owned by another branch.")
    is_unsure = models.BooleanField(
        default=False, help_text='"Not sure": goes on as No does, and the walk lists the cause as not checked.'
    )

    class Meta:
        ordering = ["node", "position"]

    def __str__(self) -> str:
        return self.label


class Step(models.Model):
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    text = models.TextField(help_text="Markdown source.")
    html = models.TextField()

    class Meta:
        ordering = ["node", "position"]

    def __str__(self) -> str:
        return f"{self.node} step {self.position}"


class Alias(models.Model):
    """An error code or a phrase that points at a node (for search)."""

    class Kind(models.TextChoices):
        CODE = "code"
        PHRASE = "phrase"

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=300)
    meaning = models.CharField(max_length=500, blank=True)
    error_type = models.CharField(max_length=100, blank=True, help_text="An error code's type, e.g. ITEM_ERROR.")

    class Meta:
        ordering = ["node", "kind", "value"]
        indexes = [models.Index(fields=["value"])]
        verbose_name_plural = "aliases"

    def __str__(self) -> str:
        return self.value


class Walk(models.Model):
    """One person's pass through a guide. Anonymous: a random id carried in the URL, no cookie."""

    class Source(models.TextChoices):
        DIRECT = "direct"
        SEARCH = "search"
        EMBED = "embed"
        REFERRER = "referrer"

    class Outcome(models.TextChoices):
        OPEN = "open"
        RESOLVED = "resolved"
        ESCALATED = "escalated"

    id = models.UUIDField(primary_key=True)
    guide = models.ForeignKey(Guide, null=True, on_delete=models.SET_NULL, related_name="walks")
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set by whoever records a step (the step recorder writes the time of the request, not of its batch).
    last_seen_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.DIRECT)
    source_name = models.CharField(max_length=100, blank=True, help_text="?source= given by a linking page.")
    referrer_host = models.CharField(max_length=255, blank=True)
    last_node = models.ForeignKey(Node, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.OPEN, db_index=True)
    # Copies of "this walk has such an event", set as the events are recorded: insights count them per walk
    # in one grouped scan instead of probing each walk's events (seconds at a million events).
    answered = models.BooleanField(default=False, editable=False, help_text="Answered at least one question.")
    reached_resolution = models.BooleanField(default=False, editable=False, help_text="Was shown a resolution.")
    reached_escalation = models.BooleanField(
        default=False, editable=False, help_text="Was shown an escalation page (or sent an escalation)."
    )

    class Meta:
        ordering = ["-started_at"]
        # Insights: one guide's walks over a date range.
        indexes = [models.Index(fields=["guide", "started_at"])]

    def __str__(self) -> str:
        return str(self.id)


class Event(models.Model):
    class Kind(models.TextChoices):
        SHOWN = "shown"
        ANSWERED = "answered"
        # Recorded along with the "answered" event of a "Not sure", so insights count them by kind (an index
        # range scan over a few rows) instead of testing the JSON detail of every answer.
        UNSURE = "unsure", 'answered "Not sure"'
        SEARCH = "search"
        RESOLUTION = "resolution", "resolution reached"
        ESCALATION = "escalation", "escalation reached"
        FEEDBACK = "feedback"
        ESCALATED = "escalated", "escalation sent"

    walk = models.ForeignKey(Walk, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    guide = models.ForeignKey(Guide, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    node = models.ForeignKey(Node, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Kept as text too, so history survives a node being removed from the content.
    node_slug = models.CharField(max_length=100, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "created_at"]),
            models.Index(fields=["guide", "kind", "created_at"]),
            # Insights: "did this walk reach a resolution?" is one probe per walk, not a scan of every resolution.
            models.Index(fields=["walk", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.node_slug}"


SAFE_ID = RegexValidator(
    r"^[A-Za-z0-9._:-]{1,100}$",
    "Use only letters, digits and . _ : - (as in a request_id or link_session_id).",
)


class Feedback(models.Model):
    """An answer to "Did this solve it?" on a resolution."""

    walk = models.ForeignKey(Walk, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    guide = models.ForeignKey(Guide, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    node = models.ForeignKey(Node, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Kept as text too, so feedback survives a node being removed from the content.
    node_slug = models.CharField(max_length=100)
    helpful = models.BooleanField()
    comment = models.TextField(max_length=2000, blank=True)
    # The random key of the form's signed token: the same form sent again with the same answer (a double click,
    # a resend) finds this row instead of adding one. Empty on rows from before it existed.
    key = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001 (see the constraint)
    # Every answer is kept. A later answer of the same walk (or form) on the same resolution is the current one;
    # the earlier stays, no longer current, so a walk link in other hands cannot erase what the reader said.
    current = models.BooleanField(default=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"
        constraints = [
            # One current answer per form: two copies of one form sent at once cannot both be current.
            models.UniqueConstraint(fields=["key"], condition=models.Q(current=True), name="one_current_per_form"),
        ]

    def __str__(self) -> str:
        return f"{'solved' if self.helpful else 'not solved'}: {self.node_slug}"


class Escalation(models.Model):
    """A hand-off to support from an escalation page, with the path that led there."""

    walk = models.ForeignKey(Walk, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations")
    guide = models.ForeignKey(Guide, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    node = models.ForeignKey(Node, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    node_slug = models.CharField(max_length=100)
    contact_name = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField()
    what_happened = models.TextField(max_length=5000)
    request_id = models.CharField(max_length=100, blank=True, validators=[SAFE_ID])
    link_session_id = models.CharField(max_length=100, blank=True, validators=[SAFE_ID])
    summary = models.TextField(help_text="The ticket summary when the escalation was sent.")
    # Rendered into the form: a second submit of the same form finds this row instead of adding one.
    idempotency_key = models.CharField(max_length=64, unique=True)
    notified = models.BooleanField(default=False)
    notify_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.node_slug} ({self.contact_email})"


class GuideRevision(models.Model):
    """The Markdown of one publish (or one import that changed the text): compare and roll back."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    source_text = models.TextField()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["guide", "-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="unique_revision_number_per_guide")]

    def __str__(self) -> str:
        return f"{self.guide.slug} #{self.number}"


class GuideDraft(models.Model):
    """Staff edits to a guide's Markdown, not yet published.

    The draft is always valid (a save that fails validation is refused) and is loaded into a hidden, staff-only
    preview guide, so authors click through exactly what readers will get.
    """

    guide = models.OneToOneField(Guide, on_delete=models.CASCADE, related_name="draft")
    preview = models.OneToOneField(Guide, on_delete=models.CASCADE, related_name="preview_of")
    source_text = models.TextField()
    # The live revision the draft started from: publishing over a newer one would silently drop its changes.
    base_revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"draft of {self.guide.slug}"


class NodeRedirect(models.Model):
    """A node removed from a guide: its old URL answers 301 to the closest node that still exists."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="redirects")
    old_slug = models.SlugField(max_length=100)
    target = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["guide", "old_slug"], name="unique_redirect_per_guide")]

    def __str__(self) -> str:
        return f"{self.guide.slug}/{self.old_slug} -> {self.target.slug}"


class RateLimit(models.Model):
    """The requests one client (or one form) made against one limit lately, in the database every app server shares.

    A sliding window: `hits` holds the times (seconds since the epoch) of the requests counted within the limit's
    period, so "10/m" means at most 10 in any 60 seconds, however many processes and servers answer them.
    """

    # "<group>:<what is counted>", e.g. "admin-login:ip:203.0.113.5" or "wizard.feedback:form:<token key>".
    key = models.CharField(max_length=200, primary_key=True)
    hits: models.JSONField[list[float], list[float]] = models.JSONField(default=list)
    # When the newest hit leaves the window: the row may be deleted after that.
    expires_at = models.FloatField(db_index=True)

    def __str__(self) -> str:
        return self.key
