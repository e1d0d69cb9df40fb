"""The two POSTs: "Did this solve it?" and the escalation form.

htmx requests get the form's region back (swapped in place); others follow post/redirect/get back to the node's
page, or get that page again with the form's errors. Invalid htmx posts answer 200, because htmx does not swap
4xx responses by default (and django-htmx's debug script replaces the page on them).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import selectors
from ..embedding import Theme
from ..forms import EscalationForm, FeedbackForm
from ..models import Node
from ..services.feedback import escalation_create, escalation_notify, feedback_create
from ..services.walks import walk_ref_from_request
from . import agent_tools
from .embed import frameable
from .errors import not_found
from .limits import rate_limited
from .walk import WALK_PAGE, HtmxHttpRequest, step

TOO_MANY = "Too many submissions from your network in the last minute. Wait a minute, then send it again."
RETRY_AFTER = "60"


@require_POST
@WALK_PAGE
def feedback(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return _feedback(request, guide, node, embed=False)


@require_POST
@WALK_PAGE
def escalate(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return _escalate(request, guide, node, embed=False)


# Inside a help center's cross-site iframe the CSRF cookie is not sent (SameSite=Lax, third-party cookie
# blocking), so Django's CSRF check would refuse every post. These forms act for no logged-in user; the signed
# per-node token in each form (checked by the form) and the rate limit stand in for it.
@csrf_exempt
@require_POST
@WALK_PAGE
@frameable
def embed_feedback(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return _feedback(request, guide, node, embed=True)


@csrf_exempt
@require_POST
@WALK_PAGE
@frameable
def embed_escalate(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return _escalate(request, guide, node, embed=True)


def _node(request: HtmxHttpRequest, guide_slug: str, node_slug: str, kind: str) -> Node | None:
    current = selectors.node_for_step(guide_slug=guide_slug, node_slug=node_slug, include_drafts=request.user.is_staff)
    return current if current is not None and current.kind == kind else None


def _limited(request: HtmxHttpRequest, group: str, rate: str) -> bool:
    """Per client address, and per form: one token sent from many addresses counts as one sender."""
    token = hashlib.blake2b(request.POST.get("token", "")[:300].encode(), digest_size=16).hexdigest()
    return rate_limited(request, f"wizard.{group}", rate, also=(f"form:{token}",))


def _page(request: HtmxHttpRequest, embed: bool) -> tuple[dict[str, str], dict[str, Any]]:
    """An embed's theme parameters and the extra page context, as its GET pages have."""
    if not embed:
        return {}, {}
    theme = Theme.from_query(request.GET)
    return theme.params, {"theme": theme}


def _link_params(request: HtmxHttpRequest, theme_params: dict[str, str]) -> dict[str, str]:
    """What the form's links and actions keep: the theme and the walk's "Not sure" answers."""
    return {**theme_params, **agent_tools.unsure_params(agent_tools.unsure_from_query(request.GET))}


def _feedback(request: HtmxHttpRequest, guide_slug: str, node_slug: str, *, embed: bool) -> HttpResponse:
    current = _node(request, guide_slug, node_slug, Node.Kind.RESOLUTION)
    if current is None:
        return not_found(request, guide=selectors.guide_get(slug=guide_slug, include_drafts=request.user.is_staff))
    walk = walk_ref_from_request(request)
    theme_params, extra = _page(request, embed)
    params = _link_params(request, theme_params)
    action = agent_tools.form_action(current, "feedback", walk, embed=embed, params=params)
    form = FeedbackForm(request.POST, node=current, action=action, embed=embed)
    limited = _limited(request, "feedback", settings.FEEDBACK_RATE_LIMIT)
    if form.is_valid() and not limited:
        helpful = form.cleaned_data["helpful"]
        walk_id = None if walk.is_new else walk.id
        feedback_create(
            node=current,
            walk_id=walk_id,
            helpful=helpful,
            comment=form.cleaned_data["comment"],
            key=form.cleaned_data["token"],
        )
        result = "yes" if helpful else "no"
        if not request.htmx:
            done = {agent_tools.FEEDBACK_PARAM: result}
            url = agent_tools.walk_url(current, walk, embed=embed, params=params, **done)
            return HttpResponseRedirect(url, status=303)
        context = agent_tools.feedback_context(current, walk, embed=embed, params=params, result=result)
        return render(request, "wizard/_feedback.html", {"node": current, "guide": current.guide, **context})
    if limited:
        form.add_error(None, TOO_MANY)
    if request.htmx:
        context = agent_tools.feedback_context(current, walk, embed=embed, params=params, form=form)
        response = render(request, "wizard/_feedback.html", {"node": current, "guide": current.guide, **context})
    else:
        extra["feedback_form"] = form
        response = step(request, guide_slug, node_slug, embed=embed, params=theme_params, extra_context=extra)
        response.status_code = 429 if limited else 400
    return _retry_after(response, limited)


def _escalate(request: HtmxHttpRequest, guide_slug: str, node_slug: str, *, embed: bool) -> HttpResponse:
    current = _node(request, guide_slug, node_slug, Node.Kind.ESCALATION)
    if current is None:
        return not_found(request, guide=selectors.guide_get(slug=guide_slug, include_drafts=request.user.is_staff))
    walk = walk_ref_from_request(request)
    theme_params, extra = _page(request, embed)
    params = _link_params(request, theme_params)
    action = agent_tools.form_action(current, "escalate", walk, embed=embed, params=params)
    form = EscalationForm(request.POST, node=current, action=action, embed=embed)
    limited = _limited(request, "escalate", settings.ESCALATION_RATE_LIMIT)
    summary = agent_tools.ticket_summary(request, current, agent_tools.unsure_from_query(request.GET))
    if form.is_valid() and not limited:
        data = form.cleaned_data
        escalation, created = escalation_create(
            node=current,
            walk_id=None if walk.is_new else walk.id,
            idempotency_key=data["token"],
            contact_email=data["contact_email"],
            contact_name=data["contact_name"],
            what_happened=data["what_happened"],
            request_id=data["request_id"],
            link_session_id=data["link_session_id"],
            summary=summary,
        )
        if created:
            escalation_notify(escalation=escalation)
        if not request.htmx:
            sent = {agent_tools.ESCALATION_PARAM: escalation.idempotency_key}
            url = agent_tools.walk_url(current, walk, embed=embed, params=params, **sent)
            return HttpResponseRedirect(url, status=303)
        context = agent_tools.escalation_context(
            current, walk, embed=embed, params=params, summary=summary, escalation=escalation
        )
        return render(request, "wizard/_escalation_form.html", {"node": current, "guide": current.guide, **context})
    if limited:
        form.add_error(None, TOO_MANY)
    if request.htmx:
        context = agent_tools.escalation_context(current, walk, embed=embed, params=params, summary=summary, form=form)
        response = render(request, "wizard/_escalation_form.html", {"node": current, "guide": current.guide, **context})
    else:
        extra["escalation_form"] = form
        response = step(request, guide_slug, node_slug, embed=embed, params=theme_params, extra_context=extra)
        response.status_code = 429 if limited else 400
    return _retry_after(response, limited)


def _retry_after(response: HttpResponse, limited: bool) -> HttpResponse:
    if limited:
        response["Retry-After"] = RETRY_AFTER
    return response
