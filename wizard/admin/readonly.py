from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest


class ReadOnlyAdminMixin:
    """For an admin or inline whose rows are written elsewhere: by the app as readers walk, or by load_content.

    Staff may look, never add or edit here: with no change permission Django shows the view-only page (a Close
    button, no Save). Deleting follows Django's permissions, so staff can still remove a record that should not
    be kept (a comment with personal data, say); inlines switch deleting off with `can_delete = False`.
    """

    model: type[Model]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Every field: those the app sets itself (editable=False, auto_now_add) are in no form, so the
        # view-only page would leave them out unless they are listed here.
        return [field.name for field in self.model._meta.fields]
