""" "Import docs" in the guides admin: a docs page (a file, pasted text or a URL) -> what the importer understood
and the draft Markdown -> saved as a draft guide that the guide's page previews and publishes.

Two POSTs to one URL, and no JavaScript: the first reads the page and shows the preview; the preview's "Save"
sends back the draft it showed, signed, so a file is not uploaded twice and what is saved is what was shown.
The reading is the importers' (wizard/importers/), the saving services/imports.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.csrf import csrf_protect

from .. import selectors
from ..content.errors import ContentErrors
from ..content.graph import slugify
from ..importers import Draft, import_page
from ..importers.markup import first_sentence, plain
from ..importers.read import read_source, read_url
from ..importers.sync import SyncReport, compare
from ..importers.text import NO_TITLE_LINE
from ..importers.wording import cause_title
from ..models import Guide, GuideDraft
from ..services.authoring import AuthoringError
from ..services.imports import Publishable, guide_import_save, import_file_name, import_publishable
from .forms import ImportForm, ImportSaveForm, size_text
from .staff import acting_user

if TYPE_CHECKING:
    from .guides import GuideAdmin

TEMPLATE = "admin/wizard/guide/import.html"
# What a pasted page is called in reports; the extension tells the reader its format ("pasted.md:12: ...").
# A paste keeps no file name to stand for a missing title: saving it would make a guide called "Pasted text", and the
# next untitled paste would become that guide's draft.
UNTITLED = (
    'The pasted page has no title line, so the guide would be called "{title}" (id {guide_id}). Give it a title '
    "below (and an id if you like), then read and preview it again."
)
PASTE_NAMES = {
    "": "pasted text",
    "markdown": "pasted.md",
    "html": "pasted.html",
    "rst": "pasted.rst",
    "text": "pasted.txt",
    "dita": "pasted.dita",
}


class UploadLimit(FileUploadHandler):
    """Drops an upload as soon as it passes the limit, before Django spools it to a temporary file; the form then
    says it was too large. First in the request's handlers, so it sees every chunk before they do."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large: list[str] = []

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large.append(str(self.file_name))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler keeps the file


@dataclass
class Cause:
    title: str
    steps: int
    codes: list[str]
    stated: bool


@dataclass
class Symptom:
    title: str
    codes: list[str]
    causes: list[Cause] = field(default_factory=list)


@dataclass
class Preview:
    """What the page shows after reading: the draft, what was understood, and what saving it would do."""

    draft: Draft
    symptoms: list[Symptom]
    publishable: Publishable
    existing: Guide | None = None
    existing_draft: GuideDraft | None = None
    sync: SyncReport | None = None
    save_form: ImportSaveForm | None = None
    blocked: str = ""  # why there is nothing to save

    @property
    def lines(self) -> list[str]:
        """The draft's Markdown line by line: each gets an anchor, which "left to write" links to by its line."""
        return self.draft.markdown.rstrip("\n").split("\n")


def can_import(request: HttpRequest, model_admin: GuideAdmin) -> bool:
    """Importing adds guides: the guide model's add permission (GuideAdmin refuses the admin's own add form)."""
    codename = get_permission_codename("add", model_admin.opts)
    return request.user.has_perm(f"{model_admin.opts.app_label}.{codename}")


def import_view(request: HttpRequest, *, model_admin: GuideAdmin) -> HttpResponse:
    """The upload limit must be in place before the body is parsed, and the CSRF check parses it: so the check
    runs here, after the limit (Django's documented pattern); GuideAdmin marks this view csrf_exempt for that."""
    if not can_import(request, model_admin):
        raise PermissionDenied
    limit = settings.IMPORT_MAX_BYTES
    handler = UploadLimit(request, limit)
    request.upload_handlers.insert(0, handler)
    if request.method == "POST":
        try:
            request.POST  # noqa: B018 (parsed now, under the limit)
        except RequestDataTooBig:
            # Django's own cap on form fields (DATA_UPLOAD_MAX_MEMORY_SIZE): nothing is read or saved.
            refused = f"The page is too large to send (the limit is {size_text(limit)})."
            return _page(request, model_admin, ImportForm(limit=limit), refused=refused)
    return _checked(request, model_admin, handler)


@csrf_protect
def _checked(request: HttpRequest, model_admin: GuideAdmin, handler: UploadLimit) -> HttpResponse:
    if request.method not in {"GET", "POST"}:
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    limit = settings.IMPORT_MAX_BYTES
    if request.method == "GET":
        return _page(request, model_admin, ImportForm(limit=limit))
    if "draft" in request.POST:
        return _save(request, model_admin)
    form = ImportForm(request.POST, request.FILES, limit=limit, too_large=handler.too_large)
    if not form.is_valid():
        return _page(request, model_admin, form)
    try:
        draft, untitled = _read(form.cleaned_data, limit=limit)
    except ContentErrors as error:
        for reason in error.errors:
            form.add_error(None, str(reason))
        return _page(request, model_admin, form)
    if draft.status == "nothing":
        form.add_error(None, f"Nothing importable on {draft.source}: no symptom with a cause or a fix was found.")
        for reason in draft.warnings:
            form.add_error(None, str(reason))
        return _page(request, model_admin, form)
    # The form shows the id and title the draft got, so a second read keeps them; never a stand-in title.
    data = request.POST.copy()
    if not untitled:
        data["guide_id"], data["title"] = draft.guide_id, draft.guide.title if draft.guide else ""
    form.data = data
    preview = _preview(draft)
    if preview.existing is not None and not model_admin.has_change_permission(request, preview.existing):
        preview.save_form, preview.blocked = None, f"You may not change the guide '{draft.guide_id}'."
    elif untitled:
        title = draft.guide.title if draft.guide else draft.guide_id
        preview.save_form, preview.blocked = None, UNTITLED.format(title=title, guide_id=draft.guide_id)
    return _page(request, model_admin, form, preview=preview)


def _read(data: dict[str, Any], *, limit: int) -> tuple[Draft, bool]:
    """The page's draft, and whether it is a paste with no title of its own (nor one given); or ContentErrors
    naming the source and line."""
    if data["file"] is not None:
        upload = data["file"]
        body = b"".join(upload.chunks())
        outline = read_source(body, upload.name, content_type=upload.content_type)
    elif data["text"]:
        outline = read_source(data["text"].encode("utf-8"), PASTE_NAMES[data["text_format"]])
    else:
        outline = read_url(data["url"], allow_private=settings.IMPORT_ALLOW_PRIVATE_URLS, max_bytes=limit)
    untitled = data["file"] is None and bool(data["text"]) and not data["title"]
    untitled = untitled and (not outline.title or any(note.message.startswith(NO_TITLE_LINE) for note in outline.notes))
    if data["title"]:
        outline.title = data["title"]
    guide_id = data["guide_id"] or slugify(outline.title) or "imported-page"
    existing = selectors.guide_authored_get(slug=guide_id)
    file_name = existing.source_file if existing else import_file_name(guide_id)
    return import_page(outline, guide_id=guide_id, file_name=file_name), untitled


def _preview(draft: Draft) -> Preview:
    symptoms = [
        Symptom(
            title=plain(problem.title) or "Untitled problem",
            codes=problem.codes,
            causes=[
                Cause(
                    title=plain(cause_title(cause.title)) or first_sentence(plain(cause.text)) or "(no text)",
                    steps=sum(len(steps.steps) for steps in cause.steps),
                    codes=cause.codes,
                    stated=cause.stated,
                )
                for cause in problem.causes
            ],
        )
        for problem in draft.recognition.problems
    ]
    preview = Preview(draft, symptoms, import_publishable(text=draft.markdown, file_name=draft.file_name))
    preview.existing = selectors.guide_authored_get(slug=draft.guide_id)
    if preview.existing is not None:
        preview.existing_draft = selectors.guide_draft_get(guide_id=preview.existing.pk)
        preview.sync = compare(
            preview.existing.source_text,
            draft.markdown,
            name=preview.existing.source_file,
            published=selectors.guide_published_nodes(guide_id=draft.guide_id),
        )
    if preview.existing_draft is not None:
        preview.blocked = (
            f"The guide '{draft.guide_id}' already has a draft: publish or discard it first, so no unpublished edit "
            "is lost. Or give this page another guide id."
        )
    elif preview.sync is not None and preview.sync.up_to_date and preview.sync.unchanged:
        preview.blocked = f"Nothing to save: the page has not changed since the guide '{draft.guide_id}' imported it."
    else:
        preview.save_form = ImportSaveForm.for_draft(
            guide_id=draft.guide_id, markdown=draft.markdown, source=draft.source
        )
    return preview


def _save(request: HttpRequest, model_admin: GuideAdmin) -> HttpResponse:
    form = ImportSaveForm(request.POST)
    back = HttpResponseRedirect(reverse("admin:wizard_guide_import"))
    if not form.is_valid():
        model_admin.message_user(request, " ".join(map(str, form.errors["draft"])), messages.ERROR)
        return back
    value = form.cleaned_data["draft"]
    existing = selectors.guide_authored_get(slug=value["guide_id"])
    if existing is not None and not model_admin.has_change_permission(request, existing):
        raise PermissionDenied
    try:
        saved = guide_import_save(
            guide_id=value["guide_id"], text=value["markdown"], source=value["source"], user=acting_user(request)
        )
    except AuthoringError as error:
        model_admin.message_user(request, "Not saved: " + " ".join(error.reasons), messages.ERROR)
        return back
    note = f"Imported {value['source']} as " + ("a new draft guide." if saved.created else "its draft.")
    if saved.created:
        model_admin.log_addition(request, saved.guide, note)
    else:
        model_admin.log_change(request, saved.guide, note)
    shown = (
        "Publishing it shows it to readers."
        if saved.publishable.shows_readers
        else "It keeps draft: true until every resolution has steps."
    )
    model_admin.message_user(
        request,
        format_html(
            "{} Readers do not see it yet. <a href='{}'>Preview the draft</a>, then publish it from this page. {}",
            note,
            saved.draft.preview.get_absolute_url(),
            shown,
        ),
        messages.SUCCESS,
    )
    return HttpResponseRedirect(reverse("admin:wizard_guide_change", args=[saved.guide.pk]))


def _page(
    request: HttpRequest,
    model_admin: GuideAdmin,
    form: ImportForm,
    *,
    preview: Preview | None = None,
    refused: str = "",
) -> TemplateResponse:
    # Refused input comes back with 200 and the reasons, so nothing typed is lost.
    return TemplateResponse(
        request,
        TEMPLATE,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "title": "Import docs",
            "form": form,
            # Why nothing was read: the form's own reasons (the reader's file:line ones among them), or `refused`.
            "errors": [refused] if refused else form.non_field_errors(),
            "preview": preview,
            "limit": size_text(settings.IMPORT_MAX_BYTES),
        },
    )
