from __future__ import annotations

import pytest
from django.contrib import admin

from wizard.admin.readonly import ReadOnlyAdminMixin
from wizard.models import Feedback

pytestmark = pytest.mark.django_db


class FeedbackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@pytest.fixture
def model_admin() -> FeedbackAdmin:
    return FeedbackAdmin(Feedback, admin.AdminSite())


@pytest.fixture
def request_(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    return request


def test_nothing_is_added(model_admin, request_):
    assert not model_admin.has_add_permission(request_)


def test_nothing_is_changed(model_admin, request_):
    assert not model_admin.has_change_permission(request_, Feedback(node_slug="x", helpful=True))


def test_everything_can_be_seen(model_admin, request_):
    assert model_admin.has_view_permission(request_)


def test_deleting_follows_the_users_permissions(model_admin, request_):
    assert model_admin.has_delete_permission(request_)


def test_every_field_is_shown_even_those_no_form_has(model_admin, request_):
    assert model_admin.get_readonly_fields(request_) == [
        "id",
        "walk",
        "guide",
        "node",
        "node_slug",
        "helpful",
        "comment",
        "key",
        "current",
        "created_at",
    ]
