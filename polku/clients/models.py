"""Clients (asiakas). The client relationship and the pathway build on this (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import User
from polku.clients import identity
from polku.clients.errors import ClientError
from polku.core.models import Versioned

postal_code_validator = RegexValidator(
    r"^[0-9]{5}$", _("A Finnish postal code is five digits."), code=ClientError.POSTAL_CODE
)


class ClientQuerySet(models.QuerySet["Client"]):
    def visible_to(
        self, user: User | AnonymousUser, *, client_id: int | None = None
    ) -> ClientQuerySet:
        """Clients the user has a verified relationship with (SPEC §1, 703/2023 §9).

        The client themself, or any basis of :func:`verified_q` on one of the client's
        relationships; the same rule serves every list and every detail page. A detail page
        passes ``client_id``: the rule is then applied to that client's relationships only
        (a correlated ``EXISTS``), never to every relationship before picking one
        (docs/performance.md).
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if client_id is not None:
            related = ClientRelationship.objects.filter(verified_q(user), client_id=OuterRef("pk"))
            return self.filter(pk=client_id).filter(Q(user=user) | Q(Exists(related)))
        related_ids = ClientRelationship.objects.filter(verified_q(user)).values("client_id")
        return self.filter(Q(user=user) | Q(pk__in=related_ids))


class ClientLanguage(models.TextChoices):
    """The client's preferred language (documents are written in it); its name is shown in
    the viewer's language ("Kontaktspråk: finska", "Preferred language: Finnish")."""

    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")


class Client(Versioned):
    """A person who is or has been a client of rehabilitative work activity."""

    first_name = models.CharField(_("first names"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    identity_code = models.CharField(
        _("personal identity code"), max_length=11, unique=True, null=True, blank=True
    )
    temporary_id = models.CharField(_("temporary identifier"), max_length=40, blank=True)
    birth_date = models.DateField(_("date of birth"))
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=ClientLanguage.choices,
        default=ClientLanguage.FI,
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=10, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    non_disclosure = models.BooleanField(_("non-disclosure marking"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("OmaPolku user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="client_record",
    )

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_code__isnull=False) | ~Q(temporary_id=""),
                name="client_has_identity_code_or_temporary_id",
            ),
            # A temporary identifier names one person, like an identity code: parallel
            # intakes with the same one cannot both create a client.
            models.UniqueConstraint(
                fields=["temporary_id"],
                condition=~Q(temporary_id=""),
                name="client_temporary_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_identity_code(self) -> str:
        return identity.mask(self.identity_code or "")


class Stage(models.TextChoices):
    """The stages of the client pathway (SPEC §2); the UI's words."""

    S1_STARTED = "s1", pgettext_lazy("pathway stage", "Relationship begins")
    S2_RESPONSIBLE_WORKER = "s2", pgettext_lazy("pathway stage", "Naming the responsible worker")
    S3_FIRST_MEETING = "s3", pgettext_lazy("pathway stage", "First meeting")
    S4_ASSESSMENT = "s4", pgettext_lazy("pathway stage", "Service-need assessment and client plan")
    S5_ACTIVATION_PLAN = "s5", pgettext_lazy("pathway stage", "First activation plan")
    S6_REFLECTION = "s6", pgettext_lazy("pathway stage", "Reflection and familiarisation")
    S7_SECOND_PLAN = "s7", pgettext_lazy("pathway stage", "Second activation plan")
    S8_INTRODUCTORY_VISIT = "s8", pgettext_lazy("pathway stage", "Introductory visit")
    S9_KUTY_STARTS = "s9", pgettext_lazy("pathway stage", "Work activity starts")
    S10_INTRODUCTORY_PERIOD = "s10", pgettext_lazy("pathway stage", "Introductory period")
    S11_PERIOD = "s11", pgettext_lazy("pathway stage", "Work-activity period")
    S12_EVALUATION = "s12", pgettext_lazy("pathway stage", "Mid-period and final evaluation")
    S13_CERTIFICATE = "s13", pgettext_lazy("pathway stage", "Certificate and follow-up plan")
    S14_CLOSED = "s14", pgettext_lazy("pathway stage", "Relationship ends")
    S15_FOLLOW_UP_CALL = "s15", pgettext_lazy("pathway stage", "Follow-up contact")

    @property
    def number(self) -> int:
        return int(self.value[1:])


class ContactSource(models.TextChoices):
    """Who brought the client into contact (S1)."""

    SELF = "self", pgettext_lazy("contact source", "The client themself")
    CLOSE_PERSON = "close_person", pgettext_lazy("contact source", "Close person or relative")
    EMPLOYMENT_AUTHORITY = (
        "employment_authority",
        pgettext_lazy("contact source", "Employment authority"),
    )
    OTHER_AUTHORITY = (
        "other_authority",
        pgettext_lazy("contact source", "Other authority (e.g. outreach youth work)"),
    )
    KELA = "kela", pgettext_lazy("contact source", "Kela")
    OUTREACH = "outreach", pgettext_lazy("contact source", "The worker's own outreach")


class RelationshipQuerySet(models.QuerySet["ClientRelationship"]):
    def open(self) -> RelationshipQuerySet:
        return self.filter(ended_on__isnull=True)

    def unassigned(self) -> RelationshipQuerySet:
        return self.open().filter(responsible_worker__isnull=True)

    def visible_to(self, user: User | AnonymousUser) -> RelationshipQuerySet:
        """Relationships the user has a verified relationship to (see ``verified_q``)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(verified_q(user))

    def visible_one(self, user: User | AnonymousUser, outer: str = "relationship_id") -> Exists:
        """The same rule for a record of one relationship (a plan, a meeting, a period), as a
        correlated ``EXISTS`` on the record's ``outer`` field: the bases are applied to that
        relationship only, not to every relationship before the one is picked."""
        if not user.is_authenticated or not user.is_active:
            return Exists(self.none())
        return Exists(self.filter(verified_q(user), pk=OuterRef(outer)))


class ClientRelationship(Versioned):
    """Asiakkuus: one period of being a client, from the first contact to the end (S1–S15).

    A client may have several over time; a re-entry links to the earlier one.
    """

    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="relationships"
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("starting unit"),
        on_delete=models.PROTECT,
        related_name="client_relationships",
    )
    started_on = models.DateField(_("start date"))
    source = models.CharField(_("source of contact"), max_length=32, choices=ContactSource.choices)
    source_detail = models.CharField(_("contact came from"), max_length=200, blank=True)
    reason = models.TextField(_("reason for contact"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for",
    )
    stage = models.CharField(
        _("stage"), max_length=4, choices=Stage.choices, default=Stage.S1_STARTED
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("earlier relationship"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    submission = models.UUIDField(
        _("intake form submission"), null=True, blank=True, unique=True, editable=False
    )

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("client relationship")
        verbose_name_plural = _("client relationships")
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "responsible_worker", "ended_on"]),
            # "My open relationships": the work queue's lists and the caseload start here, not
            # from every plan or meeting ever written (docs/performance.md).
            models.Index(
                fields=["responsible_worker", "stage"],
                condition=Q(ended_on__isnull=True),
                name="relationship_open_by_worker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.started_on:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class HandoverStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("hand-over", "Waiting for acceptance")
    ACCEPTED = "accepted", pgettext_lazy("hand-over", "Accepted")
    DECLINED = "declined", pgettext_lazy("hand-over", "Declined")
    CANCELLED = "cancelled", pgettext_lazy("hand-over", "Cancelled")


class WorkerAssignment(models.Model):
    """One naming of a responsible worker (S2), or a hand-over to another worker.

    The history is kept: an assignment is never edited except to record its acceptance or end.
    """

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="worker_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"))
    note = models.TextField(_("hand-over note"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    decided_at = models.DateTimeField(_("accepted or declined"), null=True, blank=True)

    class Meta:
        verbose_name = _("responsible-worker assignment")
        verbose_name_plural = _("responsible-worker assignments")
        ordering = ["-assigned_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.worker} ({self.get_status_display()})"


class CoverGrant(models.Model):
    """Team cover: a worker covers for a colleague of the same unit, for a stated purpose.

    Gives read and write access to the colleague's clients in that unit until the end of the
    day it was opened; every read under it is logged with the purpose.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("covering worker"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    covered_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("covered worker"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    started_at = models.DateTimeField(_("started"))
    expires_at = models.DateTimeField(_("valid until"))

    class Meta:
        verbose_name = _("team cover")
        verbose_name_plural = _("team covers")
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.covered_worker}"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", pgettext_lazy("meeting channel", "In person")
    PHONE = "phone", pgettext_lazy("meeting channel", "Phone")
    VIDEO = "video", pgettext_lazy("meeting channel", "Video")


class MeetingStatus(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("meeting status", "Booked")
    HELD = "held", pgettext_lazy("meeting status", "Held")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")


class MeetingKind(models.TextChoices):
    GENERAL = "general", pgettext_lazy("meeting kind", "Meeting")
    JOINT = "joint", pgettext_lazy("meeting kind", "Joint meeting with the employment authority")


class Recipient(models.TextChoices):
    """To whom a document was given out: the stable key a disclosure event stores, shown as
    its label. An authority is named by reference (its unit id), never by its name."""

    CLIENT = "client", _("The client")
    EMPLOYMENT_AUTHORITY = "employment_authority", _("The employment authority")
    PRINT = "print", _("Printing for the file")
    CHIEF_SHOP_STEWARD = "chief_shop_steward", _("The chief shop steward")
    WORK_ACTIVITY_PLACE = "work_activity_place", _("The work-activity place")


class Outcome(models.TextChoices):
    """The branch chosen at the first meeting (S3)."""

    OTHER_SERVICES = "other_services", pgettext_lazy("first meeting outcome", "Other services")
    CLIENT_PLAN = "client_plan", pgettext_lazy("first meeting outcome", "Client plan")
    ACTIVATION_PLAN = "activation_plan", pgettext_lazy("first meeting outcome", "Activation plan")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self) -> MeetingQuerySet:
        from polku.core import clock

        return self.filter(status=MeetingStatus.BOOKED, starts_at__gte=clock.now())


class Meeting(Versioned):
    """A meeting with the client, booked by the worker (the client does not book)."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    is_first = models.BooleanField(_("first meeting"), default=False)
    kind = models.CharField(
        _("meeting type"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.GENERAL
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    location = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.CharField(_("other participants"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.BOOKED
    )
    overall_situation = models.TextField(_("overall situation"), blank=True)
    service_need = models.TextField(_("service need"), blank=True)
    client_wishes = models.TextField(_("the client's own plans and wishes"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    invitation_sent_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    # The joint meeting with the employment authority is recorded as held with its day and
    # notes (pathways.services.joint_meeting_held), not with the first meeting's record.
    held_on = models.DateField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["worker", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> Any:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)


class InformingTopic(models.TextChoices):
    """The mandatory informing checklist of the first meeting (S3)."""

    RIGHTS = "rights", pgettext_lazy("informing", "Rights")
    OBLIGATIONS = "obligations", pgettext_lazy("informing", "Obligations")
    OPPORTUNITIES = "opportunities", pgettext_lazy("informing", "Opportunities")
    BENEFITS = "benefits", pgettext_lazy("informing", "Benefits")
    FEEDBACK = "feedback", pgettext_lazy("informing", "How to give feedback and complain")


class InformingItem(models.Model):
    """One checklist item: told to the client, or explicitly not relevant with a reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="informing")
    topic = models.CharField(_("topic"), max_length=16, choices=InformingTopic.choices)
    informed = models.BooleanField(_("informed"), default=False)
    not_relevant_reason = models.CharField(_("not relevant because"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "topic"], name="one_item_per_topic")
        ]

    def __str__(self) -> str:
        return self.get_topic_display()

    @property
    def done(self) -> bool:
        return self.informed or bool(self.not_relevant_reason.strip())


class ContactKind(models.TextChoices):
    LETTER = "letter", pgettext_lazy("contact kind", "Letter")
    PHONE = "phone", pgettext_lazy("contact kind", "Phone call")
    MESSAGE = "message", pgettext_lazy("contact kind", "Message")


class ContactOutcome(models.TextChoices):
    REACHED = "reached", pgettext_lazy("contact outcome", "Reached")
    NOT_REACHED = "not_reached", pgettext_lazy("contact outcome", "Not reached")
    SENT = "sent", pgettext_lazy("contact outcome", "Sent")


class ContactLog(models.Model):
    """A contact to the client: letter, phone call or message, with its outcome."""

    relationship = models.ForeignKey(
        ClientRelationship, on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContactKind.choices)
    contacted_on = models.DateField(_("date"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=ContactOutcome.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    invitation_to = models.ForeignKey(
        Meeting,
        verbose_name=_("invitation to the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded"))
    # The form's one-time token: the same form sent twice (a double click) logs one contact.
    submission = models.UUIDField(
        _("form submission"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-contacted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.contacted_on}"


def worker_unit_ids(user: User) -> models.QuerySet[Any]:
    """Units where the user may act as a responsible worker."""
    from polku.accounts.models import RoleAssignment
    from polku.accounts.roles import Capability, roles_with

    return RoleAssignment.objects.filter(
        user=user, role__in=roles_with(Capability.ACT_AS_RESPONSIBLE_WORKER)
    ).values("unit_id")


BasisQ = Callable[["User"], Q]
_BASES: dict[str, BasisQ] = {}


def register_basis(key: str, relationships: BasisQ) -> None:
    """A later app adds a basis of the one rule (registries, docs/architecture.md): ``key`` is
    what the access log stores, ``relationships(user)`` a ``Q`` on ClientRelationship. The
    placements app adds the assigned decision maker and an active period at the user's place."""
    _BASES[key] = relationships


def registered_bases() -> dict[str, BasisQ]:
    return dict(_BASES)


def verified_q(user: User) -> Q:
    """The one rule (SPEC §1) as a ``Q`` on ClientRelationship, for lists and details alike.

    Bases: responsible worker; a worker of the starting unit while the relationship waits in
    the intake queue; the worker a hand-over is waiting on; team cover with a purpose, until it
    expires (a cover is for a colleague's clients in one unit); and each basis a later app
    registered (:func:`register_basis`).
    """
    from polku.core import clock

    units = worker_unit_ids(user)
    pending = WorkerAssignment.objects.filter(worker=user, status=HandoverStatus.PENDING)
    covering = CoverGrant.objects.filter(user=user, expires_at__gt=clock.now())
    # Correlated on the relationship the rule is asked about (one index probe of the user's
    # grants), not ``pk IN (every relationship under a cover)``: that list was built by
    # reading every relationship of the organiser whenever the bases before it did not
    # decide, as for a client with earlier relationships elsewhere (docs/performance.md,
    # "Work queue and long-history client, 3 December (afternoon)").
    covered = Exists(
        covering.filter(
            covered_worker_id=OuterRef("responsible_worker_id"), unit_id=OuterRef("unit_id")
        )
    )
    rule = (
        Q(responsible_worker=user)
        | Q(responsible_worker__isnull=True, ended_on__isnull=True, unit_id__in=units)
        | Q(pk__in=pending.values("relationship_id"))
        | Q(covered)
    )
    for relationships in _BASES.values():
        rule |= relationships(user)
    return rule
