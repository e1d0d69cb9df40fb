from __future__ import annotations

import pytest
from django.core import signing

from wizard.forms import TOKEN_MAX_AGE, TOKEN_SALT, EscalationForm, FeedbackForm, form_token
from wizard.models import Node

pytestmark = pytest.mark.usefixtures("mini_guide")


def node(slug: str) -> Node:
    return Node.objects.select_related("guide").get(guide__slug="mini", slug=slug)


def feedback_form(data: dict, slug: str = "wrong-src") -> FeedbackForm:
    current = node(slug)
    return FeedbackForm({"token": form_token(current), **data}, node=current)


def escalation_form(data: dict, slug: str = "widget-escalate") -> EscalationForm:
    current = node(slug)
    base = {"token": form_token(current), "contact_email": "agent@example.com", "what_happened": "Still blank."}
    return EscalationForm({**base, **data}, node=current)


@pytest.mark.parametrize(("value", "helpful"), [("yes", True), ("no", False)])
def test_feedback_answer_is_a_boolean(value, helpful):
    form = feedback_form({"helpful": value})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["helpful"] is helpful


def test_feedback_without_an_answer_says_what_to_choose():
    form = feedback_form({})
    assert not form.is_valid()
    assert "Choose" in form.non_field_errors()[0]


def test_feedback_with_an_unknown_answer_is_an_error_on_the_form():
    form = feedback_form({"helpful": "maybe"})
    assert not form.is_valid()
    assert form.non_field_errors()


def test_feedback_comment_is_at_most_2000_characters():
    assert not feedback_form({"helpful": "yes", "comment": "x" * 2001}).is_valid()


def test_token_from_another_node_is_refused():
    form = FeedbackForm({"token": form_token(node("ad-blocker")), "helpful": "yes"}, node=node("wrong-src"))
    assert not form.is_valid()
    assert "another page" in form.non_field_errors()[0]


def test_forged_token_is_refused():
    assert not feedback_form({"helpful": "yes", "token": "mini/wrong-src/abc:forged"}).is_valid()


def test_expired_token_asks_for_a_reload(clock):
    token = form_token(node("wrong-src"))
    clock.shift(TOKEN_MAX_AGE + 1)
    form = FeedbackForm({"token": token, "helpful": "yes"}, node=node("wrong-src"))
    assert not form.is_valid()
    assert "expired" in form.non_field_errors()[0]


def sent(token: str, *, embed: bool, **data: str) -> FeedbackForm:
    return FeedbackForm({"token": token, "helpful": "yes", **data}, node=node("wrong-src"), embed=embed)


@pytest.fixture
def embed_ages(settings):
    settings.EMBED_FORM_MIN_AGE, settings.EMBED_FORM_MAX_AGE = 2, 3600


@pytest.mark.usefixtures("embed_ages")
def test_an_embed_form_sent_before_anyone_could_read_it_is_refused(clock):
    token = form_token(node("wrong-src"))
    clock.shift(1.5)
    form = sent(token, embed=True)
    assert not form.is_valid()
    assert "quicker than we expected" in form.non_field_errors()[0]


@pytest.mark.usefixtures("embed_ages")
def test_an_embed_form_sent_after_reading_is_accepted(clock):
    token = form_token(node("wrong-src"))
    clock.shift(2.5)
    assert sent(token, embed=True).is_valid()


@pytest.mark.usefixtures("embed_ages")
def test_an_embed_form_older_than_its_maximum_age_has_expired(clock):
    token = form_token(node("wrong-src"))
    clock.shift(3601)
    form = sent(token, embed=True)
    assert not form.is_valid()
    assert "expired" in form.non_field_errors()[0]


@pytest.mark.usefixtures("embed_ages")
def test_the_site_forms_keep_their_week_and_need_no_reading_time(clock):
    early, late = form_token(node("wrong-src")), None
    clock.shift(3601)
    late = form_token(node("wrong-src"))
    assert (sent(early, embed=False).is_valid(), sent(late, embed=False).is_valid()) == (True, True)


@pytest.mark.parametrize("embed", [False, True])
def test_a_filled_honeypot_is_refused(embed, clock):
    token = form_token(node("wrong-src"))
    clock.shift(10)
    form = sent(token, embed=embed, website="https://spam.example")
    assert not form.is_valid()
    assert "could not be sent" in form.non_field_errors()[0]


def test_token_cleans_to_its_random_key():
    form = feedback_form({"helpful": "yes"})
    assert form.is_valid()
    payload = signing.TimestampSigner(salt=TOKEN_SALT).unsign(form.data["token"])
    assert payload.endswith("/" + form.cleaned_data["token"])
    assert len(form.cleaned_data["token"]) == 32


def test_each_form_gets_a_new_token():
    assert form_token(node("wrong-src")) != form_token(node("wrong-src"))


def test_escalation_form_is_valid_with_email_and_message():
    assert escalation_form({}).is_valid()


def test_escalation_needs_a_valid_email():
    form = escalation_form({"contact_email": "not-an-email"})
    assert not form.is_valid()
    assert "contact_email" in form.errors


def test_escalation_needs_what_happened():
    assert "what_happened" in escalation_form({"what_happened": ""}).errors


@pytest.mark.parametrize("value", ["req-123_abc.DEF:9", "A" * 100])
def test_safe_ids_are_accepted(value):
    assert escalation_form({"request_id": value, "link_session_id": value}).is_valid()


@pytest.mark.parametrize("value", ["<script>", "a b", "id;drop", "é", "A" * 101])
def test_unsafe_ids_are_refused(value):
    form = escalation_form({"request_id": value, "link_session_id": value})
    assert set(form.errors) == {"request_id", "link_session_id"}


def test_contact_name_is_kept_to_one_line():
    form = escalation_form({"contact_name": "Ada\r\nBcc: x@example.com"})
    assert form.is_valid()
    assert form.cleaned_data["contact_name"] == "Ada Bcc: x@example.com"


def test_the_form_tag_and_its_htmx_attributes_are_the_templates():
    assert feedback_form({}).helper.form_tag is False
