"""Every URL a guide carries goes through one check: its docs links and the links written in its text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .render import markdown_links

# Guide.docs_url is a URLField of 500 characters; a longer link would fail the import, not the check.
MAX_URL_LENGTH = 500
# A host name (or an IP address) as urlsplit gives it: lower case, IPv6 without its brackets. markdown-it
# percent-encodes what does not belong in a URL, so "https://[x/" in the text reaches here as "%5bx".
HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?|[0-9a-f:.]*:[0-9a-f:.]*")
WEB = ("http", "https")


def link_is_valid(url: object, schemes: tuple[str, ...] = WEB) -> bool:
    """Whether `url` is an absolute URL of one of `schemes` that parses: a host for http(s), an address for mailto.

    urlsplit raises ValueError on some malformed URLs ("http://[", a port that is not a number): those are
    answers here, never exceptions.
    """
    if not isinstance(url, str) or not url or len(url) > MAX_URL_LENGTH:
        return False
    if any(char.isspace() or not char.isprintable() for char in url):
        return False
    try:
        parts = urlsplit(url)
        # Reading the port checks it too: one that is not a number, or out of range, raises.
        if parts.scheme not in schemes or parts.port == 0:
            return False
    except ValueError:
        return False
    if parts.scheme == "mailto":
        return "@" in parts.path
    return bool(parts.hostname and HOST.fullmatch(parts.hostname))


def text_link_problems(text: str) -> list[str]:
    """What is wrong with the links written in a Markdown text, one message per bad link."""
    # Most texts have no link: they skip the Markdown parser.
    if "](" not in text and "<" not in text:
        return []
    return [
        f"link '{url}' is not a valid http(s) or mailto URL"
        for url in markdown_links(text)
        if not link_is_valid(url, (*WEB, "mailto"))
    ]
