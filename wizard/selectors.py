"""Reads for the views: each in a fixed number of queries, whatever the size of a guide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from .content.graph import START
from .models import Guide, Node


def guide_list(*, include_drafts: bool = False) -> QuerySet[Guide]:
    guides = Guide.objects.all()
    return guides if include_drafts else guides.filter(is_draft=False)


def guide_get(*, slug: str, include_drafts: bool = False) -> Guide | None:
    return guide_list(include_drafts=include_drafts).filter(slug=slug).first()


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


def node_for_step(*, guide_slug: str, node_slug: str, include_drafts: bool = False) -> Node | None:
    """A node with its guide, answers (and their targets), steps and error codes: four queries."""
    nodes = Node.objects.for_step().filter(guide__slug=guide_slug, slug=node_slug)
    if not include_drafts:
        nodes = nodes.filter(guide__is_draft=False)
    return nodes.first()


def node_trail(node: Node, *, link: Callable[[str], str] | None = None) -> list[TrailStep]:
    """The questions and answers that lead to a node, stored at import: no tree walk here."""
    link = link or (lambda slug: node_url(node.guide.slug, slug))
    return [
        TrailStep(
            url=link(step["node"]),
            question_html=step["question_html"],
            question=step["question"],
            answer_html=step["answer_html"],
            answer=step["answer"],
        )
        for step in node.trail
    ]
