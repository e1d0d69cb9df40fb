"""Reads for the views: each in a fixed number of queries, whatever the size of a guide."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.db import connection
from django.db.models import Max, Q, QuerySet

from .content.graph import LOOKUP, NOT_SURE, START
from .models import Choice, Escalation, Guide, GuideDraft, GuideRevision, Node, NodeRedirect


def guide_list(*, include_drafts: bool = False) -> QuerySet[Guide]:
    guides = Guide.objects.all()
    return guides if include_drafts else guides.filter(is_draft=False)


def guide_get(*, slug: str, include_drafts: bool = False) -> Guide | None:
    return guide_list(include_drafts=include_drafts).filter(slug=slug).first()


def guide_published_nodes(*, guide_id: str) -> set[str]:
    """Node ids readers can reach in a published guide (none for a draft or a guide never loaded)."""
    return set(Node.objects.filter(guide__slug=guide_id, guide__is_draft=False).values_list("slug", flat=True))


# The home page names this many of a guide's symptoms (its first question's answers, in the guide's order).
HOME_SYMPTOMS = 6


@dataclass(frozen=True)
class GuideOverview:
    """A guide as the home page lists it: what it covers (its first answers) and whether it has a code lookup."""

    guide: Guide
    # (answer label as HTML, the node it leads to) of the first answers, in the guide's order.
    symptoms: list[tuple[str, str]]
    more: int
    has_lookup: bool


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
                symptoms=listed[:symptoms],
                more=max(0, len(listed) - symptoms),
                has_lookup=guide.pk in lookups,
            )
        )
    return overviews


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


@dataclass(frozen=True)
class GuideStamp:
    """A published (or, for staff, draft) guide's id and content version: what rendered steps are cached under."""

    pk: int
    content_version: int


def guide_stamp(*, slug: str, include_drafts: bool = False) -> GuideStamp | None:
    """One query. The content version goes up with every import or publish, so every app server sees it at once.

    Every step asks this before anything else, and with the page cache it is most of a step's database work.
    """
    # Plain SQL pays: the same query built by the ORM took a cached step from 1.7 to 2.4 ms CPU (bench/inprocess).
    table = connection.ops.quote_name(Guide._meta.db_table)
    sql = f"SELECT id, content_version FROM {table} WHERE slug = %s"  # the table name is the model's own
    params: list[str | bool] = [slug]
    if not include_drafts:
        sql += " AND is_draft = %s"
        params.append(False)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    return GuideStamp(*found) if found else None


def node_for_step(*, guide_slug: str, node_slug: str, include_drafts: bool = False) -> Node | None:
    """A node with its guide, answers (and their targets), steps and error codes: four queries."""
    nodes = Node.objects.for_step().filter(guide__slug=guide_slug, slug=node_slug)
    return (nodes if include_drafts else nodes.filter(guide__is_draft=False)).first()


def node_redirect_target(*, guide_slug: str, node_slug: str, include_drafts: bool = False) -> str | None:
    """Where a node removed from a guide now points: the slug recorded at publish or import, or None."""
    redirects = NodeRedirect.objects.filter(guide__slug=guide_slug, old_slug=node_slug)
    if not include_drafts:
        redirects = redirects.filter(guide__is_draft=False)
    return redirects.values_list("target__slug", flat=True).first()


def node_trail(node: Node, *, link: Callable[[str, list[str]], str], unsure: Collection[str] = ()) -> list[TrailStep]:
    """The questions and answers that lead to a node, stored at import: no tree walk here.

    `unsure` holds the questions the reader answered "Not sure" (from the URL); only a No that "Not sure" could
    stand for is shown as one, so a made-up list changes nothing else. `link(slug, unsure_before)` makes each
    question's URL with the "Not sure" answers given before it.
    """
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


def escalation_get(*, key: str, node: Node) -> Escalation | None:
    """The escalation a form on this node sent, by its unguessable key (for the page shown after sending)."""
    if not key:
        return None
    return Escalation.objects.filter(idempotency_key=key[:64], guide_id=node.guide_id, node_slug=node.slug).first()


def guide_embed_starts(*, guide: Guide) -> list[Node]:
    """The steps a help center may start an embed on: questions and resolutions, in guide order."""
    nodes = Node.objects.filter(guide=guide).exclude(kind=Node.Kind.ESCALATION)
    return list(nodes.order_by("position").only("slug", "title", "kind"))


# Authoring (the admin): a guide's draft, its preview's nodes, its revisions.


def guide_authored_get(*, slug: str) -> Guide | None:
    """A guide by its id, hidden or not, but never a draft preview (those are reached through their guide)."""
    return Guide.objects.filter(slug=slug, preview_of__isnull=True).first()


def guide_draft_get(*, guide_id: int) -> GuideDraft | None:
    """The guide's unpublished draft, with its preview guide and who last edited it."""
    return GuideDraft.objects.filter(guide_id=guide_id).select_related("preview", "updated_by").first()


def guide_node_list(*, guide_id: int) -> list[Node]:
    """A guide's nodes in reading order, without their rendered texts (a list of links needs none)."""
    return list(Node.objects.filter(guide_id=guide_id).only("guide_id", "slug", "kind", "title").order_by("position"))


def guide_node_get(*, guide_id: int, slug: str) -> Node | None:
    return Node.objects.filter(guide_id=guide_id, slug=slug).first()


def guide_revision_list(*, guide_id: int) -> list[GuideRevision]:
    """Newest first, with who made each."""
    return list(GuideRevision.objects.filter(guide_id=guide_id).select_related("created_by").order_by("-number"))


def guide_revision_get(*, guide_id: int, number: int) -> GuideRevision | None:
    return GuideRevision.objects.filter(guide_id=guide_id, number=number).select_related("created_by").first()


def guide_revision_latest(*, guide_id: int) -> int:
    """The newest revision's number; 0 before the first import."""
    return GuideRevision.objects.filter(guide_id=guide_id).aggregate(number=Max("number"))["number"] or 0
