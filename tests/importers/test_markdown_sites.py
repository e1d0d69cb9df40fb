from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.importers.markdown_sites import rewrite, word_for


def test_word_for_known_product():
    assert word_for("variables.product.prodname_ghe_server") == "GitHub Enterprise Server"


def test_word_for_unknown_name():
    assert word_for("site.data.keyword.registry_short") == "registry"


def test_admonition_marker_keeps_the_line():
    assert rewrite(["{{< note >}}", "Text.", "{{< /note >}}"]).lines == ["> [!NOTE]", "> Text.", ""]


def test_mkdocs_title_recorded_at_the_marker_line():
    assert rewrite(["Intro.", "", '!!! tip "Try this"', "    Body."]).titles == {3: "Try this"}


def test_code_fence_content_untouched():
    lines = ["```", "{{< note >}}", "{% if x %}", "```"]
    assert rewrite(lines).lines == lines


def test_include_noted_with_its_line():
    assert rewrite(["Text.", "{% include warning.html %}"]).notes[0].line == 2


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40).map(lambda text: text.replace("\n", " ").replace("\r", " ")), max_size=30))
def test_line_count_kept(lines):
    assert len(rewrite(lines).lines) == len(lines)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "!!! note",
                "    body",
                "",
                "{{< note >}}",
                "{{< /note >}}",
                "{% note %}",
                "{% endnote %}",
                "```",
                ":::{tip}",
                ":::",
                "{% comment %}",
                "{% endcomment %}",
                ':::image type="complex":::',
                ":::image-end:::",
                "{{< highlight go >}}",
                "{{< /highlight >}}",
                "text",
            ]
        ),
        max_size=30,
    )
)
def test_line_count_kept_for_docs_syntax(lines):
    assert len(rewrite(lines).lines) == len(lines)


def test_a_macro_call_shows_its_first_argument():
    assert word_for('Glossary("HTTP")') == "HTTP"


def test_a_navigation_macro_shows_nothing():
    assert word_for("HTTPSidebar") == ""


def test_a_code_shortcode_in_a_list_item_stays_indented():
    lines = ["1. Check it:", "", "    {{< text bash >}}", "    $ kubectl get pods", "    {{< /text >}}"]
    assert rewrite(lines).lines[2:] == ["    ```bash", "    $ kubectl get pods", "    ```"]
