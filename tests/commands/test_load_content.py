from __future__ import annotations

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import MINI
from wizard.models import Guide, Node

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path):
    shutil.copy(MINI, tmp_path / "mini.md")
    (tmp_path / "README.md").write_text("# Not a guide\n")
    return tmp_path


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_content", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_check_validates_without_importing(content):
    assert "Content is valid: 1 guide(s), 10 nodes." in run("--check", "--path", str(content))
    assert not Guide.objects.exists()


def test_load_imports_every_guide(content):
    assert "Imported 1 guide(s), 10 nodes" in run("--path", str(content))
    assert Node.objects.filter(guide__slug="mini").count() == 10


def test_second_load_says_nothing_changed(content):
    run("--path", str(content))
    assert "nothing changed" in run("--path", str(content))


def test_errors_name_file_line_and_node_and_fail(content):
    (content / "broken.md").write_text("---\nid: broken\ntitle: Broken\n---\n\n## Thing\n<!-- id: thing -->\n")
    out = StringIO()
    with pytest.raises(CommandError, match="1 content error"):
        call_command("load_content", "--path", str(content), stdout=out, stderr=out)
    assert "broken.md:6 [thing]: the section lists no common causes" in out.getvalue()


def test_check_reports_a_docs_url_that_does_not_parse(content):
    (content / "mini.md").write_text(MINI.read_text().replace("https://example.com/docs/widget/", "https://[x/"))
    out = StringIO()
    with pytest.raises(CommandError, match="1 content error"):
        call_command("load_content", "--check", "--path", str(content), stdout=out, stderr=out)
    assert "mini.md:14 [widget]: docs link 'https://[x/' is not a valid http(s) URL" in out.getvalue()


def test_one_bad_guide_blocks_the_whole_import(content):
    run("--path", str(content))
    before = list(Node.objects.values_list("pk", "title"))
    (content / "mini.md").write_text(MINI.read_text().replace("Mini guide", "Renamed") + "\n## Broken\n")
    with pytest.raises(CommandError):
        run("--path", str(content))
    assert list(Node.objects.values_list("pk", "title")) == before
    assert Guide.objects.get().title == "Mini guide"


def test_duplicate_guide_ids_across_files(content):
    shutil.copy(MINI, content / "mini-copy.md")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("load_content", "--check", "--path", str(content), stdout=out, stderr=out)
    assert "mini.md:1: guide id 'mini' is also used by mini-copy.md" in out.getvalue()


def test_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        run("--path", str(tmp_path / "nope"))


def test_draft_lists_what_still_needs_steps(content):
    text = MINI.read_text().replace("summary:", "draft: true\nsummary:")
    wrong_src_steps = text[text.index("#### Wrong src") : text.index("## The platform matters")]
    text = text.replace(wrong_src_steps, "")
    (content / "mini.md").write_text(text)
    out = run("--path", str(content))
    assert "mini.md:35 [wrong-src] needs troubleshooting steps" in out
    assert Guide.objects.get().is_draft


def test_a_draft_with_every_step_written_says_so(content):
    (content / "mini.md").write_text(MINI.read_text().replace("summary:", "draft: true\nsummary:"))
    assert "hidden from readers; every resolution has steps." in run("--path", str(content))


def test_shipped_content_is_valid():
    assert "Content is valid" in run("--check")


def test_check_lists_lint_findings_as_warnings(content):
    text = (
        (content / "mini.md")
        .read_text()
        .replace(
            "Does the browser console show a 404 for the script?",
            "Is there a 404 in the console, and did the script load?",
        )
    )
    (content / "mini.md").write_text(text)
    output = run("--check", "--path", str(content))
    assert "mini.md:34 [check-wrong-src]: the question asks two things at once" in output
    assert "(lint: compound-question)" in output
    assert "Content is valid" in output
