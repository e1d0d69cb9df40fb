from __future__ import annotations

from tests.importers.pages import page
from wizard.importers import import_page
from wizard.importers.sync import compare, sourced

PAGE = """
# Uploads fail

## Possible causes

- The file is larger than 100 MB.
- The token expired.

## Resolution

Retry with a new token.
"""


def draft(text: str = PAGE) -> str:
    return import_page(page(text), guide_id="uploads").markdown


def report(before: str, after: str, published: set[str] | None = None):
    return compare(draft(before), draft(after), name="uploads.md", published=published)


def test_same_page_is_up_to_date():
    assert report(PAGE, PAGE).up_to_date


def test_every_imported_piece_records_its_source():
    pieces, authored = sourced(draft(), "uploads.md")
    assert ([piece.piece for piece in pieces], authored) == (["section", "cause", "cause", "steps"], 0)


def test_changed_cause_is_reported():
    changed = report(PAGE, PAGE.replace("The token expired.", "The token expired or was revoked."))
    assert [(change.what, change.piece, change.node) for change in changed.changes] == [
        ("added", "cause", "token-expired-or-was-revoked"),
        ("removed", "cause", "token-expired"),
    ]


def test_changed_steps_are_reported_per_cause():
    changed = report(PAGE, PAGE.replace("Retry with a new token.", "Retry with a fresh token."))
    assert [(change.what, change.piece) for change in changed.changes] == [("changed", "steps")]


def test_added_cause_is_reported():
    changed = report(PAGE, PAGE.replace("- The token expired.", "- The token expired.\n- The disk is full."))
    assert [(change.what, change.node) for change in changed.changes if change.piece == "cause"] == [
        ("added", "disk-is-full")
    ]


def test_lines_moving_alone_is_not_a_change():
    assert report(PAGE, PAGE.replace("## Possible causes\n", "## Possible causes\n\n\n\n")).changes == []


def test_author_renamed_node_is_the_same_node():
    before = draft().replace("id: token-expired", "id: expired-token")
    assert compare(before, draft(), name="uploads.md").up_to_date


def test_published_node_on_removed_text_is_stale():
    changed = report(PAGE, PAGE.replace("- The token expired.\n", ""), published={"token-expired"})
    assert [(change.node, change.published) for change in changed.stale if change.piece == "cause"] == [
        ("token-expired", True)
    ]


def test_author_written_cause_is_never_removed():
    authored = draft().replace(
        "### Troubleshooting steps", "- Our own cause.\n  <!-- id: ours -->\n\n### Troubleshooting steps"
    )
    changed = compare(authored, draft(), name="uploads.md")
    assert (changed.up_to_date, changed.authored) == (True, 1)


def test_change_names_old_and_new_lines():
    changed = report(PAGE, PAGE.replace("Retry with a new token.", "Retry with a fresh token.\n\nThen wait."))
    assert str(changed.changes[0]).startswith(
        "changed  steps   uploads-fail: steps of Uploads fail [page lines 8-12 (was 8-10)"
    )
