"""Docs-site Markdown dialects rewritten to CommonMark, line for line, before markdown-it reads a page.

Docs repositories write Markdown for a site generator: DocFX (Microsoft Learn), Hugo, Jekyll and
GitHub docs (Liquid), MkDocs, MyST. Their extensions are not CommonMark, so this pass turns each into
what it means in CommonMark or drops it, and keeps every line where it was (a dropped line becomes
blank), so the token stream's line maps still point into the source file:
- admonitions (MkDocs `!!! note`, Hugo `{{< note >}}`, Liquid `{% note %}`, MyST `:::{note}`) become
  GitHub alerts (`> [!NOTE]`), which the Markdown reader reads like the ones a page writes itself;
- paired shortcodes and Liquid blocks (`{% ifversion %}`...`{% endif %}`) keep their content, their tags go;
- includes (`[!INCLUDE]`, `{% include %}`, `{% data reusables %}`, `:::code source=`) are noted, not followed;
- template variables (`{% data variables.product.prodname_dotcom %}`, `{{site.data.keyword.x}}`) become a word.
Kramdown attribute lists (`{: tsSymptoms}`) stay: where they sit decides their block, so the reader takes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import ADMONITION_KINDS, admonition_kind
from .outline import ReadNote

FENCE = re.compile(r"^[\s>]*(`{3,}|~{3,})")
# One template tag: a Hugo shortcode ({{< x >}} or {{% x %}}) or a Liquid/Jinja tag ({% x %}).
TAG = re.compile(
    r"\{\{(?P<hugo>[<%])\s*(?P<hclose>/?)\s*(?P<hname>[\w./-]+)(?P<hargs>[^{}]*?)\s*/?\s*[>%]\}\}"
    r"|\{%-?\s*(?P<lname>\w+)(?P<largs>[^{}]*?)-?%\}"
)
VARIABLE = re.compile(r"\{\{-?\s*(?P<name>[^{}<%/\s][^{}|]*?)\s*(?:\|[^{}]*)?-?\}\}")
DOC_VARIABLE = re.compile(
    r"\{%-?\s*data\s+(?P<github>variables\.[\w.-]+)\s*-?%\}|\{\{\s*(?P<ibm>site\.data\.keyword\.[\w.-]+)\s*\}\}"
)
MKDOCS = re.compile(r"^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s*(?P<kind>[\w-]+)(?:[^\"]*\"(?P<title>[^\"]*)\")?")
MYST_OPEN = re.compile(r"^\s*(?P<colons>:{3,})\s*\{(?P<name>[\w-]+)\}\s*(?P<args>.*)$")
MYST_CLOSE = re.compile(r"^\s*(?P<colons>:{3,})\s*$")
DOCFX = re.compile(r"^\s*:::\s*(?P<name>[\w-]+)(?P<args>.*)$")
INCLUDE = re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\((?P<path>[^)]*)\)\]", re.IGNORECASE)
VIDEO = re.compile(r"\[!VIDEO\s+[^\]]*\]", re.IGNORECASE)
ALD = re.compile(r"^\s*\{:[\w-]+:[^}]*\}\s*$")
ARG_KIND = re.compile(r"(?:color|type|theme|title)\s*=\s*[\"']?(?P<kind>[\w-]+)")
ARG_FIRST = re.compile(r"^\s*[\"']?(?P<kind>[\w-]+)")
ARG_TITLE = re.compile(r"title\s*=\s*\"(?P<title>[^\"]*)\"")
LANGUAGE = re.compile(r"^\s*[\"']?(?P<lang>[\w+#-]+)")

# Callout shortcodes that name their kind in an argument: {{% notice warning %}}, {{% alert color="danger" %}}.
GENERIC_CALLOUTS = {"alert", "admonition", "callout", "notice", "notices", "hint", "box"}
# Istio's Hugo theme writes its code blocks as {{< text bash >}} ... {{< /text >}}.
CODE_TAGS = {"highlight", "code", "codeblock", "text"}
# GitHub docs' platform blocks: what the site shows as a Mac / Windows / Linux switch becomes a label line.
PLATFORM_TAGS = {"mac": "Mac", "windows": "Windows", "linux": "Linux"}
COMMENT_TAGS = {"comment"}
INCLUDE_TAGS = {"include", "include_relative", "render", "readfile", "include-markdown", "snippet"}
# GitHub docs' product-name variables as the site renders them (data/variables/product.yml), and IBM Cloud's.
KNOWN_WORDS = {
    "prodname_dotcom": "GitHub",
    "prodname_dotcom_the_website": "GitHub.com",
    "prodname_ghe_server": "GitHub Enterprise Server",
    "prodname_ghe_cloud": "GitHub Enterprise Cloud",
    "prodname_enterprise": "GitHub Enterprise",
    "prodname_actions": "GitHub Actions",
    "prodname_cli": "GitHub CLI",
    "prodname_desktop": "GitHub Desktop",
    "prodname_pages": "GitHub Pages",
    "prodname_registry": "GitHub Packages",
    "prodname_codespaces": "Codespaces",
    "prodname_github_codespaces": "GitHub Codespaces",
    "prodname_copilot": "GitHub Copilot",
    "prodname_copilot_short": "Copilot",
    "prodname_github_app": "GitHub App",
    "prodname_github_apps": "GitHub Apps",
    "prodname_oauth_app": "OAuth App",
    "prodname_oauth_apps": "OAuth Apps",
    "prodname_dependabot": "Dependabot",
    "prodname_vscode": "Visual Studio Code",
    "github": "GitHub",
    "product_name": "GitHub",
    "product_url": "github.com",
    "bluemix": "IBM Cloud",
    "bluemix_notm": "IBM Cloud",
}
ROOT_SUFFIXES = re.compile(r"_(?:notm|short|full|long)$")
MACRO = re.compile(r"^(?P<name>[A-Za-z][\w-]*)(?:\(\s*(?:[\"'](?P<arg>[^\"']*)[\"'][^)]*)?\)|$)")
NAVIGATION = re.compile(r"sidebar|breadcrumb|^toc$", re.IGNORECASE)


@dataclass
class SiteText:
    lines: list[str]
    # 1-based line of a `[!KIND]` marker this pass wrote -> the admonition's title from the source.
    titles: dict[int, str] = field(default_factory=dict)
    notes: list[ReadNote] = field(default_factory=list)


@dataclass
class _Pair:
    kind: str  # "admonition", "code", "label", "comment" or "keep"
    close: int  # index of the closing line
    marker: str = ""  # the line written for the opening one
    title: str = ""


def word_for(name: str) -> str:
    """A template variable as the word a reader of the rendered page would see, or a readable guess."""
    macro = MACRO.match(name.strip())
    if macro is not None and ("(" in name or NAVIGATION.search(macro["name"])):
        # A macro call (MDN's KumaScript: {{Glossary("HTTP")}}, {{jsxref("ReferenceError")}}) shows its first
        # argument as a link; navigation macros ({{HTTPSidebar}}, {{jsSidebar("Errors")}}) show nothing in the text.
        return "" if NAVIGATION.search(macro["name"]) else (macro["arg"] or "")
    last = name.strip().rsplit(".", 1)[-1]
    if last.lower() in KNOWN_WORDS:
        return KNOWN_WORDS[last.lower()]
    last = ROOT_SUFFIXES.sub("", last.removeprefix("prodname_"))
    return last.replace("_", " ").replace("-", " ").strip()


def substitute(text: str) -> str:
    """A value outside the page's body (front matter) with its template variables as words and other tags gone."""
    return _variables(text, [], 1, in_code=False)


def _variables(text: str, notes: list[ReadNote], line: int, *, in_code: bool) -> str:
    """Template tags and variables within a line: words for variables, nothing for the rest."""

    def tag(match: re.Match[str]) -> str:
        name = (match["hname"] or match["lname"] or "").lower()
        args = (match["hargs"] or match["largs"] or "").strip()
        if name == "data":
            if args.startswith("variables."):
                return word_for(args.split()[0])
            notes.append(ReadNote(line, f"include not followed: reusable text {args.split()[0] if args else ''}"))
            return ""
        if name in INCLUDE_TAGS:
            notes.append(ReadNote(line, f"include not followed: {args or name}"))
        elif match["hugo"] and not match["hclose"]:
            notes.append(ReadNote(line, f"shortcode removed: {name}"))
        return ""

    def variable(match: re.Match[str]) -> str:
        name = match["name"].strip()
        return "" if name.endswith("attribute-definition-list") else word_for(name)

    if in_code:
        # Code keeps its own braces (templates, Helm charts); only the docs site's own variables are words.
        return DOC_VARIABLE.sub(lambda match: word_for(match["github"] or match["ibm"]), text)
    return VARIABLE.sub(variable, TAG.sub(tag, text))


def _pairs(lines: list[str]) -> dict[int, _Pair]:
    """Opening line -> its pair, for template blocks whose opening and closing tags stand on lines of their own."""
    pairs: dict[int, _Pair] = {}
    stack: list[tuple[str, int, str]] = []  # name, line index, arguments
    fence = ""
    for index, line in enumerate(lines):
        found = FENCE.match(line)
        if fence:
            fence = "" if found and found[1].startswith(fence) else fence
            continue
        if found:
            fence = found[1]
            continue
        stripped = line.strip().lstrip(">").strip()
        myst_open, myst_close, tag = MYST_OPEN.match(stripped), MYST_CLOSE.match(stripped), TAG.fullmatch(stripped)
        if myst_open:
            stack.append((":" + myst_open["name"].lower(), index, myst_open["args"]))
        elif myst_close:
            opened = _last(stack, ":", prefix=True)
            if opened is not None:
                name, start, args = stack[opened]
                del stack[opened:]
                pairs[start] = _pair(name[1:], index, args)
        elif tag:
            name = (tag["hname"] or tag["lname"]).lower()
            closing = bool(tag["hclose"]) or (bool(tag["lname"]) and name.startswith("end"))
            if not closing:
                stack.append((name, index, tag["hargs"] or tag["largs"] or ""))
                continue
            name = name if tag["hname"] else name.removeprefix("end")
            opened = _last(stack, name)
            if opened is not None:
                _, start, args = stack[opened]
                del stack[opened:]  # tags opened inside and never closed go with it
                pairs[start] = _pair(name, index, args)
    return pairs


def _last(stack: list[tuple[str, int, str]], name: str, *, prefix: bool = False) -> int | None:
    """Where the innermost tag of that name (or with that prefix) was opened."""
    for at in range(len(stack) - 1, -1, -1):
        if stack[at][0] == name or (prefix and stack[at][0].startswith(name)):
            return at
    return None


def _pair(name: str, close: int, args: str) -> _Pair:
    if name in COMMENT_TAGS:
        return _Pair("comment", close)
    if name in CODE_TAGS:
        language = LANGUAGE.match(args)
        return _Pair("code", close, marker="```" + (language["lang"] if language else ""))
    kind = ADMONITION_KINDS.get(name)
    if name in GENERIC_CALLOUTS:
        found = ARG_KIND.search(args) or ARG_FIRST.match(args)
        kind = admonition_kind(found["kind"] if found else "") or "note"
    if name in PLATFORM_TAGS:
        return _Pair("label", close, marker=f"**{PLATFORM_TAGS[name]}**")
    if kind is None:
        return _Pair("keep", close)
    title = ARG_TITLE.search(args)
    return _Pair("admonition", close, marker=f"[!{kind.upper()}]", title=title["title"] if title else "")


def rewrite(lines: list[str]) -> SiteText:
    """The page's lines with docs-site syntax rewritten to CommonMark; as many lines as it was given."""
    site = SiteText(lines=[])
    pairs = _pairs(lines)
    closes: dict[int, _Pair] = {pair.close: pair for pair in pairs.values()}
    depth = 0  # paired admonitions around this line
    mkdocs: list[int] = []  # body indents of the MkDocs admonitions around this line
    fence = ""
    dropping = 0  # inside a comment block or a DocFX image description
    following = _following_indents(lines)
    for index, raw in enumerate(lines):
        number = index + 1
        # A blank line belongs to an admonition's body when the text after it is indented enough.
        indent = _indent(raw) if raw.strip() else following[index]
        while mkdocs and indent < mkdocs[-1]:
            mkdocs.pop()
        line = raw[mkdocs[-1] :] if mkdocs and raw.strip() else raw.strip() if mkdocs else raw
        prefix = "> " * (depth + len(mkdocs))
        pair, closing = pairs.get(index), closes.get(index)
        if fence:
            found = FENCE.match(line)
            fence = "" if found and found[1].startswith(fence) else fence
            if closing and closing.kind == "code":
                fence = ""
                line = _lead(line) + "```"
            site.lines.append(prefix + _variables(line, site.notes, number, in_code=True))
            continue
        if dropping:
            dropping -= bool(closing and closing.kind == "comment") or bool(re.match(r"\s*:::image-end", line))
            site.lines.append("")
            continue
        text, depth, fence, dropping = _structure(site, line, number, pair, closing, depth, prefix, mkdocs)
        if text is None:
            continue
        found = FENCE.match(text)
        fence = found[1] if found else fence
        site.lines.append(prefix + text)
    return site


def _structure(
    site: SiteText,
    line: str,
    number: int,
    pair: _Pair | None,
    closing: _Pair | None,
    depth: int,
    prefix: str,
    mkdocs: list[int],
) -> tuple[str | None, int, str, int]:
    """One line outside code: (its text, or None when written already; depth; fence; lines to drop)."""
    if pair is not None:
        if pair.kind == "admonition":
            site.titles[number] = pair.title
            site.lines.append(prefix + "> " + pair.marker)
            return None, depth + 1, "", 0
        if pair.kind == "code":
            # Indented as the shortcode was, so a code block inside a list item stays in the item.
            site.lines.append(prefix + _lead(line) + pair.marker)
            return None, depth, "```", 0
        if pair.kind == "label":
            site.lines.append(prefix + pair.marker)
            return None, depth, "", 0
        site.lines.append("")
        return None, depth, "", int(pair.kind == "comment")
    if closing is not None:
        site.lines.append("")
        return None, depth - (closing.kind == "admonition"), "", 0
    opener = MKDOCS.match(line)
    if opener:
        kind = admonition_kind(opener["kind"]) or "note"
        site.titles[number] = opener["title"] or ""
        site.lines.append(prefix + f"> [!{kind.upper()}]")
        mkdocs.append((mkdocs[-1] if mkdocs else 0) + len(opener["indent"]) + 4)
        return None, depth, "", 0
    docfx = DOCFX.match(line)
    if docfx:
        name, args = docfx["name"].lower(), docfx["args"]
        if name == "code" or ("source=" in args and name != "image"):
            site.notes.append(ReadNote(number, f"include not followed: DocFX {name} block {args.strip(' :')}"))
        # A complex image carries a long description up to :::image-end:::, which is not page text.
        drop = int(name == "image" and 'type="complex"' in args)
        site.lines.append("")
        return None, depth, "", drop
    if ALD.match(line):
        site.lines.append("")
        return None, depth, "", 0
    for include in INCLUDE.finditer(line):
        site.notes.append(ReadNote(number, f"include not followed: {include['path'].strip()}"))
    line = VIDEO.sub("", INCLUDE.sub("", line))
    return _variables(line, site.notes, number, in_code=False), depth, "", 0


def _lead(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _following_indents(lines: list[str]) -> list[int]:
    """For each line, the indent of the next line with text after it (0 at the end)."""
    result = [0] * len(lines)
    indent = 0
    for index in range(len(lines) - 1, -1, -1):
        result[index] = indent
        if lines[index].strip():
            indent = _indent(lines[index])
    return result
