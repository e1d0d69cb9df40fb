from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from wizard.content.errors import ContentErrors
from wizard.importers import read as read_module
from wizard.importers.outline import Outline
from wizard.importers.read import MAX_BYTES, detect_format, read_path, read_source


def error(data: bytes, name: str = "page.md", **kwargs: object) -> str:
    with pytest.raises(ContentErrors) as raised:
        read_source(data, name, **kwargs)
    return str(raised.value)


def test_format_from_extension():
    assert detect_format(b"<html>", "page.md") == "markdown"


def test_format_from_url_path_extension():
    assert detect_format(b"x", "https://example.com/docs/page.dita?x=1") == "dita"


def test_format_from_content_type():
    assert detect_format(b"# x", "https://example.com/docs/page", "text/html") == "html"


def test_format_sniffed_html():
    assert detect_format(b"<!DOCTYPE html><html></html>", "upload") == "html"


def test_format_sniffed_dita():
    assert detect_format(b'<?xml version="1.0"?>\n<troubleshooting/>', "upload") == "dita"


def test_format_sniffed_xhtml_is_html():
    assert detect_format(b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>', "x") == "html"


def test_format_sniffed_markdown():
    assert detect_format(b"# Title\n\ntext\n", "upload") == "markdown"


@pytest.mark.parametrize("name", ["page.rst", "page.REST", "https://docs.example.com/_sources/errors.rst.txt"])
def test_format_rst_from_extension(name):
    assert detect_format(b"x", name) == "rst"


def test_plain_txt_stays_text():
    assert detect_format(b".. note::\n", "notes.txt") == "text"


@pytest.mark.parametrize("media_type", ["text/x-rst", "text/prs.fallenstein.rst"])
def test_format_rst_from_content_type(media_type):
    assert detect_format(b"x", "https://example.com/page", media_type) == "rst"


@pytest.mark.parametrize(
    "head",
    [
        b"Intro.\n\n.. note::\n\n   Careful.\n",
        b"See :ref:`install`.\n",
        b"=====\nTitle\n=====\n",
        b"Title\n~~~~~\n\nText.\n",
        b"See `the docs <https://example.com>`_.\n",
    ],
)
def test_format_sniffed_rst(head):
    assert detect_format(head, "upload") == "rst"


def test_markdown_quoting_rst_stays_markdown():
    assert detect_format(b"# Title\n\n```\n.. note::\n```\n", "upload") == "markdown"


def test_setext_title_alone_is_not_taken_for_rst():
    assert detect_format(b"Title\n=====\n\nSome words.\n", "upload") != "rst"


def test_rst_file_read_as_rst(tmp_path):
    page = tmp_path / "errors.rst"
    page.write_text("Errors\n======\n\nText.\n")
    assert read_path(page).format == "rst"


def test_format_sniffed_text():
    assert detect_format(b"Title\n\nSome words.\n", "upload") == "text"


def test_unsupported_extension_refused():
    assert "unsupported type (application/pdf)" in error(b"%PDF-1.7", "page", content_type="application/pdf")


def test_pdf_bytes_refused():
    assert "is not a text file" in error(b"%PDF-1.7\n...", "upload")


def test_binary_bytes_refused():
    assert "is not a text file" in error(b"abc\x00def", "upload")


def test_error_names_the_source():
    assert error(b"", "docs/page.md").startswith("docs/page.md:1: ")


def test_empty_refused():
    assert error(b"") == "page.md:1: is empty"


def test_blank_refused():
    assert error(b" \n\t\n") == "page.md:1: is empty"


def test_too_large_refused():
    assert "is too large" in error(b"x" * (MAX_BYTES + 1))


def test_not_utf8_refused_with_the_line():
    assert error(b"# Title\n\ncaf\xe9\n") == ("page.md:3: is not UTF-8 text (byte 0xe9 at line 3): save it as UTF-8")


def test_utf8_bom():
    assert read_source(b"\xef\xbb\xbf# Title\n", "page.md").title == "Title"


def test_utf16_bom():
    assert read_source("# Titl\u00e9\n".encode("utf-16"), "page.md").title == "Titl\u00e9"


def test_html_meta_charset():
    html = '<html><head><meta charset="windows-1252"></head><body><h1>Caf\xe9</h1></body></html>'.encode("cp1252")
    assert read_source(html, "page.html").title == "Caf\u00e9"


def test_http_charset_wins():
    html = "<html><body><h1>Caf\xe9</h1></body></html>".encode("latin-1")
    assert read_source(html, "page", content_type="text/html; charset=ISO-8859-1").title == "Caf\u00e9"


def test_xml_declared_encoding():
    xml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<topic><title>Caf\xe9</title></topic>'.encode("latin-1")
    assert read_source(xml, "t.dita").title == "Caf\u00e9"


def test_wrong_declared_charset_falls_back_to_utf8():
    html = '<html><head><meta charset="us-ascii"></head><body><h1>Caf\u00e9</h1></body></html>'.encode()
    assert read_source(html, "page.html").title == "Caf\u00e9"


def test_codec_that_is_no_charset_ignored():
    assert error(b"caf\xe9", "page.md", content_type="text/markdown; charset=zlib").startswith(
        "page.md:1: is not UTF-8"
    )


def test_url_set_when_the_page_has_none():
    assert read_source(b"# T\n", "page.md", url="https://example.com/page.md").url == "https://example.com/page.md"


def test_read_path():
    assert read_path(FIXTURES / "docs" / "link-troubleshooting.md").source.endswith("link-troubleshooting.md")


def test_read_path_missing():
    with pytest.raises(ContentErrors, match="does not exist"):
        read_path(Path("/nonexistent/page.md"))


def test_read_path_directory():
    with pytest.raises(ContentErrors, match="is not a file"):
        read_path(FIXTURES)


def test_read_path_refuses_a_huge_file_without_reading_it(tmp_path, monkeypatch):
    huge = tmp_path / "huge.md"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES * 20)  # sparse: no disk used
    monkeypatch.setattr(Path, "open", lambda *args, **kwargs: pytest.fail("the file was opened"))
    with pytest.raises(ContentErrors, match="is too large"):
        read_path(huge)


def test_too_deep_nesting_is_a_content_error(monkeypatch):
    def deep(*args: object, **kwargs: object) -> Outline:
        raise RecursionError

    monkeypatch.setitem(read_module.READERS, "markdown", deep)
    assert error(b"# T\n") == "page.md:1: is nested too deeply to read"


NAMES = ["p.md", "p.html", "p.txt", "p.dita", "p.xml", "p.rst", "upload", "p.pdf"]


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(NAMES))
def test_any_bytes_read_or_refused(data, name):
    try:
        assert isinstance(read_source(data, name), Outline)
    except ContentErrors as errors:
        assert errors.errors[0].file == name


def test_pdf_extension_refused():
    assert error(b"text", "manual.pdf") == (
        "manual.pdf:1: is of an unsupported type (.pdf): give HTML, Markdown, reStructuredText, plain text or DITA XML"
    )


def test_ditamap_refused():
    assert "unsupported type (.ditamap)" in error(b"<map/>", "guide.ditamap")


def test_too_many_lines_refused():
    assert "is too long (50,001 lines; the limit is 50,000)" in error(b"[\n" * 50_000)


def test_malformed_url_name_sniffed():
    assert detect_format(b"# Title\n", "http://[::1") == "markdown"
