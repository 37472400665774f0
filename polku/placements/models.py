"""Work-activity places and what S8–S10 record (SPEC §1, §2, §3): the place's profile and closed
days, the introductory visit, the kuty period with the §9 fields, decisions with their delivery
trail, and the notice to the chief shop steward.

A place is an ``accounts.Unit`` of kind work-activity place; its profile here holds what
matching, the period rules and the steward notice need. Rules are in ``rules.py``; services
write.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import Unit, UnitKind, User
from polku.clients.models import ClientRelationship
from polku.core.models import TimeStamped, Versioned


class PlaceProfile(Versioned):
    """What a work-activity place offers: field, level, tasks, times, capacity, access, and
    the people to contact (the place's contact person and the chief shop steward, §16)."""

    place = models.OneToOneField(
        Unit,
        verbose_name=_("work-activity place"),
        on_delete=models.PROTECT,
        related_name="profile",
        limit_choices_to={"kind": UnitKind.WORK_ACTIVITY_PLACE},
    )
    field = models.CharField(_("field"), max_length=100, blank=True)
    level = models.TextField(_("level or demand"), blank=True)
    tasks = models.TextField(_("typical tasks"), blank=True, help_text=_("One task per line."))
    weekdays = models.CharField(
        _("weekdays open"),
        max_length=7,
        default="12345",
        help_text=_("ISO weekday numbers, Monday 1 … Sunday 7."),
    )
    opens_at = models.TimeField(_("opens"), null=True, blank=True)
    closes_at = models.TimeField(_("closes"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity (clients at a time)"), default=0)
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    steward_name = models.CharField(_("chief shop steward"), max_length=200, blank=True)
    steward_email = models.EmailField(_("chief shop steward's e-mail"), blank=True)
    steward_address = models.CharField(
        _("chief shop steward's postal address"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("place profile")
        verbose_name_plural = _("place profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_coordinates_both_or_neither",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(opens_at__lt=models.F("closes_at")),
                name="place_opens_before_it_closes",
            ),
        ]

    def __str__(self) -> str:
        return str(self.place)


class ClosedDay(TimeStamped):
    """A day the place is closed (a holiday, the summer closure): service is not organised
    (*palvelua ei järjestetä*); attendance will not count it as an absence."""

    profile = models.ForeignKey(
        PlaceProfile,
        verbose_name=_("work-activity place"),
        on_delete=models.CASCADE,
        related_name="closed_days",
    )
    day = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "day"], name="one_closed_day_per_date")
        ]


class VisitStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("introductory visit", "Draft")
    RECORDED = "recorded", pgettext_lazy("introductory visit", "Recorded")
    SKIPPED = "skipped", pgettext_lazy("introductory visit", "Skipped")


class IntroductoryVisit(Versioned):
    """S8: the visit to the chosen place, and the hand-over summary the worker writes and
    reviews with the client present. The place supervisor sees the summary and nothing else of
    the social-work record."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="introductory_visits",
    )
    place = models.ForeignKey(
        Unit, verbose_name=_("work-activity place"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.DRAFT
    )
    visited_on = models.DateField(_("date of the visit"), null=True, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    worker_present = models.BooleanField(_("the responsible worker was present"), default=False)
    place_contact = models.CharField(
        _("the place's responsible person"), max_length=200, blank=True
    )
    agreed_hours = models.CharField(_("agreed working time"), max_length=200, blank=True)
    agreed_tasks = models.TextField(_("agreed tasks"), blank=True)
    handover_summary = models.TextField(_("hand-over summary for the place"), blank=True)
    reviewed_with_client = models.BooleanField(
        _("the summary was reviewed with the client present"), default=False
    )
    skip_reason = models.CharField(_("why the visit is skipped"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("introductory visit")
        verbose_name_plural = _("introductory visits")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=VisitStatus.RECORDED)
                | Q(visited_on__isnull=False, worker_present=True, reviewed_with_client=True),
                name="recorded_visit_has_date_worker_and_review",
            ),
            models.CheckConstraint(
                condition=~Q(status=VisitStatus.SKIPPED) | ~Q(skip_reason=""),
                name="skipped_visit_has_a_reason",
            ),
        ]


class PeriodKind(models.TextChoices):
    INTRODUCTORY = "introductory", pgettext_lazy("period kind", "Introductory period")
    FULL = "full", pgettext_lazy("period kind", "Work-activity period")


class PeriodStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("period status", "Planned")
    ACTIVE = "active", pgettext_lazy("period status", "Under way")
    ENDED = "ended", pgettext_lazy("period status", "Ended")
    CANCELLED = "cancelled", pgettext_lazy("period status", "Cancelled")


class IntroductoryOutcome(models.TextChoices):
    """How an introductory period ended (S10): on to the full period, another place to try, or
    back to mapping (SPEC §2)."""

    CONTINUE = "continue", pgettext_lazy("introductory outcome", "Continue to the full period")
    ANOTHER_PLACE = "another_place", pgettext_lazy("introductory outcome", "Try another place")
    BACK_TO_MAPPING = (
        "back_to_mapping",
        pgettext_lazy("introductory outcome", "Back to mapping the situation"),
    )


class CompensationBasis(models.TextChoices):
    KULUKORVAUS = "kulukorvaus", pgettext_lazy("compensation", "Expense allowance from Kela")
    TOIMINTARAHA = (
        "toimintaraha",
        pgettext_lazy("compensation", "Activity allowance from the organiser"),
    )


class Period(Versioned):
    """A kuty period (S9–S11) with every field of 189/2001 §9 1 mom, checked by ``rules.py``:
    3–24 months (an introductory period 2 weeks), 1–4 days a week, 4–8 hours a day and at most
    40 a week, at most 178 participation days in any 12 months, within 80 km unless the client
    consents."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="periods",
    )
    place = models.ForeignKey(
        Unit,
        verbose_name=_("work-activity place"),
        on_delete=models.PROTECT,
        related_name="periods",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PeriodKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=PeriodStatus.choices, default=PeriodStatus.PLANNED
    )
    goal = models.TextField(_("goal"), blank=True)
    description = models.TextField(_("description of the work activity"), blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    weekdays = models.CharField(
        _("weekdays"), max_length=7, help_text=_("ISO weekday numbers, Monday 1 … Sunday 7.")
    )
    hours_per_day = models.DecimalField(_("hours a day"), max_digits=3, decimal_places=1)
    tasks = models.TextField(_("tasks"), blank=True)
    support_and_guidance = models.TextField(_("support and guidance"), blank=True)
    other_services = models.TextField(
        _("other social, health, rehabilitation and education services"), blank=True
    )
    evaluate_by = models.DateField(_("effects evaluated by"), null=True, blank=True)
    distance_km = models.DecimalField(
        _("distance from home (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    far_consent = models.BooleanField(
        _("the client consents to a place further than 80 km"), default=False
    )
    compensation = models.CharField(
        _("compensation"), max_length=16, choices=CompensationBasis.choices, blank=True
    )
    travel_compensation = models.BooleanField(_("travel costs compensated"), default=False)
    contact_during_absences = models.BooleanField(
        _("the client asked to be contacted during absences"), default=False
    )
    outcome = models.CharField(
        _("how the introductory period ended"),
        max_length=16,
        choices=IntroductoryOutcome.choices,
        blank=True,
    )
    outcome_note = models.TextField(_("what was learnt"), blank=True)
    author = models.ForeignKey(
        User, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("work-activity period")
        verbose_name_plural = _("work-activity periods")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")), name="period_starts_before_it_ends"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_day__gte=4, hours_per_day__lte=8),
                name="period_four_to_eight_hours",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(kind=PeriodKind.INTRODUCTORY),
                name="only_an_introductory_period_has_an_outcome",
            ),
        ]
        indexes = [
            # The periods that take a place's capacity (the catalogue's and the suggestions'
            # free places, counted per place): a few per place, where the place index alone
            # read every period ever written there (docs/performance.md).
            models.Index(
                fields=["place"],
                condition=Q(status__in=[PeriodStatus.PLANNED, PeriodStatus.ACTIVE]),
                name="period_taking_place",
            ),
        ]

    def __str__(self) -> str:
        from polku.core.rules import day_label

        return f"{self.place} {day_label(self.starts_on)}–{day_label(self.ends_on)}"

    @property
    def state_label(self) -> str:
        """The status as shown: a planned period whose dates have come is under way (the
        attendance issue will record the start itself)."""
        from polku.core import clock

        if self.status == PeriodStatus.PLANNED and self.starts_on <= clock.today():
            if clock.today() <= self.ends_on:
                return str(PeriodStatus.ACTIVE.label)
            return str(PeriodStatus.ENDED.label)
        return str(PeriodStatus(self.status).label)

    @property
    def weekday_numbers(self) -> list[int]:
        return sorted(int(day) for day in self.weekdays)


class DecisionKind(models.TextChoices):
    KUTY = "kuty", pgettext_lazy("decision kind", "Rehabilitative work activity")
    INTRODUCTORY_PERIOD = (
        "introductory_period",
        pgettext_lazy("decision kind", "Introductory period"),
    )
    TOIMINTARAHA = "toimintaraha", pgettext_lazy("decision kind", "Activity allowance")
    MATKAKORVAUS = "matkakorvaus", pgettext_lazy("decision kind", "Travel compensation")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("decision", "Draft")
    DECIDED = "decided", pgettext_lazy("decision", "Decided and signed")


class Decision(Versioned):
    """A decision (*päätös*): drafted by the responsible worker, made and signed by a decision
    maker. A decided decision never changes; a correction is a new decision that refers to it.
    The decision date, the sending date and the deemed date of notification are kept apart: the
    delivery trail (:class:`Delivery`) says when it counts as notified."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    period = models.ForeignKey(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=32, choices=DecisionKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    decision_maker = models.ForeignKey(
        User,
        verbose_name=_("decision maker"),
        on_delete=models.PROTECT,
        related_name="decisions_to_make",
    )
    drafted_by = models.ForeignKey(
        User, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )
    grounds = models.TextField(_("grounds"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    appeal_text_version = models.CharField(
        _("version of the appeal instructions"), max_length=32, blank=True
    )
    document = models.BinaryField(
        _("the decision as made (PDF)"), null=True, blank=True, editable=False
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects the decision"),
        on_delete=models.PROTECT,
        related_name="corrections",
        null=True,
        blank=True,
    )
    # The period's dates as decided, kept when the decision is made: the period may later end
    # early or be shortened, and the decision (and its PDF) still say what was decided.
    period_starts_on = models.DateField(
        _("period start as decided"), null=True, blank=True, editable=False
    )
    period_ends_on = models.DateField(
        _("period end as decided"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.DRAFT, decided_on__isnull=True)
                | Q(status=DecisionStatus.DECIDED, decided_on__isnull=False),
                name="decided_decision_has_a_date",
            ),
            # The decided dates: both or neither, in order; a made decision of a period has them.
            models.CheckConstraint(
                condition=Q(period_starts_on__isnull=True, period_ends_on__isnull=True)
                | Q(period_starts_on__lte=F("period_ends_on")),
                name="decision_period_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.DRAFT)
                | Q(period__isnull=True)
                | Q(period_starts_on__isnull=False),
                name="made_decision_keeps_its_period_dates",
            ),
        ]

    @property
    def decided_starts_on(self) -> dt.date | None:
        """The period's start as decided (the period's own while the decision is a draft)."""
        if self.period_starts_on is not None:
            return self.period_starts_on
        return self.period.starts_on if self.period is not None else None

    @property
    def decided_ends_on(self) -> dt.date | None:
        """The period's end as decided (the period's own while the decision is a draft)."""
        if self.period_ends_on is not None:
            return self.period_ends_on
        return self.period.ends_on if self.period is not None else None

    @property
    def period_end_changed(self) -> dt.date | None:
        """The period's actual end when it is no longer the decided one (the period ended
        early or was shortened after the decision), else None."""
        if self.period is None or self.period_ends_on is None:
            return None
        return self.period.ends_on if self.period.ends_on != self.period_ends_on else None


class DeliveryMethod(models.TextChoices):
    HANDED_OVER = "handed_over", pgettext_lazy("delivery", "Handed over against receipt")
    LETTER = "letter", pgettext_lazy("delivery", "Ordinary letter")
    ELECTRONIC = "electronic", pgettext_lazy("delivery", "Electronic message")
    RETURNED = "returned", pgettext_lazy("delivery", "Returned to sender")


class Delivery(TimeStamped):
    """One event of a decision's delivery trail. The deadline follows from the delivery that
    counts (``deadlines.py``)."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="deliveries"
    )
    method = models.CharField(_("how"), max_length=16, choices=DeliveryMethod.choices)
    sent_on = models.DateField(_("date sent or handed over"))
    received_on = models.DateField(_("proven date of receipt"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["sent_on", "pk"]


class StewardNotice(TimeStamped):
    """The notice to the chief shop steward (189/2001 §16) before the start: only the client's
    name and §9 items 1–3, as the PDF was produced."""

    period = models.ForeignKey(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="steward_notices",
    )
    steward_name = models.CharField(_("chief shop steward"), max_length=200)
    sent_on = models.DateField(_("date sent"))
    method = models.CharField(_("how"), max_length=16, choices=DeliveryMethod.choices)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("notice to the chief shop steward")
        verbose_name_plural = _("notices to the chief shop steward")
        ordering = ["-sent_on", "-pk"]


class InfoRecipient(models.TextChoices):
    CLIENT = "client", pgettext_lazy("info package", "The client")
    PLACE = "place", pgettext_lazy("info package", "The work-activity place")


class InfoPackage(TimeStamped):
    """The info package delivered (SPEC §2 S9): to the client (rules, breaks, absences,
    compensation, whom to contact), and to a place that is not the organiser's own unit."""

    period = models.ForeignKey(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="info_packages",
    )
    recipient = models.CharField(_("recipient"), max_length=16, choices=InfoRecipient.choices)
    delivered_on = models.DateField(_("date delivered"))
    method = models.CharField(_("how"), max_length=16, choices=DeliveryMethod.choices)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("info package")
        verbose_name_plural = _("info packages")
        ordering = ["-delivered_on", "-pk"]
