from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from wizard.importers import import_page
from wizard.importers.read import read_source
from wizard.models import Guide, GuideDraft, GuideRevision
from wizard.services import authoring
from wizard.services.authoring import AuthoringError
from wizard.services.imports import guide_import_save, import_publishable

pytestmark = pytest.mark.django_db

PAGE = (
    FIXTURES
    / "import_corpus"
    / "microsoft"
    / "training-failed-and-the-model-cannot-be-used-error-in-form-processing.md"
)


def imported(guide_id: str = "training", *, without_steps: bool = False) -> str:
    """The importer's draft of a real corpus page (every resolution has steps unless `without_steps`)."""
    text = PAGE.read_text()
    if without_steps:
        text = text.replace("Retry by retraining your model again by selecting **Edit model**.", "")
    draft = import_page(read_source(text.encode(), PAGE.name), guide_id=guide_id)
    assert draft.status != "nothing"
    return draft.markdown


def save(text: str | None = None, guide_id: str = "training"):
    return guide_import_save(guide_id=guide_id, text=text or imported(guide_id), source=PAGE.name)


# What publishing the draft would do


def test_a_complete_import_loses_its_draft_line():
    assert "\ndraft: true\n" not in import_publishable(text=imported(), file_name="training.md").text


def test_a_complete_import_changes_only_its_draft_line():
    text = imported()
    assert import_publishable(text=text, file_name="training.md").text == text.replace("draft: true\n", "", 1)


def test_a_complete_import_shows_readers():
    assert import_publishable(text=imported(), file_name="training.md").shows_readers


def test_an_import_with_a_resolution_without_steps_keeps_its_draft_line():
    text = imported(without_steps=True)
    assert import_publishable(text=text, file_name="training.md").text == text


def test_an_import_with_a_resolution_without_steps_says_which():
    publishable = import_publishable(text=imported(without_steps=True), file_name="training.md")
    assert publishable.hidden_because == [
        "training.md:35 [this-is-a-temporary-error]: this resolution has no troubleshooting steps"
    ]


def test_a_draft_line_outside_the_front_matter_is_left_alone():
    text = "# Title\n\ndraft: true\n"
    assert import_publishable(text=text, file_name="x.md").text == text


# A new guide


def test_a_new_guide_is_created_hidden():
    assert save().guide.is_draft


def test_a_new_guide_is_listed_after_the_others(mini_guide):
    assert save().guide.position == Guide.objects.get(slug="mini").position + 1


def test_a_new_guide_is_named_after_its_id():
    assert save().guide.source_file == "training.md"


def test_a_new_guides_first_revision_says_where_it_came_from():
    assert GuideRevision.objects.get(guide=save().guide).note == f"imported from {PAGE.name}"


def test_a_new_guides_live_text_is_the_import_as_it_is():
    text = imported()
    assert save(text).guide.source_text == text


def test_a_new_guides_draft_previews_it():
    assert save().draft.preview.is_draft


def test_an_import_that_does_not_validate_is_refused_with_the_reason():
    text = imported().replace("cause: this-is-a-temporary-error", "cause: no-such-cause")
    with pytest.raises(AuthoringError) as refused:
        save(text)
    assert "no-such-cause" in refused.value.reasons[0]


def test_an_import_whose_id_differs_from_the_one_given_is_refused():
    with pytest.raises(AuthoringError) as refused:
        save(imported("training"), guide_id="other")
    assert refused.value.reasons == ["other.md:2: the Markdown's guide id is 'training', not 'other'"]


def test_an_import_that_is_not_hidden_is_refused():
    with pytest.raises(AuthoringError) as refused:
        save(imported().replace("draft: true\n", ""))
    assert refused.value.reasons == [
        "training.md: an imported guide starts hidden: its front matter must say draft: true"
    ]


def test_an_import_whose_file_name_another_guide_has_is_refused(mini_guide):
    Guide.objects.filter(slug="mini").update(source_file="training.md")
    with pytest.raises(AuthoringError) as refused:
        save()
    assert refused.value.reasons == ["training.md is already the file of the guide 'mini': choose another guide id"]


def test_an_import_whose_preview_id_is_taken_leaves_nothing_behind(mini_guide):
    Guide.objects.filter(slug="mini").update(slug="training--draft")
    with pytest.raises(AuthoringError):
        save()
    assert not Guide.objects.filter(slug="training").exists()


def test_an_id_that_is_a_draft_preview_is_refused(mini_guide):
    authoring.draft_get_or_create(guide=Guide.objects.get(slug="mini"))
    with pytest.raises(AuthoringError) as refused:
        save(guide_id="mini--draft", text=imported("mini--draft"))
    assert refused.value.reasons == ["'mini--draft' is the preview of another guide's draft: choose another guide id"]


# An existing guide


@pytest.fixture
def live() -> Guide:
    guide = save().guide
    authoring.guide_publish(guide=guide)
    guide.refresh_from_db()
    return guide


def test_publishing_a_complete_import_shows_it_to_readers(live):
    assert not live.is_draft


def test_an_import_for_an_existing_guide_becomes_its_draft(live):
    save(imported().replace("Retry by retraining", "Train"))
    assert "1. Train your model again" in GuideDraft.objects.get(guide=live).source_text


def test_an_import_for_an_existing_guide_leaves_the_live_guide(live):
    before = live.source_text
    save(imported().replace("Retry by retraining", "Train"))
    live.refresh_from_db()
    assert live.source_text == before


def test_an_import_for_a_guide_with_a_draft_is_refused(live):
    authoring.draft_get_or_create(guide=live)
    with pytest.raises(AuthoringError) as refused:
        save()
    assert refused.value.reasons[0].startswith("training already has a draft (edited ")


def test_an_import_for_a_guide_with_a_draft_keeps_the_draft(live):
    draft = authoring.draft_get_or_create(guide=live)
    with pytest.raises(AuthoringError):
        save(imported().replace("Retry by retraining", "Train"))
    assert GuideDraft.objects.get(guide=live).source_text == draft.source_text
