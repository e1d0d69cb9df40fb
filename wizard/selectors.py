"""Reads for the views: each in a fixed number of queries, whatever the size of a guide."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from html import unescape
from urllib.parse import quote, urlsplit

from django.core.cache import cache
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.html import strip_tags

from .content.graph import LOOKUP, NOT_SURE, START
from .content.render import plain_text
from .models import Choice, Escalation, Guide, Node


def guide_list(*, include_drafts: bool = False) -> QuerySet[Guide]:
    guides = Guide.objects.all()
    return guides if include_drafts else guides.filter(is_draft=False)


def guide_get(*, slug: str, include_drafts: bool = False) -> Guide | None:
    return guide_list(include_drafts=include_drafts).filter(slug=slug).first()


# The home page names this many of a guide's symptoms (its first question's answers, in the guide's order).
HOME_SYMPTOMS = 6


@dataclass(frozen=True)
class GuideOverview:
    """A guide as the home page lists it: what it covers (its first answers) and its error code lookup."""

    guide: Guide
    symptoms: list[tuple[str, str]]
    more: int
    lookup_url: str | None


def guide_overviews(*, include_drafts: bool = False, symptoms: int = HOME_SYMPTOMS) -> list[GuideOverview]:
    """Every guide with its first `symptoms` answers: two queries, whatever the number of guides."""
    guides = list(guide_list(include_drafts=include_drafts))
    answers: dict[int, list[tuple[str, str]]] = {guide.pk: [] for guide in guides}
    lookups: set[int] = set()
    rows = (
        Choice.objects.filter(node__slug=START, node__guide__in=guides)
        .order_by("node__guide_id", "position")
        .values_list("node__guide_id", "label_html", "target__slug", "target__guide_id")
    )
    for guide_id, label_html, target, target_guide in rows:
        if target == LOOKUP and target_guide == guide_id:
            lookups.add(guide_id)
        else:
            answers[guide_id].append((label_html, target))
    overviews = []
    for guide in guides:
        listed = answers[guide.pk]
        overviews.append(
            GuideOverview(
                guide=guide,
                symptoms=[(label, node_url(guide.slug, target)) for label, target in listed[:symptoms]],
                more=max(0, len(listed) - symptoms),
                lookup_url=node_url(guide.slug, LOOKUP) if guide.pk in lookups else None,
            )
        )
    return overviews


def node_url(guide_slug: str, node_slug: str, *, embed: bool = False) -> str:
    prefix = "wizard:embed_" if embed else "wizard:"
    if node_slug == START:
        return reverse(prefix + "guide", args=[guide_slug])
    return reverse(prefix + "node", args=[guide_slug, node_slug])


@dataclass(frozen=True)
class TrailStep:
    url: str
    question_html: str
    question: str
    answer_html: str
    answer: str
    node: str = ""
    can_be_unsure: bool = False
    unsure: bool = False


STEP_CACHE_SECONDS = 600


@dataclass(frozen=True)
class GuideVersion:
    """A published (or, for staff, draft) guide and its content version: what cached steps are keyed on."""

    pk: int
    version: int


def guide_version(*, slug: str, include_drafts: bool = False) -> GuideVersion | None:
    """One query. The version goes up with every import or publish, so every app server sees new content at once.

    Every step asks this before anything else, and with the page cache it is most of a step's work: plain SQL
    here costs a fifth of what building the same query with the ORM costs on each request.
    """
    table = connection.ops.quote_name(Guide._meta.db_table)
    sql = f"SELECT id, content_version FROM {table} WHERE slug = %s"  # the table name is the model's own
    params: list[object] = [slug]
    if not include_drafts:
        sql += " AND is_draft = %s"
        params.append(False)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    return GuideVersion(*found) if found else None


def node_for_step(
    *, guide_slug: str, node_slug: str, include_drafts: bool = False, version: GuideVersion | None = None
) -> Node | None:
    """A node with its guide, answers (and their targets), steps and error codes.

    One query for the guide's content version (none when `version` is given), then the cache; on a miss,
    four more queries.
    """
    if len(node_slug) > Node._meta.get_field("slug").max_length:
        return None  # no such node, and too long for a cache key
    version = version or guide_version(slug=guide_slug, include_drafts=include_drafts)
    if version is None:
        return None
    key = f"step:{version.pk}:{version.version}:{node_slug}"
    node = cache.get(key)
    if node is None:
        node = Node.objects.for_step().filter(guide_id=version.pk, slug=node_slug).first()
        if node is None:
            return None
        cache.set(key, node, STEP_CACHE_SECONDS)
    return node


def node_trail(
    node: Node, *, link: Callable[[str, list[str]], str] | None = None, unsure: Collection[str] = ()
) -> list[TrailStep]:
    """The questions and answers that lead to a node, stored at import: no tree walk here.

    `unsure` holds the questions the reader answered "Not sure" (from the URL); only a No that "Not sure" could
    stand for is shown as one, so a made-up list changes nothing else. `link(slug, unsure_before)` makes each
    question's URL with the "Not sure" answers given before it.
    """
    link = link or (lambda slug, _unsure: node_url(node.guide.slug, slug))
    steps = []
    unsure_before: list[str] = []
    for step in node.trail:
        can_be_unsure = step.get("can_be_unsure", False)
        is_unsure = can_be_unsure and step["node"] in unsure
        steps.append(
            TrailStep(
                url=link(step["node"], list(unsure_before)),
                question_html=step["question_html"],
                question=step["question"],
                answer_html=NOT_SURE if is_unsure else step["answer_html"],
                answer=NOT_SURE if is_unsure else step["answer"],
                node=step["node"],
                can_be_unsure=can_be_unsure,
                unsure=is_unsure,
            )
        )
        if is_unsure:
            unsure_before.append(step["node"])
    return steps


@dataclass(frozen=True)
class RelatedNode:
    """A related resolution, possibly in another guide."""

    guide_slug: str
    guide_title: str
    slug: str
    title_html: str


def node_related(node: Node, *, include_drafts: bool = False) -> list[RelatedNode]:
    """The node's `related` resolutions that exist, in the content's order: one query, none without any.

    Stored as "<guide>/<node>" ids rather than foreign keys, so a target that a later import removed is left out.
    """
    refs = [tuple(ref.split("/", 1)) for ref in node.related if "/" in ref]
    if not refs:
        return []
    wanted = Q()
    for guide_slug, node_slug in refs:
        wanted |= Q(guide__slug=guide_slug, slug=node_slug)
    nodes = Node.objects.filter(wanted, guide__in=guide_list(include_drafts=include_drafts))
    found = {
        (row[0], row[2]): RelatedNode(*row)
        for row in nodes.values_list("guide__slug", "guide__title", "slug", "title_html")
    }
    return [found[ref] for ref in refs if ref in found]


@dataclass(frozen=True)
class NotChecked:
    """A cause the reader was not sure about, and the question that checks it."""

    cause_html: str
    question: TrailStep


def escalation_causes(node: Node, trail: list[TrailStep]) -> tuple[list[str], list[NotChecked]]:
    """An escalation's causes split into ruled out (answered No) and not checked (answered "Not sure").

    A cause-by-cause section's escalation is reached through its cause questions in cause order, so the last
    steps of the trail pair with `ruled_out`; any other escalation (a "None of these") ruled them all out.
    """
    causes = list(node.ruled_out)
    checks = trail[-len(causes) :] if causes else []
    if len(checks) != len(causes) or not all(step.can_be_unsure for step in checks):
        return causes, []
    ruled_out = [cause for cause, step in zip(causes, checks, strict=True) if not step.unsure]
    not_checked = [NotChecked(cause, step) for cause, step in zip(causes, checks, strict=True) if step.unsure]
    return ruled_out, not_checked


def node_ticket_summary(node: Node, trail: list[TrailStep], absolute_url: str) -> str:
    """Plain text an agent pastes into a ticket: the path, the outcome, what to do, and a link back.

    Expects a node from `node_for_step` (steps and codes prefetched), so it adds no query.
    """
    lines = [f"Guide: {node.guide.title}"]
    if trail:
        lines += ["", "Asked and answered:"]
        lines += [f"{number}. {step.question} -> {step.answer}" for number, step in enumerate(trail, 1)]
    lines += ["", f"{'Not solved' if node.kind == Node.Kind.ESCALATION else 'Resolution'}: {node.title}"]
    if node.symptom_html:
        lines.append(f"Symptom: {_html_text(node.symptom_html)}")
    if node.kind == Node.Kind.ESCALATION:
        ruled_out, not_checked = escalation_causes(node, trail)
        if ruled_out:
            lines += ["", "Ruled out:"] + [f"- {_html_text(cause)}" for cause in ruled_out]
        if not_checked:
            lines += ["", "Not checked (answered Not sure):"]
            lines += [f"- {_html_text(item.cause_html)}" for item in not_checked]
    else:
        steps = list(node.steps.all())
        if steps:
            lines += ["", "Steps:"] + [f"{number}. {plain_text(step.text)}" for number, step in enumerate(steps, 1)]
        unsure = [step.question for step in trail if step.unsure]
        if unsure:
            lines += ["", "Not checked yet (answered Not sure):"] + [f"- {question}" for question in unsure]
    codes = [f"{alias.value} ({alias.error_type})" if alias.error_type else alias.value for alias in node.aliases.all()]
    if codes:
        lines += ["", f"Error codes: {', '.join(codes)}"]
    lines += ["", f"Link: {absolute_url}"]
    return "\n".join(lines)


def _html_text(html: str) -> str:
    return " ".join(unescape(strip_tags(html)).split())


@dataclass(frozen=True)
class NextStep:
    """Where to go when a resolution did not solve it: the next documented cause, or the escalation page."""

    node: Node
    is_escalation: bool


def node_next_step(node: Node) -> NextStep | None:
    """The next documented cause for the same symptom, else the section's escalation: at most two queries.

    A cause-by-cause question leads "Yes" to this resolution and "No" to the next cause's question (or, after the
    last cause, to the escalation page); a section's `ask` question ends with "None of these" -> escalation. Both
    are the first answer after this one that stays in the section and does not lead to another resolution.
    """
    if node.parent_id is not None:
        choices = list(
            Choice.objects.filter(node_id=node.parent_id, is_link=False).select_related("target").order_by("position")
        )
        after = False
        for choice in choices:
            if choice.target_id == node.pk:
                after = True
            elif after and choice.target.kind != Node.Kind.RESOLUTION and choice.target.section == node.section:
                return NextStep(choice.target, choice.target.kind == Node.Kind.ESCALATION)
    if not node.section:
        return None
    escalation = Node.objects.filter(
        guide_id=node.guide_id, slug=f"{node.section}-escalate", kind=Node.Kind.ESCALATION
    ).first()
    return NextStep(escalation, True) if escalation else None


def handoff_url(*, template: str, subject: str, body: str) -> str | None:
    """The configured hand-off link (helpdesk, mailto, tracker) with the summary filled in, URL-encoded."""
    if not template or urlsplit(template).scheme not in {"http", "https", "mailto"}:
        return None
    return template.replace("{subject}", quote(subject, safe="")).replace("{body}", quote(body, safe=""))


def escalation_get(*, key: str, node: Node) -> Escalation | None:
    """The escalation a form on this node sent, by its unguessable key (for the page shown after sending)."""
    if not key:
        return None
    return Escalation.objects.filter(idempotency_key=key[:64], guide_id=node.guide_id, node_slug=node.slug).first()
