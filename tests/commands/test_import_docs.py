from __future__ import annotations

import json
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import FIXTURES, MINI
from wizard.content import read_guide
from wizard.services.load import guides_load

DOCS = FIXTURES / "docs"
SEED = DOCS / "plaid-link-troubleshooting.txt"

PAGE = """# Uploads fail

## Possible causes

- The file is larger than 100 MB.
- The token expired (`TOKEN_EXPIRED`).

## Resolution

1. Retry with a new token.
"""
NOT_TROUBLESHOOTING = "# Install the agent\n\nDownload the installer and run it.\n"


def run(*args: str) -> tuple[int, str]:
    """The command's exit status and what it printed."""
    out = StringIO()
    try:
        call_command("import_docs", *args, stdout=out, stderr=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def check(folder) -> str:
    out = StringIO()
    call_command("load_content", "--check", "--path", str(folder), stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def content(tmp_path, settings, db):
    """An empty content folder that the command writes to by default (re-imports ask the database what is published)."""
    folder = tmp_path / "content"
    folder.mkdir()
    settings.CONTENT_DIR = folder
    return folder


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    (folder / "nested").mkdir(parents=True)
    (folder / "uploads.md").write_text(PAGE)
    (folder / "nested" / "install.md").write_text(NOT_TROUBLESHOOTING)
    (folder / "nested" / "notes.pdf").write_bytes(b"%PDF-1.4")
    return folder


@pytest.fixture
def server(tmp_path):
    """A local web server on a free port, serving a folder of pages."""
    folder = tmp_path / "site"
    folder.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join()
    httpd.server_close()


def test_writes_one_draft_named_after_the_page(content, docs):
    run(str(docs / "uploads.md"))
    assert [path.name for path in content.iterdir()] == ["uploads.md"]


def test_clean_import_exits_zero(content, docs):
    assert run(str(docs / "uploads.md"))[0] == 0


def test_draft_passes_load_content_check(content, docs):
    shutil.copy(MINI, content / "mini.md")
    run(str(docs / "uploads.md"))
    assert "Content is valid: 2 guide(s)" in check(content)


def test_draft_loads_into_the_database(content, docs):
    run(str(docs / "uploads.md"))
    guide, errors = read_guide(content / "uploads.md")
    guides_load(guides=[guide], prune=False)
    assert guide.draft and not errors


def test_folder_is_searched_recursively_by_extension(content, docs):
    _, output = run(str(docs))
    assert (
        str(docs / "uploads.md") in output,
        str(docs / "nested" / "install.md") in output,
        "notes.pdf" in output,
    ) == (
        True,
        True,
        False,
    )


def test_folder_with_a_page_of_nothing_importable_exits_with_warnings(content, docs):
    assert run(str(docs))[0] == 3


def test_nothing_importable_exits_four(content, docs):
    assert run(str(docs / "nested" / "install.md"))[0] == 4


def test_nothing_importable_writes_nothing(content, docs):
    run(str(docs / "nested" / "install.md"))
    assert list(content.iterdir()) == []


def test_nothing_importable_names_the_page_not_a_draft_file(content, docs):
    _, output = run(str(docs / "nested" / "install.md"))
    assert f"warning: {docs / 'nested' / 'install.md'}:1: no symptom with a cause or a fix" in output
    assert "install.md:" not in output.replace(str(docs / "nested" / "install.md"), "")


def test_summary_table_counts(content, docs):
    _, output = run(str(docs / "uploads.md"))
    header, row = output.split("\n")[:2]
    assert header.split() == ["page", "guide", "symptoms", "causes", "steps", "codes", "todo", "warnings", "result"]
    assert row.split()[1:8] == ["uploads", "1", "2", "2", "1", "0", "0"]


def test_json_report(content, docs):
    _, output = run(str(docs / "uploads.md"), "--json")
    page = json.loads(output)["pages"][0]
    assert {key: page[key] for key in ("guide", "status", "symptoms", "causes", "steps", "codes")} == {
        "guide": "uploads",
        "status": "imported",
        "symptoms": 1,
        "causes": 2,
        "steps": 2,
        "codes": ["TOKEN_EXPIRED"],
    }


def test_json_report_lists_warnings_with_the_source_page(content, docs):
    _, output = run(str(docs / "nested" / "install.md"), "--json")
    report = json.loads(output[: output.rindex("}") + 1])
    assert report["pages"][0]["warnings"][0]["page"] == str(docs / "nested" / "install.md")


def test_todo_names_the_draft_file_and_line(content):
    _, output = run(str(SEED))
    target = content / "plaid-link-troubleshooting.md"
    assert f"to write: {target}:" in output


def test_missing_page_is_named(content, tmp_path):
    status, output = run(str(tmp_path / "nope.md"))
    assert (status, f"{tmp_path / 'nope.md'}:1: does not exist" in output) == (4, True)


def test_empty_folder_is_named(content, tmp_path):
    (tmp_path / "empty").mkdir()
    status, output = run(str(tmp_path / "empty"))
    assert (status, "no docs pages in this folder" in output) == (4, True)


def test_id_option_names_the_guide_and_file(content, docs):
    run(str(docs / "uploads.md"), "--id", "upload-errors")
    assert (content / "upload-errors.md").read_text().startswith("---\nid: upload-errors\n")


def test_id_option_needs_exactly_one_page(content, docs):
    with pytest.raises(CommandError, match="--id names one guide"):
        call_command("import_docs", str(docs), "--id", "x", stdout=StringIO())


def test_output_dir_option(content, docs, tmp_path):
    run(str(docs / "uploads.md"), "--output-dir", str(tmp_path / "elsewhere"))
    assert ([path.name for path in (tmp_path / "elsewhere").iterdir()], list(content.iterdir())) == (["uploads.md"], [])


def test_guide_id_used_by_another_guide(content, docs):
    shutil.copy(MINI, content / "other.md")
    status, output = run(str(docs / "uploads.md"), "--id", "mini")
    assert (status, "guide id 'mini' is already used by" in output) == (4, True)


def test_pages_with_the_same_name_get_different_ids(content, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "troubleshooting.md").write_text(PAGE)
    run(str(tmp_path / "a"), str(tmp_path / "b"))
    assert sorted(path.name for path in content.iterdir()) == ["b-troubleshooting.md", "troubleshooting.md"]


def test_a_page_named_like_another_pages_guide_gets_its_own_id(content, tmp_path):
    for folder in ("gitlab", "jest"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "troubleshooting.md").write_text(PAGE.replace("Uploads", folder.capitalize()))
    run(str(tmp_path / "gitlab"))
    run(str(tmp_path / "jest"))
    assert sorted(path.name for path in content.iterdir()) == ["jest-troubleshooting.md", "troubleshooting.md"]


def test_force_never_replaces_the_guide_of_another_page_with_the_same_name(content, tmp_path):
    for folder in ("gitlab", "jest"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "troubleshooting.md").write_text(PAGE.replace("Uploads", folder.capitalize()))
    run(str(tmp_path / "gitlab"))
    run(str(tmp_path / "jest"), "--force")
    assert "# Gitlab fail" in (content / "troubleshooting.md").read_text()


# URLs -----------------------------------------------------------------------------------------------------------


def test_url_is_imported(content, server):
    folder, base = server
    (folder / "uploads.md").write_text(PAGE)
    run(f"{base}/uploads.md")
    assert (content / "uploads.md").read_text().count("\nsource: http://127.0.0.1:") == 1


def test_url_that_is_missing_is_named(content, server):
    _, base = server
    status, output = run(f"{base}/missing.html")
    assert (status, f"{base}/missing.html:1:" in output) == (4, True)


# Re-importing: never overwrite silently, report what the docs changed -------------------------------------------


def test_unchanged_page_is_reported_unchanged(content, docs):
    run(str(docs / "uploads.md"))
    status, output = run(str(docs / "uploads.md"))
    assert (status, "unchanged since the last import" in output) == (0, True)


def test_changed_page_keeps_the_authors_file(content, docs):
    run(str(docs / "uploads.md"))
    edited = (content / "uploads.md").read_text().replace("Retry with a new token.", "Retry with a fresh token.")
    (content / "uploads.md").write_text(edited)
    (docs / "uploads.md").write_text(PAGE.replace("The token expired", "The token was revoked"))
    run(str(docs / "uploads.md"))
    assert (content / "uploads.md").read_text() == edited


def test_changed_page_writes_the_new_draft_beside_it(content, docs):
    run(str(docs / "uploads.md"))
    (docs / "uploads.md").write_text(PAGE.replace("The token expired", "The token was revoked"))
    run(str(docs / "uploads.md"))
    assert "The token was revoked" in (content / "uploads.md.new").read_text()


def test_load_content_ignores_the_new_draft(content, docs):
    run(str(docs / "uploads.md"))
    (docs / "uploads.md").write_text(PAGE.replace("The token expired", "The token was revoked"))
    run(str(docs / "uploads.md"))
    assert "Content is valid: 1 guide(s)" in check(content)


def test_changed_page_reports_each_node(content, docs):
    run(str(docs / "uploads.md"))
    (docs / "uploads.md").write_text(PAGE.replace("The token expired", "The token was revoked"))
    status, output = run(str(docs / "uploads.md"))
    assert status == 3
    assert "the docs changed since the last import (2 change(s))" in output
    assert "  added    cause   token-was-revoked-token-expired" in output
    assert "  removed  cause   token-expired-token-expired" in output


def test_changed_published_node_is_stale(content, docs):
    run(str(docs / "uploads.md"))
    published = (content / "uploads.md").read_text().replace("draft: true", "draft: false")
    (content / "uploads.md").write_text(published)
    guide, _ = read_guide(content / "uploads.md")
    guides_load(guides=[guide], prune=False)
    (docs / "uploads.md").write_text(PAGE.replace("Retry with a new token.", "Retry later."))
    _, output = run(str(docs / "uploads.md"))
    assert "published, now stale" in output


def test_force_replaces_the_guide(content, docs):
    run(str(docs / "uploads.md"))
    (docs / "uploads.md").write_text(PAGE.replace("The token expired", "The token was revoked"))
    run(str(docs / "uploads.md"), "--force")
    assert ("The token was revoked" in (content / "uploads.md").read_text(), (content / "uploads.md.new").exists()) == (
        True,
        False,
    )


def test_dry_run_writes_nothing(content, docs):
    run(str(docs / "uploads.md"), "--dry-run")
    assert list(content.iterdir()) == []


def test_existing_guide_not_imported_gets_a_draft_beside_it(content, docs):
    (content / "uploads.md").write_text("author's work\n")
    run(str(docs / "uploads.md"))
    assert ((content / "uploads.md").read_text(), (content / "uploads.md.new").exists()) == ("author's work\n", True)
