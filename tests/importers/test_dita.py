from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.content.errors import ContentErrors
from wizard.importers.dita import read_dita
from wizard.importers.outline import Admonition, Code, Heading, ListBlock, Outline, Paragraph, Table

TROUBLESHOOTING = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE troubleshooting PUBLIC "-//OASIS//DTD DITA Troubleshooting//EN" "troubleshooting.dtd">
<troubleshooting id="token-expired">
  <title>Sign-in fails with <codeph>ERR_TOKEN</codeph></title>
  <shortdesc>Users cannot sign in after a password change.</shortdesc>
  <prolog><author>Someone</author></prolog>
  <troublebody>
    <condition>
      <p>The sign-in page shows <msgph>Token expired</msgph>.</p>
    </condition>
    <troubleSolution>
      <cause>
        <p>The session was issued before the change.</p>
      </cause>
      <remedy>
        <title>Clear the sessions</title>
        <responsibleParty>Administrator</responsibleParty>
        <steps>
          <step><cmd>Open <menucascade><uicontrol>Security</uicontrol><uicontrol>Sessions</uicontrol>
            </menucascade>.</cmd>
            <info>See <xref href="https://example.com/sessions" scope="external">sessions</xref>.</info></step>
          <step><cmd>Click <uicontrol>Revoke all</uicontrol>.</cmd><stepresult>Users are signed out.</stepresult></step>
        </steps>
      </remedy>
    </troubleSolution>
    <troubleSolution>
      <cause><title>Clock skew</title><p>The clock is off.</p></cause>
      <remedy><steps-unordered><step><cmd>Run <cmdname>chronyc makestep</cmdname>.</cmd></step>
      </steps-unordered></remedy>
    </troubleSolution>
  </troublebody>
</troubleshooting>
"""


def read(text: str) -> Outline:
    return read_dita(text, "topic.dita")


def headings(outline: Outline) -> list[Heading]:
    return [block for block in outline.blocks if isinstance(block, Heading)]


def topic(body: str, root: str = "topic", body_tag: str = "body") -> str:
    return f'<?xml version="1.0"?>\n<{root} id="t">\n<title>T</title>\n<{body_tag}>\n{body}\n</{body_tag}>\n</{root}>\n'


def test_title_with_inline_code():
    assert read(TROUBLESHOOTING).title == "Sign-in fails with `ERR_TOKEN`"


def test_title_line():
    assert read(TROUBLESHOOTING).title_line == 4


def test_shortdesc_is_the_description():
    assert read(TROUBLESHOOTING).description == "Users cannot sign in after a password change."


def test_prolog_ignored():
    assert "Someone" not in repr(read(TROUBLESHOOTING))


def test_part_roles_in_order():
    assert [heading.role for heading in headings(read(TROUBLESHOOTING))] == [
        "symptom",
        "cause",
        "resolution",
        "cause",
        "resolution",
    ]


def test_part_headings_text():
    assert [heading.text for heading in headings(read(TROUBLESHOOTING))] == [
        "Condition",
        "Cause",
        "Clear the sessions",
        "Clock skew",
        "Remedy",
    ]


def test_remedy_is_one_level_below_its_cause():
    assert [heading.level for heading in headings(read(TROUBLESHOOTING))] == [2, 2, 3, 2, 3]


def test_part_lines():
    assert [heading.line for heading in headings(read(TROUBLESHOOTING))] == [8, 12, 15, 27, 28]


def test_condition_text_inline():
    assert read(TROUBLESHOOTING).blocks[1] == Paragraph(line=9, text="The sign-in page shows `Token expired`.")


def test_responsible_party():
    assert Paragraph(line=17, text="**Responsible party:** Administrator") in read(TROUBLESHOOTING).blocks


def test_steps_are_an_ordered_list():
    steps = next(block for block in read(TROUBLESHOOTING).blocks if isinstance(block, ListBlock))
    assert steps.ordered


def test_step_text_from_cmd():
    steps = next(block for block in read(TROUBLESHOOTING).blocks if isinstance(block, ListBlock))
    assert steps.items[0].text == "Open **Security** > **Sessions**."


def test_step_info_link():
    steps = next(block for block in read(TROUBLESHOOTING).blocks if isinstance(block, ListBlock))
    assert steps.items[0].blocks == [Paragraph(line=21, text="See [sessions](https://example.com/sessions).")]


def test_step_result_kept():
    steps = next(block for block in read(TROUBLESHOOTING).blocks if isinstance(block, ListBlock))
    assert steps.items[1].blocks == [Paragraph(line=22, text="Users are signed out.")]


def test_unordered_steps():
    lists = [block for block in read(TROUBLESHOOTING).blocks if isinstance(block, ListBlock)]
    assert not lists[1].ordered


def test_task_steps():
    text = topic("<steps><step><cmd>Do it.</cmd></step></steps>", root="task", body_tag="taskbody")
    assert read(text).blocks[0].items[0].text == "Do it."


def test_concept_section_title_is_a_heading():
    text = topic("<section><title>Background</title><p>Text.</p></section>", root="concept", body_tag="conbody")
    assert read(text).blocks[0] == Heading(line=5, level=2, text="Background")


def test_section_without_a_title_is_its_content():
    text = topic("<section><p>Text.</p></section>", root="concept", body_tag="conbody")
    assert read(text).blocks == [Paragraph(line=5, text="Text.")]


def test_nested_topic_heading_level():
    text = '<topic id="a"><title>A</title><body><p>x</p></body><topic id="b"><title>B</title></topic></topic>'
    assert headings(read(text)) == [Heading(line=1, level=2, text="B", anchor="b")]


def test_note_kind():
    assert read(topic('<note type="warning"><p>Careful.</p></note>')).blocks[0].kind == "warning"


def test_note_blocks():
    assert read(topic('<note type="tip">Try it.</note>')).blocks[0] == Admonition(
        line=5, kind="tip", blocks=[Paragraph(line=5, text="Try it.")]
    )


def test_codeblock():
    assert read(topic('<codeblock outputclass="language-sh">make all</codeblock>')).blocks[0] == Code(
        line=5, text="make all", language="sh"
    )


def test_definition_list():
    item = read(topic("<dl><dlentry><dt>Timeout</dt><dd>The wait.</dd></dlentry></dl>")).blocks[0].items[0]
    assert (item.text, item.blocks) == ("**Timeout**", [Paragraph(line=5, text="The wait.")])


def test_simpletable():
    text = topic(
        "<simpletable><sthead><stentry>Code</stentry></sthead><strow><stentry>E1</stentry></strow></simpletable>"
    )
    assert read(text).blocks[0] == Table(line=5, header=["Code"], rows=[["E1"]])


def test_cals_table():
    text = topic(
        "<table><tgroup cols='1'><thead><row><entry>Code</entry></row></thead>"
        "<tbody><row><entry>E1</entry></row></tbody></tgroup></table>"
    )
    assert read(text).blocks[0] == Table(line=5, header=["Code"], rows=[["E1"]])


def test_block_inside_paragraph_splits_it():
    text = topic("<p>Run:<codeblock>make</codeblock>then check.</p>")
    assert [type(block).__name__ for block in read(text).blocks] == ["Paragraph", "Code", "Paragraph"]


def test_inline_elements():
    text = topic("<p><filepath>/etc/x</filepath> <b>bold</b> <i>it</i> <userinput>yes</userinput></p>")
    assert read(text).blocks[0].text == "`/etc/x` **bold** *it* `yes`"


def test_keyref_without_text_is_a_word():
    assert read(topic('<p>Open <ph keyref="app_title"/>.</p>')).blocks[0].text == "Open app title."


def test_conref_noted():
    assert read(topic('<p conref="shared.dita#a/b">x</p><p>Open <ph conref="x.dita#a/b"/>.</p>')).notes[0].line == 5


def test_images_and_index_terms_dropped():
    assert (
        read(topic('<p>See<image href="a.png"><alt>alt</alt></image><indexterm>idx</indexterm> this.</p>'))
        .blocks[0]
        .text
        == "See this."
    )


def test_not_well_formed_refused_with_its_line():
    with pytest.raises(ContentErrors) as raised:
        read('<?xml version="1.0"?>\n<topic>\n<title>T</title>\n<body></topic>\n')
    assert raised.value.errors[0].line == 4


def test_not_well_formed_message():
    with pytest.raises(ContentErrors, match="is not well-formed XML"):
        read("<topic><title>T</title>")


def test_root_that_is_no_topic_refused():
    with pytest.raises(ContentErrors, match="is not a DITA topic: its root element is <map>"):
        read("<map><topicref/></map>")


def test_encoding_declaration_accepted_after_decoding():
    assert read('<?xml version="1.0" encoding="ISO-8859-1"?>\n<topic><title>Caf\u00e9</title></topic>').title == (
        "Caf\u00e9"
    )


def test_dita_container_of_topics():
    text = '<dita><topic id="a"><title>A</title></topic><topic id="b"><title>B</title></topic></dita>'
    outline = read(text)
    assert (outline.title, [heading.text for heading in headings(outline)]) == ("A", ["B"])


# Untrusted XML ---------------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE topic [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<topic id="t"><title>&lol3;</title></topic>
"""


def test_billion_laughs_refused():
    with pytest.raises(ContentErrors, match="declares an XML entity"):
        read(BILLION_LAUGHS)


def test_entity_refusal_names_the_line():
    with pytest.raises(ContentErrors) as raised:
        read(BILLION_LAUGHS)
    assert raised.value.errors[0].line == 3


def test_quadratic_blowup_refused():
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE topic [<!ENTITY a "{"x" * 50000}">]>\n'
        f"<topic><title>{'&a;' * 5000}</title></topic>"
    )
    with pytest.raises(ContentErrors, match="declares an XML entity"):
        read(text)


def test_external_file_entity_refused():
    text = '<?xml version="1.0"?>\n<!DOCTYPE topic [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<topic><title>&x;</title></topic>'
    with pytest.raises(ContentErrors, match="declares an XML entity"):
        read(text)


def test_external_http_entity_refused(local_server):
    url = local_server.serve("/secret", "secret")
    text = f'<?xml version="1.0"?>\n<!DOCTYPE topic [<!ENTITY x SYSTEM "{url}">]>\n<topic><title>&x;</title></topic>'
    with pytest.raises(ContentErrors):
        read(text)


def test_parameter_entity_refused():
    text = '<?xml version="1.0"?>\n<!DOCTYPE topic [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;]>\n<topic/>'
    with pytest.raises(ContentErrors, match="declares an XML entity"):
        read(text)


def test_undeclared_entity_left_unexpanded():
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE topic PUBLIC "-//OASIS//DTD DITA Topic//EN" "topic.dtd">\n'
        "<topic><title>A&nbsp;B&x;</title></topic>"
    )
    assert read(text).title == "A B"


def test_public_dita_doctype_accepted():
    assert read(TROUBLESHOOTING).title.startswith("Sign-in fails")


def test_dtd_on_a_server_is_never_fetched(local_server):
    dtd = local_server.serve("/troubleshooting.dtd", '<!ENTITY leak "leaked">', content_type="application/xml-dtd")
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE troubleshooting SYSTEM "{dtd}">\n'
        "<troubleshooting><title>T</title></troubleshooting>"
    )
    read(text)
    assert local_server.requests == []


def test_xinclude_never_followed(local_server):
    url = local_server.serve("/included", "<p>included</p>", content_type="application/xml")
    text = (
        '<topic xmlns:xi="http://www.w3.org/2001/XInclude"><title>T</title>'
        f'<body><xi:include href="{url}"/><xi:include href="file:///etc/passwd" parse="text"/></body></topic>'
    )
    read(text)
    assert local_server.requests == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads(text):
    try:
        assert isinstance(read(text), Outline)
    except ContentErrors as errors:
        assert errors.errors[0].file == "topic.dita"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<troubleshooting>",
                "</troubleshooting>",
                "<title>",
                "</title>",
                "<troublebody>",
                "</troublebody>",
                "<condition>",
                "</condition>",
                "<troubleSolution>",
                "</troubleSolution>",
                "<cause>",
                "</cause>",
                "<remedy>",
                "</remedy>",
                "<steps>",
                "</steps>",
                "<step>",
                "</step>",
                "<cmd>",
                "</cmd>",
                "<p>",
                "</p>",
                "text",
                "<codeph>",
                "</codeph>",
                "<section>",
                "</section>",
                "<dl>",
                "<dlentry>",
                "<dt>",
                "</dt>",
            ]
        ),
        max_size=40,
    )
)
def test_any_mix_of_elements_reads(tags):
    try:
        assert isinstance(read("".join(tags)), Outline)
    except ContentErrors as errors:
        assert errors.errors[0].file == "topic.dita"
