"""The pathway's rules as functions the services call (STYLE.md §8): the date bounds of S4–S7
and the state a step needs. Each raises a refusal with its code, or returns. None builds a query:
they read the values and records they are given (and a date's statutory values), so the date
rules are tested with hypothesis without a database (tests/test_rules.py).

Dates use :mod:`polku.core.rules`: something that happened is not in the future
(``not_in_future``), something to come not in the past (``not_in_past``), and no pathway event
predates the events it follows (:func:`pathway_bounds`, built on ``not_before``); the message
names the bounding date in d.m.yyyy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, UnitKind
from polku.clients.models import ClientRelationship, Meeting, MeetingKind, MeetingStatus, Stage
from polku.core import clock, statutory
from polku.core.errors import CommonError, field_error, fields_error
from polku.core.rules import add_months, day_label, not_before, not_in_future, not_in_past
from polku.pathways.errors import PathwayError
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    ClientPlan,
    OptionKind,
    PlanOption,
    PlanStatus,
    PlanType,
    VersionedDocument,
)

# What makes each document the document it claims to be: completing needs these filled in.
REQUIRED_TO_COMPLETE: dict[type[VersionedDocument], tuple[str, ...]] = {
    Assessment: ("summary", "conclusion", "client_view"),
    ClientPlan: ("goals", "services_and_measures", "follow_up"),
}


# -- Dates ---------------------------------------------------------------------------------------


def pathway_bounds(
    field: str,
    day: dt.date,
    *,
    started_on: dt.date,
    notice_given_on: dt.date | None = None,
    first_plan_signed_on: dt.date | None = None,
) -> None:
    """No pathway event predates the events it follows: the start of the client relationship,
    the information notice, the signing of the first plan (those given)."""
    not_before(
        field,
        day,
        started_on,
        _("The date cannot be before %(date)s, when the client relationship began."),
        PathwayError.BEFORE_RELATIONSHIP,
    )
    not_before(
        field,
        day,
        notice_given_on,
        _("The date cannot be before %(date)s, when the information notice was given."),
        PathwayError.BEFORE_NOTICE,
    )
    not_before(
        field,
        day,
        first_plan_signed_on,
        _("The date cannot be before %(date)s, when the first activation plan was signed."),
        PathwayError.BEFORE_FIRST_PLAN,
    )


def notice_date(day: dt.date, *, started_on: dt.date, today: dt.date | None = None) -> None:
    """The information notice was given: not in the future, not before the relationship."""
    not_in_future("notice_given_on", day, today=today)
    pathway_bounds("notice_given_on", day, started_on=started_on)


def signature_date(
    day: dt.date,
    *,
    started_on: dt.date,
    notice_given_on: dt.date | None,
    today: dt.date | None = None,
) -> None:
    """A signature: not in the future, not before the relationship or the notice."""
    not_in_future("signed_on", day, today=today)
    pathway_bounds("signed_on", day, started_on=started_on, notice_given_on=notice_given_on)


def booked_day(meeting: Meeting) -> dt.date:
    """The local day a meeting was booked for."""
    return timezone.localdate(meeting.starts_at)


def joint_meeting_held_on(
    held_on: dt.date,
    *,
    started_on: dt.date,
    booked_on: dt.date,
    today: dt.date | None = None,
) -> None:
    """The joint meeting was held on a day bounded by the relationship's start and the day it
    was booked for, and not in the future."""
    pathway_bounds("held_on", held_on, started_on=started_on)
    not_before(
        "held_on",
        held_on,
        booked_on,
        _("The date cannot be before %(date)s, the day the meeting was booked for."),
        PathwayError.BEFORE_BOOKING,
    )
    not_in_future("held_on", held_on, today=today)


def reflection_due_date(day: dt.date, *, today: dt.date | None = None) -> None:
    """The date by which the client decides is still to come."""
    not_in_past("reflection_due", day, today=today)


def max_review_date(*, signed_on: dt.date) -> dt.date:
    """The plan is reviewed at least every 3 months (189/2001 §9 3 mom), by the value in force
    on the day it was signed."""
    return add_months(signed_on, statutory.int_value("plan_review_max_months", on=signed_on))


def review_date(review_due: dt.date, *, today: dt.date | None = None) -> None:
    """A review date set on a draft is within the longest interval counted from today."""
    latest = max_review_date(signed_on=today or clock.today())
    if review_due > latest:
        raise field_error(
            "review_due",
            _(
                "The plan is reviewed at least every 3 months (189/2001 §9 3 mom): "
                "the review date can be %(date)s at the latest."
            )
            % {"date": day_label(latest)},
            PathwayError.REVIEW_TOO_LATE,
        )


def mts_deadline(plan: ActivationPlan) -> dt.date | None:
    """An MTS is drawn up within 3 months of the start of the assessment (381/2023 §4 3 mom)."""
    if plan.plan_type != PlanType.MTS or plan.assessment_started_on is None:
        return None
    months = statutory.int_value("mts_deadline_months", on=plan.assessment_started_on)
    return add_months(plan.assessment_started_on, months)


# -- State ---------------------------------------------------------------------------------------


def worker_named(relationship: ClientRelationship) -> None:
    """Documents and plans are made for a client with a responsible worker."""
    if relationship.responsible_worker_id is None:
        raise ValidationError(
            _("The client has no responsible worker. Name one before making plans."),
            code=PathwayError.NO_WORKER,
        )


def document_editable(doc: VersionedDocument | None) -> None:
    """A completed document version is read-only."""
    if doc is not None and doc.is_read_only:
        raise ValidationError(
            _("The completed version cannot be changed. Make a new version with a reason."),
            code=PathwayError.READ_ONLY,
        )


def document_content(model: type[VersionedDocument], values: dict[str, Any]) -> None:
    """A document is completed only with the content that defines it; name what is missing."""
    missing = [name for name in REQUIRED_TO_COMPLETE[model] if not str(values[name]).strip()]
    if missing:
        raise fields_error(
            missing,
            _("Fill this in before marking the document completed."),
            CommonError.INCOMPLETE,
        )


def document_revisable(doc: VersionedDocument) -> None:
    """A new version is made of a completed document; a draft is edited as it is."""
    if not doc.is_read_only:
        raise ValidationError(_("The draft can be edited as it is."), code=PathwayError.DRAFT)


def reason_given(reason: str) -> None:
    """A new version of a completed document or a signed plan says why."""
    if not reason.strip():
        raise field_error("reason", _("Give the reason for the new version."), PathwayError.REASON)


def plan_draft(plan: ActivationPlan) -> None:
    """A signed (or refused) plan is not changed."""
    if plan.is_read_only:
        raise ValidationError(
            _("A signed plan cannot be changed. Make a corrected version with a reason."),
            code=PathwayError.READ_ONLY,
        )


def plan_correctable(plan: ActivationPlan) -> None:
    """A correction is a new version of a signed plan."""
    if plan.status != PlanStatus.SIGNED:
        raise ValidationError(
            _("Only a signed plan is corrected with a new version."),
            code=PathwayError.NOT_SIGNED,
        )


def reflection_follows(plan: ActivationPlan) -> None:
    """The reflection (S6) follows the signed first plan."""
    if plan.round != 1 or plan.status != PlanStatus.SIGNED:
        raise ValidationError(
            _("The reflection follows the signed first plan."), code=PathwayError.NOT_SIGNED
        )


def mts_start(plan_type: str, assessment_started_on: dt.date | None) -> None:
    """A multi-sectoral plan is drawn up from the day its assessment started."""
    if plan_type == PlanType.MTS and assessment_started_on is None:
        raise field_error(
            "assessment_started_on",
            _("Give the date the multi-sectoral assessment started."),
            PathwayError.MTS,
        )


def option_valid(*, kind: str, place: Unit | None, note: str) -> None:
    """A work-activity place must be a place that may produce kuty; any other option is
    described."""
    if kind == OptionKind.PLACE:
        if place is None or place.kind != UnitKind.WORK_ACTIVITY_PLACE:
            raise field_error("place", _("Choose the work-activity place."), CommonError.REQUIRED)
        if not place.may_produce_kuty:
            raise field_error(
                "place",
                _(
                    "Rehabilitative work activity cannot be procured from a company; only "
                    "its support and guidance can (189/2001 §13 2 mom)."
                ),
                PathwayError.COMPANY,
            )
    elif not note.strip():
        raise field_error("note", _("Describe the option."), CommonError.REQUIRED)


def plan_contents(
    plan: ActivationPlan,
    *,
    joint_meeting: Meeting | None,
    notice_given_on: dt.date | None,
    notice_method: str,
    review_due: dt.date | None,
    today: dt.date | None = None,
) -> None:
    """The plan's contents as they would be saved: a joint meeting of this client, the notice
    with how it was given and its date bounded, the review within the law's interval."""
    if joint_meeting is not None and (
        joint_meeting.relationship_id != plan.relationship_id
        or joint_meeting.kind != MeetingKind.JOINT
    ):
        raise field_error(
            "joint_meeting",
            _("Choose one of this client's joint meetings with the employment authority."),
            PathwayError.NOT_A_JOINT_MEETING,
        )
    if notice_given_on and not notice_method:
        raise field_error("notice_method", _("Say how the notice was given."), CommonError.REQUIRED)
    if notice_given_on:
        notice_date(notice_given_on, started_on=plan.relationship.started_on, today=today)
    if review_due:
        review_date(review_due, today=today)


def consequences_explained(explained: bool) -> None:
    """A refusal of all measures is recorded once its possible consequences were explained."""
    if not explained:
        raise field_error(
            "consequences_explained",
            _("Explain the possible consequences to the client and tick the box."),
            PathwayError.CONSEQUENCES,
        )


def signer_named(signer_name: str) -> None:
    if not signer_name.strip():
        raise field_error(
            "signer_name", _("Write the name of the person who signs."), CommonError.REQUIRED
        )


def signed_at_the_held_joint_meeting(plan: ActivationPlan, *, signed_on: dt.date) -> None:
    """Signing "at the joint meeting" needs that meeting recorded as held, on that day."""
    meeting = plan.joint_meeting
    if meeting is None or meeting.status != MeetingStatus.HELD:
        raise field_error(
            "method",
            _(
                "The joint meeting with the employment authority has not been recorded "
                "as held. Record it as held first, or choose how the plan was signed."
            ),
            PathwayError.JOINT_MEETING_NOT_HELD,
        )
    held_on = meeting.held_on or booked_day(meeting)
    if signed_on != held_on:
        raise field_error(
            "signed_on",
            _("The joint meeting was held on %(date)s: give that date.")
            % {"date": day_label(held_on)},
            PathwayError.NOT_THE_MEETING_DAY,
        )


def review_after_signing(plan: ActivationPlan, *, last_signed_on: dt.date) -> dt.date:
    """The review date of a plan all parties have signed: the one set, unless it is later than
    the law allows counted from the last signature, which is then the date."""
    latest = max_review_date(signed_on=last_signed_on)
    return plan.review_due if plan.review_due and plan.review_due <= latest else latest


def joint_meeting_bookable(plan: ActivationPlan) -> Unit:
    """The plan names its employment authority (returned) and has no joint meeting booked yet."""
    if plan.employment_authority is None:
        raise ValidationError(
            _("Choose the employment authority of the plan before booking the joint meeting."),
            code=PathwayError.NO_AUTHORITY,
        )
    if plan.joint_meeting is not None and plan.joint_meeting.status == MeetingStatus.BOOKED:
        raise ValidationError(
            _("A joint meeting is already booked for this plan. Cancel it to book another."),
            code=PathwayError.BOOKED,
        )
    return plan.employment_authority


def joint_meeting_can_be_held(meeting: Meeting | None, *, now: dt.datetime | None = None) -> None:
    """Only a booked joint meeting that has started is recorded as held."""
    if meeting is None or meeting.status != MeetingStatus.BOOKED:
        raise ValidationError(
            _("No joint meeting is booked for this plan."), code=PathwayError.NOT_BOOKED
        )
    if meeting.starts_at > (now or clock.now()):
        raise ValidationError(
            _("A meeting that has not started yet cannot be marked held."),
            code=PathwayError.NOT_STARTED,
        )


def option_of_the_plan(option: PlanOption, plan: ActivationPlan) -> None:
    """A visit is to one of the plan's own options."""
    if option.plan_id != plan.pk:
        raise field_error(
            "option", _("Choose one of this plan's options."), PathwayError.NOT_THIS_PLAN
        )


def second_plan_follows_reflection(relationship: ClientRelationship) -> None:
    """The second plan (S7) is started at the reflection stage (S6)."""
    if relationship.stage != Stage.S6_REFLECTION:
        raise ValidationError(
            _("The second plan follows the reflection: agree the decision date first."),
            code=PathwayError.STAGE,
        )


def one_second_plan_at_a_time(latest_second: ActivationPlan | None) -> None:
    """A new second plan is drafted when there is none, or when the latest one is no longer a
    draft: the pathway came back to mapping after it (S7 → S5 with "mapping continues", or an
    introductory period that ended back in mapping, S10 → S5) and reached the reflection (S6)
    again. A second plan still in draft is finished, not started again."""
    if latest_second is not None and latest_second.status == PlanStatus.DRAFT:
        raise ValidationError(
            _("The second plan has already been started."), code=PathwayError.EXISTS
        )


def second_plan_choice(
    *, first: ActivationPlan, chosen_option_plan_id: int | None, back_to_mapping: bool
) -> None:
    """The second plan records one of the first plan's options, or that the mapping continues,
    not both."""
    if chosen_option_plan_id is None and not back_to_mapping:
        raise field_error(
            "chosen_option",
            _("Choose an option, or record that the mapping continues."),
            PathwayError.NO_CHOICE,
        )
    if chosen_option_plan_id is not None and back_to_mapping:
        raise field_error(
            "chosen_option",
            _("Choose an option or record that the mapping continues, not both."),
            PathwayError.CONTRADICTION,
        )
    if chosen_option_plan_id is not None and chosen_option_plan_id != first.pk:
        raise field_error(
            "chosen_option",
            _("Choose one of the first plan's options."),
            PathwayError.NOT_FIRST_PLAN,
        )
