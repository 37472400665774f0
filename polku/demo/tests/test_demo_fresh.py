"""Tests that build the demo themselves: twice, with other settings, or on another day. The
other demo tests read one demo built once per module (``conftest.demo``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from polku.accounts.models import Unit, User
from polku.accounts.roles import Role
from polku.attendance.days import PlaceCalendar
from polku.attendance.models import AttendanceDay
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.demo.tests.test_demo_data import PLACE_CLIENT_NAMES, _attendance, run
from polku.placements.bases import active_periods_at_places_of
from polku.placements.models import PlaceProfile

pytestmark = pytest.mark.django_db


def test_demo_data_has_every_role_and_runs_twice_safely() -> None:
    first = run()
    assert "polku-demo-2026" in first
    counts = (Unit.objects.count(), User.objects.count(), Client.objects.count())
    second = run()
    assert "nothing was changed" in second
    assert (Unit.objects.count(), User.objects.count(), Client.objects.count()) == counts
    held = set(User.objects.values_list("role_assignments__role", flat=True))
    assert set(Role.values) <= held
    for username in ("sanna.virtanen", "paivi.nieminen", "marko.heikkinen", "riitta.manninen"):
        assert username in first


def test_demo_data_says_whether_staff_need_the_second_factor(settings) -> None:
    assert "Second factor: ON" in run()
    settings.POLKU_STAFF_OTP_REQUIRED = False
    assert "Second factor: OFF" in run()


@pytest.mark.parametrize(
    "day",
    [dt.date(2026, 12, 12), dt.date(2027, 1, 4), dt.date(2027, 12, 31)],
    ids=["saturday", "monday", "new-years-eve"],
)
def test_demo_dates_hold_whatever_the_day_it_is_loaded_on(day: dt.date) -> None:
    """Every date is relative to today: the periods under way are under way, the one to come
    is to come, on any weekday and across the turn of the year."""
    with clock.frozen(timezone.make_aware(dt.datetime.combine(day, dt.time(7)))):
        run()
        stages = ClientRelationship.objects.filter(client__last_name__in=PLACE_CLIENT_NAMES)
        assert sorted(stages.values_list("stage", flat=True)) == sorted(
            ["s8", "s8", "s9", "s10", "s11"]
        )
        for username in ("marko.heikkinen", "leena.koskinen"):
            supervisor = User.objects.get(username=username)
            # The placement demo's clients (the evaluation and the closure demos add their own at Verstas).
            placed = active_periods_at_places_of(supervisor).filter(
                relationship__client__last_name__in=PLACE_CLIENT_NAMES
            )
            assert placed.count() == 1
        # Weeks of attendance whatever the day: never on a day without work activity.
        assert len(_attendance("Korhonen")) >= 8
        for row in AttendanceDay.objects.select_related("period__place"):
            profile = PlaceProfile.objects.get(place=row.period.place)
            calendar = PlaceCalendar.of(profile, profile.closed_days.all())
            assert calendar.not_organised(row.day) is None, row
