from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    """One problem in a content file, located precisely enough to fix it."""

    file: str
    line: int
    node: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.node:
            where += f" [{self.node}]"
        return f"{where}: {self.message}"


class ContentErrors(Exception):
    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))
