"""The client's log request (703/2023 §11): who has read or received the client's data."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import User
from polku.clients.models import Client, ClientLanguage, ClientRelationship
from polku.core.models import TimeStamped
from polku.core.rules import add_months

#: The report is due within two months of the request, free of charge.
DUE_MONTHS = 2
#: Events older than this many years before the request are included only for a special
#: reason recorded with the request.
DEFAULT_YEARS = 2


class RequestChannel(models.TextChoices):
    """How the request came."""

    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    LETTER = "letter", _("By letter")
    SECURE_EMAIL = "secure_email", _("By secure e-mail")
    OMAPOLKU = "omapolku", _("In OmaPolku (electronic)")


#: The channels a worker records; a request made in OmaPolku is the client's own.
STAFF_CHANNELS = tuple(c for c in RequestChannel.values if c != RequestChannel.OMAPOLKU)


class LogRequest(TimeStamped):
    """A client's request for the report of who has read or received their data. Recorded by
    a worker of a relationship the client has; the report covers the client's data in every
    unit (the organiser answers the request, not one unit). Produced once; the PDF given to
    the client is kept with the request."""

    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="log_requests"
    )
    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("how it came"), max_length=16, choices=RequestChannel.choices)
    language = models.CharField(
        _("language of the report"), max_length=2, choices=ClientLanguage.choices
    )
    include_older = models.BooleanField(_("include events older than two years"), default=False)
    older_reason = models.TextField(_("special reason for older events"), blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    produced_at = models.DateTimeField(_("report produced"), null=True, blank=True)
    produced_by = models.ForeignKey(
        User,
        verbose_name=_("produced by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    entries = models.PositiveIntegerField(_("entries in the report"), null=True, blank=True)
    document = models.BinaryField(_("report"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("log request")
        verbose_name_plural = _("log requests")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=RequestChannel.values), name="log_request_channel"
            ),
            models.CheckConstraint(
                condition=Q(include_older=False) | ~Q(older_reason=""),
                name="log_request_older_has_reason",
            ),
            models.CheckConstraint(
                condition=(
                    Q(produced_at__isnull=True, produced_by__isnull=True, document__isnull=True)
                    | Q(
                        produced_at__isnull=False, produced_by__isnull=False, document__isnull=False
                    )
                ),
                name="log_request_produced_together",
            ),
            # The client asks once in OmaPolku until the report is produced.
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(channel="omapolku", produced_at__isnull=True),
                name="one_waiting_omapolku_log_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.received_on:%Y-%m-%d}"

    @property
    def due_on(self) -> dt.date:
        return add_months(self.received_on, DUE_MONTHS)

    @property
    def produced(self) -> bool:
        return self.produced_at is not None

    @property
    def covers_from(self) -> dt.date | None:
        """The first day the report covers; None when it covers everything (a special reason
        was recorded)."""
        if self.include_older:
            return None
        return add_months(self.received_on, -12 * DEFAULT_YEARS)


class RetentionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for approval")
    DESTROYED = "destroyed", _("Destroyed")
    STALE = "stale", _("Replaced by a newer dry run")
    EMPTY = "empty", _("Nothing to destroy")


class RetentionRun(TimeStamped):
    """One retention dry run and, once approved, the destruction it describes (703/2023
    annex: records of working-age services 10 years after the matter closed, the access and
    disclosure logs after 12 years). Lists counts by kind only, never a client. Kept forever:
    it is the destruction record (what, how many, who approved, when)."""

    records_before = models.DateField(_("relationships ended before"))
    audit_before = models.DateField(_("log events before"))
    counts = models.JSONField(_("counts by kind"), default=dict)
    held = models.JSONField(_("held back, by reason"), default=dict)
    relationships = models.PositiveIntegerField(_("client relationships"), default=0)
    audit_events = models.PositiveIntegerField(_("log events"), default=0)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RetentionStatus.choices,
        default=RetentionStatus.PROPOSED,
    )
    approved_by = models.ForeignKey(
        User,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    destroyed_at = models.DateTimeField(_("destroyed"), null=True, blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RetentionStatus.values), name="retention_status"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="destroyed", approved_by__isnull=False, destroyed_at__isnull=False)
                    | (
                        ~Q(status="destroyed")
                        & Q(approved_by__isnull=True, destroyed_at__isnull=True)
                    )
                ),
                name="retention_destroyed_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.created_at:%Y-%m-%d}"
