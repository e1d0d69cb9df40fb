from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from wizard.importers.outline import Code, Heading, ListBlock, Outline, Paragraph
from wizard.importers.text import read_text

SEED = (FIXTURES / "docs" / "plaid-link-troubleshooting.txt").read_text()


def read(text: str) -> Outline:
    return read_text(text, "page.txt")


def headings(outline: Outline) -> list[tuple[int, str]]:
    return [(block.level, block.text) for block in outline.blocks if isinstance(block, Heading)]


PAGE = """Docs
Guides
API

Sign-in troubleshooting

Some introduction to the page.

Token expired

Symptom

Users see "Token expired" after signing in.

Common causes
• The session was created before a password change.
• The clock is off.
Resolution
1. Sign out.
2. Sign in again.

Was this helpful?
Yes
No
"""


def test_title_is_the_line_standing_alone_above_the_first_section():
    assert read(PAGE).title == "Sign-in troubleshooting"


def test_title_line():
    assert read(PAGE).title_line == 5


def test_navigation_above_the_title_dropped():
    assert "Guides" not in repr(read(PAGE).blocks)


def test_chrome_above_the_title_noted():
    assert read(PAGE).notes[-1].message == "3 lines of page chrome above the title dropped"


def test_footer_from_was_this_helpful_dropped():
    assert read(PAGE).blocks[-1].items[-1].text == "Sign in again."


def test_footer_noted():
    assert read(PAGE).notes[0].line == 22


def test_section_heading_is_level_2():
    assert (2, "Token expired") in headings(read(PAGE))


def test_labels_are_sub_headings_of_their_section():
    assert [level for level, text in headings(read(PAGE)) if text != "Token expired"] == [3, 3, 3]


def test_label_without_section_is_level_2():
    assert headings(read("Cause\n\nThe clock is off.\n")) == [(2, "Cause")]


def test_heading_lines():
    assert [block.line for block in read(PAGE).blocks if isinstance(block, Heading)] == [9, 11, 15, 18]


def test_bullets_make_one_list():
    lists = [block for block in read(PAGE).blocks if isinstance(block, ListBlock)]
    assert [item.text for item in lists[0].items] == [
        "The session was created before a password change.",
        "The clock is off.",
    ]


def test_numbered_bullets_make_an_ordered_list():
    assert [block for block in read(PAGE).blocks if isinstance(block, ListBlock)][1].ordered


def test_nested_bullet_goes_into_the_item_before():
    outline = read("Intro text here.\n\n• one\n◦ inner\n• two\n")
    assert outline.blocks[-1].items[0].blocks[0].items[0].text == "inner"


def test_wrapped_paragraph_joined():
    assert read("Title here\n\nfirst part\nsecond part.\n").blocks[-1] == Paragraph(
        line=3, text="first part second part."
    )


def test_paragraphs_apart_stay_apart():
    assert len(read("One sentence here.\n\nAnother one here.\n").blocks) == 2


def test_group_label_under_causes():
    outline = read("Redirects fail\n\nSymptom\n\nUsers are stuck.\n\nCommon causes\nAndroid\n• No package name.\n")
    assert (4, "Android") in headings(outline)


def test_identifiers_become_code():
    assert read("Call /link/token/create with redirect_uri for ITEM_LOGIN_REQUIRED.\n").blocks[0].text == (
        "Call `/link/token/create` with `redirect_uri` for `ITEM_LOGIN_REQUIRED`."
    )


def test_markdown_characters_escaped():
    assert read("Use a * wildcard.\n").blocks[0].text == "Use a \\* wildcard."


def test_cookie_notice_dropped():
    assert "cookies" not in repr(read("We use cookies to improve this site. Accept all\n\nReal text.\n"))


def test_breadcrumb_dropped():
    assert read("Docs > Link > Troubleshooting\n\nReal text here.\n").blocks == [
        Paragraph(line=3, text="Real text here.")
    ]


def test_edit_this_page_dropped():
    assert "Edit" not in repr(read("Real text here.\n\nEdit this page\n"))


def test_plain_page_keeps_its_text():
    assert read("Just one paragraph of text.\n").blocks == [Paragraph(line=1, text="Just one paragraph of text.")]


def test_seed_title():
    assert read(SEED).title == "Link errors and troubleshooting"


def test_seed_sections():
    assert [text for level, text in headings(read(SEED)) if level == 2][-4:] == [
        "OAuth institutions not appearing in Link",
        "OAuth flow shows unsupported browser warning",
        "OAuth redirects not working",
        '"Current version not supported" or `PUBLIC_KEY_NOT_ENABLED`',
    ]


def test_seed_long_error_title_above_symptom_is_a_section():
    assert any(
        text.startswith('"You may need to update your app"') for level, text in headings(read(SEED)) if level == 2
    )


def test_seed_section_without_parts():
    assert (2, "OAuth not working") in headings(read(SEED))


def test_seed_footer_dropped():
    assert "Stack Overflow" not in repr(read(SEED).blocks)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads(text):
    assert isinstance(read(text), Outline)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "Symptom",
                "Common causes",
                "Resolution",
                "• item.",
                "◦ inner",
                "▪ deeper",
                "1. step",
                "A heading",
                "Some prose sentence here.",
                "Android",
                "Was this helpful?",
                "Docs > A > B",
                "short line",
                "You may see an error like:",
                "Or",
                "Copyright 2026 Example",
                "Check that:",
                "Topics for Mac",
            ]
        ),
        max_size=40,
    )
)
def test_any_mix_of_lines_reads(lines):
    assert isinstance(read("\n".join(lines)), Outline)


def test_title_under_breadcrumbs():
    assert read(
        "Menu | Docs | FAQ\n\nSite name here\n\nDocs > FAQ > Errors\nError messages FAQ\n\nText here.\n"
    ).title == ("Error messages FAQ")


def test_command_line_is_not_a_heading():
    outline = read("Intro text here.\n\n$ keytool -genkey -alias tomcat\n\nMore text here.\n")
    assert not any(isinstance(block, Heading) for block in outline.blocks)


CONTENTS = """Product docs
Home
Guides
Upload errors
Contents
Quota exceeded
File too large
Upload errors: overview

Quota exceeded
The account has used its storage. Delete old files.

File too large
Files over 100 MB are refused. Split the file.
Upload errors: overview
Read this first.
"""


def test_table_of_contents_dropped():
    assert "Contents" not in [block.text for block in read(CONTENTS).blocks if isinstance(block, Paragraph)]


def test_lines_the_contents_list_are_headings_however_little_space_they_have():
    assert headings(read(CONTENTS)) == [(2, "Quota exceeded"), (2, "File too large"), (2, "Upload errors: overview")]


def test_the_line_above_the_contents_is_the_title():
    assert read(CONTENTS).title == "Upload errors"


def test_the_contents_are_noted():
    assert "the table of contents dropped" in [note.message for note in read(CONTENTS).notes]


def test_contents_under_a_heading_list_its_sub_sections():
    text = "Docs > Help > FAQ\nErrors FAQ\n\nError messages\nDisk full\nQuota exceeded\nTimed out\n"
    text += "Disk full\n\nThe disk is full.\n\n"
    text += "Quota exceeded\n\nThe quota is used up.\n\nTimed out\n\nThe server is slow.\n"
    assert headings(read(text)) == [(2, "Error messages"), (3, "Disk full"), (3, "Quota exceeded"), (3, "Timed out")]


GROUPED = """Some introduction here.

Topics for Mac
Upgrade fails
Cause
The user is no administrator.
Solution
Ask an administrator.

Topics for Windows
Start fails
Cause
Hyper-V is off.
"""


def test_a_short_line_stacked_on_a_section_is_a_group():
    assert [entry for entry in headings(read(GROUPED)) if entry[1] != "Cause" and entry[1] != "Solution"] == [
        (2, "Topics for Mac"),
        (3, "Upgrade fails"),
        (2, "Topics for Windows"),
        (3, "Start fails"),
    ]


def test_a_group_is_not_the_title():
    assert read(GROUPED).title != "Topics for Mac"


def test_without_a_title_line_the_file_name_stands_for_it():
    assert read_text(GROUPED, "docs/upload-errors.txt").title == "Upload errors"


def test_a_long_line_stacked_on_a_section_is_no_group():
    text = "Disk full\nCause\nIt is full.\nSolution\n\nFree space\nFind a way to make the app work with less space\n"
    text += "Quota exceeded\nCause\nIt is used up.\n"
    assert (2, "Find a way to make the app work with less space") not in headings(read(text))


MESSAGE = """Port taken

Error message

When starting a container, you may see an error like:

Bind for 0.0.0.0:8080 failed: port is already allocated


Or

listen tcp:0.0.0.0:8080: bind: address is already in use

Cause
Another program uses the port.
"""


def test_lines_after_a_lead_in_announcing_an_error_are_the_message():
    assert [block.text for block in read(MESSAGE).blocks if isinstance(block, Code)] == [
        "Bind for 0.0.0.0:8080 failed: port is already allocated",
        "listen tcp:0.0.0.0:8080: bind: address is already in use",
    ]


def test_lines_after_an_ordinary_lead_in_are_no_message():
    assert not any(isinstance(block, Code) for block in read("Intro.\n\nCheck that:\n\nThe disk is free.\n").blocks)


def test_a_line_after_a_lead_in_is_no_heading():
    text = "Disk full\n\nSolution\n\nCheck that:\n\nYou installed the right version\n\nThe disk has space left.\n"
    assert (2, "You installed the right version") not in headings(read(text))


def test_a_copyright_line_near_the_end_starts_the_footer():
    assert "Licensed" not in repr(read("Some text here.\n\nCopyright 2006 The Foundation.\nLicensed under X.\n").blocks)


def test_a_copyright_line_far_from_the_end_is_text():
    text = "Intro.\n\nCopyright notices must be kept.\n\n" + "".join(f"Line {n} of text.\n\n" for n in range(20))
    assert "Copyright notices" in repr(read(text).blocks)


STACKED = """Troubleshooting
I am getting a warning about "Unable to get an update from the stable repository"

Run helm repo list to see where the repository points.

On macOS, the file /etc/.mdns_debug is accessed. Why?

This is caused by the MDNS library of macOS.

I am getting the warning 'WARNING: "charts.example.com" is deprecated for "stable" and will be deleted Nov. 13, 2020.'

The old repository has been replaced by a new one.

On GKE I get "No SSH tunnels currently open"
Error: Error forwarding ports: error upgrading connection: No SSH tunnels currently open.

Another variation of the error message is:

Unable to connect to the server: x509: certificate signed by unknown authority

The issue is that your config file must have the correct credentials.
"""


def test_a_title_stacked_on_the_first_section_is_the_page_title():
    assert read(STACKED).title == "Troubleshooting"


def test_the_section_under_a_stacked_title_is_a_heading():
    assert headings(read(STACKED))[0] == (
        2,
        'I am getting a warning about "Unable to get an update from the stable repository"',
    )


def test_a_question_standing_alone_is_a_heading():
    assert (2, "On macOS, the file /etc/.`mdns_debug` is accessed. Why?") in headings(read(STACKED))


def test_a_long_line_ending_by_quoting_a_message_is_a_heading():
    assert [level for level, text in headings(read(STACKED)) if text.startswith("I am getting the warning")] == [2]


def test_a_heading_right_above_a_logged_message_is_a_heading():
    assert (2, 'On GKE I get "No SSH tunnels currently open"') in headings(read(STACKED))


def test_the_logged_line_under_a_heading_is_the_message():
    codes = [block.text for block in read(STACKED).blocks if isinstance(block, Code)]
    assert codes[0].startswith("Error: Error forwarding ports")


def test_a_line_after_the_error_message_is_is_the_message():
    codes = [block.text for block in read(STACKED).blocks if isinstance(block, Code)]
    assert codes[1] == "Unable to connect to the server: x509: certificate signed by unknown authority"


def test_a_question_inside_prose_is_no_heading():
    text = "Title\n\nSome text here.\nIs this right?\nMore text follows here.\n"
    assert headings(read(text)) == []


PERMALINKED = """Skip to content
k3d
Overview
Guides
FAQ
Table of contents
Issues with ZFS
Nodes get stuck
FAQ\u00b6
Issues with ZFS\u00b6
k3s has no support for ZFS, because the server errors out.
Example: a short line
Nodes get stuck\u00b6
Problem\u00b6
When: This happens on kernels from 5.12.2
Why: The issue was introduced by a kernel change
Workaround\u00b6
Tell kube-proxy not to set the value.
"""


def test_lines_marked_with_a_permalink_sign_are_the_headings():
    assert headings(read(PERMALINKED)) == [
        (2, "Issues with ZFS"),
        (2, "Nodes get stuck"),
        (3, "Problem"),
        (3, "Workaround"),
    ]


def test_the_first_permalinked_line_is_the_title():
    assert read(PERMALINKED).title == "FAQ"


def test_lines_above_the_first_permalinked_line_are_chrome():
    assert "Skip to content" not in [getattr(block, "text", "") for block in read(PERMALINKED).blocks]


def test_lines_that_lead_with_a_word_and_a_colon_are_a_list_that_lost_its_bullets():
    listing = next(block for block in read(PERMALINKED).blocks if isinstance(block, ListBlock))
    assert [item.text for item in listing.items] == [
        "When: This happens on kernels from 5.12.2",
        "Why: The issue was introduced by a kernel change",
    ]


def test_a_line_that_leads_with_a_word_and_a_colon_starts_a_new_paragraph():
    texts = [block.text for block in read(PERMALINKED).blocks if isinstance(block, Paragraph)]
    assert "Example: a short line" in texts


def test_word_colon_lines_with_nothing_after_the_colon_are_no_list():
    text = "Title\n\nThe value has a bad form.\n\nDaily build:\n1.2.3\nnightly/1.2.3\nTest build:\n1.2.3-t.4\n"
    assert not any(isinstance(block, ListBlock) for block in read(text).blocks)


def test_a_word_colon_line_wrapped_over_two_lines_still_starts_a_list():
    text = "Title\n\nWhen: This happens on new kernels\nwhen a cluster starts\nWhy: A kernel change\n"
    assert any(isinstance(block, ListBlock) for block in read(text).blocks)
