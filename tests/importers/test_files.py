from __future__ import annotations

from wizard.importers.files import Run, page_sources, same_page


def test_page_sources_searches_folders_by_extension(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/x.md", "a/y.html", "a/z.pdf", "a/w.dita"):
        (tmp_path / name).write_text("x")
    pages, _ = page_sources([str(tmp_path)])
    assert [page.rsplit("/", 1)[1] for page in pages] == ["w.dita", "x.md", "y.html"]


def test_page_sources_finds_rst_pages(tmp_path):
    for name in ("x.rst", "y.rest", "conf.py"):
        (tmp_path / name).write_text("x")
    pages, _ = page_sources([str(tmp_path)])
    assert [page.rsplit("/", 1)[1] for page in pages] == ["x.rst", "y.rest"]


def test_page_sources_skips_hidden_folders(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("x")
    assert page_sources([str(tmp_path)]) == ([], [(str(tmp_path), page_sources([str(tmp_path)])[1][0][1])])


def test_urls_pass_through():
    assert page_sources(["https://docs.example.com/errors/"]) == (["https://docs.example.com/errors/"], [])


def test_guide_id_from_a_url(tmp_path):
    assert Run(output_dir=tmp_path).new_id("https://docs.example.com/kb/fix-error-5.html") == "fix-error-5"


def test_guide_id_from_a_file_name(tmp_path):
    assert Run(output_dir=tmp_path).new_id("docs/Troubleshoot_VM_Start.md") == "troubleshoot-vm-start"


def test_a_page_given_from_another_folder_is_the_same_page():
    assert same_page("docs/jest/troubleshooting.html", "/home/lead/docs/jest/troubleshooting.html")


def test_a_page_of_the_same_name_in_another_folder_is_another_page():
    assert not same_page("docs/gitlab/troubleshooting.md", "docs/jest/troubleshooting.md")


def test_a_guide_that_records_no_source_is_taken_as_this_pages():
    assert same_page("", "docs/jest/troubleshooting.md")
