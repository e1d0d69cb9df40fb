"""What resolution and escalation pages add for agents: the ticket summary and the two forms.

Used by the step view (full pages) and the form views (the swapped-in regions), so both render the same
include with the same context.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest

from .. import selectors
from ..content.graph import NODE_ID
from ..forms import EscalationForm, FeedbackForm
from ..models import Escalation, Node
from ..services.walks import WALK_PARAM, WalkRef

FEEDBACK_PARAM = "feedback"
ESCALATION_PARAM = "escalation"
# The questions answered "Not sure" so far, comma-separated: the one part of a walk a node's URL cannot tell.
UNSURE_PARAM = "unsure"
MAX_UNSURE = 50


def unsure_from_query(query: Mapping[str, str]) -> list[str]:
    """The node ids in `?unsure=`, in order, without repeats; anything that is not a node id is left out."""
    slugs: list[str] = []
    for slug in query.get(UNSURE_PARAM, "")[: MAX_UNSURE * 101].split(","):
        if NODE_ID.match(slug) and slug not in slugs:
            slugs.append(slug)
    return slugs[:MAX_UNSURE]


def unsure_params(slugs: Sequence[str]) -> dict[str, str]:
    return {UNSURE_PARAM: ",".join(slugs)} if slugs else {}


def records_step(request: HttpRequest) -> bool:
    """A form's result page (after a redirect) or its errors are the same step again, not a new one to count."""
    return request.method == "GET" and FEEDBACK_PARAM not in request.GET and ESCALATION_PARAM not in request.GET


def walk_url(
    node: Node,
    walk: WalkRef,
    *,
    embed: bool,
    params: Mapping[str, str],
    slug: str | None = None,
    guide_slug: str | None = None,
    **extra: str,
) -> str:
    """A node's URL with the walk id and the parameters every link keeps (an embed's theme).

    `slug` (and `guide_slug`, for a node of another guide) name another node to link to with the same walk.
    """
    url = selectors.node_url(guide_slug or node.guide.slug, slug or node.slug, embed=embed)
    # Commas stay as they are (they may, in a query): `unsure=a,b` reads better in a shared link.
    return f"{url}?{urlencode({WALK_PARAM: walk.param, **params, **extra}, safe=',')}"


def form_action(node: Node, name: str, walk: WalkRef, *, embed: bool, params: Mapping[str, str]) -> str:
    url = selectors.node_url(node.guide.slug, node.slug, embed=embed)
    return f"{url}{name}/?{urlencode({WALK_PARAM: walk.param, **params}, safe=',')}"


def ticket_summary(request: HttpRequest, node: Node, unsure: Sequence[str] = ()) -> str:
    # The link is the node's canonical URL: no walk id, so pasting it into a ticket shares no walk.
    canonical = request.build_absolute_uri(selectors.node_url(node.guide.slug, node.slug))
    return selectors.node_ticket_summary(node, selectors.node_trail(node, unsure=unsure), canonical)


def feedback_context(
    node: Node,
    walk: WalkRef,
    *,
    embed: bool,
    params: Mapping[str, str],
    form: FeedbackForm | None = None,
    result: str | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    """`token` stands in for the fresh form's signed token (a cached page's placeholder, see page_cache)."""
    action = form_action(node, "feedback", walk, embed=embed, params=params)
    initial = {"token": token} if token else None
    context: dict[str, Any] = {
        "feedback_form": form or FeedbackForm(node=node, action=action, initial=initial),
        "feedback_result": result,
    }
    if result == "no":
        next_step = selectors.node_next_step(node)
        context["next_step"] = next_step
        if next_step:
            context["next_step_url"] = walk_url(node, walk, embed=embed, params=params, slug=next_step.node.slug)
    return context


def escalation_context(
    node: Node,
    walk: WalkRef,
    *,
    embed: bool,
    params: Mapping[str, str],
    summary: str,
    form: EscalationForm | None = None,
    escalation: Escalation | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    body = f"{summary}\n\nReference: escalation #{escalation.pk}" if escalation else summary
    action = form_action(node, "escalate", walk, embed=embed, params=params)
    initial = {"token": token} if token else None
    return {
        "escalation_form": form or EscalationForm(node=node, action=action, initial=initial),
        "escalation": escalation,
        "handoff_url": selectors.handoff_url(
            template=settings.ESCALATION_HANDOFF_URL, subject=f"{node.guide.title}: {node.title}", body=body
        ),
    }


def tools_context(
    request: HttpRequest,
    *,
    node: Node,
    walk: WalkRef,
    embed: bool,
    params: Mapping[str, str],
    unsure: Sequence[str] = (),
    token: str | None = None,
) -> dict[str, Any]:
    """Context for the agent tools of a step; a form shown again with its errors replaces the fresh one.

    `params` are what every link keeps (an embed's theme, the "Not sure" answers); `unsure` those answers.
    """
    if node.kind == Node.Kind.LOOKUP:
        return {}
    if node.kind == Node.Kind.QUESTION:
        # Number keys 1-9 choose the first nine answers (shortcuts.js); the page says how many there are.
        return {"answer_keys": min(9, len(node.choices.all()))}
    summary = ticket_summary(request, node, unsure)
    context: dict[str, Any] = {"ticket_summary": summary}
    if node.kind == Node.Kind.RESOLUTION:
        result = request.GET.get(FEEDBACK_PARAM)
        result = result if result in ("yes", "no") else None
        context |= feedback_context(node, walk, embed=embed, params=params, result=result, token=token)
    else:
        escalation = selectors.escalation_get(key=request.GET.get(ESCALATION_PARAM, ""), node=node)
        context |= escalation_context(
            node, walk, embed=embed, params=params, summary=summary, escalation=escalation, token=token
        )
    return context
