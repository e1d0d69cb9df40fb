from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.importers.markdown import read_markdown
from wizard.importers.outline import Admonition, Code, Heading, ListBlock, Outline, Paragraph, Table


def read(text: str, url: str = "") -> Outline:
    return read_markdown(text, "page.md", url=url)


def first(outline: Outline, kind: type) -> object:
    return next(block for block in outline.blocks if isinstance(block, kind))


def all_text(outline: Outline) -> str:
    return repr(outline)


def test_title_is_the_first_h1():
    assert read("intro\n\n# Fix sign-in\n\ntext\n").title == "Fix sign-in"


def test_title_line_is_the_h1_line():
    assert read("intro\n\n# Fix sign-in\n").title_line == 3


def test_title_leaves_the_blocks():
    assert not any(isinstance(block, Heading) for block in read("# Title\n\ntext\n").blocks)


def test_title_from_front_matter_without_h1():
    assert read("---\nlayout: x\ntitle: From front\n---\n\ntext\n").title == "From front"


def test_title_from_the_file_name_without_front_matter_or_h1():
    assert (
        read_markdown("## Failed to parse\n\ntext\n", "docs/troubleshooting-errors.md").title
        == "Troubleshooting errors"
    )


def test_no_title_from_a_folder_page_name():
    assert read_markdown("## Failed to parse\n\ntext\n", "docs/index.md").title == ""


def test_front_matter_title_line():
    assert read("---\nlayout: x\ntitle: From front\n---\n\ntext\n").title_line == 3


def test_h1_wins_over_front_matter_title():
    assert read("---\ntitle: Front\n---\n# Heading\n").title == "Heading"


def test_front_matter_description():
    assert read("---\ndescription: One line.\n---\ntext\n").description == "One line."


def test_front_matter_canonical_url():
    assert read("---\ncanonical_url: https://docs.example.com/a/\n---\ntext\n").url == "https://docs.example.com/a/"


def test_front_matter_relative_url_is_not_canonical():
    assert read("---\nurl: /docs/a/\n---\ntext\n").url == ""


def test_front_matter_lines_keep_their_numbers():
    assert first(read("---\ntitle: x\n---\n\nSome text.\n"), Paragraph).line == 5


def test_toml_front_matter():
    assert read('+++\ntitle = "Hugo page"\n+++\ntext\n').title == "Hugo page"


def test_bad_front_matter_is_a_note():
    assert "front matter is not valid YAML" in read("---\ntitle: [unclosed\n---\ntext\n").notes[0].message


def test_front_matter_never_runs_tags():
    outline = read("---\ntitle: !!python/object/apply:os.system ['true']\n---\ntext\n")
    assert outline.notes[0].message.startswith("front matter is not valid YAML")


def test_heading_level_and_line():
    heading = first(read("# T\n\ntext\n\n### Cause\n"), Heading)
    assert (heading.level, heading.line) == (3, 5)


def test_setext_heading():
    assert first(read("# T\n\nSection\n-------\n"), Heading).level == 2


def test_heading_anchor_from_braces():
    assert first(read("# T\n## Errors {#errors}\n"), Heading).anchor == "errors"


def test_heading_anchor_braces_leave_the_text():
    assert first(read("# T\n## Errors {#errors}\n"), Heading).text == "Errors"


def test_inline_markdown_rebuilt():
    text = "Use `code`, **bold**, *em* and [a link](https://example.com/x).\n"
    assert first(read(text), Paragraph).text == "Use `code`, **bold**, *em* and [a link](https://example.com/x)."


def test_relative_link_kept():
    assert first(read("See [setup](../setup.md).\n"), Paragraph).text == "See [setup](../setup.md)."


def test_relative_link_made_absolute_for_a_fetched_page():
    paragraph = first(read("See [setup](../setup.md).\n", url="https://docs.example.com/a/b.md"), Paragraph)
    assert paragraph.text == "See [setup](https://docs.example.com/setup.md)."


def test_code_span_with_backticks():
    assert first(read("Run ``a `b` c``.\n"), Paragraph).text == "Run ``a `b` c``."


def test_images_dropped():
    assert first(read("Before ![a screenshot](shot.png) after.\n"), Paragraph).text == "Before after."


def test_escaped_star_stays_literal():
    assert first(read("Press \\*.\n"), Paragraph).text == "Press \\*."


def test_paragraph_line():
    assert first(read("# T\n\nfirst line\nsecond line\n"), Paragraph).line == 3


def test_wrapped_paragraph_is_one_line_of_text():
    assert first(read("first line\nsecond line\n"), Paragraph).text == "first line second line"


def test_ordered_list():
    assert first(read("1. one\n2. two\n"), ListBlock).ordered


def test_list_item_lines():
    assert [item.line for item in first(read("text\n\n- one\n- two\n"), ListBlock).items] == [3, 4]


def test_nested_list_in_item_blocks():
    item = first(read("- one\n  - inner\n- two\n"), ListBlock).items[0]
    assert item.blocks[0].items[0].text == "inner"


def test_loose_list_item_second_paragraph():
    item = first(read("1. Step one.\n\n   More about it.\n\n2. Step two.\n"), ListBlock).items[0]
    assert item.blocks == [Paragraph(line=3, text="More about it.")]


def test_fenced_code():
    code = first(read("text\n\n```python\nprint(1)\n```\n"), Code)
    assert (code.line, code.text, code.language) == (3, "print(1)", "python")


def test_indented_code():
    assert first(read("text\n\n    $ make\n"), Code).text == "$ make"


def test_table_header():
    assert first(read("| Code | Meaning |\n|---|---|\n| E1 | `bad` |\n"), Table).header == ["Code", "Meaning"]


def test_table_rows_inline():
    assert first(read("| Code | Meaning |\n|---|---|\n| E1 | `bad` |\n"), Table).rows == [["E1", "`bad`"]]


def test_github_alert():
    admonition = first(read("> [!WARNING]\n> Back up first.\n"), Admonition)
    assert (admonition.kind, admonition.blocks) == ("warning", [Paragraph(line=2, text="Back up first.")])


def test_docfx_note_alert():
    assert first(read("> [!TIP]\n> Try this.\n"), Admonition).kind == "tip"


def test_plain_blockquote_is_a_quote():
    assert first(read("> Someone said this.\n"), Admonition).kind == "quote"


def test_docfx_div_wrapper_unwrapped():
    outline = read('> [!div class="nextstepaction"]\n> [Next step](next.md)\n')
    assert outline.blocks == [Paragraph(line=2, text="[Next step](next.md)")]


def test_mkdocs_admonition_kind():
    assert first(read('!!! warning "Careful"\n    Body text.\n\nAfter.\n'), Admonition).kind == "warning"


def test_mkdocs_admonition_title():
    assert first(read('!!! warning "Careful"\n    Body text.\n\nAfter.\n'), Admonition).title == "Careful"


def test_mkdocs_admonition_body_line():
    assert first(read("!!! note\n    Body text.\n"), Admonition).blocks == [Paragraph(line=2, text="Body text.")]


def test_mkdocs_admonition_ends_at_unindented_text():
    assert read("!!! note\n    Body.\n\nAfter.\n").blocks[-1] == Paragraph(line=4, text="After.")


def test_mkdocs_admonition_keeps_its_code():
    admonition = first(read("!!! tip\n    Run:\n\n    ```sh\n    make\n    ```\n"), Admonition)
    assert admonition.blocks[-1] == Code(line=4, text="make", language="sh")


def test_myst_directive_fence_is_an_admonition():
    admonition = first(read("```{note}\nRead **this**.\n```\n"), Admonition)
    assert admonition.blocks == [Paragraph(line=2, text="Read **this**.")]


def test_hugo_paired_shortcode_is_an_admonition():
    assert first(read("{{< warning >}}\nMind the gap.\n{{< /warning >}}\n"), Admonition).kind == "warning"


def test_hugo_paired_shortcode_keeps_inner_text():
    admonition = first(read("{{< note >}}\nMind the gap.\n{{< /note >}}\n"), Admonition)
    assert admonition.blocks == [Paragraph(line=2, text="Mind the gap.")]


def test_hugo_notice_shortcode_kind_from_its_argument():
    assert first(read("{{% notice warning %}}\nCareful.\n{{% /notice %}}\n"), Admonition).kind == "warning"


def test_hugo_other_paired_shortcode_keeps_content():
    outline = read('{{< tabs >}}\n{{< tab "Linux" >}}\nRun it.\n{{< /tab >}}\n{{< /tabs >}}\n')
    assert outline.blocks == [Paragraph(line=3, text="Run it.")]


def test_hugo_single_shortcode_dropped():
    assert read('Text.\n\n{{< figure src="a.png" >}}\n').blocks == [Paragraph(line=1, text="Text.")]


def test_hugo_single_shortcode_noted():
    assert read('Text.\n\n{{< figure src="a.png" >}}\n').notes[0].line == 3


def test_hugo_highlight_shortcode_is_code():
    assert first(read("{{< highlight go >}}\nfmt.Println()\n{{< /highlight >}}\n"), Code).language == "go"


def test_liquid_product_variable_is_a_word():
    assert first(read("Sign in to {% data variables.product.prodname_dotcom %}.\n"), Paragraph).text == (
        "Sign in to GitHub."
    )


def test_liquid_unknown_variable_is_its_name():
    assert first(read("Open {% data variables.product.prodname_team_sync %}.\n"), Paragraph).text == ("Open team sync.")


def test_liquid_reusable_noted_as_include():
    assert "include not followed" in read("{% data reusables.actions.enable %}\n\nText.\n").notes[0].message


def test_liquid_ifversion_keeps_both_branches():
    text = "{% ifversion ghes %}\nServer text.\n{% else %}\nCloud text.\n{% endif %}\n"
    assert [block.text for block in read(text).blocks] == ["Server text.", "Cloud text."]


def test_liquid_inline_conditionals_keep_content():
    assert first(read("Go to {% ifversion fpt %}Settings{% endif %}.\n"), Paragraph).text == "Go to Settings."


def test_liquid_note_block_is_an_admonition():
    assert first(read("{% note %}\nA note.\n{% endnote %}\n"), Admonition).kind == "note"


def test_liquid_comment_dropped():
    assert read("{% comment %}\nHidden.\n{% endcomment %}\nShown.\n").blocks == [Paragraph(line=4, text="Shown.")]


def test_liquid_tags_in_code_kept():
    assert first(read("```yaml\nname: {{ .Values.name }}\n```\n"), Code).text == "name: {{ .Values.name }}"


def test_docs_variable_in_code_is_a_word():
    assert first(read("```sh\ngh auth login # {% data variables.product.prodname_cli %}\n```\n"), Code).text == (
        "gh auth login # GitHub CLI"
    )


def test_jekyll_ibm_keyword_variable():
    assert first(read("Log in to {{site.data.keyword.cloud_notm}}.\n"), Paragraph).text == "Log in to cloud."


def test_docfx_include_dropped():
    assert read("[!INCLUDE [shared](../includes/shared.md)]\n\nText.\n").blocks == [Paragraph(line=3, text="Text.")]


def test_docfx_include_noted():
    assert read("[!INCLUDE [shared](../includes/shared.md)]\n").notes[0].message == (
        "include not followed: ../includes/shared.md"
    )


def test_docfx_image_dropped():
    outline = read(':::image type="content" source="a.png" alt-text="A dialog.":::\n\nText.\n')
    assert outline.blocks == [Paragraph(line=3, text="Text.")]


def test_docfx_complex_image_description_dropped():
    text = ':::image type="complex" source="a.png" alt-text="A":::\nLong description.\n:::image-end:::\n\nText.\n'
    assert read(text).blocks == [Paragraph(line=5, text="Text.")]


def test_docfx_zone_keeps_content():
    outline = read(':::zone pivot="windows"\n\nOn Windows.\n\n:::zone-end\n')
    assert outline.blocks == [Paragraph(line=3, text="On Windows.")]


def test_ial_after_paragraph_sets_role():
    assert first(read("You see an error.\n{: tsSymptoms}\n"), Paragraph).role == "symptom"


def test_ial_after_paragraph_leaves_its_text():
    assert first(read("You see an error.\n{: tsSymptoms}\n"), Paragraph).text == "You see an error."


def test_ial_before_paragraph_sets_role():
    assert first(read("{: tsCauses}\nThe token expired.\n"), Paragraph).role == "cause"


def test_standalone_ial_after_blank_sets_next_block_role():
    assert first(read("Intro.\n\n{: tsResolve}\n\n1. Do it.\n"), ListBlock).role == "resolution"


def test_ial_after_list_sets_list_role():
    assert first(read("1. Sign out.\n2. Sign in.\n{: tsResolve}\n"), ListBlock).role == "resolution"


def test_ial_after_list_leaves_item_text():
    assert first(read("1. Sign out.\n2. Sign in.\n{: tsResolve}\n"), ListBlock).items[1].text == "Sign in."


def test_ial_anchor_after_heading():
    assert first(read("# T\n\n## Why can't I sign in?\n{: #cant-sign-in}\n{: troubleshoot}\n"), Heading).anchor == (
        "cant-sign-in"
    )


def test_ial_role_on_heading():
    assert first(read("# T\n\n## What you see\n{: tsSymptoms}\n\nText.\n"), Heading).role == "symptom"


def test_ial_callout_becomes_admonition():
    assert first(read("Ask for help.\n{: tip}\n"), Admonition).kind == "tip"


def test_ial_shortdesc_becomes_description():
    assert read("# T\n\nSessions fail after a reset.\n{: shortdesc}\n").description == "Sessions fail after a reset."


def test_other_ials_dropped():
    assert first(read("Go [there](https://example.com){: external}.\n"), Paragraph).text == (
        "Go [there](https://example.com)."
    )


def test_ial_definitions_dropped():
    assert read("{:tsSymptoms: .tsSymptoms}\n{:codeblock: .codeblock}\n\nText.\n").blocks == [
        Paragraph(line=4, text="Text.")
    ]


def test_ial_row_under_table_dropped():
    assert first(read('| a |\n|---|\n| 1 |\n{: caption="Table 1"}\n'), Table).rows == [["1"]]


def test_raw_html_block_text_taken():
    assert first(read("<div>\n<p>Some <b>bold</b> text.</p>\n</div>\n"), Paragraph).text == "Some **bold** text."


def test_raw_html_block_line():
    assert read("Intro.\n\n<div>\n<p>Some text.</p>\n</div>\n").blocks[-1].line == 4


def test_raw_html_table_read():
    assert first(read("<table>\n<tr><th>A</th></tr>\n<tr><td>1</td></tr>\n</table>\n"), Table).rows == [["1"]]


def test_script_block_dropped():
    assert "alert" not in all_text(read("<script>alert(1)</script>\n\nText.\n"))


def test_inline_script_dropped():
    assert "alert" not in all_text(read("Text <script>alert(1)</script> more.\n"))


def test_style_dropped():
    assert "color" not in all_text(read("<style>p { color: red }</style>\n\nText.\n"))


def test_iframe_dropped():
    assert "evil" not in all_text(read('<iframe src="https://evil.example">evil</iframe>\n\nText.\n'))


def test_event_handler_attribute_dropped():
    assert "onclick" not in all_text(read('<p onclick="steal()">Click</p>\n'))


def test_javascript_link_keeps_only_text():
    assert first(read("[click](javascript:alert(1))\n"), Paragraph).text == "click"


def test_data_link_keeps_only_text():
    assert first(read("[click](data:text/html;base64,PHNjcmlwdD4=)\n"), Paragraph).text == "click"


def test_html_inline_tags_leave_their_text():
    assert first(read("Press <kbd>Enter</kbd> now.\n"), Paragraph).text == "Press Enter now."


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_reads(text):
    assert isinstance(read(text), Outline)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "# T",
                "## S {#a}",
                "{: tsSymptoms}",
                "!!! note",
                "    body",
                "{{< note >}}",
                "{{< /note >}}",
                "> [!NOTE]",
                "{% if x %}",
                "{% endif %}",
                "```",
                ":::{tip}",
                ":::",
                "- item",
                "1. step",
                "| a |",
                "|---|",
                "<div>",
                "</div>",
                "---",
                "text",
                "",
                "[!INCLUDE [x](y)]",
                ":::zone-end",
                "{% comment %}",
                "{% endcomment %}",
            ]
        ),
        max_size=30,
    )
)
def test_any_mix_of_docs_syntax_reads(lines):
    assert isinstance(read("\n".join(lines)), Outline)


def test_github_intro_is_the_description():
    assert read("---\nintro: 'The server refused you.'\n---\ntext\n").description == "The server refused you."


def test_github_platform_block_becomes_a_label():
    assert read("{% mac %}\n\nOpen Terminal.\n\n{% endmac %}\n").blocks[0] == Paragraph(line=1, text="**Mac**")


def test_front_matter_variables_become_words():
    text = "---\nintro: 'Connect to {% data variables.product.prodname_dotcom %}.'\n---\ntext\n"
    assert read(text).description == "Connect to GitHub."


def test_overlong_inline_text_read_as_text():
    assert first(read("[" * 6000 + " **x**\n"), Paragraph).text.endswith("\\*\\*x\\*\\*")


def test_overlong_inline_text_noted():
    assert read("[" * 6000 + "\n").notes[0].message == "text over 5,000 characters: its inline markup is read as text"


def test_toml_front_matter_between_dashes_gives_the_title():
    text = '---\ntitle = "FATAL: Password authentication failed"\ntopics = [ "db" ]\n[[errors]]\ncode = "x"\n---\n'
    assert read(text).title == "FATAL: Password authentication failed"


def test_a_lone_toml_title_between_dashes_is_not_read_as_a_yaml_string():
    assert read('---\ntitle = "Edge function 546 error"\n---\n\nA.\n').title == "Edge function 546 error"


def test_toml_front_matter_between_dashes_is_no_warning():
    assert read('---\ntitle = "x"\n[[errors]]\ncode = "y"\n---\n\nA.\n').notes == []
