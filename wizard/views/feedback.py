"""The two POSTs: "Did this solve it?" and the escalation form.

htmx requests get the form's region back (swapped in place); others follow post/redirect/get back to the node's
page, or get that page again with the form's errors. Invalid htmx posts answer 200, because htmx does not swap
4xx responses by default (and django-htmx's debug script replaces the page on them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import selectors
from ..clients import TOO_MANY_SUBMISSIONS, rate_limited, retry_after
from ..embedding import Theme
from ..forms import EscalationForm, FeedbackForm, TokenForm
from ..htmx import HtmxHttpRequest
from ..models import Node
from ..pages.step import escalation_context, feedback_context, node_summary
from ..services.feedback import escalation_create, escalation_notify, feedback_create
from ..walk_urls import ESCALATION_PARAM, FEEDBACK_PARAM, WalkRef, unsure_from_query, unsure_params, walk_ref, walk_url
from .decorators import frameable, vary_on_htmx, walk_page
from .errors import not_found
from .walk import step


@dataclass
class _Post:
    """One form post on a node, as the views below see it: everything its two forms share."""

    node: Node
    walk: WalkRef
    embed: bool
    # What the region's links and action keep: an embed's theme and the walk's "Not sure" answers.
    params: dict[str, str]
    unsure: list[str]
    origin: str


@dataclass(frozen=True)
class _FormPage:
    """What tells the two forms apart: the node kind they belong to, the form, its region and how it is saved."""

    name: str
    kind: str
    form_class: type[TokenForm]
    # The region's template, and the name its form has in the step's context.
    template: str
    form_name: str
    rate: Callable[[], str]
    # Saves a valid form: the query parameter of its result page, and the region's context showing that result.
    save: Callable[[_Post, dict[str, Any]], tuple[dict[str, str], dict[str, Any]]]
    # The region's context with a form shown again (its errors).
    again: Callable[[_Post, TokenForm], dict[str, Any]]


def _feedback_save(post: _Post, data: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    helpful = data["helpful"]
    walk_id = None if post.walk.is_new else post.walk.id
    feedback_create(node=post.node, walk_id=walk_id, helpful=helpful, comment=data["comment"], key=data["token"])
    result = "yes" if helpful else "no"
    context = feedback_context(post.node, walk=post.walk, embed=post.embed, params=post.params, result=result)
    return {FEEDBACK_PARAM: result}, context


def _feedback_again(post: _Post, form: TokenForm) -> dict[str, Any]:
    return feedback_context(post.node, walk=post.walk, embed=post.embed, params=post.params, form=form)


def _escalation_save(post: _Post, data: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    summary = node_summary(post.node, unsure=post.unsure, origin=post.origin)
    escalation, created = escalation_create(
        node=post.node,
        walk_id=None if post.walk.is_new else post.walk.id,
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
    context = escalation_context(
        post.node, walk=post.walk, embed=post.embed, params=post.params, summary=summary, escalation=escalation
    )
    return {ESCALATION_PARAM: escalation.idempotency_key}, context


def _escalation_again(post: _Post, form: TokenForm) -> dict[str, Any]:
    summary = node_summary(post.node, unsure=post.unsure, origin=post.origin)
    return escalation_context(
        post.node, walk=post.walk, embed=post.embed, params=post.params, summary=summary, form=form
    )


FEEDBACK = _FormPage(
    name="feedback",
    kind=Node.Kind.RESOLUTION,
    form_class=FeedbackForm,
    template="wizard/_feedback.html",
    form_name="feedback_form",
    rate=lambda: settings.FEEDBACK_RATE_LIMIT,
    save=_feedback_save,
    again=_feedback_again,
)
ESCALATION = _FormPage(
    name="escalate",
    kind=Node.Kind.ESCALATION,
    form_class=EscalationForm,
    template="wizard/_escalation_form.html",
    form_name="escalation_form",
    rate=lambda: settings.ESCALATION_RATE_LIMIT,
    save=_escalation_save,
    again=_escalation_again,
)


@require_POST
@walk_page
@vary_on_htmx
def feedback(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return _post(request, guide, node, FEEDBACK, embed=False)


@require_POST
@walk_page
@vary_on_htmx
def escalate(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return _post(request, guide, node, ESCALATION, embed=False)


# Inside a help center's cross-site iframe the CSRF cookie is not sent (SameSite=Lax, third-party cookie
# blocking), so Django's CSRF check would refuse every post. These forms act for no logged-in user; the signed
# per-node token in each form (checked by the form) and the rate limit stand in for it.
@csrf_exempt
@require_POST
@walk_page
@vary_on_htmx
@frameable
def embed_feedback(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return _post(request, guide, node, FEEDBACK, embed=True)


@csrf_exempt
@require_POST
@walk_page
@vary_on_htmx
@frameable
def embed_escalate(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return _post(request, guide, node, ESCALATION, embed=True)


def _post(request: HtmxHttpRequest, guide_slug: str, node_slug: str, page: _FormPage, *, embed: bool) -> HttpResponse:
    drafts = request.user.is_staff
    current = selectors.node_for_step(guide_slug=guide_slug, node_slug=node_slug, include_drafts=drafts)
    if current is None or current.kind != page.kind:
        return not_found(request, guide=selectors.guide_get(slug=guide_slug, include_drafts=drafts))
    theme = Theme.from_query(request.GET) if embed else None
    unsure = unsure_from_query(request.GET)
    post = _Post(
        node=current,
        walk=walk_ref(request.GET),
        embed=embed,
        params={**(theme.params if theme else {}), **unsure_params(unsure)},
        unsure=unsure,
        origin=f"{request.scheme}://{request.get_host()}",
    )
    form = page.form_class(request.POST, node=current, embed=embed)
    # Per client address, and per form: one token sent from many addresses counts as one sender.
    token = hashlib.blake2b(request.POST.get("token", "")[:300].encode(), digest_size=16).hexdigest()
    limited = rate_limited(request, f"wizard.{page.name}", page.rate(), also=(f"form:{token}",))
    if form.is_valid() and not limited:
        result, context = page.save(post, form.cleaned_data)
        if not request.htmx:
            url = walk_url(guide_slug, node_slug, post.walk, embed=embed, params=post.params, **result)
            return HttpResponseRedirect(url, status=303)
        return render(request, page.template, {"node": current, "guide": current.guide, **context})
    if limited:
        form.add_error(None, TOO_MANY_SUBMISSIONS)
    if request.htmx:
        context = page.again(post, form)
        response = render(request, page.template, {"node": current, "guide": current.guide, **context})
    else:
        response = step(request, guide_slug, node_slug, embed=embed, theme=theme, extra_context={page.form_name: form})
        response.status_code = 429 if limited else 400
    return retry_after(response) if limited else response
