"""The period's attendance page for the responsible worker (SPEC §4): the month calendar, the
absences by reason and by who reported them, the days left of the 178, the contact mark; who
may open it; correcting a day and recording a contact from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.urls import reverse

from polku.accounts.roles import Role
from polku.attendance.models import AbsenceContact, AttendanceDay, DayStatus, Source
from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.builders import running_period
from polku.attendance.tests.worker_builders import (
    TODAY,
    absent,
    frozen_today,
    present,
    weekday_before,
)
from polku.audit.models import AuditEvent
from polku.clients import services as client_services
from polku.placements.models import Period
from tests.factories import PlaceFactory, role_user
from tests.people import People
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    yield from frozen_today()


@pytest.fixture
def period(people: People) -> Period:
    found = running_period(people, weekdays="123")
    Period.objects.filter(pk=found.pk).update(contact_during_absences=True)
    found.refresh_from_db()
    return found


def url(period: Period, **params: str) -> str:
    base = reverse("attendance:period_attendance", args=[period.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_the_worker_sees_the_month_the_absences_and_the_days_left(
    client, people: People, period: Period
) -> None:
    monday = weekday_before(0)
    present(people, period, monday)
    day_record(
        actor=people.place_supervisor,
        entry=DayEntry(
            period=period,
            day=weekday_before(1),
            status="absent",
            reason="own_illness",
            notice="on_the_day",
        ),
    )
    absent(people, period, weekday_before(2))
    client.force_login(people.worker)
    response = client.get(url(period))
    assert response.status_code == 200
    text = response.content.decode()
    assert "maaliskuu 2025" in text.lower()
    assert "Pyysi yhteydenottoa poissaolojen aikana" in text
    assert "Oma sairaus" in text
    assert "Muu syy (ei hyväksyttävä)" in text
    assert "Hyväksyttävä syy" in text
    assert "Ei hyväksyttävää syytä" in text
    page = response.context["page"]
    assert page.excused == 1
    assert page.unexcused == 1
    assert page.present_days == 1
    assert dict(page.by_source) == {"Työtoimintapaikka": 1, "Vastuutyöntekijä": 1}
    # The 178 days: the period runs 17.2.–16.8.2025 on three weekdays; one absence and one
    # unrecorded past day are free again (only the absence: the past day still counts).
    participation = page.participation
    assert participation.limit == 178
    assert participation.remaining == 178 - participation.count
    assert str(participation.remaining) in text
    assert participation.last >= TODAY
    # The read is logged through the access core with its basis.
    event = AuditEvent.objects.filter(what="period attendance").latest("pk")
    assert event.client_id == period.relationship.client_id
    assert event.basis == "responsible_worker"


def test_an_absence_frees_its_day_of_the_178(client, people: People, period: Period) -> None:
    client.force_login(people.worker)
    before = client.get(url(period)).context["page"].participation
    absent(people, period, weekday_before(2))
    after = client.get(url(period)).context["page"].participation
    assert after.count == before.count - 1
    assert after.remaining == before.remaining + 1


def test_the_calendar_marks_unrecorded_and_not_organised_days(
    client, people: People, period: Period
) -> None:
    client.force_login(people.worker)
    page = client.get(url(period)).context["page"]
    cells = {cell.day: cell for week in page.weeks for cell in week}
    assert cells[weekday_before(0)].missing  # an expected past day nobody recorded
    assert cells[weekday_before(3)].kind == "none"  # a Thursday is not the client's
    assert cells[weekday_before(5)].kind == "not_organised"  # the place is closed on Saturdays
    assert not cells[TODAY + dt.timedelta(days=1)].missing
    # One colon: "Palvelua ei järjestetä: Paikka ei ole auki lauantaisin", not two in a row.
    text = client.get(url(period)).content.decode()
    assert "Paikka ei ole auki lauantaisin" in text
    assert "auki: " not in text


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("worker", 200),
        ("worker_other_unit", 404),
        ("decision_maker", 404),
        ("place_supervisor", 403),
        ("client", 403),
        ("manager", 403),
        ("anonymous", 302),
    ],
)
def test_who_may_open_the_page(
    client, people: People, period: Period, who: str, status: int
) -> None:
    if who != "anonymous":
        client.force_login(getattr(people, who))
    response = client.get(url(period))
    assert response.status_code == status
    assert (period.relationship.client.last_name in response.content.decode()) == (status == 200)


def test_a_colleague_of_the_unit_sees_it_only_when_covering(
    client, people: People, period: Period
) -> None:
    colleague = role_user(Role.WORKER, people.unit)
    client.force_login(colleague)
    assert client.get(url(period)).status_code == 404
    client_services.cover_start(
        actor=colleague, colleague=people.worker, unit=people.unit, purpose="Sijaisuus lomalla"
    )
    assert client.get(url(period)).status_code == 200
    event = AuditEvent.objects.filter(what="period attendance").latest("pk")
    assert event.basis == "team_cover"
    assert event.purpose == "Sijaisuus lomalla"


def test_a_supervisor_of_another_place_gets_403(client, people: People, period: Period) -> None:
    other = role_user(Role.PLACE_SUPERVISOR, PlaceFactory.create(parent=people.organiser))
    client.force_login(other)
    assert client.get(url(period)).status_code == 403


def test_the_worker_corrects_an_old_day_with_a_reason(
    client, people: People, period: Period
) -> None:
    old = weekday_before(0, weeks=3)  # older than 14 days: the worker's to record
    client.force_login(people.worker)
    form = client.get(url(period, paiva=old.isoformat())).context["day_form"]
    assert form.initial["day"] == old
    data = {"action": "day", "day": old.isoformat(), "status": "present", "hours": "5"}
    response = client.post(url(period), data)
    assert response.status_code == 200
    assert "Kerro, miksi" in response.content.decode()
    assert not AttendanceDay.objects.filter(period=period, day=old).exists()
    response = client.post(url(period), {**data, "correction_reason": "Paikka unohti"})
    assert response.status_code == 302
    record = AttendanceDay.objects.get(period=period, day=old)
    assert record.status == DayStatus.PRESENT
    assert record.recorded_via == Source.WORKER
    assert record.correction_reason == ""  # a first record is not a correction


def test_the_hours_are_shown_and_taken_with_a_decimal_comma(
    client, people: People, period: Period
) -> None:
    day = weekday_before(1)
    record = present(people, period, day)
    AttendanceDay.objects.filter(pk=record.pk).update(hours=Decimal("4.5"))
    client.force_login(people.worker)
    page = client.get(url(period, paiva=day.isoformat())).content.decode()
    assert 'name="hours" value="4,5"' in page  # as the place's form shows it, not 4.5
    response = client.post(
        url(period),
        {
            "action": "day",
            "day": day.isoformat(),
            "status": "present",
            "hours": "3,5",
            "correction_reason": "Lähti aiemmin",
            "version": str(record.version),
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.hours == Decimal("3.5")


def test_a_correction_keeps_who_reported_and_names_the_reason(
    client, people: People, period: Period
) -> None:
    day = weekday_before(1)
    record = absent(people, period, day, reason="own_illness")
    client.force_login(people.worker)
    response = client.post(
        url(period),
        {
            "action": "day",
            "day": day.isoformat(),
            "status": "absent",
            "reason": "employment",
            "notice": "on_the_day",
            "correction_reason": "Asiakas oli työhaastattelussa",
            "version": str(record.version),
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.reason == "employment"
    assert record.correction_reason
    event = AuditEvent.objects.filter(what="attendance day").latest("pk")
    assert event.changes["reason"] == ["own_illness", "employment"]


def test_the_worker_records_a_contact_about_an_absence(
    client, people: People, period: Period
) -> None:
    day = weekday_before(1)
    record = absent(people, period, day)
    client.force_login(people.worker)
    page = client.get(url(period))
    assert (
        str(record.pk),
        f"{day.day}.{day.month}.{day.year} – Muu syy (ei hyväksyttävä)",
    ) in list(page.context["contact_form"].fields["absence"].choices)
    data = {"action": "contact", "absence": str(record.pk), "channel": "phone", "note": "Sovittu"}
    before = day - dt.timedelta(days=1)
    response = client.post(
        url(period), {**data, "contacted_on": f"{before.day}.{before.month}.{before.year}"}
    )
    assert response.status_code == 200
    assert not AbsenceContact.objects.exists()
    future = TODAY + dt.timedelta(days=1)
    response = client.post(
        url(period), {**data, "contacted_on": f"{future.day}.{future.month}.{future.year}"}
    )
    assert response.status_code == 200
    assert not AbsenceContact.objects.exists()
    response = client.post(
        url(period), {**data, "contacted_on": f"{TODAY.day}.{TODAY.month}.{TODAY.year}"}
    )
    assert response.status_code == 302
    contact = AbsenceContact.objects.get()
    assert contact.absence == record
    assert contact.recorded_by == people.worker
    assert AuditEvent.objects.filter(what="absence contact").count() == 1
    text = client.get(url(period)).content.decode()
    assert "Sovittu" in text


def test_the_page_makes_as_many_queries_with_more_rows(
    client, people: People, period: Period
) -> None:
    client.force_login(people.worker)

    def grow() -> None:
        for weeks in range(2):
            present(people, period, weekday_before(0, weeks=weeks))
            absent(people, period, weekday_before(1, weeks=weeks))
        record = AttendanceDay.objects.filter(status="absent").first()
        assert record is not None
        AbsenceContact.objects.create(
            period=period,
            absence=record,
            contacted_on=TODAY,
            channel="phone",
            recorded_by=people.worker,
        )

    assert_flat_queries(client, url(period), grow=grow)


def test_a_refused_day_shows_why_even_when_it_has_no_cell_to_correct(
    client, people: People, period: Period
) -> None:
    thursday = weekday_before(3)
    client.force_login(people.worker)
    response = client.post(
        url(period), {"action": "day", "day": thursday.isoformat(), "status": "present"}
    )
    assert response.status_code == 200
    assert response.context["day_form"].errors["day"]
    assert "ei ole asiakkaan työtoimintapäivä" in response.content.decode()
    assert not AttendanceDay.objects.exists()
