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


class StatutoryValue(models.Model):
    """An amount or a limit set by law, valid from one date (to another), with its basis."""

    key = models.CharField(_("key"), max_length=64)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("statutory value")
        verbose_name_plural = _("statutory values")
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="one_value_per_key_and_date")
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value} ({self.valid_from})"
