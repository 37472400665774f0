"""The kuty period (S9–S11): planned with every field of 189/2001 §9 1 mom and checked against
the legal limits of SPEC §3 (``rules.py``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, UnitKind, User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import ClientRelationship, Stage
from polku.clients.rules import not_before_relationship
from polku.core.errors import CommonError, field_error, fields_error, refuse_null_characters
from polku.placements import rules
from polku.placements.errors import PlacementError
from polku.placements.events import PlacementEvent
from polku.placements.models import (
    CompensationBasis,
    Period,
    PeriodKind,
    PeriodStatus,
)
from polku.placements.participation import other_planned_days, participation_days
from polku.placements.selectors import home_of, place_point

PERIOD_STAGES = (
    Stage.S8_INTRODUCTORY_VISIT,
    Stage.S9_KUTY_STARTS,
    Stage.S10_INTRODUCTORY_PERIOD,
)
# 189/2001 §9 1 mom: what the plan records for kuty, every item mandatory.
SECTION_9_FIELDS = ("goal", "description", "support_and_guidance", "other_services")
INTRODUCTORY_DAYS = 14  # the introductory period lasts two weeks (SPEC §2 S10)


def _weekday_numbers(weekdays: str) -> list[int]:
    """ISO digits as stored ("1234") → ``date.weekday()`` numbers ([0, 1, 2, 3])."""
    return sorted({int(day) - 1 for day in weekdays if day.isdigit() and "1" <= day <= "7"})


def _other_periods(relationship: ClientRelationship, exclude: int | None) -> list[Period]:
    """Every period of the client, in any relationship, except a cancelled one."""
    rows = Period.objects.filter(relationship__client_id=relationship.client_id).exclude(
        status=PeriodStatus.CANCELLED
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return list(rows)


@transaction.atomic
def period_plan(
    *,
    actor: User,
    relationship: ClientRelationship,
    place: Unit,
    kind: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    weekdays: str,
    hours_per_day: Decimal | None,
    goal: str,
    description: str,
    tasks: str,
    support_and_guidance: str,
    other_services: str,
    evaluate_by: dt.date | None,
    far_consent: bool = False,
    compensation: str = "",
    travel_compensation: bool = False,
    contact_during_absences: bool = False,
) -> Period:
    """Plan a period. Refused with the rule and its section when it breaks a limit: 3–24
    months (two weeks for an introductory period), 1–4 days in any calendar week, 4–8 hours a
    day and 40 a week, 178 participation days in any 12 months across all of the client's
    periods, 80 km from home without consent, a company as the producer."""
    require_caseworker(actor, relationship)
    if not relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)
    if relationship.stage not in PERIOD_STAGES:
        raise ValidationError(
            _("A work-activity period is planned after the place has been chosen (S8–S10)."),
            code=PlacementError.WRONG_STAGE,
        )
    texts = {
        "goal": goal,
        "description": description,
        "support_and_guidance": support_and_guidance,
        "other_services": other_services,
    }
    refuse_null_characters(tasks=tasks, **texts)
    if place.kind != UnitKind.WORK_ACTIVITY_PLACE:
        raise field_error("place", _("Choose a work-activity place."), PlacementError.NOT_A_PLACE)
    if kind not in PeriodKind.values:
        raise field_error("kind", _("Choose the kind of period."), CommonError.REQUIRED)
    if compensation and compensation not in CompensationBasis.values:
        raise field_error("compensation", _("Choose the compensation."), CommonError.REQUIRED)
    days = _weekday_numbers(weekdays)
    empty = [name for name, value in texts.items() if not value.strip()]
    empty += [
        name
        for name, value in (
            ("starts_on", starts_on),
            ("ends_on", ends_on),
            ("hours_per_day", hours_per_day),
            ("evaluate_by", evaluate_by),
        )
        if value is None
    ]
    if empty or starts_on is None or ends_on is None or hours_per_day is None:
        raise fields_error(
            empty,
            _("Every item of the plan for the period is needed (189/2001 §9)."),
            CommonError.REQUIRED,
        )
    rules.check_producer(place.producer_type)
    limits = rules.limits_on(starts_on)
    not_before_relationship("starts_on", starts_on, relationship=relationship)
    if kind == PeriodKind.INTRODUCTORY:
        if ends_on < starts_on or (ends_on - starts_on).days >= INTRODUCTORY_DAYS:
            raise field_error(
                "ends_on",
                _("An introductory period lasts at most two weeks."),
                PlacementError.PERIOD_TOO_LONG,
            )
        rules.check_days_per_week(days, limits=limits)
        rules.check_hours(hours_per_day, days, limits=limits)
    else:
        rules.check_period(starts_on, ends_on, days, hours_per_day, limits=limits)
    if evaluate_by is not None and evaluate_by < starts_on:
        raise field_error(
            "evaluate_by",
            _("The effects are evaluated after the period has started."),
            CommonError.PAST,
        )
    others = _other_periods(relationship, exclude=None)
    periods = [(p.starts_on, p.ends_on, _weekday_numbers(p.weekdays)) for p in others]
    # A kuty participant's group sessions are days of the same week (189/2001 §13 b).
    periods += [
        (day, day, [day.weekday()])
        for day in other_planned_days(relationship.client_id, starts_on, ends_on)
    ]
    rules.check_calendar_weeks([*periods, (starts_on, ends_on, days)], limits=limits)
    existing = participation_days(others, client_id=relationship.client_id)
    rules.check_participation_days(
        existing, rules.period_dates(starts_on, ends_on, days), limits=limits
    )
    home, point = home_of(relationship), place_point(place)
    km = None
    if home is not None and point is not None:
        rules.check_distance(home, point, consent=far_consent, limits=limits)
        km = Decimal(str(round(rules.distance_km(home, point), 1)))
    period = Period(
        relationship=relationship,
        place=place,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        weekdays="".join(str(day + 1) for day in days),
        hours_per_day=hours_per_day,
        tasks=tasks.strip(),
        evaluate_by=evaluate_by,
        distance_km=km,
        far_consent=far_consent,
        compensation=compensation,
        travel_compensation=travel_compensation,
        contact_during_absences=contact_during_absences,
        author=actor,
        **{name: value.strip() for name, value in texts.items()},
    )
    period.full_clean()
    period.save()
    fields = ["place", "kind", "starts_on", "ends_on", "weekdays", "hours_per_day", "tasks"]
    fields += [*SECTION_9_FIELDS, "evaluate_by", "distance_km", "far_consent", "compensation"]
    fields += ["travel_compensation", "contact_during_absences"]
    audit.record_change(
        actor=actor,
        record=period,
        client=relationship.client,
        what=PlacementEvent.PERIOD,
        changes={name: (None, getattr(period, name)) for name in fields},
    )
    return period
