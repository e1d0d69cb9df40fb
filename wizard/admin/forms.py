"""Forms of the admin's own pages (those Django's change form does not build)."""

from __future__ import annotations

from typing import Any

from django import forms


class MarkdownForm(forms.Form):
    """A guide's whole Markdown; `current` is the text it edits (the draft's, else the live guide's)."""

    source_text = forms.CharField(
        label="Markdown",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false", "class": "vLargeTextField"}),
        help_text="The whole guide, in the format of content/README.md. It is validated like load_content before "
        "it is saved to the draft.",
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, initial={"source_text": current}, **kwargs)
        self.current = current

    def clean_source_text(self) -> str:
        # Browsers submit a textarea with CRLF line breaks; keep the file's own, so an export diff shows only edits.
        text: str = self.cleaned_data["source_text"].replace("\r\n", "\n")
        return text.replace("\n", "\r\n") if "\r\n" in self.current else text
