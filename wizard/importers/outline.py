"""One normalised outline of a docs page, whatever format it came in.

Every reader (Markdown, HTML, scraped text, DITA, reStructuredText, a URL) turns its page into an `Outline`; the
recogniser maps any outline to symptoms, causes and steps; the writer emits the content format.
Plain data, no Django.

Conventions every reader keeps:
- `line` is the 1-based line in the *source* file where the block starts, so a report can say
  "page.html:40". A block built from several source lines keeps the first.
- Inline text is Markdown inline syntax: `code`, **bold**, *emphasis*, [text](url). Readers turn
  their own markup into it (HTML `<code>` -> backticks, `<a href>` -> a link, DITA `<codeph>` ->
  backticks); the writer passes it through. Raw HTML never appears in inline text.
- The page title is taken out of `blocks` into `Outline.title` (first `#`/`<h1>`/DITA `<title>`,
  else the front matter's or `<title>`'s). Headings keep their source level (2 for `##`).
- `role` is set only where the source marks a part for machines (DITA `<condition>`, `<cause>`,
  `<remedy>`; IBM Cloud docs' `{: tsSymptoms}`, `{: tsCauses}`, `{: tsResolve}`). The recogniser
  trusts a role over the words of a heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["symptom", "cause", "resolution", "context"]
AdmonitionKind = Literal["note", "tip", "important", "warning", "caution", "quote"]


@dataclass
class Heading:
    line: int
    level: int
    text: str
    anchor: str = ""
    role: Role | None = None


@dataclass
class Paragraph:
    line: int
    text: str
    role: Role | None = None


@dataclass
class ListItem:
    line: int
    text: str
    # What the item holds after its first paragraph: more paragraphs, nested lists, code.
    blocks: list[Block] = field(default_factory=list)


@dataclass
class ListBlock:
    line: int
    ordered: bool
    items: list[ListItem] = field(default_factory=list)
    role: Role | None = None


@dataclass
class Table:
    line: int
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    role: Role | None = None


@dataclass
class Code:
    line: int
    text: str
    language: str = ""


@dataclass
class Admonition:
    line: int
    kind: AdmonitionKind
    title: str = ""
    blocks: list[Block] = field(default_factory=list)


Block = Heading | Paragraph | ListBlock | Table | Code | Admonition


@dataclass(frozen=True)
class ReadNote:
    """Something a reader dropped or could not read, for the import report (never fatal)."""

    line: int
    message: str


@dataclass
class Outline:
    source: str  # the file path or URL as the user gave it; reports name it
    format: Literal["markdown", "html", "text", "dita", "rst"]
    title: str = ""
    title_line: int = 1
    # One line about the page, when the source has one (front matter `description`, DITA `shortdesc`, meta).
    description: str = ""
    # The page's canonical address when known (front matter, `<link rel=canonical>`, or the URL fetched).
    url: str = ""
    blocks: list[Block] = field(default_factory=list)
    notes: list[ReadNote] = field(default_factory=list)
