from __future__ import annotations

import pytest

from wizard.models import Guide, GuideDraft


@pytest.fixture
def staff(client, django_user_model):
    """The test client, logged in as a superuser."""
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", None))
    return client


@pytest.fixture
def guide(mini_guide) -> Guide:
    return Guide.objects.get(slug="mini")


@pytest.fixture
def draft(staff, guide) -> GuideDraft:
    """A draft of the mini guide, started from its page as an editor does."""
    staff.post(f"/admin/wizard/guide/{guide.pk}/draft/start/")
    return GuideDraft.objects.get(guide=guide)
