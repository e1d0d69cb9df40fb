from __future__ import annotations

from wizard.importers.checks import check_causes, checklist
from wizard.importers.outline import ListBlock, ListItem, Paragraph
from wizard.importers.prose import Prose

CHECKS = ListBlock(
    2, True, [ListItem(2, "Ensure the pod is not in `kube-system`."), ListItem(3, "Check the default policy")]
)


def test_a_fix_that_is_only_checks_is_a_checklist():
    assert checklist(Prose(fix=[Paragraph(1, "The sidecar is missing."), CHECKS])) is CHECKS


def test_a_stated_cause_makes_no_checklist():
    assert checklist(Prose(cause=[Paragraph(1, "This happens because of a label.")], fix=[CHECKS])) is None


def test_a_list_with_an_action_that_is_no_check_is_no_checklist():
    listing = ListBlock(2, True, [ListItem(2, "Ensure the pod is running."), ListItem(3, "Restart the pod.")])
    assert checklist(Prose(fix=[listing])) is None


def test_a_checklist_after_a_lead_in_to_steps_is_steps():
    assert checklist(Prose(fix=[Paragraph(1, "To fix this, follow these steps:"), CHECKS])) is None


def test_each_check_is_a_cause_named_by_its_first_sentence():
    assert [cause.title for cause in check_causes(CHECKS)] == [
        "Ensure the pod is not in `kube-system`.",
        "Check the default policy",
    ]
