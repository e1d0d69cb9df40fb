"""Every guide in content/ is held to the content lints (wizard/content/lint.py), one test per guide and lint.

KNOWN_GAPS lists what a guide still fails, with who fixes it; those tests are strict xfails, so once a guide is
fixed its test fails until its entry is removed, and a gap cannot linger unnoticed.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from wizard.content import guide_files, read_guide
from wizard.content.lint import lint_guide

LINTS = ["compound-question", "answers-to-resolution", "yes-no-chain", "resolution-docs", "code-meaning"]

# (guide file, lint) -> why it still fails.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def cases() -> list:
    params = []
    for path in guide_files(settings.CONTENT_DIR):
        for lint in LINTS:
            gap = KNOWN_GAPS.get((path.name, lint))
            marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
            params.append(pytest.param(path, lint, id=f"{path.stem}-{lint}", marks=marks))
    return params


@pytest.mark.parametrize(("path", "lint"), cases())
def test_guide_passes_lint(path, lint):
    guide, errors = read_guide(path)
    assert errors == []
    assert [str(finding) for finding in lint_guide(guide)[lint]] == []


def test_every_known_gap_names_a_guide_that_exists():
    names = {path.name for path in guide_files(settings.CONTENT_DIR)}
    assert {name for name, _ in KNOWN_GAPS} <= names
