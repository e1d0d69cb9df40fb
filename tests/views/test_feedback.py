from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from wizard.models import Escalation, Event, Feedback, Walk

pytestmark = pytest.mark.usefixtures("mini_guide")

RESOLUTION = "/guides/mini/wrong-src/"
ESCALATION = "/guides/mini/widget-escalate/"
HTMX = {"HX-Request": "true"}


def form_of(client: Client, url: str, form_id: str) -> tuple[str, dict[str, str]]:
    """The form's action and its hidden fields, as a browser would send them."""
    content = client.get(url).content.decode()
    form = re.search(rf'<form[^>]*id="{form_id}"[^>]*>.*?</form>', content, re.S)
    assert form is not None
    action = re.search(r'action="([^"]+)"', form.group(0))
    assert action is not None
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0)))
    return action.group(1).replace("&amp;", "&"), hidden


def escalation_data(**fields: str) -> dict[str, str]:
    return {"contact_email": "agent@example.com", "what_happened": "Still blank after both fixes.", **fields}


def test_resolution_asks_did_this_solve_it(client):
    content = client.get(RESOLUTION).content.decode()
    assert "Did this solve it?" in content
    assert 'hx-post="/guides/mini/wrong-src/feedback/?w=' in content
    assert 'name="helpful" type="submit" value="yes"' in content


def test_the_feedback_form_swaps_only_its_own_region_and_pushes_no_url(client):
    content = client.get(RESOLUTION).content.decode()
    assert 'hx-target="#feedback" hx-swap="outerHTML" hx-push-url="false"' in content


def test_questions_have_no_feedback_form(client):
    assert b'id="feedback"' not in client.get("/guides/mini/widget/").content


def test_yes_without_javascript_redirects_to_the_thank_you(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    response = client.post(action, {**hidden, "helpful": "yes"})
    assert response.status_code == 303
    assert response["Location"].startswith(RESOLUTION + "?w=")
    assert response["Location"].endswith("&feedback=yes")
    page = client.get(response["Location"]).content.decode()
    assert "Thanks: marked as solved" in page
    assert "Did this solve it?" not in page


def test_yes_saves_feedback_and_resolves_the_walk(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    client.post(action, {**hidden, "helpful": "yes", "comment": "Fixed by the new src"})
    feedback = Feedback.objects.get()
    assert (feedback.helpful, feedback.comment, feedback.node_slug) == (True, "Fixed by the new src", "wrong-src")
    assert feedback.walk is not None
    assert feedback.walk.outcome == Walk.Outcome.RESOLVED


def test_the_same_form_posted_twice_saves_one_answer(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    client.post(action, {**hidden, "helpful": "no", "comment": "Still 404"})
    client.post(action, {**hidden, "helpful": "no"})
    feedback = Feedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (False, "Still 404")


def test_a_changed_answer_is_current_and_the_first_is_kept(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    client.post(action, {**hidden, "helpful": "no", "comment": "Still 404"})
    client.post(action, {**hidden, "helpful": "yes"})
    feedback = Feedback.objects.get(current=True)
    assert (feedback.helpful, feedback.walk.outcome) == (True, Walk.Outcome.RESOLVED)
    assert Feedback.objects.get(current=False).comment == "Still 404"


def test_the_thank_you_page_is_not_counted_as_another_step(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    shown = Event.objects.filter(kind=Event.Kind.SHOWN).count()
    client.get(client.post(action, {**hidden, "helpful": "yes"})["Location"])
    assert Event.objects.filter(kind=Event.Kind.SHOWN).count() == shown


def test_htmx_yes_gets_only_the_feedback_region(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    response = client.post(action, {**hidden, "helpful": "yes"}, headers=HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="feedback"')
    assert "Thanks: marked as solved" in content
    assert "<html" not in content


def test_htmx_no_offers_the_escalation_after_the_last_cause(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    content = client.post(action, {**hidden, "helpful": "no"}, headers=HTMX).content.decode()
    walk = re.search(r"\?w=([0-9a-f]{32})", action)
    assert walk is not None
    assert f'href="/guides/mini/widget-escalate/?w={walk.group(1)}"' in content
    assert "Escalate to support" in content


def test_no_offers_the_next_documented_cause(client):
    action, hidden = form_of(client, "/guides/mini/ad-blocker/", "feedback-form")
    page = client.get(client.post(action, {**hidden, "helpful": "no"})["Location"]).content.decode()
    assert re.search(r'href="/guides/mini/check-wrong-src/\?w=[0-9a-f]{32}"', page)
    assert Feedback.objects.get().helpful is False


def test_feedback_without_an_answer_keeps_the_comment_and_says_why(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    response = client.post(action, {**hidden, "comment": "my note"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Choose" in content
    assert "my note</textarea>" in content
    assert "<html" in content
    assert Feedback.objects.count() == 0


def test_htmx_invalid_feedback_is_200_with_the_errors(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    response = client.post(action, {**hidden, "comment": "x" * 2001, "helpful": "yes"}, headers=HTMX)
    assert response.status_code == 200
    assert b"is-invalid" in response.content
    assert Feedback.objects.count() == 0


def test_feedback_on_a_question_is_404(client):
    assert client.post("/guides/mini/widget/feedback/", {"helpful": "yes"}).status_code == 404


def test_feedback_on_an_unknown_node_is_404(client):
    assert client.post("/guides/mini/nope/feedback/", {"helpful": "yes"}).status_code == 404


def test_feedback_is_post_only(client):
    assert client.get("/guides/mini/wrong-src/feedback/").status_code == 405


def test_feedback_with_a_forged_token_is_refused(client):
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    response = client.post(action, {**hidden, "token": "mini/wrong-src/x:y:z", "helpful": "yes"})
    assert response.status_code == 400
    assert b"Reload the page" in response.content
    assert Feedback.objects.count() == 0


def test_feedback_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    hidden.pop("csrfmiddlewaretoken")
    assert client.post(action, {**hidden, "helpful": "yes"}).status_code == 403
    assert Feedback.objects.count() == 0


def test_feedback_with_the_csrf_token_is_accepted():
    client = Client(enforce_csrf_checks=True)
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    assert client.post(action, {**hidden, "helpful": "yes"}).status_code == 303


def test_escalation_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    action, hidden = form_of(client, ESCALATION, "escalation-form")
    hidden.pop("csrfmiddlewaretoken")
    assert client.post(action, {**hidden, **escalation_data()}).status_code == 403
    assert Escalation.objects.count() == 0


def test_embed_forms_post_to_embed_urls(client):
    content = client.get("/embed/mini/wrong-src/").content.decode()
    assert 'action="/embed/mini/wrong-src/feedback/?w=' in content


def test_embed_feedback_works_without_a_csrf_cookie():
    """In a cross-site iframe the CSRF cookie is not sent; the signed form token stands in for it."""
    client = Client(enforce_csrf_checks=True)
    action, hidden = form_of(client, "/embed/mini/wrong-src/", "feedback-form")
    client.cookies.clear()
    response = client.post(action, {"token": hidden["token"], "helpful": "yes"})
    assert response.status_code == 303
    assert response["Location"].startswith("/embed/mini/wrong-src/?w=")
    assert Feedback.objects.count() == 1


def test_an_embed_form_sent_at_once_is_refused_and_goes_through_a_moment_later(settings, clock):
    settings.EMBED_FORM_MIN_AGE = 2
    action, hidden = form_of(Client(), "/embed/mini/wrong-src/", "feedback-form")
    client = Client(enforce_csrf_checks=True)
    first = client.post(action, {**hidden, "helpful": "yes"})
    clock.shift(3)
    again = client.post(action, {**hidden, "helpful": "yes"})
    assert (first.status_code, again.status_code) == (400, 303)
    assert b"quicker than we expected" in first.content


def test_the_honeypot_is_not_displayed(client):
    content = client.get(RESOLUTION).content.decode()
    assert re.search(r'<div\s+class="d-none"\s+aria-hidden="true">\s*<div id="div_id_website"', content)


def test_one_form_sent_from_many_addresses_is_limited_as_one_sender(client, settings, clock):
    settings.FEEDBACK_RATE_LIMIT = "2/m"
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    statuses = [
        client.post(action, {**hidden, "helpful": "no"}, REMOTE_ADDR=f"203.0.113.{n}").status_code for n in range(4)
    ]
    assert statuses == [303, 303, 429, 429]


def test_embed_feedback_still_needs_a_valid_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/embed/mini/wrong-src/feedback/", {"token": "forged", "helpful": "yes"})
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_too_many_feedback_posts_get_a_friendly_429(client, settings, clock):
    settings.FEEDBACK_RATE_LIMIT = "2/m"
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    statuses = [client.post(action, {**hidden, "helpful": "no"}).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    response = client.post(action, {**hidden, "helpful": "no", "comment": "kept"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert b"Too many submissions" in response.content
    assert b"kept</textarea>" in response.content
    # The two accepted posts of the one form are one answer; the refused ones changed nothing.
    assert list(Feedback.objects.values_list("comment", flat=True)) == [""]


def test_htmx_rate_limit_shows_the_message_in_place(client, settings, clock):
    settings.ESCALATION_RATE_LIMIT = "1/m"
    action, hidden = form_of(client, ESCALATION, "escalation-form")
    client.post(action, {**hidden, **escalation_data()}, headers=HTMX)
    response = client.post(action, {**hidden, **escalation_data()}, headers=HTMX)
    assert response.status_code == 200
    assert response.content.lstrip().startswith(b'<div id="escalation"')
    assert b"Too many submissions" in response.content


def test_escalation_page_has_the_form_and_the_summary(client):
    content = client.get(ESCALATION).content.decode()
    assert "Send this to support" in content
    assert 'hx-post="/guides/mini/widget-escalate/escalate/?w=' in content
    assert '<textarea id="ticket-summary"' in content
    assert "Ruled out:" in content


def test_resolution_page_has_the_summary_with_the_canonical_link(client):
    content = client.get(RESOLUTION + "?w=" + "ab" * 16).content.decode()
    assert "Link: http://testserver/guides/mini/wrong-src/</textarea>" in content


def test_escalation_without_javascript_saves_and_shows_the_reference(client, settings):
    settings.ESCALATION_EMAIL_TO = ["support@example.com"]
    action, hidden = form_of(client, ESCALATION, "escalation-form")
    response = client.post(action, {**hidden, **escalation_data(request_id="req-42")})
    assert response.status_code == 303
    escalation = Escalation.objects.get()
    assert (escalation.request_id, escalation.node_slug, escalation.notified) == ("req-42", "widget-escalate", True)
    assert "Ruled out:" in escalation.summary
    assert escalation.walk is not None
    assert escalation.walk.outcome == Walk.Outcome.ESCALATED
    assert len(mail.outbox) == 1
    page = client.get(response["Location"]).content.decode()
    assert f"reference #{escalation.pk}" in page


def test_double_submit_creates_one_escalation_and_one_email(client, settings):
    settings.ESCALATION_EMAIL_TO = ["support@example.com"]
    action, hidden = form_of(client, ESCALATION, "escalation-form")
    first = client.post(action, {**hidden, **escalation_data()}, headers=HTMX)
    second = client.post(action, {**hidden, **escalation_data()}, headers=HTMX)
    assert Escalation.objects.count() == 1
    assert len(mail.outbox) == 1
    reference = f"reference #{Escalation.objects.get().pk}".encode()
    assert reference in first.content
    assert reference in second.content


def test_failed_email_still_shows_success_with_a_note(client, settings, monkeypatch):
    settings.ESCALATION_EMAIL_TO = ["support@example.com"]

    def refuse(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    action, hidden = form_of(client, ESCALATION, "escalation-form")
    response = client.post(action, {**hidden, **escalation_data()}, headers=HTMX)
    assert response.status_code == 200
    assert b"notification email could not be sent" in response.content
    assert "connection refused" in Escalation.objects.get().notify_error


def test_invalid_escalation_keeps_the_input_and_explains(client):
    action, hidden = form_of(client, ESCALATION, "escalation-form")
    data = {**hidden, **escalation_data(contact_email="nope", request_id="<script>")}
    response = client.post(action, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter a valid email address." in content
    assert "Use only letters, digits" in content
    assert "Still blank after both fixes.</textarea>" in content
    assert "&lt;script&gt;" in content
    assert Escalation.objects.count() == 0


def test_huge_escalation_is_a_form_error_not_a_500(client):
    action, hidden = form_of(client, ESCALATION, "escalation-form")
    response = client.post(action, {**hidden, **escalation_data(what_happened="x" * 100_000)}, headers=HTMX)
    assert response.status_code == 200
    assert b"at most 5000 characters" in response.content


def test_escalate_on_a_resolution_is_404(client):
    assert client.post("/guides/mini/wrong-src/escalate/", escalation_data()).status_code == 404


def test_handoff_link_carries_the_summary(client, settings):
    settings.ESCALATION_HANDOFF_URL = "https://help.example.com/new?subject={subject}&body={body}"
    content = client.get(ESCALATION).content.decode()
    assert 'href="https://help.example.com/new?subject=Mini%20guide%3A%20' in content
    assert "body=Guide%3A%20Mini%20guide%0A" in content


def test_no_handoff_link_by_default(client):
    assert b"Open a ticket with this summary" not in client.get(ESCALATION).content


def test_question_answers_show_their_number_keys(client):
    content = client.get("/guides/mini/widget/").content.decode()
    assert 'aria-keyshortcuts="1"><kbd class="answer-key" aria-hidden="true">1</kbd>Yes</a>' in content
    assert 'aria-keyshortcuts="2"><kbd class="answer-key" aria-hidden="true">2</kbd>No</a>' in content
    assert "press <kbd>1</kbd> to <kbd>3</kbd> to answer" in content


def test_back_link_announces_backspace(client):
    assert b'rel="prev" aria-keyshortcuts="Backspace">Back</a>' in client.get("/guides/mini/widget/").content


def test_records_are_visible_in_the_admin(client, admin_user):
    action, hidden = form_of(client, ESCALATION, "escalation-form")
    client.post(action, {**hidden, **escalation_data(request_id="req-admin")})
    action, hidden = form_of(client, RESOLUTION, "feedback-form")
    client.post(action, {**hidden, "helpful": "no", "comment": "admin-visible"})
    client.force_login(admin_user)
    assert b"req-admin" in client.get("/admin/wizard/escalation/").content
    assert b"admin-visible" in client.get("/admin/wizard/feedback/").content
    escalation = Escalation.objects.get()
    assert client.get(f"/admin/wizard/escalation/{escalation.pk}/change/").status_code == 200
