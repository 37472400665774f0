"""The joint meeting with the employment authority: its own type, invitation and signing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import MeetingKind, MeetingStatus
from polku.core import clock
from polku.core.errors import CommonError
from polku.pathways import services
from polku.pathways.errors import PathwayError
from polku.pathways.models import ActivationPlan, PlanStatus
from polku.pathways.tests.test_plans import pdf_text
from tests.builders import ready_to_sign
from tests.people import People

pytestmark = pytest.mark.django_db


def planned(people: People) -> ActivationPlan:
    plan = ready_to_sign(worker=people.worker, unit=people.unit)
    return services.plan_update(
        actor=people.worker,
        plan=plan,
        version=plan.version,
        employment_authority=people.employment_authority,
    )


def test_booking_the_joint_meeting_from_the_plan_page(client, people: People) -> None:
    plan = planned(people)
    client.force_login(people.worker)
    day = clock.today() + dt.timedelta(days=6)
    response = client.post(
        reverse("pathways:joint_meeting_book", args=[plan.pk]),
        {
            "date": f"{day.day}.{day.month}.{day.year}",
            "time": "13.00",
            "duration_minutes": "60",
            "channel": "in_person",
            "location": "Työllisyysalue, Torikatu 1",
        },
        follow=True,
    )
    assert response.status_code == 200
    plan.refresh_from_db()
    meeting = plan.joint_meeting
    assert meeting is not None
    assert meeting.kind == MeetingKind.JOINT
    assert people.employment_authority.name in meeting.participants
    assert "Yhteinen tapaaminen työvoimaviranomaisen kanssa" in response.text
    invitation = client.get(reverse("pathways:joint_invitation", args=[plan.pk]))
    text = pdf_text(invitation.content)
    assert "Kutsu yhteiseen tapaamiseen työvoimaviranomaisen kanssa" in text
    assert people.employment_authority.name in text
    assert "aktivointisuunnitelmasi" in text
    client.post(reverse("pathways:joint_invitation", args=[plan.pk]))
    assert AuditEvent.objects.filter(
        kind=EventKind.DISCLOSURE, what="meeting invitation letter", record_id=str(meeting.pk)
    ).exists()
    # A general meeting's invitation keeps its own text.
    general = pdf_text(
        client.get(reverse("clients:meeting_invitation", args=[people.meeting.pk])).content
    )
    assert "työvoimaviranomaisen kanssa" not in general


def test_signing_at_the_joint_meeting_needs_it_held(people: People) -> None:
    plan = planned(people)
    with pytest.raises(ValidationError) as error:
        services.plan_sign(
            actor=people.worker,
            plan=plan,
            party="official",
            signer_name="Tiina Työllisyys",
            method="joint_meeting",
            signed_on=clock.today(),
        )
    assert error.value.error_dict["method"][0].code == PathwayError.JOINT_MEETING_NOT_HELD
    two_hours_ago = clock.now() - dt.timedelta(hours=2)
    with clock.frozen(two_hours_ago - dt.timedelta(days=1)):
        plan = services.joint_meeting_book(
            actor=people.worker,
            plan=plan,
            starts_at=two_hours_ago,
            duration_minutes=60,
            channel="in_person",
        )
    with pytest.raises(ValidationError) as error:  # booked, not yet recorded as held
        services.plan_sign(
            actor=people.worker,
            plan=plan,
            party="official",
            signer_name="Tiina Työllisyys",
            method="joint_meeting",
            signed_on=clock.today(),
        )
    assert error.value.error_dict["method"][0].code == PathwayError.JOINT_MEETING_NOT_HELD
    meeting = services.joint_meeting_held(actor=people.worker, plan=plan)
    assert meeting.status == MeetingStatus.HELD
    held_on = timezone.localdate(meeting.starts_at)
    with pytest.raises(ValidationError) as error:
        services.plan_sign(
            actor=people.worker,
            plan=plan,
            party="official",
            signer_name="Tiina Työllisyys",
            method="joint_meeting",
            signed_on=held_on - dt.timedelta(days=1),
        )
    assert error.value.error_dict["signed_on"][0].code == PathwayError.NOT_THE_MEETING_DAY
    for party in ("client", "worker", "official"):
        plan = services.plan_sign(
            actor=people.worker,
            plan=plan,
            party=party,
            signer_name="X",
            method="joint_meeting",
            signed_on=held_on,
        )
    assert plan.status == PlanStatus.SIGNED
    # Other ways of signing record themselves and need no meeting.
    other = planned(people)
    services.plan_sign(
        actor=people.worker,
        plan=other,
        party="official",
        signer_name="Tiina Työllisyys",
        method="phone",
        signed_on=clock.today(),
    )
    assert other.signatures.count() == 1


def booked_and_started(people: People) -> ActivationPlan:
    """A plan whose joint meeting began two hours ago (booked the day before)."""
    plan = planned(people)
    two_hours_ago = clock.now() - dt.timedelta(hours=2)
    with clock.frozen(two_hours_ago - dt.timedelta(days=1)):
        return services.joint_meeting_book(
            actor=people.worker,
            plan=plan,
            starts_at=two_hours_ago,
            duration_minutes=60,
            channel="in_person",
        )


def test_the_client_page_gives_the_joint_meetings_own_invitation(client, people: People) -> None:
    """One meeting, one invitation: the client page's link gives the plan page's joint letter."""
    plan = booked_and_started(people)
    assert plan.joint_meeting is not None
    client.force_login(people.worker)
    response = client.get(reverse("clients:meeting_invitation", args=[plan.joint_meeting.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("pathways:joint_invitation", args=[plan.pk])
    text = pdf_text(client.get(response["Location"]).content)
    assert "Kutsu yhteiseen tapaamiseen työvoimaviranomaisen kanssa" in text


def test_the_joint_meeting_is_recorded_as_held_with_its_own_form(client, people: People) -> None:
    plan = booked_and_started(people)
    meeting = plan.joint_meeting
    assert meeting is not None
    client.force_login(people.worker)
    response = client.get(reverse("clients:meeting_record", args=[meeting.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("pathways:joint_meeting_held", args=[plan.pk])
    page = response.text
    assert "Yhteinen tapaaminen työvoimaviranomaisen kanssa" in page
    assert 'name="held_on"' in page
    assert 'name="overall_situation"' not in page
    assert "Tiedottamisen tarkistuslista" not in page
    held_on = timezone.localdate(meeting.starts_at)
    response = client.post(
        reverse("pathways:joint_meeting_held", args=[plan.pk]),
        {
            "held_on": f"{held_on.day}.{held_on.month}.{held_on.year}",
            "notes": "Sovittiin kolmesta päivästä viikossa.",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.held_on == held_on
    assert meeting.notes == "Sovittiin kolmesta päivästä viikossa."
    event = AuditEvent.objects.get(what="joint meeting held", record_id=str(meeting.pk))
    assert event.changes["status"] == ["booked", "held"]
    assert event.changes["held_on"][1] == held_on.isoformat()
    assert not AuditEvent.objects.filter(
        what__in=["meeting recorded", "first meeting recorded"], record_id=str(meeting.pk)
    ).exists()


@pytest.mark.parametrize(
    ("days", "code"), [(-4000, PathwayError.BEFORE_RELATIONSHIP), (1, CommonError.FUTURE)]
)
def test_the_joint_meeting_held_date_is_bounded(people: People, days: int, code: str) -> None:
    plan = booked_and_started(people)
    with pytest.raises(ValidationError) as error:
        services.joint_meeting_held(
            actor=people.worker, plan=plan, held_on=clock.today() + dt.timedelta(days=days)
        )
    assert error.value.error_dict["held_on"][0].code == code
    if code == PathwayError.BEFORE_RELATIONSHIP:
        started = plan.relationship.started_on
        assert f"{started.day}.{started.month}.{started.year}" in error.value.messages[0]


def test_the_joint_meeting_cannot_be_held_before_the_day_it_was_booked_for(
    people: People,
) -> None:
    plan = booked_and_started(people)
    assert plan.joint_meeting is not None
    booked_on = timezone.localdate(plan.joint_meeting.starts_at)
    with pytest.raises(ValidationError) as error:
        services.joint_meeting_held(
            actor=people.worker, plan=plan, held_on=booked_on - dt.timedelta(days=1)
        )
    assert error.value.error_dict["held_on"][0].code == PathwayError.BEFORE_BOOKING
    assert f"{booked_on.day}.{booked_on.month}.{booked_on.year}" in error.value.messages[0]
