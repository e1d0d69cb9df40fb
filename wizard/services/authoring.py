"""Authoring in the admin: drafts of a guide's Markdown, publishing, revisions and rollback.

The Markdown stays the single source of truth. Every admin edit becomes a text patch of the draft's Markdown,
which is parsed and validated by the same code as `load_content` before it is saved, then loaded into a hidden
staff-only preview guide. Publishing loads the draft's text into the live guide in one transaction.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction

from ..content import Catalog, GuideSpec, read_guide_text
from ..content.graph import split_ref
from ..content.parse import LIST_ITEM
from ..content.validate import validate_references
from ..models import Choice, Guide, GuideDraft, GuideRevision, Node
from ..selectors import guide_draft_get, guide_revision_latest
from .load import guides_load

PREVIEW_SUFFIX = "--draft"
PREVIEW_TITLE = "{title} (draft preview)"
CONTINUATION_INDENT = "   "


class AuthoringError(Exception):
    """An edit or publish that was refused; `reasons` say why, each as precisely as the validator can."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("\n".join(reasons))


def preview_slug(guide: Guide) -> str:
    return f"{guide.slug[: 100 - len(PREVIEW_SUFFIX)]}{PREVIEW_SUFFIX}"


def guide_text_validate(*, guide: Guide, text: str) -> GuideSpec:
    """Parse and validate Markdown for this guide exactly as `load_content` would; refuse with every reason."""
    spec, errors = read_guide_text(text, guide.source_file)
    if errors:
        raise AuthoringError([str(error) for error in errors])
    if spec.id != guide.slug:
        # The id is in every URL, bookmark and help-center link; changing it is a new guide, not an edit.
        raise AuthoringError(
            [f"{guide.source_file}:2: the guide id must stay '{guide.slug}' (it is in every link to this guide)"]
        )
    spec.position = guide.position
    reasons = [str(error) for error in validate_references(spec, _published_catalog(spec))]
    reasons += _broken_incoming_links(guide=guide, spec=spec)
    if reasons:
        raise AuthoringError(reasons)
    return spec


def _published_catalog(spec: GuideSpec) -> Catalog:
    """The other guides' nodes this guide links to, as they are live (drafts' previews are not guides)."""
    wanted = [(guide_id, node_id) for _, _, guide_id, node_id in spec.references()]
    guides = Guide.objects.filter(slug__in={guide_id for guide_id, _ in wanted}, preview_of__isnull=True)
    nodes = Node.objects.filter(guide__in=guides, slug__in={node_id for _, node_id in wanted})
    found: dict[str, set[str]] = {guide.slug: set() for guide in guides}
    for guide_slug, node_slug in nodes.values_list("guide__slug", "slug"):
        found[guide_slug].add(node_slug)
    return Catalog(found, {guide.slug for guide in guides if guide.is_draft})


def _broken_incoming_links(*, guide: Guide, spec: GuideSpec) -> list[str]:
    """Other live guides' answers and related links into this guide that the new text would break.

    load_content checks every guide at once; an admin edit changes one, so it must not pull the ground from under
    another guide that links here (a node removed, or the whole guide turned into a hidden draft).
    """
    reasons = []

    def check(source_file: str, line: int, node: str, what: str, target: str) -> None:
        if spec.draft:
            problem = "which this edit hides from readers (the guide becomes a draft)"
        elif target not in spec.nodes:
            problem = "which this edit removes"
        else:
            return
        reasons.append(f"{source_file}:{line} [{node}]: {what} points at '{guide.slug}/{target}', {problem}")

    others = Node.objects.exclude(guide=guide).filter(guide__preview_of__isnull=True)
    answers = Choice.objects.filter(target__guide=guide, node__in=others).order_by("node__guide__slug", "node_id")
    for row in answers.values_list("node__source_file", "node__source_line", "node__slug", "label", "target__slug"):
        check(*row[:3], f"answer '{row[3]}'", row[4])
    for source_file, line, node, related in others.exclude(related=[]).values_list(
        "source_file", "source_line", "slug", "related"
    ):
        for ref in related:
            target = split_ref(ref)
            if target and target[0] == guide.slug:
                check(source_file, line, node, "'related'", target[1])
    return reasons


@transaction.atomic
def draft_get_or_create(*, guide: Guide, user: User | None = None) -> GuideDraft:
    """The guide's draft, started from the live Markdown when there is none."""
    existing = guide_draft_get(guide_id=guide.pk)
    if existing is not None:
        return existing
    if Guide.objects.filter(preview_of__isnull=False, pk=guide.pk).exists():
        raise AuthoringError(["a draft preview cannot have a draft of its own"])
    if not guide.source_text:
        raise AuthoringError([f"{guide.source_file}: no Markdown is stored for this guide; run load_content first"])
    spec = guide_text_validate(guide=guide, text=guide.source_text)
    slug = preview_slug(guide)
    if Guide.objects.filter(slug=slug).exists():
        raise AuthoringError([f"a guide with the id '{slug}' already exists, so the draft cannot be previewed"])
    _load_preview(guide=guide, spec=spec, slug=slug)
    return GuideDraft.objects.create(
        guide=guide,
        preview=Guide.objects.get(slug=slug),
        source_text=guide.source_text,
        base_revision=guide_revision_latest(guide_id=guide.pk),
        updated_by=user,
    )


@transaction.atomic
def draft_update_text(*, draft: GuideDraft, text: str, user: User | None = None) -> GuideDraft:
    """Replace the draft's Markdown, if it validates, and reload its preview."""
    spec = guide_text_validate(guide=draft.guide, text=text)
    draft.source_text = text
    draft.updated_by = user
    draft.save()
    _load_preview(guide=draft.guide, spec=spec, slug=draft.preview.slug)
    return draft


@transaction.atomic
def draft_save_text(*, guide: Guide, text: str, user: User | None = None) -> GuideDraft:
    """Save Markdown to the guide's draft, starting the draft if needed; a refused edit leaves no draft behind."""
    guide_text_validate(guide=guide, text=text)
    return draft_update_text(draft=draft_get_or_create(guide=guide, user=user), text=text, user=user)


def draft_steps_patch(*, draft: GuideDraft, edits: Mapping[tuple[str, int], str]) -> str:
    """The draft's Markdown with some steps' text replaced; only those steps' lines change.

    `edits` maps (node id, step position from 1) to the new Markdown of that step. The result is validated and
    checked to say exactly what was asked, so an edit that would change the list's shape is refused.
    """
    guide = draft.guide
    spec = guide_text_validate(guide=guide, text=draft.source_text)
    lines = _split_lines(draft.source_text)
    spans: dict[tuple[int, int], str] = {}
    for (node_slug, position), new_text in edits.items():
        node = spec.nodes.get(node_slug)
        if node is None or not 1 <= position <= len(node.step_lines):
            raise AuthoringError([f"{guide.source_file}: [{node_slug}] has no step {position} in the draft"])
        wanted = _normalise(new_text)
        if not wanted:
            raise AuthoringError(
                [
                    f"{guide.source_file}:{node.step_lines[position - 1][0]} [{node_slug}]: a step cannot be empty "
                    "(to remove a step, edit the guide's Markdown)"
                ]
            )
        spans[node.step_lines[position - 1]] = wanted
    # Bottom-up, so each patch leaves the line numbers of the ones still to apply alone.
    for (first, last), wanted in sorted(spans.items(), reverse=True):
        lines[first - 1 : last] = [_step_lines(lines[first - 1], lines[last - 1], wanted)]
    text = "".join(lines)
    patched = guide_text_validate(guide=guide, text=text)
    for (node_slug, position), new_text in edits.items():
        node = patched.nodes.get(node_slug)
        got = node.steps[position - 1] if node and len(node.steps) >= position else None
        if got is None or _normalise(got) != _normalise(new_text):
            raise AuthoringError(
                [
                    f"{guide.source_file} [{node_slug}]: step {position} would not read as written (a line that starts "
                    "a new list item, heading or comment changes the guide's structure); edit the guide's Markdown "
                    "for that"
                ]
            )
    return text


@transaction.atomic
def draft_discard(*, draft: GuideDraft) -> None:
    # Deleting the preview guide deletes the draft with it (and its preview nodes).
    draft.preview.delete()


@transaction.atomic
def guide_publish(*, guide: Guide, user: User | None = None, note: str = "") -> GuideRevision | None:
    """Make the draft live, all at once, and keep it as a revision; None when it equals the live guide."""
    draft = guide_draft_get(guide_id=guide.pk)
    if draft is None:
        raise AuthoringError([f"{guide.slug} has no draft to publish"])
    revision = _publish_text(guide=guide, text=draft.source_text, user=user, note=note or "published from the admin")
    draft_discard(draft=draft)
    return revision


@transaction.atomic
def guide_rollback(*, revision: GuideRevision, user: User | None = None) -> GuideRevision | None:
    """Publish an older revision's text again, as a new revision; None when it is already live."""
    return _publish_text(
        guide=revision.guide, text=revision.source_text, user=user, note=f"rollback to #{revision.number}"
    )


def draft_says_hidden(*, draft: GuideDraft) -> bool:
    """Whether the draft's Markdown says `draft: true`: once published, the guide is (or stays) hidden from readers."""
    spec, _ = read_guide_text(draft.source_text, draft.guide.source_file)
    return spec.draft


def text_diff(*, old: str, new: str, old_name: str, new_name: str) -> list[str]:
    """A unified diff, one line per item (no line endings): shown escaped in a <pre>."""
    return [
        line.rstrip("\r\n")
        for line in difflib.unified_diff(_split_lines(old), _split_lines(new), fromfile=old_name, tofile=new_name, n=3)
    ]


def _publish_text(*, guide: Guide, text: str, user: User | None, note: str) -> GuideRevision | None:
    spec = guide_text_validate(guide=guide, text=text)
    report = guides_load(guides=[spec], prune=False, revision_note=note, user=user)
    return report.revisions[0] if report.revisions else None


def _load_preview(*, guide: Guide, spec: GuideSpec, slug: str) -> None:
    spec.id = slug
    spec.title = PREVIEW_TITLE.format(title=spec.title)
    # Hidden from readers whatever the Markdown says; staff see drafts.
    spec.draft = True
    guides_load(guides=[spec], prune=False, revision_note=None)


def _split_lines(text: str) -> list[str]:
    """Lines with their own endings, split where the parser splits (\\r\\n, \\r or \\n), so numbers agree."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    lines = [parts[index] + (parts[index + 1] if index + 1 < len(parts) else "") for index in range(0, len(parts), 2)]
    return [line for line in lines if line]


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _step_lines(first_line: str, last_line: str, text: str) -> str:
    """A list item with the original marker ("1. ") and line endings, continuation lines indented."""
    body = first_line.rstrip("\r\n")
    match = LIST_ITEM.match(body)
    marker = body[: match.start(2)] if match else "1. "
    newline = _ending(first_line) or "\n"
    first, *rest = text.split("\n")
    out = [marker + first] + [CONTINUATION_INDENT + line if line.strip() else "" for line in rest]
    return newline.join(out) + _ending(last_line)


def _normalise(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
