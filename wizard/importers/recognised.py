"""What the recogniser found on a page: problems (symptoms), their causes and steps, and what it could not place.

Plain data between the recogniser and the writer. Every piece keeps where it came from in the source page (first
and last line, and the text it rests on), which the writer records as provenance for re-imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.errors import ContentError
from ..content.format import Provenance
from .markup import digest


@dataclass
class Span:
    first: int
    last: int
    text: str  # the page text this piece rests on (Markdown), for its digest

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.first, max(self.first, self.last), digest(self.text))


@dataclass
class Steps:
    label: str  # the heading the steps were under on the page ("Android", "Method 2"), or ""
    span: Span
    intro: str = ""
    steps: list[str] = field(default_factory=list)


@dataclass
class Cause:
    text: str  # Markdown; its first line is the cause as one sentence
    span: Span
    title: str = ""
    number: int | None = None  # "Cause 2"
    group: str = ""  # a heading grouping causes on the page ("Android")
    codes: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    steps: list[Steps] = field(default_factory=list)
    # The page gives a fix but names no cause: the writer says so and leaves it to an author.
    stated: bool = True


@dataclass
class Problem:
    title: str
    span: Span
    symptom: str = ""
    context: str = ""
    causes: list[Cause] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    docs: list[tuple[str, str]] = field(default_factory=list)
    anchor: str = ""

    @property
    def importable(self) -> bool:
        return any(cause.stated or cause.steps for cause in self.causes)


@dataclass
class Recognition:
    source: str
    title: str
    url: str = ""
    description: str = ""
    intro: str = ""
    problems: list[Problem] = field(default_factory=list)
    # What could not be placed, or was read with doubt: the source file and line, what was seen, what was expected.
    warnings: list[ContentError] = field(default_factory=list)

    @property
    def importable(self) -> bool:
        return any(problem.importable for problem in self.problems)
