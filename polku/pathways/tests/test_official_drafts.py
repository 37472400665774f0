"""Decision 0005: an official reads a draft only for a joint meeting their authority is party to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from polku.accounts.models import UnitKind
from polku.accounts.roles import Role
from polku.audit.models import AuditEvent
from polku.clients import services as client_services
from polku.core import clock
from polku.pathways import services
from polku.pathways.models import ActivationPlan
from tests.builders import ready_to_sign, signed_plan
from tests.factories import UnitFactory, role_user
from tests.people import People

pytestmark = pytest.mark.django_db


def with_authority(plan: ActivationPlan, people: People, authority=None) -> ActivationPlan:
    plan = services.plan_update(
        actor=people.worker,
        plan=plan,
        version=plan.version,
        employment_authority=authority or people.employment_authority,
    )
    return plan


def book_joint_meeting(plan: ActivationPlan, people: People) -> ActivationPlan:
    starts_at = (timezone.localtime(clock.now()) + dt.timedelta(days=5)).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    return services.joint_meeting_book(
        actor=people.worker,
        plan=plan,
        starts_at=starts_at,
        duration_minutes=60,
        channel="in_person",
        location="Työllisyysalue, Torikatu 1",
    )


def visible(client, plan: ActivationPlan) -> bool:
    listing = client.get(reverse("pathways:joint_plans")).text
    status = client.get(reverse("pathways:joint_plan", args=[plan.pk])).status_code
    assert (reverse("pathways:joint_plan", args=[plan.pk]) in listing) == (status == 200)
    return status == 200


def test_a_draft_is_shown_only_for_a_booked_joint_meeting_and_marked(
    client, people: People
) -> None:
    plan = with_authority(ready_to_sign(worker=people.worker, unit=people.unit), people)
    client.force_login(people.employment_official)
    assert not visible(client, plan)  # a draft without a joint meeting
    plan = book_joint_meeting(plan, people)
    assert visible(client, plan)
    page = client.get(reverse("pathways:joint_plan", args=[plan.pk])).text
    assert "Luonnos: ei allekirjoitettu." in page
    assert "Luonnos: ei allekirjoitettu." in client.get(reverse("pathways:joint_plans")).text
    assert AuditEvent.objects.filter(
        actor_id=people.employment_official.pk,
        what="joint activation plan",
        basis="employment_authority_party",
    ).exists()
    # The meeting is cancelled: the draft is no longer shown.
    meeting = plan.joint_meeting
    assert meeting is not None
    client_services.meeting_cancel(actor=people.worker, meeting=meeting, version=meeting.version)
    assert not visible(client, plan)


def test_another_authoritys_official_does_not_see_the_draft(client, people: People) -> None:
    plan = book_joint_meeting(
        with_authority(ready_to_sign(worker=people.worker, unit=people.unit), people), people
    )
    other_authority = UnitFactory.create(
        kind=UnitKind.EMPLOYMENT_AUTHORITY, name="Muun alueen työllisyys", joint_plan_access=True
    )
    client.force_login(role_user(Role.EMPLOYMENT_OFFICIAL, other_authority))
    assert not visible(client, plan)
    # Nor does a worker's colleague in another unit, nor the official once policy is off.
    type(people.employment_authority).objects.filter(pk=people.employment_authority.pk).update(
        joint_plan_access=False
    )
    client.force_login(people.employment_official)
    assert not visible(client, plan)


def test_signed_versions_are_shown_without_a_meeting(client, people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    ActivationPlan.objects.filter(pk=plan.pk).update(
        employment_authority=people.employment_authority
    )
    correction = services.plan_correct(actor=people.worker, plan=plan, reason="Tarkennus")
    client.force_login(people.employment_official)
    assert visible(client, plan)
    assert "Luonnos" not in client.get(reverse("pathways:joint_plan", args=[plan.pk])).text
    assert not visible(client, correction)  # the new draft waits for a joint meeting
