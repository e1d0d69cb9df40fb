"""The two forms of the wizard: "Did this solve it?" on resolutions, and the escalation to support."""

from __future__ import annotations

import secrets
import time
from typing import Any

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.conf import settings
from django.core import signing

from .models import SAFE_ID, Node

TOKEN_SALT = "wizard.forms.token"
# The honeypot's place in a form's layout: not displayed, so people (and screen readers) never meet it.
HONEYPOT = Div("website", css_class="d-none", aria_hidden="true")
# Long enough for an agent who leaves a page open over a weekend; a stale form asks for a reload.
TOKEN_MAX_AGE = 7 * 24 * 3600


def form_token(node: Node) -> str:
    """A signed token naming the node and a random key: it proves the form came from this node's page.

    It is also the escalation's idempotency key, and what protects the embed forms, where a cross-site iframe
    gets no CSRF cookie.
    """
    return signed_form_token(node.guide.slug, node.slug)


def signed_form_token(guide_slug: str, node_slug: str) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(f"{guide_slug}/{node_slug}/{secrets.token_hex(16)}")


def token_age(token: str) -> float:
    """Seconds since a signed form token was issued (it carries its own time)."""
    return time.time() - signing.b62_decode(token.rsplit(signing.Signer().sep, 2)[-2])


class TokenForm(forms.Form):
    """A form proven to come from its node's page by a signed token, with a honeypot for bots.

    `embed`: the form is inside a help center's frame, where the token stands in for the CSRF cookie. Anyone
    may mint one by loading the page, so there it is also tied to time: at most `EMBED_FORM_MAX_AGE` old, and
    at least `EMBED_FORM_MIN_AGE` (a person reads the page before answering; a script posts at once).
    """

    token = forms.CharField(widget=forms.HiddenInput, max_length=300)
    # Hidden from people (and from screen readers) by the layout; a bot that fills every field fills it too.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, node: Node, embed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.node = node
        self.embed = embed
        if not self.is_bound:
            self.initial.setdefault("token", form_token(node))
        self.helper = FormHelper(self)
        # The <form> tag, with its action, CSRF token and htmx attributes, is the template's (_feedback.html,
        # _escalation_form.html); crispy lays out the fields.
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_token(self) -> str:
        value = self.cleaned_data["token"]
        max_age = settings.EMBED_FORM_MAX_AGE if self.embed else TOKEN_MAX_AGE
        try:
            payload = signing.TimestampSigner(salt=TOKEN_SALT).unsign(value, max_age=max_age)
        except signing.SignatureExpired:
            raise forms.ValidationError("This form has expired. Reload the page and send it again.") from None
        except signing.BadSignature:
            raise forms.ValidationError("This form is not valid. Reload the page and send it again.") from None
        guide, node, key = payload.split("/")
        if (guide, node) != (self.node.guide.slug, self.node.slug):
            raise forms.ValidationError("This form belongs to another page. Reload the page and send it again.")
        if self.embed and token_age(value) < settings.EMBED_FORM_MIN_AGE:
            # The form keeps this token: the same form sent again a moment later goes through.
            raise forms.ValidationError("That was quicker than we expected. Check the form and send it again.")
        return key

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError("This form could not be sent. Reload the page and send it again.")
        return ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The token and the honeypot are hidden: their errors would be invisible next to them, so show them on
        # the form.
        for hidden in ("token", "website"):
            if hidden in self.errors:
                self.add_error(None, self.errors.pop(hidden))
        return cleaned


class FeedbackForm(TokenForm):
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What worked, or what is still wrong. Kept with your answer.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The answer is the button pressed, so "Yes" is one click (or Tab, Enter) away.
        self.helper.layout = Layout(
            "token",
            HONEYPOT,
            Field("comment"),
            Div(
                StrictButton("Yes, it is solved", type="submit", name="helpful", value="yes", css_class="btn-success"),
                StrictButton(
                    "No, still not working", type="submit", name="helpful", value="no", css_class="btn-outline-dark"
                ),
                css_class="d-flex flex-wrap gap-2",
            ),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("helpful") is None and "helpful" not in self.errors:
            self.add_error(None, "Choose “Yes, it is solved” or “No, still not working”.")
        if "helpful" in self.errors:
            self.add_error(None, self.errors.pop("helpful"))
        return cleaned


class EscalationForm(TokenForm):
    contact_name = forms.CharField(label="Your name (optional)", required=False, max_length=100)
    contact_email = forms.EmailField(
        label="Email for the reply",
        max_length=254,
        help_text="Support writes back to this address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    what_happened = forms.CharField(
        label="What happened",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The exact error message, when it started, and anything tried beyond this guide.",
    )
    request_id = forms.CharField(
        label="request_id (optional)",
        required=False,
        max_length=100,
        validators=[SAFE_ID],
        help_text="From the failing API response or the Dashboard logs.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    link_session_id = forms.CharField(
        label="link_session_id (optional)",
        required=False,
        max_length=100,
        validators=[SAFE_ID],
        help_text="From the metadata of Link's onExit or onEvent callbacks.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "token",
            HONEYPOT,
            Div(Div("contact_email", css_class="col-sm-6"), Div("contact_name", css_class="col-sm-6"), css_class="row"),
            "what_happened",
            Div(Div("request_id", css_class="col-sm-6"), Div("link_session_id", css_class="col-sm-6"), css_class="row"),
            StrictButton("Send to support", type="submit", css_class="btn-primary"),
        )

    def clean_contact_name(self) -> str:
        # It goes into an email; keep it to one line.
        return " ".join(self.cleaned_data["contact_name"].split())
