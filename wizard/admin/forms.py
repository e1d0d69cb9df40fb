"""Forms of the admin's own pages (those Django's change form does not build)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.http import QueryDict


class MarkdownForm(forms.Form):
    """A guide's whole Markdown; `current` is the text it edits (the draft's, else the live guide's)."""

    source_text = forms.CharField(
        label="Markdown",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false", "class": "vLargeTextField"}),
        help_text="The whole guide, in the format of content/README.md. It is validated like load_content before "
        "it is saved to the draft.",
    )

    def __init__(self, data: QueryDict | None = None, *, current: str) -> None:
        super().__init__(data, initial={"source_text": current})
        self.current = current

    def clean_source_text(self) -> str:
        # Browsers submit a textarea with CRLF line breaks; keep the file's own, so an export diff shows only edits.
        text: str = self.cleaned_data["source_text"].replace("\r\n", "\n")
        return text.replace("\n", "\r\n") if "\r\n" in self.current else text


PASTE_FORMATS = [
    ("", "Find out from the text"),
    ("markdown", "Markdown"),
    ("html", "HTML"),
    ("rst", "reStructuredText"),
    ("text", "Plain text (copied from a browser)"),
    ("dita", "DITA XML"),
]


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


class ImportForm(forms.Form):
    """One docs page, from exactly one of a file, pasted text or a URL, and the guide to make of it.

    `limit` is the most bytes any of the three may have; `too_large` names uploads the upload handler dropped
    for passing it (wizard/admin/imports.py), which never reach `files`.
    """

    file = forms.FileField(
        label="A file",
        required=False,
        help_text="HTML, Markdown, reStructuredText, plain text or a DITA topic, as saved from the docs site or the "
        "docs repository.",
    )
    text = forms.CharField(
        label="Or paste the page",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100, "spellcheck": "false", "class": "vLargeTextField"}),
    )
    text_format = forms.ChoiceField(label="Format of the pasted text", choices=PASTE_FORMATS, required=False)
    url = forms.URLField(
        label="Or a URL",
        required=False,
        max_length=2000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField", "placeholder": "https://docs.example.com/troubleshooting"}),
    )
    guide_id = forms.RegexField(
        label="Guide id",
        required=False,
        max_length=93,  # room for the draft preview's "--draft" within a guide id's 100 characters
        regex=r"^[a-z0-9][a-z0-9-]*$",
        error_messages={"invalid": "Use lowercase letters, digits and dashes, starting with a letter or digit."},
        help_text="In every link to the guide. Left empty, it is made from the title. The id of an existing guide "
        "makes this import that guide's new draft.",
        widget=forms.TextInput(attrs={"class": "vTextField", "spellcheck": "false", "autocapitalize": "none"}),
    )
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=200,
        help_text="Left empty, the page's own title.",
        widget=forms.TextInput(attrs={"class": "vTextField"}),
    )

    def __init__(self, *args: Any, limit: int, too_large: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.too_large = too_large or []
        self.fields["file"].help_text += f" Up to {size_text(limit)}."

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = size_text(self.limit)
        if self.too_large:
            raise forms.ValidationError([f"{name} is too large (the limit is {limit})." for name in self.too_large])
        if upload is not None and upload.size > self.limit:
            raise forms.ValidationError(f"{upload.name} is too large ({upload.size:,} bytes; the limit is {limit}).")
        return upload

    def clean_text(self) -> str:
        # Browsers send a textarea with CRLF line breaks: the limit counts the page's own bytes, not the browser's.
        text: str = self.cleaned_data["text"].replace("\r\n", "\n")
        size = len(text.encode("utf-8"))
        if size > self.limit:
            raise forms.ValidationError(
                f"The pasted text is too large ({size:,} bytes; the limit is {size_text(self.limit)})."
            )
        return text if text.strip() else ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        given = [name for name in ("file", "text", "url") if cleaned.get(name)]
        if len(given) > 1:
            raise forms.ValidationError("Give one page at a time: a file, pasted text or a URL, not several.")
        if not given and not self.errors:
            raise forms.ValidationError("Give the page to import: choose a file, paste its text or enter its URL.")
        return cleaned


class ImportSaveForm(forms.Form):
    """The draft a preview showed, signed, so "Save" saves exactly what was shown without reading the page again
    (an uploaded file is not sent twice)."""

    SALT = "wizard.admin.import"

    draft = forms.CharField(widget=forms.HiddenInput)

    def clean_draft(self) -> dict[str, str]:
        try:
            value = signing.loads(self.cleaned_data["draft"], salt=self.SALT)
        except signing.BadSignature:
            raise forms.ValidationError("This preview cannot be saved any more: read the page again.") from None
        return {"guide_id": str(value["guide_id"]), "markdown": str(value["markdown"]), "source": str(value["source"])}

    @classmethod
    def for_draft(cls, *, guide_id: str, markdown: str, source: str) -> ImportSaveForm:
        value = {"guide_id": guide_id, "markdown": markdown, "source": source}
        return cls(initial={"draft": signing.dumps(value, salt=cls.SALT, compress=True)})
