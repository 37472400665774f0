"""Eligibility (189/2001 §3) and benefit sanctions (1290/2002 ch. 2 a) as data with effective
dates, and the inputs a worker recorded for a relationship (docs/subsystems/eligibility.md).

A rule version holds from ``valid_from`` until the day before the next version's
``valid_from``, or until ``valid_to`` when that comes first; an administrator adds a new version
on the configuration site. Polku informs; the official (and for sanctions Kela) decides.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import User
from polku.clients.models import ClientRelationship
from polku.core.models import TimeStamped
from polku.eligibility.errors import EligibilityError


class EmploymentPlan(models.TextChoices):
    """Which employment plan the client has (the input)."""

    NONE = "none", pgettext_lazy("employment plan", "None")
    EMPLOYMENT_PLAN = "employment_plan", _("Employment plan")
    MTS = "mts", _("Multi-sectoral employment plan")


class Route(models.TextChoices):
    """What the rules in force say (never a decision)."""

    ACTIVATION_PLAN = "activation_plan", _("Activation plan")
    MTS = "mts", _("Multi-sectoral employment plan")
    NOT_WITHIN = "not_within", _("Not within 189/2001 section 3")
    NO_RULE = "no_rule", _("No rule in force on the date")


class AgeGroup(models.TextChoices):
    UNDER = "under", _("Under the age limit")
    OVER = "over", _("At or over the age limit")


class _Dated(models.Model):
    valid_from = models.DateField(_("valid from"), unique=True)
    valid_to = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the rule holds until a later version replaces it."),
    )
    section = models.CharField(
        _("section cited"),
        max_length=200,
        help_text=_(
            "The statute and section as the Finnish statute book writes them, e.g. 189/2001 3 §, "
            "1290/2002 2 a luku, HE 109/2025 vp. Swedish and English readers see them cited "
            "their way."
        ),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Where the values come from (for the organiser).")
    )

    class Meta:
        abstract = True
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        from polku.core.rules import day_label

        return f"{self.section}, {day_label(self.valid_from)}"

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {
                    "valid_to": ValidationError(
                        _("The end cannot be before the start."), code=EligibilityError.DATES
                    )
                }
            )


class EligibilityRule(_Dated):
    """One version of the rules of 189/2001 §3: who falls within the law and through which
    plan. An empty day limit means that the version has no such limit."""

    age_limit = models.PositiveSmallIntegerField(_("age limit (years)"), default=25)
    days_12m_under_limit = models.PositiveSmallIntegerField(
        _("labour-market subsidy days in the last 12 calendar months, under the age limit"),
        null=True,
        blank=True,
    )
    days_total_at_limit = models.PositiveSmallIntegerField(
        _("labour-market subsidy days in total, at or over the age limit"),
        null=True,
        blank=True,
    )
    assistance_months_under_limit = models.PositiveSmallIntegerField(
        _("months of social assistance as main income, under the age limit"),
        null=True,
        blank=True,
    )
    assistance_months_at_limit = models.PositiveSmallIntegerField(
        _("months of social assistance as main income, at or over the age limit"),
        null=True,
        blank=True,
    )
    assistance_routes_to_activation_plan = models.BooleanField(
        _("social assistance as main income leads to the activation plan"), default=True
    )
    benefit_routes_to_mts = models.BooleanField(
        _("unemployment-benefit recipients are routed to the multi-sectoral employment plan"),
        default=False,
    )
    employment_plan_required = models.BooleanField(
        _("an employment plan must have been made first"), default=True
    )
    mts_section = models.CharField(
        _("section cited for the multi-sectoral employment plan"), max_length=200, blank=True
    )

    class Meta(_Dated.Meta):
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")


class SanctionRule(_Dated):
    """One version of the benefit sanctions of 1290/2002 ch. 2 a: what the rules say for the
    n-th failure within the window. Kela decides; Polku only shows this."""

    window_months = models.PositiveSmallIntegerField(_("window (months)"), default=12)
    first_is_reminder = models.BooleanField(_("the first failure gives a reminder"), default=True)
    second_days = models.PositiveSmallIntegerField(
        _("days without benefit for the second failure"), default=7
    )
    third_days = models.PositiveSmallIntegerField(
        _("days without benefit for the third failure"), default=14
    )
    fourth_until_work_requirement = models.BooleanField(
        _("from the fourth failure: without benefit until the work requirement is met"),
        default=True,
    )

    class Meta(_Dated.Meta):
        verbose_name = _("benefit sanction rule")
        verbose_name_plural = _("benefit sanction rules")


class EligibilityCheck(TimeStamped):
    """The inputs a worker recorded for a relationship, the rule version that judged them and
    the route it gave. The reasons are rebuilt from these on every view, in the viewer's
    language."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="eligibility_checks",
    )
    assessed_on = models.DateField(_("date assessed"))
    subsidy_days_total = models.PositiveIntegerField(_("labour-market subsidy days in total"))
    subsidy_days_12m = models.PositiveIntegerField(
        _("labour-market subsidy days in the last 12 calendar months")
    )
    social_assistance_main_income = models.BooleanField(_("social assistance as main income"))
    employment_plan = models.CharField(
        _("employment plan"), max_length=32, choices=EmploymentPlan.choices
    )
    rule = models.ForeignKey(
        EligibilityRule,
        verbose_name=_("eligibility rule"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    route = models.CharField(_("route"), max_length=32, choices=Route.choices)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subsidy_days_12m__lte=models.F("subsidy_days_total"))
                & Q(subsidy_days_12m__lte=366),
                name="eligibility_days_consistent",
            ),
        ]

    def __str__(self) -> str:
        from polku.core.rules import day_label

        return day_label(self.assessed_on)


def in_force(rows: list[_Dated], on: dt.date) -> tuple[_Dated | None, dt.date | None]:
    """The version in force on ``on`` among ``rows`` and the last day it holds (None: open)."""
    ordered = sorted(rows, key=lambda r: r.valid_from)
    for index, row in enumerate(ordered):
        nxt = ordered[index + 1].valid_from if index + 1 < len(ordered) else None
        end = row.valid_to
        if nxt is not None:
            day_before = nxt - dt.timedelta(days=1)
            end = day_before if end is None else min(end, day_before)
        if row.valid_from <= on and (end is None or on <= end):
            return row, end
    return None, None
