"""Who acts in the admin, for the services that record it (a draft's author, who published, who rolled back)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


def acting_user(request: HttpRequest) -> User | None:
    """The signed-in staff user; None only for an anonymous request, which the admin never lets this far."""
    return request.user if request.user.is_authenticated else None
