"""The demo's groups: a kuty ATK course under way with its past sessions recorded, and a
low-threshold youth group starting in two days that the reminder job reminds of."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import User
from polku.core import clock
from polku.groups.models import Group, LegalStatus, SessionAttendance
from polku.jobs.tasks import group_reminders

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_groups_with_sessions_enrolments_and_attendance(
    client: HttpClient,
) -> None:
    call_command("demo_data", stdout=io.StringIO())
    atk = Group.objects.get(name="ATK-kurssi")
    youth = Group.objects.get(name="Nuorten ryhmä")
    assert atk.sessions.count() == 10
    assert youth.sessions.count() == 5
    statuses = sorted(atk.enrolments.values_list("status", flat=True))
    assert statuses == [LegalStatus.KUTY, LegalStatus.KUTY, LegalStatus.OTHER_SERVICE]
    assert youth.enrolments.count() == 3
    past = atk.sessions.filter(day__lt=clock.today()).count()
    assert past >= 2
    marks = SessionAttendance.objects.filter(session__group=atk)
    assert marks.filter(status="present").count() >= past  # most marks are present
    assert marks.filter(status="absent", reason="own_illness").exists()
    assert atk.sessions.exclude(feedback_note="").exists()
    # The instructor's session page and the worker's group page answer.
    client.force_login(User.objects.get(username="marko.heikkinen"))
    session = atk.sessions.filter(day__lt=clock.today()).first()
    assert session is not None
    page = client.get(reverse("groups:session", args=[session.pk]))
    assert "Korhonen" in page.text
    client.force_login(User.objects.get(username="sanna.virtanen"))
    assert "Mäkinen" in client.get(reverse("groups:detail", args=[atk.pk])).text
    result = group_reminders()
    assert result["groups"] == 1
