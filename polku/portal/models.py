"""OmaPolku's tables: how and when a worker can be reached, for the client's start page; and
the absence form's one-time tokens (``AbsenceSubmission``).

The user model has a name, a title and an e-mail but no phone or hours, and a client asks
"when can I call?" (SPEC §6 "my responsible worker and how to reach them"). The smallest
addition is this optional profile, one row per worker, kept by the worker themself
(``portal:phone_hours``, ``services.reachable_time_save``) or on the configuration site
(``portal.admin``). A worker without one is reached through their unit's phone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from polku.core.models import TimeStamped

weekdays_validator = RegexValidator(
    r"^[1-7]{0,7}$", _("Weekdays are ISO numbers, Monday 1 … Sunday 7."), code="weekdays"
)


class ReachableTime(TimeStamped):
    """When and how a worker answers clients: a direct phone number and the phone hours on
    the given weekdays (for example Monday to Thursday 9–11)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.CASCADE,
        related_name="reachable_time",
    )
    phone = models.CharField(_("direct phone"), max_length=40, blank=True)
    weekdays = models.CharField(
        _("phone days"),
        max_length=7,
        default="1234",
        blank=True,
        validators=[weekdays_validator],
        help_text=_("ISO weekday numbers, Monday 1 … Sunday 7."),
    )
    starts_at = models.TimeField(_("phone hours start"), null=True, blank=True)
    ends_at = models.TimeField(_("phone hours end"), null=True, blank=True)

    class Meta:
        verbose_name = _("worker's phone hours")
        verbose_name_plural = _("workers' phone hours")
        constraints = [
            # Both ends of the phone hours or neither, and the end after the start.
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__isnull=False, starts_at__lt=F("ends_at")),
                name="phone_hours_both_ends_start_before_end",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def weekday_numbers(self) -> list[int]:
        return [int(day) for day in self.weekdays if day.isdigit()]

    @property
    def has_hours(self) -> bool:
        return bool(self.weekdays and self.starts_at and self.ends_at)


class AbsenceSubmission(models.Model):
    """One sending of the client's absence form (``submission``, the form's one-time token)
    and what it marked: the same form sent again (a double click) gets the same thanks, not
    the refusal "already marked". ``result`` keeps the marked records' ids, the days already
    marked and the days passed over (``portal.services.absence_report``)."""

    submission = models.UUIDField(_("form submission"), unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"))
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("absence form submission")
        verbose_name_plural = _("absence form submissions")

    def __str__(self) -> str:
        return str(self.submission)
