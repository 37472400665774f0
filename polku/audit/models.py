"""The audit log (käyttöloki, luovutusloki; 703/2023): one append-only store of three kinds."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.core import clock


class AppendOnlyError(RuntimeError):
    """Audit events are never updated or deleted by application code."""


class EventKind(models.TextChoices):
    ACCESS = "access", pgettext_lazy("audit event", "Access")
    CHANGE = "change", pgettext_lazy("audit event", "Change")
    DISCLOSURE = "disclosure", pgettext_lazy("audit event", "Disclosure")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be updated")

    def for_client(self, client_id: int) -> AuditEventQuerySet:
        return self.filter(client_id=client_id)


class AuditEvent(models.Model):
    """One access, change or disclosure.

    Records are named by type and id, not by foreign keys, since the log outlives the records
    (access and disclosure logs are kept 12 years). Only ids and field names are stored as
    references; changed values are stored because the timeline shows old → new.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("time"), default=clock.now, db_index=True)
    actor_id = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("user"), max_length=200, blank=True)
    client_id = models.BigIntegerField(_("client id"), null=True, blank=True)
    record_type = models.CharField(_("record type"), max_length=100, blank=True)
    record_id = models.CharField(_("record id"), max_length=64, blank=True)
    what = models.CharField(_("what"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    basis = models.CharField(_("basis of access"), max_length=64, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    recipient = models.CharField(_("recipient"), max_length=300, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["record_type", "record_id"], name="audit_record_idx"),
            # One client's events of a kind, newest first: the timeline (changes and
            # disclosures, a page at a time) and the log report (accesses). It also serves
            # every lookup by client alone (docs/decisions/0014-audit-store.md).
            models.Index(
                fields=["client_id", "kind", "-occurred_at"], name="audit_client_kind_time"
            ),
            # The timeline's own order: one client's changes and disclosures, newest first, in
            # the exact order it pages by. With two kinds the index above needs a sort of all
            # of a client's events; at 60 million events PostgreSQL chose to walk the time
            # index instead (1.6 s for a client with 50,000 events; 0.3 ms with this one,
            # docs/performance.md).
            models.Index(
                fields=["client_id", "-occurred_at", "-id"],
                condition=models.Q(kind__in=["change", "disclosure"]),
                name="audit_client_timeline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.what} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")
