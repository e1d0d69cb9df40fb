"""Every page of the import corpus (real, openly licensed docs pages) reads into a sensible outline."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import FIXTURES
from wizard.importers.outline import Admonition, Block, Code, ListBlock, Table
from wizard.importers.read import read_path

CORPUS = FIXTURES / "import_corpus"
EXPECTED = {entry["file"]: entry for entry in yaml.safe_load((CORPUS / "expected.yaml").read_text())}
PAGES = sorted(EXPECTED)


def lines(blocks: list[Block]) -> list[int]:
    """Every line the outline names, nested blocks and list items included, in outline order."""
    found: list[int] = []
    for block in blocks:
        found.append(block.line)
        if isinstance(block, Admonition):
            found += lines(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                found += [item.line, *lines(item.blocks)]
    return found


def test_corpus_has_pages():
    assert len(PAGES) >= 20


# What the readers do not yet get right on corpus pages, said plainly (strict: a fixed gap fails until removed).
TITLE_GAPS: dict[str, str] = {}


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(page, marks=pytest.mark.xfail(strict=True, reason=TITLE_GAPS[page]))
        if page in TITLE_GAPS
        else page
        for page in PAGES
    ],
)
def test_page_has_a_title(page):
    assert read_path(CORPUS / page).title


@pytest.mark.parametrize("page", PAGES)
def test_page_format(page):
    assert read_path(CORPUS / page).format == EXPECTED[page]["format"]


@pytest.mark.parametrize("page", [page for page in PAGES if EXPECTED[page]["shape"] != "none"])
def test_page_has_blocks(page):
    assert read_path(CORPUS / page).blocks


@pytest.mark.parametrize("page", PAGES)
def test_blocks_in_source_order(page):
    found = lines(read_path(CORPUS / page).blocks)
    assert found == sorted(found)


@pytest.mark.parametrize("page", PAGES)
def test_title_before_the_blocks(page):
    outline = read_path(CORPUS / page)
    assert outline.title_line <= min(lines(outline.blocks), default=outline.title_line)


def prose(blocks: list[Block]) -> list[str]:
    """Every piece of inline text the outline holds. Code blocks are left out: they keep the page's code verbatim, and a
    page may show HTML as code (Electron's FAQ has a `<script>` example)."""
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Code):
            continue
        if isinstance(block, Admonition):
            found += [block.title, *prose(block.blocks)]
        elif isinstance(block, ListBlock):
            for item in block.items:
                found += [item.text, *prose(item.blocks)]
        elif isinstance(block, Table):
            found += [*block.header, *(cell for row in block.rows for cell in row)]
        else:
            found.append(block.text)
    return found


@pytest.mark.parametrize("page", PAGES)
def test_no_raw_html_in_text(page):
    outline = read_path(CORPUS / page)
    texts = [outline.title, outline.description, *prose(outline.blocks)]
    assert [text for text in texts if "<script" in text.lower()] == []
