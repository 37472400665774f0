"""Users, organisations and units, and unit-scoped role assignments (SPEC §1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractUser, AnonymousUser, UserManager
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from polku.accounts.roles import Capability, Role, roles_of, roles_with
from polku.core.models import TimeStamped

if TYPE_CHECKING:
    from django.db.models.query import QuerySet


class UnitKind(models.TextChoices):
    """The kinds of organisation and unit a deployment knows (SPEC §1)."""

    ORGANISER = "organiser", pgettext_lazy("unit kind", "Organiser")
    MUNICIPALITY = "municipality", pgettext_lazy("unit kind", "Municipality")
    EMPLOYMENT_AUTHORITY = (
        "employment_authority",
        pgettext_lazy("unit kind", "Employment authority"),
    )
    SOCIAL_SERVICES = "social_services", pgettext_lazy("unit kind", "Social-services unit")
    WORK_ACTIVITY_PLACE = "work_activity_place", pgettext_lazy("unit kind", "Work-activity place")


class ProducerType(models.TextChoices):
    """Who produces the work activity at a place (189/2001 §13 2 mom)."""

    OWN_UNIT = "own_unit", pgettext_lazy("producer type", "Own unit of the organiser")
    MUNICIPALITY = "municipality", pgettext_lazy("producer type", "Municipality")
    JOINT_AUTHORITY = "joint_authority", pgettext_lazy("producer type", "Joint authority")
    ASSOCIATION = "association", pgettext_lazy("producer type", "Registered association")
    FOUNDATION = "foundation", pgettext_lazy("producer type", "Foundation")
    STATE_AGENCY = "state_agency", pgettext_lazy("producer type", "State agency")
    RELIGIOUS_COMMUNITY = (
        "religious_community",
        pgettext_lazy("producer type", "Religious community"),
    )
    COMPANY = "company", pgettext_lazy("producer type", "Company")


def unit_name_in(name: str, name_sv: str, language: str | None = None) -> str:
    """A unit's name in ``language`` (default: the language in force): the Swedish name for a
    Swedish reader when one is recorded, else the Finnish name. The one rule (``Unit.name_in``)
    for code that reads the two columns without the model (``values_list``)."""
    code = (language or get_language() or "fi").split("-")[0]
    return (name_sv if code == "sv" else "") or name


def shown_name(prefix: str = "") -> Any:
    """The name :func:`unit_name_in` shows, as an SQL expression of the unit at ``prefix``
    (``"place__"``), for ordering."""
    if (get_language() or "fi").split("-")[0] == "sv":
        return Coalesce(NullIf(F(f"{prefix}name_sv"), Value("")), F(f"{prefix}name"))
    return F(f"{prefix}name")


class UnitQuerySet(models.QuerySet["Unit"]):
    def active(self) -> UnitQuerySet:
        return self.filter(active=True)

    def places(self) -> UnitQuerySet:
        return self.filter(kind=UnitKind.WORK_ACTIVITY_PLACE)

    def by_name(self) -> UnitQuerySet:
        """In the order of the names the reader sees (:func:`unit_name_in`): a Swedish reader's
        list by the Swedish names where recorded, the Finnish ones otherwise."""
        return self.order_by(shown_name(), "pk")

    def visible_to(self, user: User | AnonymousUser) -> UnitQuerySet:
        """Units the user may see: where they hold a role, and below units they manage.

        One rule in SQL, used by lists and by :func:`polku.accounts.access.access_unit`, so a
        list and a detail page cannot disagree. Administrators see every unit.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if Role.ADMINISTRATOR in roles_of(user):
            return self.all()
        assigned = RoleAssignment.objects.filter(
            user=user, role__in=roles_with(Capability.VIEW_UNITS)
        ).values("unit_id")
        managed = RoleAssignment.objects.filter(user=user, role=Role.MANAGER).values("unit_id")
        return self.filter(Q(pk__in=assigned) | Q(parent_id__in=managed))


class Unit(TimeStamped):
    """An organisation or a unit of one: organiser, municipality, employment authority,
    social-services unit (sosiaalitoimisto) or work-activity place (työtoimintapaikka).

    A deployment has one organiser (järjestäjä) and many units below it.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=200)
    # The official Swedish name (Helsingfors, Esbo, Vuxensocialarbete …), shown on Swedish pages
    # and in documents made in Swedish (``name_in``); blank where Finnish is the only form.
    name_sv = models.CharField(
        _("name in Swedish"),
        max_length=200,
        blank=True,
        help_text=_(
            "The official Swedish name, e.g. Helsingfors for Helsinki. Shown on Swedish pages "
            "and in documents made in Swedish; leave empty when the unit has no Swedish name."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    municipality = models.ForeignKey(
        "self",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": UnitKind.MUNICIPALITY},
    )
    producer_type = models.CharField(
        _("producer type"), max_length=32, choices=ProducerType.choices, blank=True
    )
    business_id = models.CharField(_("business ID"), max_length=20, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    joint_plan_access = models.BooleanField(
        _("officials may read the joint plans where this authority is a party"),
        default=False,
        help_text=_("Employment authority only: organisation policy (SPEC §1)."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="organiser"),
                name="one_organiser_per_deployment",
            ),
            models.CheckConstraint(
                condition=(Q(kind="work_activity_place") & ~Q(producer_type=""))
                | (~Q(kind="work_activity_place") & Q(producer_type="")),
                name="producer_type_only_for_places",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def name_in(self, language: str | None = None) -> str:
        """The unit's name in ``language`` (default: the language in force): the Swedish name
        for a Swedish reader when one is recorded, else the Finnish ``name``. The one rule for
        every page, form choice, export and document that names a unit."""
        return unit_name_in(self.name, self.name_sv, language)

    @property
    def display_name(self) -> str:
        """The name in the language in force (``name_in``): what templates show."""
        return self.name_in()

    @property
    def other_name(self) -> str:
        """The name in the other of Finnish and Swedish than the one shown (for searches and
        links made on a page in the other language); empty when the unit has one name."""
        shown = self.display_name
        other = self.name_sv if shown == self.name else self.name
        return "" if other == shown else other

    @property
    def may_produce_kuty(self) -> bool:
        """Kuty may not be procured from a company, only its support and guidance
        (189/2001 §13 2 mom)."""
        return self.kind == UnitKind.WORK_ACTIVITY_PLACE and self.producer_type not in (
            ProducerType.COMPANY,
        )

    @property
    def address(self) -> str:
        return ", ".join(
            p for p in (self.street_address, f"{self.postal_code} {self.city}".strip()) if p
        )


class User(AbstractUser):
    """A person who logs in: staff of any unit, or a client using OmaPolku."""

    # The job title as written in Finnish, and in Swedish and English for the pages a client
    # or colleague reads in those languages (``title_in``); an empty translation falls back to
    # the Finnish title.
    title = models.CharField(_("title"), max_length=100, blank=True)
    title_sv = models.CharField(
        pgettext_lazy("job title", "title in Swedish"), max_length=100, blank=True
    )
    title_en = models.CharField(
        pgettext_lazy("job title", "title in English"), max_length=100, blank=True
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
        default="fi",
    )

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def title_in(self, language: str | None = None) -> str:
        """The job title in ``language`` (default: the language in force), else in Finnish."""
        code = (language or get_language() or "fi").split("-")[0]
        translated = {"sv": self.title_sv, "en": self.title_en}.get(code, "")
        return translated or self.title


class RoleAssignment(TimeStamped):
    """One role held by one user in one unit. A user may hold several."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="role_assignments"
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["unit__name", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_in_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


def units_of(user: User, *, roles: frozenset[Role] | None = None) -> QuerySet[Unit]:
    """The units where the user holds any of ``roles`` (all roles when None)."""
    rows = RoleAssignment.objects.filter(user=user)
    if roles is not None:
        rows = rows.filter(role__in=roles)
    return Unit.objects.filter(pk__in=rows.values("unit_id"))


class RecoveryCode(TimeStamped):
    """One single-use recovery code (varakoodi) of a staff user's second factor.

    Only a hash is stored (:mod:`polku.accounts.second_factor`); the code itself is shown once,
    when it is made. A used code keeps its row with ``used_at`` set.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(_("code hash"), max_length=128)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.user} – {self.pk}"
