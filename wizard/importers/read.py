"""The front door of the readers: bytes (a file, an upload, a URL's body) -> the format's reader -> an outline.

The format comes from the file's extension, else the content type, else the first bytes. The text
is decoded strictly (a byte-order mark, else the declared charset, else UTF-8): a wrong guess would
put mojibake in the guide. Fatal problems raise ContentErrors naming the source and line; anything a
reader could not use is an `Outline.notes` entry instead.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from .blocks import fail
from .dita import read_dita
from .html import read_html
from .markdown import read_markdown
from .outline import Outline
from .rst import read_rst
from .text import read_text
from .url import FORMATS, MAX_BYTES, TIMEOUT, fetch

MARKDOWN, HTML, TEXT, DITA, RST = "markdown", "html", "text", "dita", "rst"
# The readers take tens of microseconds a line; a page of many tiny lines under the byte limit must not take minutes.
MAX_LINES = 50_000
Reader = Callable[..., Outline]
READERS: dict[str, Reader] = {
    MARKDOWN: read_markdown,
    HTML: read_html,
    TEXT: read_text,
    DITA: read_dita,
    RST: read_rst,
}
SUFFIXES = {
    **dict.fromkeys([".md", ".markdown", ".mdown", ".mkd", ".mdx"], MARKDOWN),
    **dict.fromkeys([".html", ".htm", ".xhtml", ".shtml"], HTML),
    **dict.fromkeys([".txt", ".text"], TEXT),
    **dict.fromkeys([".dita", ".xml"], DITA),
    **dict.fromkeys([".rst", ".rest"], RST),
}
# Sphinx publishes each page's source beside it as `_sources/<page>.rst.txt`.
DOUBLE_SUFFIXES = {".rst.txt": RST}
# Documents people have that are not pages: refused by name rather than read as garbled text.
UNSUPPORTED_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".zip", ".png", ".jpg", ".jpeg", ".gif"}
UNSUPPORTED_SUFFIXES |= {".ditamap", ".bookmap", ".json", ".yaml", ".yml"}
CONTENT_TYPES = {
    **dict.fromkeys(["text/markdown", "text/x-markdown"], MARKDOWN),
    **dict.fromkeys(["text/html", "application/xhtml+xml"], HTML),
    "text/plain": TEXT,
    **dict.fromkeys(["application/xml", "text/xml", "application/dita+xml"], DITA),
    **dict.fromkeys(["text/x-rst", "text/prs.fallenstein.rst"], RST),
}
UNKNOWN_TYPES = {"", "application/octet-stream", "binary/octet-stream"}  # say nothing: look at the bytes
BINARY = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"\x1f\x8b")
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']")
# Encodings web pages and XML files declare; a codec outside these (punycode, zlib, rot13) is no page's charset.
WEB_ENCODINGS = re.compile(r"^(utf-(8|16|32)|iso8859|latin|ascii|cp\d|windows|mac-|koi8|shift_jis|euc|gb|big5|iso2022)")
HTML_START = re.compile(r"^(<!doctype html|<html|<head|<body|<(h[1-6]|p|div|main|article|section)[\s>])", re.I)
MARKDOWN_SIGNS = re.compile(r"^(---\s*$|#{1,6}\s|```|~~~)|\]\([^)\s]+\)|\*\*\S", re.MULTILINE)
# (A `~~~` fence is not here: a reStructuredText title may be underlined with tildes.)
MARKDOWN_ONLY = re.compile(r"^(#{1,6}\s|```)|\]\([^)\s]+\)", re.MULTILINE)
# What only reStructuredText writes: a directive, a link target or substitution, a role, a `link <url>`_, a title
# with an overline, or a title underlined with a character Markdown's setext titles never use.
RST_SIGNS = re.compile(
    r"^\.\.[ \t]+(?:[\w:.+-]+::|_[^:\n]+:|\|[^|\n]+\|)"
    r"|:[\w:.+-]+:`[^`\n]+`"
    r"|`[^`\n]+<[^>\n]+>`__?"
    r"|^([=\-~^\"'`#*+:.])\1{2,}[ \t]*\n.+\n\1{3,}[ \t]*$"
    r"|^\S.*\n([~^\"'`#*+])\2{2,}[ \t]*$",
    re.MULTILINE,
)


def read_source(data: bytes, name: str, *, content_type: str | None = None, url: str = "") -> Outline:
    """The outline of a page given as bytes; `name` (a path or URL) is what reports call the source."""
    if len(data) > MAX_BYTES:
        fail(name, 1, f"is too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    if not data.strip():
        fail(name, 1, "is empty")
    media_type, charset = _content_type(content_type or "")
    fmt = detect_format(data, name, media_type)
    text = decode(data, name, fmt, charset)
    if not text.strip():
        fail(name, 1, "is empty")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        fail(name, MAX_LINES, f"is too long ({lines:,} lines; the limit is {MAX_LINES:,})")
    try:
        outline = READERS[fmt](text, name, url=url)
    except RecursionError:
        fail(name, 1, "is nested too deeply to read")
    if url and not outline.url:
        outline.url = url
    return outline


def read_path(path: Path) -> Outline:
    """A file's outline; the file is not read past the size limit."""
    source = str(path)
    try:
        if not path.is_file():
            fail(source, 1, "is not a file" if path.exists() else "does not exist")
        if path.stat().st_size > MAX_BYTES:
            fail(source, 1, f"is too large ({path.stat().st_size:,} bytes; the limit is {MAX_BYTES:,})")
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        fail(source, 1, f"cannot be read: {error.strerror or error}")
    return read_source(data, source)


def read_url(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Outline:
    """A web page's outline. Private, loopback and link-local hosts are refused unless `allow_private`
    (the operator's command line and the tests): the admin fetches URLs on a staff user's behalf."""
    page = fetch(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
    return read_source(page.data, url, content_type=page.content_type, url=page.url)


def detect_format(data: bytes, name: str, media_type: str = "") -> str:
    """The reader for a page: by the name's extension, else the content type, else the first bytes."""
    try:
        path = urlsplit(name).path if re.match(r"^https?://", name, re.IGNORECASE) else name
    except ValueError:  # "http://[::1": no path to take a suffix from
        path = ""
    file = PurePosixPath(path.replace("\\", "/"))
    suffix = file.suffix.lower()
    double = "".join(file.suffixes[-2:]).lower()
    if double in DOUBLE_SUFFIXES:
        return DOUBLE_SUFFIXES[double]
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix in UNSUPPORTED_SUFFIXES:
        fail(name, 1, f"is of an unsupported type ({suffix}): give {FORMATS}")
    if media_type in CONTENT_TYPES:
        return CONTENT_TYPES[media_type]
    if media_type not in UNKNOWN_TYPES:
        fail(name, 1, f"is of an unsupported type ({media_type}): give {FORMATS}")
    return _sniff(data, name)


def _sniff(data: bytes, name: str) -> str:
    has_bom = any(data.startswith(bom) for bom, _ in BOMS)
    if data.startswith(BINARY) or (not has_bom and b"\x00" in data[:8192]):
        fail(name, 1, f"is not a text file: give {FORMATS}")
    head = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if HTML_START.match(head) or (head.startswith("<?xml") and re.search(r"<html[\s>]", head, re.IGNORECASE)):
        return HTML
    if head.startswith(("<?xml", "<!DOCTYPE")):
        return DITA
    if RST_SIGNS.search(head) and not MARKDOWN_ONLY.search(head):
        return RST
    if MARKDOWN_SIGNS.search(head):
        return MARKDOWN
    return TEXT


def decode(data: bytes, name: str, fmt: str, charset: str = "") -> str:
    """Strictly decoded text: a byte-order mark wins, then the declared charset, then UTF-8."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode(data, name, encoding)
    declared = charset or _declared_charset(data, fmt)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration: a page saved as UTF-8 often keeps its old <meta charset>
    return _decode(data, name, "utf-8")


def _decode(data: bytes, name: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        label = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        fail(name, line, f"is not {label} text (byte 0x{data[error.start]:02x} at line {line}): save it as UTF-8")


def _declared_charset(data: bytes, fmt: str) -> str:
    head = data[:4096]
    found = XML_ENCODING.match(head) if fmt in {DITA, HTML} else None
    if found is None and fmt == HTML:
        found = META_CHARSET.search(head)
    return _known_encoding(found[1].decode("ascii", "ignore")) if found else ""


def _content_type(value: str) -> tuple[str, str]:
    media_type, _, parameters = value.partition(";")
    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", parameters, re.IGNORECASE)
    return media_type.strip().lower(), _known_encoding(found[1]) if found else ""


def _known_encoding(name: str) -> str:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return ""
    return codec if WEB_ENCODINGS.match(codec) else ""
