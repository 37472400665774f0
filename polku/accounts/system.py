"""The system actor: who Polku's own work is done by when no person starts it (scheduled jobs,
imports, the retention job). Services demand ``actor=``; a job passes :func:`system_actor`, and
the audit log names it as such (``actor_name`` is :data:`SYSTEM_USERNAME`).

The actor is an inactive user with no password and no roles: it cannot log in, and it has no
verified relationship to any client, so it reads client data only through a service written for
the job, never through the access helpers of the pages.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import User

SYSTEM_USERNAME = "polku-system"
SYSTEM_LABEL = _("Polku (automatic)")


def system_actor() -> User:
    """The one system user, created on first use."""
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is not None:
        return user
    try:
        with transaction.atomic():
            user = User(username=SYSTEM_USERNAME, first_name="Polku", is_active=False)
            user.set_unusable_password()
            user.save()
    except IntegrityError:  # created by a concurrent job
        return User.objects.get(username=SYSTEM_USERNAME)
    return user


def is_system(user: object) -> bool:
    return getattr(user, "username", None) == SYSTEM_USERNAME
