from __future__ import annotations

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import FIXTURES, MINI

DOCS = FIXTURES / "docs"
SEED = DOCS / "plaid-link-troubleshooting.txt"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_docs", *args, stdout=out, stderr=out)
    return out.getvalue()


def check(folder) -> str:
    out = StringIO()
    call_command("load_content", "--check", "--path", str(folder), stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def content(tmp_path, settings):
    """An empty content folder that the command writes to by default."""
    folder = tmp_path / "content"
    folder.mkdir()
    settings.CONTENT_DIR = folder
    return folder


def test_writes_to_content_named_after_the_page(content):
    run(str(SEED))
    assert [path.name for path in content.iterdir()] == ["plaid-link-troubleshooting.md"]


def test_id_option_names_the_guide_and_file(content):
    run(str(SEED), "--id", "link-import")
    assert (content / "link-import.md").read_text().startswith("---\nid: link-import\n")


def test_load_content_accepts_the_draft(content):
    shutil.copy(MINI, content / "mini.md")
    run(str(SEED))
    assert "Content is valid: 2 guide(s)" in check(content)


def test_load_content_lists_the_draft(content):
    run(str(SEED))
    assert "draft guide 'plaid-link-troubleshooting', hidden from readers; 20 resolution(s) still need steps" in check(
        content
    )


def test_reports_sections_and_causes(content):
    assert "with 12 section(s) and 19 cause(s)." in run(str(SEED))


def test_lists_what_is_left_to_write(content):
    output = run(str(SEED))
    target = content / "plaid-link-troubleshooting.md"
    assert "21 thing(s) an author must still write:" in output
    assert f"  {target}:34 [institution-does-not-support-one-of-the-products] needs troubleshooting steps" in output
    assert "[oauth-not-working] needs a symptom and its causes" in output


def test_output_option(tmp_path, content):
    target = tmp_path / "elsewhere" / "draft.md"
    run(str(DOCS / "link-troubleshooting.html"), "--output", str(target))
    assert "docs: https://docs.example.com/link/troubleshooting/" in target.read_text()
    assert list(content.iterdir()) == []


def test_refuses_to_overwrite(content):
    target = content / "plaid-link-troubleshooting.md"
    target.write_text("author's work\n")
    with pytest.raises(CommandError, match="already exists; pass --force"):
        run(str(SEED))
    assert target.read_text() == "author's work\n"


def test_force_overwrites(content):
    target = content / "plaid-link-troubleshooting.md"
    target.write_text("author's work\n")
    run(str(SEED), "--force")
    assert "draft: true" in target.read_text()


def test_malformed_section_is_named_and_nothing_written(content):
    with pytest.raises(CommandError, match='section "Missing accounts" \\(line 15\\) has a Symptom but no'):
        run(str(DOCS / "symptom-without-causes.txt"))
    assert list(content.iterdir()) == []


def test_guide_id_used_by_another_guide(content):
    shutil.copy(MINI, content / "other.md")
    with pytest.raises(CommandError, match=r"guide id 'mini' is already used by .*other\.md"):
        run(str(SEED), "--id", "mini")
    assert [path.name for path in content.iterdir()] == ["other.md"]


def test_missing_page(content, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "nope.txt"))
