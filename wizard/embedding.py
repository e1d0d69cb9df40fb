"""Embed mode rules: which sites may frame us, and the theme a help center may choose.

Everything a parent page passes is checked against a pattern or an allow-list here; a value that fails is
dropped, never echoed, so nothing from the query string can reach CSS, script or a header.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.csp import CSP

logger = logging.getLogger(__name__)

ACCENT_RE = re.compile(r"#[0-9a-fA-F]{6}")
# Our own font stacks: a parent picks a name, never a CSS value. Web fonts would need a CDN; these are local.
FONTS: dict[str, str] = {
    "system": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    "serif": 'Georgia, Cambria, "Times New Roman", Times, serif',
    "mono": 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    "arial": "Arial, Helvetica, sans-serif",
    "georgia": "Georgia, serif",
    "helvetica": '"Helvetica Neue", Helvetica, Arial, sans-serif',
    "verdana": "Verdana, Geneva, sans-serif",
}
THEMES = ("light", "dark")
# The origin ends up in a CSP header: only host name characters (or a bracketed IPv6 address) may pass.
HOST_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\]")
THEME_PARAMS = ("accent", "font", "theme")
# Accent text must reach WCAG AA (4.5:1) on every background it sits on (card, page, answer hover, see
# site.css); an accent that does not is kept for borders and the focus ring only.
BACKGROUNDS = {"light": ("#ffffff", "#f5f7f9", "#eef4fb"), "dark": ("#212529", "#181b1e", "#2b3440")}
MIN_TEXT_CONTRAST = 4.5


def origin_parse(value: str) -> str | None:
    """`scheme://host[:port]` in lower case, or None for anything else (a path, user info, a bad port)."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    # A trailing slash is a common copy-paste from the address bar; any other path is a mistake.
    if parts.scheme not in ("http", "https") or parts.path not in ("", "/") or parts.query or parts.fragment:
        return None
    host = parts.netloc.lower().rsplit(":", 1)[0] if port is not None else parts.netloc.lower()
    if not HOST_RE.fullmatch(host):
        return None
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")


def allowed_origins() -> list[str]:
    """EMBED_ALLOWED_ORIGINS, validated. Read per request so a change (or a test's override) applies at once."""
    origins = []
    for value in getattr(settings, "EMBED_ALLOWED_ORIGINS", []):
        origin = origin_parse(value)
        if origin is None:
            logger.warning("EMBED_ALLOWED_ORIGINS: ignoring %r, expected scheme://host[:port]", value)
        elif origin not in origins:
            origins.append(origin)
    return origins


def frame_policy(*, style_nonce: bool = False) -> dict[str, Any]:
    """The site's CSP with framing opened to ourselves (the /embed/ preview) and the allowed origins only.

    `csp_override` replaces the whole policy, so this starts from SECURE_CSP and changes only what embed
    pages need: `frame-ancestors`, and a nonce in `style-src` for the theme's custom properties.
    """
    site_policy = cast(dict[str, list[str]], settings.SECURE_CSP)
    policy = {name: list(values) for name, values in site_policy.items()}
    policy["frame-ancestors"] = [CSP.SELF, *allowed_origins()]
    if style_nonce:
        styles = policy.setdefault("style-src", [CSP.SELF])
        if CSP.NONCE not in styles:
            styles.append(CSP.NONCE)
    return policy


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two `#rrggbb` colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class Theme:
    """A validated embed theme. Every field is None unless the parent asked for an allowed value."""

    accent: str | None = None
    font: str | None = None
    theme: str | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Theme:
        accent = query.get("accent", "")
        font = query.get("font", "")
        theme = query.get("theme", "")
        return cls(
            accent=accent.lower() if ACCENT_RE.fullmatch(accent) else None,
            font=font if font in FONTS else None,
            theme=theme if theme in THEMES else None,
        )

    @property
    def params(self) -> dict[str, str]:
        """The query parameters that carry this theme to the next step (validated values only)."""
        return {name: value for name in THEME_PARAMS if (value := getattr(self, name))}

    @property
    def font_stack(self) -> str | None:
        return FONTS[self.font] if self.font else None

    @property
    def accent_text(self) -> str | None:
        """The accent for links and answers, only when it is readable on this theme's cards."""
        if self.accent is None or not ACCENT_RE.fullmatch(self.accent):
            return None
        backgrounds = BACKGROUNDS[self.theme or "light"]
        readable = all(contrast_ratio(self.accent, bg) >= MIN_TEXT_CONTRAST for bg in backgrounds)
        return self.accent if readable else None

    @property
    def accent_style(self) -> str:
        """The accent's CSS custom properties: for borders and focus, and for text when it is readable."""
        if self.accent is None:
            return ""
        readable = f" --ts-link: {self.accent_text};" if self.accent_text else ""
        return f"--ts-accent: {self.accent};{readable}"

    @property
    def needs_style(self) -> bool:
        return bool(self.accent or self.font)
