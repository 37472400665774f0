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
