"""Import docs in the admin: a page from a file, pasted text or a URL -> preview -> a draft guide."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import FIXTURES
from wizard.admin.forms import ImportSaveForm
from wizard.models import Guide, GuideDraft, Node
from wizard.services import authoring

pytestmark = pytest.mark.django_db

URL = "/admin/wizard/guide/import/"
CORPUS = FIXTURES / "import_corpus"
TRAINING = CORPUS / "microsoft" / "training-failed-and-the-model-cannot-be-used-error-in-form-processing.md"
DFSN = CORPUS / "microsoft" / "error-element-not-found-dfsn.md"
DITA = CORPUS / "dita-ot" / "other-errors.dita"
HTML = CORPUS / "tomcat" / "ssl-howto.html"
NOTHING = CORPUS / "tomcat" / "findhelp.html"
PASTED = """# Uploads fail

## Uploads are rejected

### Symptom
The upload ends with `ERR_UPLOAD_TOO_LARGE`.

### Common causes
- The file is larger than the account's limit.

### Troubleshooting steps
1. Split the file into parts under the limit.
"""


def upload(path, name: str | None = None, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes() if data is None else data)


def read(client: Client, **fields):
    return client.post(URL, {"text_format": "", **fields})


def save(client: Client, response):
    """Press "Save" on a preview: post back the signed draft it carries."""
    token = re.search(r'name="draft" value="([^"]+)"', response.content.decode())
    assert token is not None, "the preview offers no save"
    return client.post(URL, {"draft": token[1]})


def user_with(django_user_model, *codenames: str):
    user = django_user_model.objects.create_user("lead", "lead@example.com", "a-long-test-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="wizard", codename__in=codenames))
    return user


# Who may import


def test_the_page_needs_a_staff_login(client):
    assert client.get(URL)["Location"].startswith("/admin/login/")


def test_staff_without_the_add_permission_are_refused(client, django_user_model):
    client.force_login(user_with(django_user_model, "view_guide", "change_guide"))
    assert client.get(URL).status_code == 403


def test_staff_with_the_add_permission_may_import(client, django_user_model):
    client.force_login(user_with(django_user_model, "add_guide"))
    assert client.get(URL).status_code == 200


def test_staff_without_the_add_permission_cannot_post_either(client, django_user_model):
    client.force_login(user_with(django_user_model, "view_guide", "change_guide"))
    assert read(client, text=PASTED).status_code == 403


def test_the_page_answers_only_get_and_post(staff):
    assert staff.put(URL).status_code == 405


def test_the_guide_list_links_to_the_import_page(staff):
    assert f'href="{URL}"'.encode() in staff.get("/admin/wizard/guide/").content


def test_the_guide_list_has_no_link_without_the_add_permission(client, django_user_model):
    client.force_login(user_with(django_user_model, "view_guide"))
    assert URL.encode() not in client.get("/admin/wizard/guide/").content


def test_saving_into_an_existing_guide_needs_its_change_permission(client, django_user_model, guide):
    client.force_login(user_with(django_user_model, "add_guide"))
    response = read(client, text=guide.source_text, text_format="markdown", guide_id="mini")
    assert b"You may not change the guide" in response.content


def test_a_save_into_an_existing_guide_without_its_change_permission_is_refused(client, django_user_model, guide):
    client.force_login(user_with(django_user_model, "add_guide"))
    signed = ImportSaveForm.for_draft(guide_id="mini", markdown=guide.source_text, source="mini.md")
    assert client.post(URL, {"draft": signed["draft"].value()}).status_code == 403


# CSRF


@pytest.fixture
def csrf_client(django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", None))
    return client


def test_a_post_without_the_csrf_token_is_refused(csrf_client):
    assert read(csrf_client, text=PASTED).status_code == 403


def test_a_post_with_the_csrf_token_is_read(csrf_client):
    csrf_client.get(URL)
    token = csrf_client.cookies["csrftoken"].value
    response = read(csrf_client, text=PASTED, csrfmiddlewaretoken=token)
    assert response.context["preview"] is not None


def test_a_save_without_the_csrf_token_is_refused(csrf_client):
    csrf_client.get(URL)
    token = csrf_client.cookies["csrftoken"].value
    preview = read(csrf_client, text=PASTED, csrfmiddlewaretoken=token)
    drafted = re.search(r'name="draft" value="([^"]+)"', preview.content.decode())
    assert csrf_client.post(URL, {"draft": drafted[1]}).status_code == 403


def test_a_refused_save_creates_nothing(csrf_client):
    csrf_client.get(URL)
    token = csrf_client.cookies["csrftoken"].value
    preview = read(csrf_client, text=PASTED, csrfmiddlewaretoken=token)
    csrf_client.post(URL, {"draft": re.search(r'name="draft" value="([^"]+)"', preview.content.decode())[1]})
    assert not Guide.objects.exists()


# Size limits


def test_an_upload_over_the_limit_is_refused_with_the_reason(staff, settings):
    settings.IMPORT_MAX_BYTES = 1000
    response = read(staff, file=upload(DFSN))
    assert (
        "error-element-not-found-dfsn.md is too large (the limit is 1 KB)." in response.context["form"].errors["file"]
    )


def test_an_upload_over_the_limit_keeps_the_other_fields(staff, settings):
    settings.IMPORT_MAX_BYTES = 1000
    response = read(staff, file=upload(DFSN), title="DFS namespaces")
    assert response.context["form"]["title"].value() == "DFS namespaces"


def test_an_upload_at_the_limit_is_read(staff, settings):
    settings.IMPORT_MAX_BYTES = len(PASTED.encode())
    response = read(staff, file=SimpleUploadedFile("uploads.md", PASTED.encode()))
    assert response.context["preview"] is not None


def test_pasted_text_over_the_limit_is_refused_with_the_reason(staff, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = read(staff, text=PASTED)
    assert response.context["form"].errors["text"] == [
        f"The pasted text is too large ({len(PASTED.encode()):,} bytes; the limit is 0 KB)."
    ]


def test_a_url_over_the_limit_is_refused_with_the_reason(staff, settings, corpus_server):
    settings.IMPORT_MAX_BYTES, settings.IMPORT_ALLOW_PRIVATE_URLS = 1000, True
    url = f"{corpus_server}/microsoft/error-element-not-found-dfsn.md"
    response = read(staff, url=url)
    assert response.context["form"].non_field_errors() == [f"{url}:1: is too large (6,210 bytes; the limit is 1,000)"]


def test_a_body_over_djangos_own_cap_gets_a_page_that_says_so(staff, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = staff.post(URL, {"text": PASTED}, format="multipart")
    assert (response.status_code, b"What you sent is too large" in response.content) == (413, True)


def test_the_limit_is_shown_on_the_form(staff, settings):
    settings.IMPORT_MAX_BYTES = 2 * 1024 * 1024
    assert b"up to 2.0 MB" in staff.get(URL).content


# Each kind of input


def test_an_uploaded_markdown_page_is_previewed(staff):
    response = read(staff, file=upload(TRAINING))
    assert [symptom.title for symptom in response.context["preview"].symptoms] == [
        "Training failed and the model can't be used in a document processing model"
    ]


def test_an_uploaded_html_page_is_previewed(staff):
    response = read(staff, file=upload(HTML))
    assert len(response.context["preview"].symptoms) == 4


def test_an_uploaded_dita_topic_is_previewed(staff):
    response = read(staff, file=upload(DITA))
    assert response.context["preview"].draft.symptoms == 3


def test_pasted_markdown_is_previewed(staff):
    response = read(staff, text=PASTED)
    assert [symptom.title for symptom in response.context["preview"].symptoms] == ["Uploads are rejected"]


def test_pasted_text_is_read_in_the_format_chosen(staff):
    response = read(staff, text=PASTED, text_format="markdown")
    assert response.context["preview"].draft.source == "pasted.md"


def test_pasted_text_in_another_format_is_read_as_that_format(staff):
    response = read(staff, text=PASTED, text_format="dita")
    assert response.context["form"].non_field_errors()[0].startswith("pasted.dita:1: ")


PASTED_RST = """\
============
Uploads fail
============

Uploads are rejected
====================

Symptom
-------

The upload ends with ``ERR_UPLOAD_TOO_LARGE``. See :ref:`limits`.

Common causes
-------------

- The file is larger than the account's limit.

Troubleshooting steps
---------------------

#. Split the file into parts under the limit.

.. toctree::

   limits
"""


def test_pasted_rst_is_read_as_rst_when_chosen(staff):
    response = read(staff, text=PASTED_RST, text_format="rst")
    assert response.context["preview"].draft.source == "pasted.rst"


def test_pasted_rst_is_previewed(staff):
    response = read(staff, text=PASTED_RST, text_format="rst")
    assert [symptom.title for symptom in response.context["preview"].symptoms] == ["Uploads are rejected"]


def test_pasted_rst_is_recognised_without_a_format_chosen(staff):
    response = read(staff, text=PASTED_RST)
    assert response.context["preview"].draft.recognition.problems[0].codes == ["ERR_UPLOAD_TOO_LARGE"]


def test_uploaded_rst_file_is_read_as_rst(staff):
    response = read(staff, file=upload(None, name="uploads.rst", data=PASTED_RST.encode()))
    assert response.context["preview"].draft.source == "uploads.rst"


def test_uploaded_rst_file_is_previewed(staff):
    response = read(staff, file=upload(None, name="uploads.rst", data=PASTED_RST.encode()))
    assert [symptom.title for symptom in response.context["preview"].symptoms] == ["Uploads are rejected"]


def test_rst_is_a_paste_format_choice(staff):
    response = staff.get(URL)
    assert b'<option value="rst">reStructuredText</option>' in response.content


def test_pasted_text_keeps_its_line_numbers_through_the_browsers_crlf(staff):
    text = PASTED + "\n## Release notes\n\nWe shipped things.\n"
    line = text.splitlines().index("## Release notes") + 1
    response = read(staff, text=text.replace("\n", "\r\n"), text_format="markdown")
    assert str(response.context["preview"].draft.warnings[0]).startswith(f"pasted.md:{line}: heading 'Release notes'")


def test_pasted_text_in_no_format_chosen_is_recognised(staff):
    response = read(staff, text=PASTED)
    assert response.context["preview"].draft.recognition.problems[0].codes == ["ERR_UPLOAD_TOO_LARGE"]


def test_a_url_is_fetched_and_previewed(staff, settings, corpus_server):
    settings.IMPORT_ALLOW_PRIVATE_URLS = True
    response = read(staff, url=f"{corpus_server}/microsoft/{TRAINING.name}")
    assert response.context["preview"].draft.causes == 2


def test_a_private_url_is_refused_unless_the_setting_allows_it(staff, settings, corpus_server):
    settings.IMPORT_ALLOW_PRIVATE_URLS = False
    url = f"{corpus_server}/microsoft/{TRAINING.name}"
    response = read(staff, url=url)
    assert response.context["form"].non_field_errors() == [
        f"{url}:1: was refused: 127.0.0.1 is at 127.0.0.1, a private, loopback, link-local or reserved address"
    ]


def test_no_page_at_all_is_refused(staff):
    response = read(staff, title="Something")
    assert response.context["form"].non_field_errors() == [
        "Give the page to import: choose a file, paste its text or enter its URL."
    ]


def test_two_pages_at_once_are_refused(staff):
    response = read(staff, text=PASTED, url="https://docs.example.com/page")
    assert response.context["form"].non_field_errors() == [
        "Give one page at a time: a file, pasted text or a URL, not several."
    ]


def test_a_bad_guide_id_is_refused(staff):
    response = read(staff, text=PASTED, guide_id="Not An Id")
    assert "guide_id" in response.context["form"].errors


# What the preview shows


def test_the_preview_counts_the_steps_of_each_cause(staff):
    response = read(staff, file=upload(TRAINING))
    assert [cause.steps for cause in response.context["preview"].symptoms[0].causes] == [1, 1]


def test_the_preview_shows_the_codes(staff):
    response = read(staff, file=upload(DFSN))
    assert b"codes: <code>0x7685</code>, <code>SACK_PERM</code>, <code>WERR_NOT_FOUND</code>)" in response.content


WITHOUT_STEPS = """# Uploads fail

## Symptom

Uploading a file ends with "Upload failed".

## Cause

The disk that holds uploads is full.
"""


def test_the_preview_shows_what_is_left_to_write_with_the_drafts_line(staff):
    response = read(staff, text=WITHOUT_STEPS, guide_id="uploads")
    assert re.search(rb"<code>uploads\.md:\d+ \[disk-that-holds-uploads-is-full\]</code>", response.content)


def test_the_preview_shows_a_warning_with_the_source_file_and_line(staff):
    response = read(staff, file=upload(DFSN))
    assert (
        b"<li>error-element-not-found-dfsn.md:59: include not followed: ../../includes/registry-important-alert.md</li>"
        in response.content
    )


def test_the_preview_shows_the_markdown_escaped(staff):
    response = read(staff, text=PASTED.replace("Split the file", "Split <script>alert(1)</script> the file"))
    assert b"Split &lt;script&gt;alert(1)&lt;/script&gt; the file" in response.content


def test_the_guide_id_is_suggested_from_the_title(staff):
    response = read(staff, file=upload(TRAINING))
    assert response.context["form"]["guide_id"].value() == "training-failed-and-the-model-cant-be-used"


def test_a_guide_id_given_is_kept(staff):
    response = read(staff, file=upload(TRAINING), guide_id="training")
    assert response.context["preview"].draft.guide_id == "training"


def test_a_title_given_replaces_the_pages(staff):
    response = read(staff, file=upload(TRAINING), title="Model training fails")
    assert response.context["preview"].draft.guide.title == "Model training fails"


def test_the_preview_says_when_publishing_would_leave_the_guide_hidden(staff):
    response = read(staff, file=upload(DITA))
    assert b"the draft keeps <code>draft: true</code>" in response.content


# Nothing importable, and reader errors


def test_nothing_importable_is_a_clear_message(staff):
    response = read(staff, file=upload(NOTHING))
    assert response.context["form"].non_field_errors()[0] == (
        "Nothing importable on findhelp.html: no symptom with a cause or a fix was found."
    )


def test_nothing_importable_gives_the_reason_with_the_line(staff):
    response = read(staff, file=upload(NOTHING))
    assert response.context["form"].non_field_errors()[1].startswith("findhelp.html:207: no symptom")


def test_nothing_importable_answers_200(staff):
    assert read(staff, file=upload(NOTHING)).status_code == 200


def test_nothing_importable_keeps_the_pasted_text(staff):
    response = read(staff, text="Just some notes about our product.\n", title="Notes")
    assert response.context["form"]["text"].value() == "Just some notes about our product.\n"


def test_nothing_importable_offers_no_save(staff):
    response = read(staff, file=upload(NOTHING))
    assert response.context["preview"] is None


def test_a_reader_error_names_the_file_and_line(staff):
    response = read(staff, file=SimpleUploadedFile("page.md", b"# Title\n\nSome text\n\xff\xfe broken\n"))
    assert response.context["form"].non_field_errors() == [
        "page.md:4: is not UTF-8 text (byte 0xff at line 4): save it as UTF-8"
    ]


def test_an_unsupported_file_is_refused_with_the_reason(staff):
    response = read(staff, file=SimpleUploadedFile("notes.pdf", b"%PDF-1.4 ..."))
    assert response.context["form"].non_field_errors() == [
        "notes.pdf:1: is of an unsupported type (.pdf): give HTML, Markdown, reStructuredText, plain text or DITA XML"
    ]


def test_a_reader_error_saves_nothing(staff):
    read(staff, file=SimpleUploadedFile("notes.pdf", b"%PDF-1.4 ..."))
    assert not Guide.objects.exists()


# Saving a new guide


@pytest.fixture
def saved(staff):
    """The Markdown corpus page, read and saved as a draft guide."""
    return save(staff, read(staff, file=upload(TRAINING), guide_id="training"))


def test_reading_saves_nothing(staff):
    read(staff, file=upload(TRAINING))
    assert not Guide.objects.exists()


def test_saving_opens_the_new_guides_page(saved):
    assert saved["Location"] == f"/admin/wizard/guide/{Guide.objects.get(slug='training').pk}/change/"


def test_saving_creates_the_guide_hidden_from_readers(saved):
    assert Guide.objects.get(slug="training").is_draft


def test_the_saved_guides_page_says_it_is_hidden(staff, saved):
    response = staff.get(saved["Location"])
    assert b"The guide is hidden from readers until a publish shows it." in response.content


def test_the_saved_guide_is_not_shown_to_readers(saved):
    assert Client().get("/guides/training/").status_code == 404


def test_saving_gives_the_guide_a_draft(saved):
    assert GuideDraft.objects.get(guide__slug="training").preview.slug == "training--draft"


def test_the_saved_draft_loads_every_node(saved):
    assert Node.objects.filter(guide__slug="training--draft", kind="resolution").count() == 2


def test_the_saved_draft_previews_for_staff(staff, saved):
    assert staff.get("/guides/training--draft/").status_code == 200


def test_the_complete_import_is_drafted_without_draft_true(saved):
    assert "\ndraft: true\n" not in GuideDraft.objects.get(guide__slug="training").source_text


def test_the_saved_guide_keeps_the_import_as_its_first_revision(saved):
    assert Guide.objects.get(slug="training").revisions.get().note == f"imported from {TRAINING.name}"


def test_saving_is_in_the_guides_history(saved):
    entry = LogEntry.objects.get(object_id=str(Guide.objects.get(slug="training").pk))
    assert entry.get_change_message() == f"Imported {TRAINING.name} as a new draft guide."


def test_publishing_the_saved_draft_shows_the_guide_to_readers(staff, saved):
    guide = Guide.objects.get(slug="training")
    staff.post(f"/admin/wizard/guide/{guide.pk}/draft/publish/")
    assert Client().get("/guides/training/").status_code == 200


def test_an_incomplete_import_stays_hidden_when_published(staff):
    save(staff, read(staff, file=upload(DITA), guide_id="dita-errors"))
    authoring.guide_publish(guide=Guide.objects.get(slug="dita-errors"))
    assert Guide.objects.get(slug="dita-errors").is_draft


def test_a_tampered_draft_is_refused(staff):
    response = staff.post(URL, {"draft": "not-a-signed-draft"}, follow=True)
    assert "This preview cannot be saved any more" in response.content.decode()


def test_a_tampered_draft_saves_nothing(staff):
    staff.post(URL, {"draft": "not-a-signed-draft"})
    assert not Guide.objects.exists()


def test_a_guide_id_that_names_a_draft_preview_is_refused(staff, guide, draft):
    response = save(staff, read(staff, text=PASTED, guide_id="mini--draft"))
    assert response["Location"] == URL


# A page for an existing guide


@pytest.fixture
def published(staff, saved):
    """The imported guide, published: live, with no draft."""
    authoring.guide_publish(guide=Guide.objects.get(slug="training"))
    return Guide.objects.get(slug="training")


def changed_page() -> SimpleUploadedFile:
    text = TRAINING.read_text().replace("Retry by retraining your model again", "Train your model again")
    return SimpleUploadedFile(TRAINING.name, text.encode())


def test_a_page_for_an_existing_guide_shows_what_the_docs_changed(staff, published):
    response = read(staff, file=changed_page(), guide_id="training")
    assert [(change.what, change.piece, change.node) for change in response.context["preview"].sync.changes] == [
        ("changed", "steps", "this-is-a-temporary-error")
    ]


def test_a_changed_published_node_is_marked_stale(staff, published):
    response = read(staff, file=changed_page(), guide_id="training")
    assert b"published, now stale" in response.content


def test_saving_a_page_for_an_existing_guide_makes_its_draft(staff, published):
    save(staff, read(staff, file=changed_page(), guide_id="training"))
    assert "Train your model again" in GuideDraft.objects.get(guide=published).source_text


def test_saving_a_page_for_an_existing_guide_leaves_the_live_guide(staff, published):
    save(staff, read(staff, file=changed_page(), guide_id="training"))
    assert "Train your model again" not in Guide.objects.get(slug="training").source_text


def test_saving_a_page_for_an_existing_guide_is_in_its_history(staff, published):
    save(staff, read(staff, file=changed_page(), guide_id="training"))
    entry = LogEntry.objects.filter(object_id=str(published.pk)).latest("pk")
    assert entry.get_change_message() == f"Imported {TRAINING.name} as its draft."


def test_an_unchanged_page_has_nothing_to_save(staff, published):
    response = read(staff, file=upload(TRAINING), guide_id="training")
    assert response.context["preview"].blocked.startswith("Nothing to save")


def test_a_guide_with_a_draft_is_not_offered_a_save(staff, saved):
    response = read(staff, file=changed_page(), guide_id="training")
    assert response.context["preview"].blocked.startswith("The guide 'training' already has a draft")


def test_a_guide_whose_draft_appeared_since_the_preview_is_not_overwritten(staff, published):
    preview = read(staff, file=changed_page(), guide_id="training")
    authoring.draft_get_or_create(guide=published)
    save(staff, preview)
    assert "Train your model again" not in GuideDraft.objects.get(guide=published).source_text


# Text copied from the Docker topics page, which starts below its title.
UNTITLED_PASTE = (CORPUS / "docker" / "topics.txt").read_text()


def test_a_paste_without_a_title_cannot_be_saved_as_pasted_text(staff):
    response = read(staff, text=UNTITLED_PASTE, text_format="text")
    assert response.context["preview"].save_form is None


def test_a_paste_without_a_title_asks_for_one(staff):
    response = read(staff, text=UNTITLED_PASTE, text_format="text")
    assert "has no title line" in response.context["preview"].blocked


def test_a_paste_without_a_title_leaves_the_title_field_empty(staff):
    response = read(staff, text=UNTITLED_PASTE, text_format="text")
    assert response.context["form"]["title"].value() in ("", None)


def test_a_paste_without_a_title_can_be_saved_once_given_one(staff):
    response = read(staff, text=UNTITLED_PASTE, text_format="text", title="Uploads fail")
    assert response.context["preview"].save_form is not None


def test_what_is_left_to_write_links_to_its_line_of_the_draft(staff):
    content = read(staff, text=WITHOUT_STEPS, guide_id="uploads").content.decode()
    line = re.search(r'<a href="#draft-line-(\d+)"><code>uploads\.md:(\d+) ', content)
    assert line is not None and line[1] == line[2]


def test_each_line_of_the_drafts_markdown_is_an_anchor(staff):
    response = read(staff, text=WITHOUT_STEPS, guide_id="uploads")
    lines = response.context["preview"].draft.markdown.rstrip("\n").split("\n")
    assert f'id="draft-line-{len(lines)}">{lines[-1]}</span>' in response.content.decode()


def test_publishing_an_import_with_steps_to_write_says_readers_still_do_not_see_it(staff):
    save(staff, read(staff, text=WITHOUT_STEPS, guide_id="uploads"))
    guide = Guide.objects.get(slug="uploads")
    response = staff.post(f"/admin/wizard/guide/{guide.pk}/draft/publish/", follow=True)
    assert b"Readers still do not see the guide" in response.content
