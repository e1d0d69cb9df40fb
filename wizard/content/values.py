"""Markup values as the content format allows them (docs links, codes, phrases, links to nodes), read leniently.

Each reader takes what a YAML block gave, reports what it cannot use through `error(line, node, message)`, and
returns plain values; the graph builder (graph.py) uses them. No Django here.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from .errors import ContentError
from .links import link_is_valid

# A node of another guide: `<guide id>/<node id>` (see: and related:).
GUIDE_REF = re.compile(r"^([a-z0-9][a-z0-9-]{0,99})/([a-z0-9][a-z0-9-]{0,99})$")
# Plaid's error types (ITEM_ERROR, INVALID_INPUT, ...): upper-case words joined by `_`.
ERROR_TYPE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")


def docs_title(url: str) -> str:
    """A readable default title for a docs link: its last path segment."""
    path = PurePosixPath(urlsplit(url).path)
    name = path.name or urlsplit(url).netloc
    return name.replace("-", " ").replace("_", " ").capitalize() or url


class MarkupValues:
    """The readers, for a builder that has `errors`, `file` and `guide_id` (ids naming it are local)."""

    errors: list[ContentError]
    file: str
    guide_id: str

    def error(self, line: int, node: str | None, message: str) -> None:
        self.errors.append(ContentError(self.file, line, node, message))

    def docs(self, value: Any, line: int, node: str) -> list[tuple[str, str]]:
        if value is None:
            return []
        links: list[tuple[str | None, Any]] = []
        if isinstance(value, str):
            links = [(None, value)]
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            links = [(None, item) for item in value]
        elif isinstance(value, dict):
            links = [(str(title), url) for title, url in value.items()]
        else:
            self.error(line, node, "'docs' must be a URL, a list of URLs or a mapping of title to URL")
        pairs = []
        for title, url in links:
            # Checked before anything parses it: urlsplit raises on some malformed URLs ("https://[x/").
            if link_is_valid(url):
                pairs.append((title or docs_title(url), url))
            else:
                self.error(line, node, f"docs link '{url}' is not a valid http(s) URL")
        return pairs

    def codes(self, value: Any, line: int, node: str) -> tuple[dict[str, str], dict[str, str]]:
        """(code -> meaning, code -> error type): a code's value is its meaning or `{type: ..., meaning: ...}`."""
        if value is None:
            return {}, {}
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",")]
        if isinstance(value, list):
            value = {code: "" for code in value}
        if not isinstance(value, dict):
            self.error(line, node, "'codes' must be a list of codes or a mapping of code to meaning")
            return {}, {}
        meanings: dict[str, str] = {}
        types: dict[str, str] = {}
        for raw, about in value.items():
            code = str(raw).strip()
            if not code:
                continue
            if isinstance(about, dict):
                unknown = sorted(str(key) for key in about if key not in ("type", "meaning"))
                if unknown:
                    self.error(line, node, f"code {code}: unknown key(s) {', '.join(unknown)} (known: meaning, type)")
                error_type = str(about.get("type") or "").strip()
                if error_type and not ERROR_TYPE.match(error_type):
                    self.error(
                        line, node, f"code {code}: error type '{error_type}' must be upper case, like ITEM_ERROR"
                    )
                elif error_type:
                    types[code] = error_type
                about = about.get("meaning")
            meanings[code] = str(about or "").strip()
        return meanings, types

    def ref(self, value: str) -> str:
        """A link target as written: a node of this guide, or `<guide id>/<node id>` (this guide's id: local)."""
        match = GUIDE_REF.match(value)
        return match[2] if match and match[1] == self.guide_id else value

    def related(self, value: Any, line: int, node: str) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(line, node, "'related' must be a list of node ids (or <guide id>/<node id>)")
            return []
        return list(dict.fromkeys(self.ref(item.strip()) for item in value if item.strip()))

    def phrases(self, value: Any, line: int, node: str) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [str(item) for item in value if str(item).strip()]
        self.error(line, node, "'phrases' must be a phrase or a list of phrases")
        return []

    def text(self, meta: dict[str, Any], key: str, line: int, node: str | None) -> str:
        value = meta.get(key)
        if value is None:
            return ""
        if not isinstance(value, (str, int, float)):
            self.error(line, node, f"'{key}' must be text")
            return ""
        return str(value).strip()
