"""Base models shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from polku.core import clock


class TimeStamped(models.Model):
    """Creation and update times, set by services through the project clock."""

    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=clock.now, editable=False)

    class Meta:
        abstract = True


class Versioned(TimeStamped):
    """An editable record with an optimistic version number (STYLE.md §5).

    Forms carry ``version`` hidden; services save with :func:`polku.core.versioning.save_versioned`
    so that a second, concurrent save is refused instead of silently overwriting the first.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True
