"""The follow-up plan (jatkosuunnitelma, SPEC §2 S13) and the normal end of a period, which
needs it ("not sent home to wait")."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.closure import facts, rules
from polku.closure.errors import ClosureError
from polku.closure.events import ClosureEvent
from polku.closure.models import FollowUpPlan
from polku.core import clock
from polku.core.errors import CommonError, fields_error, refuse_null_characters
from polku.core.rules import not_before
from polku.core.versioning import EditConflict
from polku.placements.models import Period, PeriodKind, PeriodStatus


def _full_open_period(period: Period) -> None:
    if period.kind != PeriodKind.FULL:
        raise ValidationError(
            _("A follow-up plan is made for a work-activity period."),
            code=ClosureError.NOT_A_FULL_PERIOD,
        )
    if period.status == PeriodStatus.CANCELLED:
        raise ValidationError(_("The period was cancelled."), code=ClosureError.PERIOD_CANCELLED)
    if not period.relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)


@transaction.atomic
def follow_up_plan_save(
    *,
    actor: User,
    period: Period,
    version: int | None,
    destination: str,
    destination_detail: str,
    next_step: str,
    next_on: dt.date,
    responsible: str,
) -> FollowUpPlan:
    """Make or edit the period's follow-up plan: destination, next step, its date and who is
    responsible. The next step is not dated before the plan was made."""
    require_caseworker(actor, period.relationship)
    _full_open_period(period)
    refuse_null_characters(
        destination_detail=destination_detail, next_step=next_step, responsible=responsible
    )
    empty = [
        name
        for name, value in (("next_step", next_step), ("responsible", responsible))
        if not value.strip()
    ]
    if empty:
        raise fields_error(empty, _("This field is required."), CommonError.REQUIRED)
    rules.destination_detail(destination, destination_detail)
    existing = FollowUpPlan.objects.select_for_update().filter(period=period).first()
    made_on = existing.made_on if existing is not None else clock.today()
    not_before(
        "next_on",
        next_on,
        made_on,
        gettext_lazy("The date cannot be before %(date)s, when the plan was made."),
        CommonError.PAST,
    )
    data = {
        "destination": destination,
        "destination_detail": destination_detail.strip(),
        "next_step": next_step.strip(),
        "next_on": next_on,
        "responsible": responsible.strip(),
    }
    client = period.relationship.client
    if existing is None:
        plan = FollowUpPlan(period=period, made_on=made_on, author=actor, **data)
        plan.full_clean()
        plan.save()
        audit.record_change(
            actor=actor,
            record=plan,
            client=client,
            what=ClosureEvent.FOLLOW_UP_PLAN,
            changes={name: (None, value) for name, value in data.items() if value != ""},
        )
        return plan
    if version is None:
        raise EditConflict(existing)
    audit.model_update(
        actor=actor,
        obj=existing,
        version=version,
        data=data,
        what=ClosureEvent.FOLLOW_UP_PLAN,
        client=client,
    )
    return existing


@transaction.atomic
def period_end(*, actor: User, period: Period, version: int, ended_on: dt.date) -> Period:
    """End a work-activity period normally, on its planned end or earlier: refused without a
    follow-up plan (SPEC §2 S13, "not sent home to wait"), before a recorded day, in the
    future, or when the period has already ended."""
    require_caseworker(actor, period.relationship)
    _full_open_period(period)
    if period.status == PeriodStatus.ENDED:
        raise ValidationError(_("The period has already ended."), code=ClosureError.PERIOD_ENDED)
    if facts.follow_up_plan_of(period) is None:
        raise ValidationError(
            _(
                "Make the follow-up plan first: a period does not end before the client knows "
                "where they go on, when and with whom."
            ),
            code=ClosureError.FOLLOW_UP_PLAN_MISSING,
        )
    rules.period_end_date(
        ended_on,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        last_recorded=facts.last_recorded_day(period=period),
    )
    audit.model_update(
        actor=actor,
        obj=period,
        version=version,
        data={"status": PeriodStatus.ENDED, "ends_on": ended_on},
        what=ClosureEvent.PERIOD_ENDED,
        client=period.relationship.client,
    )
    return period
