"""The plain text a step page carries: its meta description, the ticket summary and the hand-off link."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from django.utils.text import Truncator

from ..content.graph import START
from ..content.render import html_text, plain_text
from ..models import Node
from ..selectors import TrailStep, escalation_causes

# Search engines show about 155 characters of a description.
DESCRIPTION_LENGTH = 155


def node_description(node: Node) -> str:
    """A meta description that says what the page is for: the fix, the question, or what was ruled out."""
    guide = node.guide
    if node.kind == Node.Kind.RESOLUTION:
        parts = [f"How to fix it: {node.title.rstrip('.')}."]
        if node.symptom_html:
            parts.append(f"Symptom: {html_text(node.symptom_html)}")
    elif node.kind == Node.Kind.ESCALATION:
        parts = [f"{node.title.rstrip('.')}.", "What has been ruled out, and what to send to support."]
    elif node.slug == START:
        parts = [guide.summary or f"{guide.title}.", "Answer a few questions and get the exact fix."]
    else:
        parts = [f"{guide.title}: {node.title}"]
        if node.body_html:
            parts.append(html_text(node.body_html))
    return Truncator(" ".join(parts)).chars(DESCRIPTION_LENGTH)


def ticket_summary(node: Node, trail: list[TrailStep], absolute_url: str) -> str:
    """Plain text an agent pastes into a ticket: the path, the outcome, what to do, and a link back.

    Expects a node from `selectors.node_for_step` (steps and codes prefetched), so it adds no query.
    """
    lines = [f"Guide: {node.guide.title}"]
    if trail:
        lines += ["", "Asked and answered:"]
        lines += [f"{number}. {step.question} -> {step.answer}" for number, step in enumerate(trail, 1)]
    lines += ["", f"{'Not solved' if node.kind == Node.Kind.ESCALATION else 'Resolution'}: {node.title}"]
    if node.symptom_html:
        lines.append(f"Symptom: {html_text(node.symptom_html)}")
    if node.kind == Node.Kind.ESCALATION:
        ruled_out, not_checked = escalation_causes(node, trail)
        if ruled_out:
            lines += ["", "Ruled out:"] + [f"- {html_text(cause)}" for cause in ruled_out]
        if not_checked:
            lines += ["", "Not checked (answered Not sure):"]
            lines += [f"- {html_text(item.cause_html)}" for item in not_checked]
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


def handoff_url(*, template: str, subject: str, body: str) -> str | None:
    """The configured hand-off link (helpdesk, mailto, tracker) with the summary filled in, URL-encoded."""
    if not template or urlsplit(template).scheme not in {"http", "https", "mailto"}:
        return None
    return template.replace("{subject}", quote(subject, safe="")).replace("{body}", quote(body, safe=""))
