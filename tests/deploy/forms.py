"""Find the POST forms a page offers (action, fields, CSRF token), so load and fuzz tests follow the real markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    # Radio groups and selects: every value offered, so a client can pick a valid one.
    options: dict[str, list[str]] = field(default_factory=dict)
    textareas: set[str] = field(default_factory=set)

    def filled(self, **overrides: str) -> dict[str, str]:
        """The form as a browser would submit it with every choice answered and every text box filled."""
        data = dict(self.fields)
        for name, values in self.options.items():
            data.setdefault(name, values[0])
        for name in self.textareas:
            data.setdefault(name, "It still fails after the steps.")
        for name, value in list(data.items()):
            if not value and "email" in name:
                data[name] = "agent@example.com"
            elif not value and name in {"what_happened", "comment"}:
                data[name] = "It still fails after the steps."
        data.update(overrides)
        return data


class _FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and values.get("method", "get").lower() == "post":
            self._current = Form(action=values.get("action") or self.page_url)
            self.forms.append(self._current)
            return
        form, name = self._current, values.get("name")
        if form is None or not name:
            if tag == "option" and form is not None and self._select:
                form.options.setdefault(self._select, []).append(values.get("value", ""))
            return
        kind = values.get("type", "text").lower()
        if tag == "button" and name and kind == "submit":
            # A named submit button is the answer itself ("Yes, it is solved").
            form.options.setdefault(name, []).append(values.get("value", ""))
        elif tag == "input" and kind in {"radio", "checkbox"}:
            form.options.setdefault(name, []).append(values.get("value", "on"))
        elif tag == "input" and kind not in {"submit", "button", "reset", "file", "image"}:
            form.fields[name] = values.get("value", "")
        elif tag == "textarea":
            form.textareas.add(name)
        elif tag == "select":
            self._select = name

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def post_forms(html: str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms
