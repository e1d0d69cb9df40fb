"""What Sphinx adds to reStructuredText, read without Sphinx: its roles as text, its directives as blocks or nothing.

docutils knows only its own roles and directives. Sphinx pages use many more (`:ref:`, `:doc:`, `:py:func:`,
`.. code-block::` with `:caption:`, `.. versionadded::`, `.. toctree::`, extensions' own). None may be fatal:

- A role docutils does not know becomes what a reader sees on the built page: its title (`:ref:`Activating
  environments <activate-env>`` -> "Activating environments"), as code for the roles that name code, options, files
  and keys. This is done by our own `Inliner` (per parser, so docutils' global registries stay untouched).
- A directive docutils does not know (or refuses, as it does `include` and `raw` here) leaves its source in an
  error message; `directive()` reads that source back: navigation and machinery are dropped, code stays code,
  version notes become notes, and anything else keeps its content as ordinary blocks.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from docutils import nodes, utils
from docutils.parsers.rst import roles
from docutils.parsers.rst.states import Inliner

# The roles whose text is code on a built page: Sphinx's standard and Python roles, and any domain role
# (`py:func`, `c:macro`, `oslo.config:option`): a domain names code objects.
CODE_ROLES = {
    "func", "meth", "class", "mod", "attr", "exc", "data", "obj", "const", "envvar", "command", "program",
    "option", "file", "samp", "kbd", "code", "makevar", "mailheader", "mimetype", "regexp", "token", "keyword",
    "dfn-code", "literal", "confval", "setting",
}  # fmt: skip
BOLD_ROLES = {"guilabel", "menuselection"}
TITLED = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)

# `.. name:: arguments` at the start of a directive's source.
DIRECTIVE = re.compile(r"^\.\.[ \t]+(?P<name>[\w.:+-]+)[ \t]*::[ \t]*(?P<args>.*)$")
OPTION = re.compile(r"^:[^:\s][^:]*:")
# Directives that show no page text (navigation, indexes, API machinery) or that would read another file.
DROPPED = {
    "toctree", "index", "highlight", "currentmodule", "module", "sectionauthor", "codeauthor", "moduleauthor",
    "tabularcolumns", "redirect-from", "meta", "spelling", "spelling:word-list", "graphviz", "mermaid", "plot",
    "todo", "todolist", "contents", "default-role", "role", "program", "productionlist", "jinja", "image",
    "figure", "thumbnail", "youtube", "video", "raw", "include", "literalinclude", "csv-table", "cssclass",
    "autosummary", "automodule", "autoclass", "autofunction", "automethod", "autoattribute", "autodata",
    "autoexception", "autoprogram", "click", "argparse", "oslo.config:group", "show-options", "config-table",
    "sidebar-links", "feed", "post",
}  # fmt: skip
# Those whose file or markup the importer refuses to read: the report says so.
REFUSED = {"include": "other files are never read", "literalinclude": "other files are never read"}
REFUSED |= {"raw": "raw markup is never read", "csv-table": "a table from a file or URL is never read"}
CODE = {"code-block", "sourcecode", "code", "code-cell", "prompt", "ipython", "jupyter-execute", "doctest"}
CODE |= {"testcode", "testoutput", "console", "parsed-literal", "math", "code-tab"}
# Sphinx's version notes, as the built page titles them.
VERSION_NOTES = {
    "versionadded": "New in version",
    "versionchanged": "Changed in version",
    "deprecated": "Deprecated since version",
    "versionremoved": "Removed in version",
}
SEE_ALSO = {"seealso": "See also"}


@dataclass(frozen=True)
class Directive:
    """A directive read back from its source: where its content starts, so its lines stay the page's lines."""

    name: str
    arguments: str
    content: str
    content_line: int  # the page line of the content's first line


def directive(source: str, line: int) -> Directive | None:
    """A directive's name, arguments and content from its source text (the directive starts at `line`)."""
    lines = source.rstrip("\n").split("\n")
    found = DIRECTIVE.match(lines[0]) if lines else None
    if found is None:
        return None
    arguments = [found["args"]]
    index = 1
    while index < len(lines) and lines[index].strip() and not OPTION.match(lines[index].strip()):
        arguments.append(lines[index].strip())  # arguments go on to the first option or blank line
        index += 1
    while index < len(lines) and lines[index].strip() and OPTION.match(lines[index].strip()):
        index += 1  # the directive's options
    while index < len(lines) and not lines[index].strip():
        index += 1
    content = textwrap.dedent("\n".join(lines[index:]))
    return Directive(found["name"].lower(), "\n".join(arguments).strip(), content, line + index)


def role_text(role: str, text: str) -> nodes.Node:
    """What a built page shows for a role Sphinx knows and docutils does not."""
    text = utils.unescape(text)
    titled = TITLED.match(text)
    shown = titled["title"] if titled else text
    name = role.lower()
    if name == "raw" or name.startswith("raw-"):
        return nodes.Text("")  # Sphinx's `raw-html` and the like: markup for one builder, never page text
    if not titled and shown.startswith(("~", "!")):
        # `~a.b.c` shows the last part only, `!x` shows x without a link.
        shown = shown[1:].rsplit(".", 1)[-1] if shown.startswith("~") else shown[1:]
    if name in BOLD_ROLES:
        return nodes.strong(text, shown.replace("-->", ">").replace("&", ""))
    if name in CODE_ROLES or ":" in name:
        return nodes.literal(text, shown)
    return nodes.Text(shown)


def sphinx_inliner() -> Inliner:
    """docutils' inline parser, except that a role it does not know is read as its text instead of an error.

    The method is replaced on the instance: docutils builds the parser's patterns from its class's own attributes
    (`vars(self.__class__)`), which a subclass would not have.
    """
    inliner = Inliner()
    interpreted = inliner.interpreted

    def sphinx_interpreted(
        rawsource: str, text: str, role: str, lineno: int
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        known, _ = roles.role(role, inliner.language, lineno, inliner.reporter)
        if known or not role:
            return interpreted(rawsource, text, role, lineno)
        return [role_text(role, text)], []

    inliner.interpreted = sphinx_interpreted  # type: ignore[method-assign]
    return inliner
