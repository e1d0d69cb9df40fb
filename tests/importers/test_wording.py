from __future__ import annotations

import pytest

from wizard.importers.wording import cause_title


@pytest.mark.parametrize(
    ("title", "cause"),
    [
        (
            "This error is returned when the target host public SSH key changes.",
            "The target host public SSH key changes.",
        ),
        (
            "This indicates that paperless failed to read PDF metadata from one of your documents.",
            "Paperless failed to read PDF metadata from one of your documents.",
        ),
        (
            "This probably indicates paperless tried to consume the same file twice.",
            "Paperless tried to consume the same file twice.",
        ),
        (
            "Typically this error occurs because of component store corruption.",
            "Component store corruption.",
        ),
        (
            "Most commonly this is being caused by conflicting Promise implementations.",
            "Conflicting Promise implementations.",
        ),
        (
            "The issue is most likely due to the limitation of Java cryptography capabilities.",
            "The limitation of Java cryptography capabilities.",
        ),
        (
            "The problem is that the certificates from the JRE no longer validate the signatures.",
            "The certificates from the JRE no longer validate the signatures.",
        ),
        (
            "You receive this notification because a third-party application has altered your settings.",
            "A third-party application has altered your settings.",
        ),
        ("This issue can occur when the disk is full.", "The disk is full."),
    ],
)
def test_a_lead_in_that_explains_the_error_is_dropped(title, cause):
    assert cause_title(title) == cause


def test_a_title_that_states_the_cause_stays():
    assert cause_title("The App Service plan is Free or Shared.") == "The App Service plan is Free or Shared."


def test_a_lead_in_leaving_too_few_words_stays():
    assert cause_title("This happens when offline.") == "This happens when offline."


def test_a_name_in_lower_case_keeps_its_case():
    assert cause_title("This indicates that npm could not reach the registry.") == "npm could not reach the registry."


def test_code_after_the_lead_in_keeps_its_case():
    assert cause_title("This error means that `max_connections` is too low.") == "`max_connections` is too low."
