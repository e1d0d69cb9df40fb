from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from wizard.content.errors import ContentErrors
from wizard.importers.html import read_html
from wizard.importers.outline import Admonition, Code, Heading, ListBlock, Outline, Paragraph, Table


def read(body: str, head: str = "", url: str = "") -> Outline:
    return read_html(
        f"<!DOCTYPE html>\n<html>\n<head>{head}</head>\n<body>\n{body}\n</body>\n</html>\n", "page.html", url=url
    )


def first(outline: Outline, kind: type) -> object:
    return next(block for block in outline.blocks if isinstance(block, kind))


def texts(outline: Outline) -> list[str]:
    return [block.text for block in outline.blocks if isinstance(block, Heading | Paragraph)]


def test_title_from_h1():
    assert read("<main><h1>Fix sign-in</h1><p>x</p></main>").title == "Fix sign-in"


def test_title_line_from_the_parser():
    assert read("<main>\n\n<h1>Fix sign-in</h1></main>").title_line == 7


def test_title_from_title_element_without_site_name():
    assert read("<p>text</p>", head="<title>Fix sign-in | Example Docs</title>").title == "Fix sign-in"


def test_title_from_h1_outside_main():
    assert read("<header><h1>Outside</h1></header><main><p>Text.</p></main>").title == "Outside"


def test_canonical_url():
    head = '<link rel="canonical" href="https://docs.example.com/a/">'
    assert read("<p>x</p>", head=head).url == "https://docs.example.com/a/"


def test_relative_canonical_made_absolute():
    head = '<link rel="canonical" href="/a/">'
    assert read("<p>x</p>", head=head, url="https://docs.example.com/b/").url == "https://docs.example.com/a/"


def test_meta_description():
    assert read("<p>x</p>", head='<meta name="description" content="About sign-in.">').description == "About sign-in."


def test_heading_level_and_anchor():
    heading = first(read('<main><h1>T</h1><h3 id="cause">Cause</h3></main>'), Heading)
    assert (heading.level, heading.anchor) == (3, "cause")


def test_sphinx_section_id_is_the_anchor():
    heading = first(read('<main><h1>T</h1><section id="causes"><h2>Causes</h2><p>x</p></section></main>'), Heading)
    assert heading.anchor == "causes"


def test_sphinx_headerlink_dropped():
    html = '<main><h1>T</h1><h2>Causes<a class="headerlink" href="#causes">\u00b6</a></h2></main>'
    assert first(read(html), Heading).text == "Causes"


def test_block_lines():
    outline = read("<main>\n<h1>T</h1>\n<p>one</p>\n\n<p>two</p>\n</main>")
    assert [block.line for block in outline.blocks] == [7, 9]


def test_inline_markdown():
    html = '<main><p>Call <code>/link</code> with <strong>care</strong>, <em>now</em>: <a href="https://x.org/a">docs</a>.</p></main>'
    assert first(read(html), Paragraph).text == "Call `/link` with **care**, *now*: [docs](https://x.org/a)."


def test_links_absolute_against_page_url():
    outline = read('<main><p><a href="../setup/">setup</a></p></main>', url="https://docs.example.com/a/b/")
    assert first(outline, Paragraph).text == "[setup](https://docs.example.com/a/setup/)"


def test_links_absolute_against_base():
    outline = read('<main><p><a href="setup/">setup</a></p></main>', head='<base href="https://docs.example.com/x/">')
    assert first(outline, Paragraph).text == "[setup](https://docs.example.com/x/setup/)"


def test_relative_link_kept_without_url():
    assert first(read('<main><p><a href="setup.html">setup</a></p></main>'), Paragraph).text == "[setup](setup.html)"


def test_javascript_link_dropped():
    assert first(read('<main><p><a href="javascript:steal()">click</a></p></main>'), Paragraph).text == "click"


def test_data_link_dropped():
    assert first(read('<main><p><a href="data:text/html,x">click</a></p></main>'), Paragraph).text == "click"


def test_main_content_only():
    outline = read("<nav><p>Menu</p></nav><main><p>Body.</p></main><aside><p>Related</p></aside><footer>F</footer>")
    assert texts(outline) == ["Body."]


def test_article_when_no_main():
    assert texts(read("<div><p>Chrome.</p></div><article><p>Body.</p></article>")) == ["Body."]


def test_role_main():
    assert texts(read('<div class="sidebar"><p>x</p></div><div role="main"><p>Body.</p></div>')) == ["Body."]


def test_docusaurus_markdown_container():
    html = (
        '<main><div class="theme-doc-toc-mobile"><p>TOC</p></div>'
        '<div class="theme-doc-markdown markdown"><header><h1>T</h1></header><p>Body.</p></div></main>'
    )
    assert texts(read(html)) == ["Body."]


def test_mkdocs_material_container():
    html = (
        '<div class="md-sidebar"><p>Nav</p></div>'
        '<article class="md-content__inner md-typeset"><h1>T</h1><p>Body.</p></article>'
    )
    assert texts(read(html)) == ["Body."]


def test_read_the_docs_container():
    html = '<div class="wy-nav-side"><p>Nav</p></div><div itemprop="articleBody"><p>Body.</p></div>'
    assert texts(read(html)) == ["Body."]


def test_whole_body_without_landmarks():
    assert texts(read("<div><p>Body.</p></div>")) == ["Body."]


def test_breadcrumbs_dropped():
    assert texts(read('<main><ol class="breadcrumbs"><li>Docs</li></ol><p>Body.</p></main>')) == ["Body."]


def test_feedback_widget_dropped():
    html = (
        '<main><p>Body.</p><div class="feedback-widget"><p>Was this page helpful?</p><button>Yes</button></div></main>'
    )
    assert texts(read(html)) == ["Body."]


def test_was_this_helpful_text_dropped():
    assert texts(read("<main><p>Body.</p><h3>Was this page helpful?</h3></main>")) == ["Body."]


def test_search_form_dropped():
    assert texts(read('<main><form role="search"><input name="q"><label>Search</label></form><p>Body.</p></main>')) == [
        "Body."
    ]


def test_hidden_elements_dropped():
    html = '<main><p hidden>A</p><p style="display: none">B</p><p aria-hidden="true">C</p><p>Body.</p></main>'
    assert texts(read(html)) == ["Body."]


def test_script_text_never_in_outline():
    assert "alert" not in repr(read("<main><p>Body.<script>alert(1)</script></p><script>alert(2)</script></main>"))


def test_style_text_never_in_outline():
    assert "color" not in repr(read("<main><style>p { color: red }</style><p>Body.</p></main>"))


def test_iframe_never_in_outline():
    assert "evil" not in repr(read('<main><iframe src="https://evil.example/">evil</iframe><p>Body.</p></main>'))


def test_event_handlers_never_in_outline():
    assert "steal" not in repr(read('<main><p onclick="steal()">Body.</p></main>'))


def test_nested_list():
    html = "<main><ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul></main>"
    assert first(read(html), ListBlock).items[0].blocks[0].items[0].text == "inner"


def test_list_item_text_from_its_paragraph():
    html = "<main><ol><li><p>Step one.</p><p>More.</p></li></ol></main>"
    item = first(read(html), ListBlock).items[0]
    assert (item.text, [block.text for block in item.blocks]) == ("Step one.", ["More."])


def test_ordered_list():
    assert first(read("<main><ol><li>a</li></ol></main>"), ListBlock).ordered


def test_table_header_and_rows():
    html = (
        "<main><table><thead><tr><th>Code</th><th>Meaning</th></tr></thead>"
        "<tbody><tr><td>E1</td><td><code>bad</code></td></tr></tbody></table></main>"
    )
    table = first(read(html), Table)
    assert (table.header, table.rows) == (["Code", "Meaning"], [["E1", "`bad`"]])


def test_table_without_header_noted():
    outline = read("<main><table><tr><td>a</td></tr></table></main>")
    assert outline.notes[0].message.startswith("table without a header row")


def test_ragged_table_noted():
    outline = read("<main><table><tr><th>a</th><th>b</th></tr><tr><td>1</td></tr></table></main>")
    assert "different lengths" in outline.notes[0].message


def test_pre_code_language():
    code = first(read('<main><pre><code class="language-bash">make\n</code></pre></main>'), Code)
    assert (code.text, code.language) == ("make", "bash")


def test_sphinx_highlight_language():
    assert (
        first(read('<main><div class="highlight-python"><pre>print(1)</pre></div></main>'), Code).language == "python"
    )


def test_code_keeps_indentation():
    assert first(read("<main><pre>if x:\n    y()</pre></main>"), Code).text == "if x:\n    y()"


def test_sphinx_admonition():
    html = '<main><div class="admonition warning"><p class="admonition-title">Warning</p><p>Back up.</p></div></main>'
    admonition = first(read(html), Admonition)
    assert (admonition.kind, admonition.title, admonition.blocks[0].text) == ("warning", "Warning", "Back up.")


def test_bootstrap_alert():
    assert first(read('<main><div class="alert alert-danger"><p>Stop.</p></div></main>'), Admonition).kind == "caution"


def test_microsoft_note():
    admonition = first(read('<main><div class="NOTE"><p>Note</p><p>Restart.</p></div></main>'), Admonition)
    assert (admonition.kind, admonition.title, admonition.blocks[0].text) == ("note", "Note", "Restart.")


def test_microsoft_alert_is_info():
    assert first(read('<main><div class="alert is-info"><p>x</p></div></main>'), Admonition).kind == "note"


def test_aside_in_main_is_an_admonition():
    assert first(read("<main><aside><p>Tip text.</p></aside></main>"), Admonition).kind == "note"


def test_blockquote_is_a_quote():
    assert first(read("<main><blockquote><p>Said.</p></blockquote></main>"), Admonition).kind == "quote"


def test_details_summary_is_the_title():
    assert first(read("<main><details><summary>More</summary><p>x</p></details></main>"), Admonition).title == "More"


def test_definition_list():
    item = first(read("<main><dl><dt>Timeout</dt><dd>The wait.</dd></dl></main>"), ListBlock).items[0]
    assert (item.text, item.blocks[0].text) == ("**Timeout**", "The wait.")


def test_loose_text_in_div_is_a_paragraph():
    assert texts(read("<main><div>Loose <b>text</b><p>Para.</p></div></main>")) == ["Loose **text**", "Para."]


def test_images_dropped():
    assert first(read('<main><p>See <img src="x.png" alt="a screenshot"> this.</p></main>'), Paragraph).text == (
        "See this."
    )


def test_fixture_page_reads():
    outline = read_html((FIXTURES / "docs" / "link-troubleshooting.html").read_text(), "link.html")
    assert "Not a section" not in repr(outline)


def test_document_without_content_refused():
    with pytest.raises(ContentErrors):
        read_html("<!-- nothing -->", "empty.html")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads(text):
    try:
        assert isinstance(read_html(text, "page.html"), Outline)
    except ContentErrors as errors:
        assert errors.errors[0].file == "page.html"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<main>",
                "</main>",
                "<p>",
                "</p>",
                "<ul>",
                "<li>",
                "</ul>",
                "<table>",
                "<tr>",
                "<th>",
                "<td>",
                "text",
                "<pre>",
                "<code>",
                "<a href='x'>",
                "</a>",
                "<h2 id=a>",
                "</h2>",
                "<div class='admonition note'>",
                "</div>",
                "<dl>",
                "<dt>",
                "<dd>",
                "<script>",
                "</script>",
                "<b>",
                "<details>",
                "<summary>",
            ]
        ),
        max_size=40,
    )
)
def test_any_mix_of_tags_reads(tags):
    try:
        assert isinstance(read_html("".join(tags), "page.html"), Outline)
    except ContentErrors as errors:
        assert errors.errors[0].file == "page.html"


def test_in_page_table_of_contents_dropped():
    html = '<main><ul><li><a href="#a">A</a><ul><li><a href="#b">B</a></li></ul></li></ul><p>Body.</p></main>'
    assert texts(read(html)) == ["Body."]


def test_list_of_in_page_links_with_text_kept():
    html = '<main><ul><li>See <a href="#a">A</a> first.</li></ul></main>'
    assert first(read(html), ListBlock).items[0].text == "See [A](#a) first."


def test_layout_class_on_body_is_not_chrome():
    assert read_html('<html><body class="no-sidebar"><p>Body.</p></body></html>', "p.html").blocks == [
        Paragraph(line=1, text="Body.")
    ]


def test_title_from_the_heading_the_content_opens_with():
    html = '<header><h1>Site name</h1></header><div id="content"><h2>Page title</h2><p>x</p></div>'
    assert read(html).title == "Page title"


def test_search_element_dropped():
    assert texts(read("<main><search><p>Search the docs</p></search><p>Body.</p></main>")) == ["Body."]


def test_a_title_naming_no_product_gets_the_sites_name():
    assert read(
        "<main><h1>Troubleshooting</h1><p>x</p></main>", head="<title>Troubleshooting · Jest</title>"
    ).title == ("Jest troubleshooting")


def test_a_site_name_after_a_hyphen_counts_for_a_generic_title():
    head = "<title>Troubleshooting - Paperless-ngx</title>"
    assert read("<main><h1>Troubleshooting</h1><p>x</p></main>", head=head).title == "Paperless-ngx troubleshooting"


def test_the_sites_version_and_documentation_are_left_out():
    head = "<title>Troubleshooting \u2014 Kinto 4.3.1 documentation</title>"
    assert read("<main><h1>Troubleshooting</h1><p>x</p></main>", head=head).title == "Kinto troubleshooting"


def test_a_generic_title_in_capitals_keeps_them():
    assert read("<main><h1>FAQ</h1><p>x</p></main>", head="<title>FAQ | Example</title>").title == "Example FAQ"


def test_a_title_naming_its_subject_stays():
    head = "<title>Fix sign-in - Example</title>"
    assert read("<main><h1>Fix sign-in</h1><p>x</p></main>", head=head).title == "Fix sign-in"
