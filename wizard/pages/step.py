"""What a step page shows: its template context, built from the selectors' reads.

The answers, the trail and every form are links and actions that keep the walk (`walk_urls`). A step rendered for
the page cache gets a placeholder ("hole", see cache.py) wherever a reader's own value goes; the form views build
the regions they swap in (feedback, escalation) with the same functions and real values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from django.conf import settings

from .. import selectors
from ..content.graph import START
from ..content.render import html_text
from ..forms import EscalationForm, FeedbackForm, TokenForm
from ..models import Choice, Escalation, Node
from ..walk_urls import WALK_PARAM, WalkRef, form_action, node_url, unsure_params, walk_url
from .cache import HOLE_CSRF, HOLE_FORM_TOKEN, HOLE_NONCE, HOLE_WALK
from .text import handoff_url, node_description, ticket_summary

# A node's link to another node with the same walk: (slug, the "Not sure" answers so far, its guide if another).
Link = Callable[..., str]


def step_context(
    node: Node,
    *,
    origin: str,
    embed: bool,
    params: Mapping[str, str],
    unsure: list[str],
    feedback_result: str | None = None,
    escalation_key: str = "",
) -> dict[str, Any]:
    """The step's template context, with holes for the walk id, the tokens and the nonce (see cache.py).

    `origin` is `scheme://host` (canonical links are absolute); `params` the embed's theme; `unsure` the questions
    answered "Not sure" so far, as the URL says. `feedback_result` ("yes" or "no") and `escalation_key` (the key of
    the escalation sent): what a form's result page shows.
    """
    guide_slug = node.guide.slug
    walk = HOLE_WALK

    def link(slug: str, unsure_so_far: list[str], other_guide: str | None = None) -> str:
        link_params = {**params, **unsure_params(unsure_so_far)}
        return walk_url(other_guide or guide_slug, slug, walk, embed=embed, params=link_params)

    trail = selectors.node_trail(node, link=link, unsure=unsure)
    unsure = [step.node for step in trail if step.unsure]
    link_params = {**params, **unsure_params(unsure)}
    answers = [(choice, _answer_url(choice, node, unsure, link)) for choice in node.choices.all()]
    related = [
        (item, link(item.slug, [], item.guide_slug))
        # Only a draft (a preview) may link into drafts: the page is cached for every reader alike.
        for item in selectors.node_related(node, include_drafts=node.guide.is_draft)
    ]
    ruled_out, not_checked = selectors.escalation_causes(node, trail)
    canonical_url = origin + node_url(guide_slug, node.slug)
    context: dict[str, Any] = {
        "guide": node.guide,
        "node": node,
        "is_start": node.slug == START,
        "trail": trail,
        "back_url": trail[-1].url if trail else None,
        "start_url": node_url(guide_slug, START, embed=embed) + (f"?{urlencode(params)}" if params else ""),
        "answers": answers,
        "related": related,
        "ruled_out": ruled_out,
        "not_checked": not_checked,
        "unsure_steps": [step for step in trail if step.unsure],
        "canonical_url": canonical_url,
        # An embed's "Open in full page" keeps what the URL alone cannot tell: the "Not sure" answers.
        "full_page_url": canonical_url + (f"?{urlencode(unsure_params(unsure), safe=',')}" if unsure else ""),
        "description": node_description(node),
        # A cause that only repeats the resolution's title (its first line) is not said twice.
        "show_cause": bool(node.cause_html) and html_text(node.cause_html) != html_text(node.title_html),
        "embed": embed,
        "csrf_token": HOLE_CSRF,
        "csp_nonce": HOLE_NONCE,
    }
    if node.kind == Node.Kind.LOOKUP:
        # The lookup form's hidden fields: the walk, and what every link keeps (an embed's theme).
        context["lookup_fields"] = [(WALK_PARAM, walk.param), *params.items()]
    elif node.kind == Node.Kind.QUESTION:
        # Number keys 1-9 choose the first nine answers (shortcuts.js); the page says how many there are.
        context["answer_keys"] = min(9, len(answers))
    elif node.kind in (Node.Kind.RESOLUTION, Node.Kind.ESCALATION):
        summary = ticket_summary(node, trail, canonical_url)
        context["ticket_summary"] = summary
        # The forms' links keep the "Not sure" answers too; the fresh form's token is a hole.
        if node.kind == Node.Kind.RESOLUTION:
            result = feedback_result if feedback_result in ("yes", "no") else None
            context |= feedback_context(
                node, walk=walk, embed=embed, params=link_params, result=result, token=HOLE_FORM_TOKEN
            )
        else:
            escalation = selectors.escalation_get(key=escalation_key, node=node)
            context |= escalation_context(
                node,
                walk=walk,
                embed=embed,
                params=link_params,
                summary=summary,
                escalation=escalation,
                token=HOLE_FORM_TOKEN,
            )
    return context


def _answer_url(choice: Choice, current: Node, unsure: list[str], link: Link) -> str:
    """Where an answer leads, with the "Not sure" answers so far (this one too, when it is a Not sure).

    An answer into another guide starts that guide's own trail (its node's URL tells its path there), so the
    "Not sure" answers given here, which that trail cannot show, stay behind.
    """
    target = choice.target
    if target.guide_id != current.guide_id:
        return link(target.slug, [], target.guide.slug)
    return link(target.slug, [*unsure, current.slug] if choice.is_unsure else unsure)


def node_summary(node: Node, *, unsure: list[str], origin: str) -> str:
    """The ticket summary of a node outside a rendered step (what an escalation sends)."""
    guide_slug = node.guide.slug
    trail = selectors.node_trail(node, link=lambda slug, _unsure: node_url(guide_slug, slug), unsure=unsure)
    # The link is the node's canonical URL: no walk id, so pasting it into a ticket shares no walk.
    return ticket_summary(node, trail, origin + node_url(guide_slug, node.slug))


def feedback_context(
    node: Node,
    *,
    walk: WalkRef,
    embed: bool,
    params: Mapping[str, str],
    form: TokenForm | None = None,
    result: str | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    """The "Did this solve it?" form, or what the answer `result` leads to.

    `token` stands in for a fresh form's own signed token (a cached page's hole).
    """
    context: dict[str, Any] = {
        "feedback_form": form or FeedbackForm(node=node, initial={"token": token} if token else None),
        "feedback_action": form_action(node.guide.slug, node.slug, "feedback", walk, embed=embed, params=params),
        "feedback_result": result,
    }
    if result == "no":
        next_step = selectors.node_next_step(node)
        context["next_step"] = next_step
        if next_step:
            context["next_step_url"] = walk_url(node.guide.slug, next_step.node.slug, walk, embed=embed, params=params)
    return context


def escalation_context(
    node: Node,
    *,
    walk: WalkRef,
    embed: bool,
    params: Mapping[str, str],
    summary: str,
    form: TokenForm | None = None,
    escalation: Escalation | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    """The escalation form, or the escalation it sent, and the hand-off link with the summary filled in."""
    body = f"{summary}\n\nReference: escalation #{escalation.pk}" if escalation else summary
    return {
        "escalation_form": form or EscalationForm(node=node, initial={"token": token} if token else None),
        "escalation_action": form_action(node.guide.slug, node.slug, "escalate", walk, embed=embed, params=params),
        "escalation": escalation,
        "handoff_url": handoff_url(
            template=settings.ESCALATION_HANDOFF_URL, subject=f"{node.guide.title}: {node.title}", body=body
        ),
    }
