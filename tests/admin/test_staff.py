"""wizard/admin/staff.py: the user an admin action is recorded under."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from wizard.admin.staff import acting_user
from wizard.models import GuideDraft


def test_the_signed_in_user_acts(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    assert acting_user(request) == admin_user


def test_an_anonymous_request_acts_as_nobody(rf):
    request = rf.get("/admin/")
    request.user = AnonymousUser()
    assert acting_user(request) is None


def test_a_started_draft_names_its_editor(staff, guide):
    staff.post(f"/admin/wizard/guide/{guide.pk}/draft/start/")
    assert GuideDraft.objects.get(guide=guide).updated_by.username == "editor"
