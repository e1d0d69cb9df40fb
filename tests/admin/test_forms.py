from __future__ import annotations

from wizard.admin.forms import MarkdownForm


def cleaned(typed: str, current: str) -> str:
    form = MarkdownForm({"source_text": typed}, current=current)
    assert form.is_valid(), form.errors
    return form.cleaned_data["source_text"]


def test_the_form_starts_from_the_current_text():
    assert MarkdownForm(current="# Guide\n")["source_text"].value() == "# Guide\n"


def test_a_browsers_crlf_becomes_the_files_lf():
    assert cleaned("# Guide\r\n\r\nText\r\n", current="# Guide\n") == "# Guide\n\nText\n"


def test_a_crlf_file_keeps_its_crlf():
    assert cleaned("# Guide\r\nText\nMore\r\n", current="# Guide\r\n") == "# Guide\r\nText\r\nMore\r\n"


def test_leading_and_trailing_space_is_kept():
    # Markdown is whitespace-sensitive; a stripped first line could change the guide's front matter.
    assert cleaned("  indented\n\n", current="x\n") == "  indented\n\n"
