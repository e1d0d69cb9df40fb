"""Saving a docs page imported in the admin ("Import docs") as a draft, through the authoring services.

A page for a new guide id becomes a new guide, hidden from readers (its Markdown says `draft: true`, as the
importer writes it), with the import as the guide's draft: the guide's page then offers Preview and Publish as
for any other draft. A page for an existing guide becomes that guide's new draft; the live guide does not change
until it is published. Either way the draft leaves out `draft: true` when the guide is complete without it (every
resolution has steps), so publishing shows it to readers; when it is not, the line stays and says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from ..content import read_guide_text
from ..models import Guide, GuideDraft
from ..selectors import guide_draft_get
from .authoring import AuthoringError, draft_get_or_create, draft_save_text, draft_update_text
from .load import guides_load

DRAFT_FLAG = re.compile(r"draft:[ \t]*(true|yes|on)[ \t]*(#.*)?", re.IGNORECASE)


@dataclass(frozen=True)
class Publishable:
    """The Markdown to save as the draft, and why publishing it would still leave the guide hidden (if it would)."""

    text: str
    hidden_because: list[str] = field(default_factory=list)

    @property
    def shows_readers(self) -> bool:
        return not self.hidden_because


@dataclass(frozen=True)
class ImportSaved:
    guide: Guide
    draft: GuideDraft
    created: bool  # a new guide; else a new draft of an existing one
    publishable: Publishable


def import_file_name(guide_id: str) -> str:
    return f"{guide_id}.md"


def import_publishable(*, text: str, file_name: str) -> Publishable:
    """The imported Markdown without its `draft: true` line when the guide validates without it.

    The importer marks every draft hidden; in the admin, the draft stage is the guide's draft and publishing is
    what shows a guide, so the line only stays while the guide could not be shown (a resolution without steps).
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return Publishable(text)  # no front matter: nothing hides the guide
    for number, line in enumerate(lines[1:], 1):
        bare = line.rstrip("\r\n")
        if bare.strip() == "---":
            break
        if DRAFT_FLAG.fullmatch(bare):
            # Checked with the line saying false, so the reasons give the lines of the text that is saved.
            ending = line[len(bare) :]
            spec, errors = read_guide_text(
                "".join([*lines[:number], f"draft: false{ending}", *lines[number + 1 :]]), file_name
            )
            if errors:
                return Publishable(text, [str(error) for error in errors])
            if spec.draft:
                return Publishable(text, [f"{file_name}: the front matter says `draft: true` more than once"])
            return Publishable("".join(lines[:number] + lines[number + 1 :]))
    return Publishable(text)


@transaction.atomic
def guide_import_save(*, guide_id: str, text: str, source: str, user: User | None = None) -> ImportSaved:
    """Save an imported page's Markdown as a draft: of a new, hidden guide, or of the existing guide with that id.

    Refused (AuthoringError, with every reason) when the Markdown does not validate, when the id belongs to a
    draft preview, or when the existing guide already has a draft: an import never overwrites unpublished edits.
    """
    guide = Guide.objects.filter(slug=guide_id).first()
    if guide is None:
        return _new_guide(guide_id=guide_id, text=text, source=source, user=user)
    if Guide.objects.filter(preview_of__isnull=False, pk=guide.pk).exists():
        raise AuthoringError([f"'{guide_id}' is the preview of another guide's draft: choose another guide id"])
    existing = guide_draft_get(guide_id=guide.pk)
    if existing is not None:
        who = f" by {existing.updated_by}" if existing.updated_by else ""
        raise AuthoringError(
            [
                f"{guide.slug} already has a draft (edited {existing.updated_at:%Y-%m-%d %H:%M}{who}): publish or "
                "discard it first, so no unpublished edit is lost"
            ]
        )
    publishable = import_publishable(text=text, file_name=guide.source_file)
    draft = draft_save_text(guide=guide, text=publishable.text, user=user)
    return ImportSaved(guide=guide, draft=draft, created=False, publishable=publishable)


def _new_guide(*, guide_id: str, text: str, source: str, user: User | None) -> ImportSaved:
    file_name = import_file_name(guide_id)
    spec, errors = read_guide_text(text, file_name)
    if errors:
        raise AuthoringError([str(error) for error in errors])
    if spec.id != guide_id:
        raise AuthoringError([f"{file_name}:2: the Markdown's guide id is '{spec.id}', not '{guide_id}'"])
    if not spec.draft:
        # Readers must never see an import before an author has published it.
        raise AuthoringError([f"{file_name}: an imported guide starts hidden: its front matter must say draft: true"])
    owner = Guide.objects.filter(source_file=file_name).first()
    if owner is not None:
        raise AuthoringError([f"{file_name} is already the file of the guide '{owner.slug}': choose another guide id"])
    # Listed after every guide there is (load_content numbers them by file name again). A draft preview's id taken
    # by another guide is refused by draft_get_or_create, and the transaction takes the new guide back.
    spec.position = (Guide.objects.filter(preview_of__isnull=True).aggregate(last=Max("position"))["last"] or 0) + 1
    guides_load(guides=[spec], prune=False, revision_note=f"imported from {source}"[:200], user=user)
    guide = Guide.objects.get(slug=guide_id)
    draft = draft_get_or_create(guide=guide, user=user)
    publishable = import_publishable(text=text, file_name=file_name)
    if publishable.text != text:
        draft = draft_update_text(draft=draft, text=publishable.text, user=user)
    return ImportSaved(guide=guide, draft=draft, created=True, publishable=publishable)
