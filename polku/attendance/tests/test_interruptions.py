"""Interruption (keskeytyminen, SPEC §2 S11): the place or the worker reports it; the worker
clarifies and resolves it; the period resumes or ends; the reason as told to the place is
shared with the place, the clarification is not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from polku.accounts.roles import Role
from polku.attendance.days import CellKind, PlaceCalendar, period_cells
from polku.attendance.models import Interruption, InterruptionOutcome
from polku.attendance.services import (
    DayEntry,
    day_record,
    interruption_report,
    interruption_resolve,
)
from polku.attendance.tests.builders import running_period
from polku.attendance.tests.test_days import client_login, codes
from polku.attendance.tests.worker_builders import (
    TODAY,
    frozen_today,
    interrupted,
    moment,
    present,
    weekday_before,
)
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.placements.models import Period, PeriodStatus
from polku.placements.participation import participation_days
from tests.factories import PlaceFactory, role_user
from tests.people import People

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    yield from frozen_today()


@pytest.fixture
def period(people: People) -> Period:
    return running_period(people, weekdays="123")


def place_url(period: Period) -> str:
    return reverse("attendance:place_interruption", args=[period.pk])


def resolve(people: People, stop: Interruption, **fields: object) -> Interruption:
    data: dict[str, object] = {
        "clarification": "Soitin asiakkaalle; hän on sairauslomalla.",
        "outcome": "resumed",
        "resolved_on": TODAY + dt.timedelta(days=6),
        "shared_with_place": "Terveydelliset syyt, palaa maanantaina.",
    }
    data.update(fields)
    stop.refresh_from_db()
    return interruption_resolve(
        actor=people.worker,
        interruption=stop,
        version=stop.version,
        **data,  # type: ignore[arg-type]
    )


def cells(period: Period, first: dt.date, last: dt.date) -> dict[dt.date, CellKind]:
    period.refresh_from_db()
    found = period_cells(
        period,
        first,
        last,
        calendar=PlaceCalendar.of(None),
        records=period.attendance_days.all(),
        interruptions=list(period.interruptions.all()),
    )
    return {cell.day: cell.kind for cell in found}


def test_the_place_reports_from_its_page_and_the_worker_is_told(
    client, people: People, period: Period
) -> None:
    client.force_login(people.place_supervisor)
    page = client.get(place_url(period))
    assert page.status_code == 200
    assert page.context["form"].initial["initiated_by"] == "place"
    response = client.post(
        place_url(period),
        {
            "starts_on": f"{TODAY.day}.{TODAY.month}.{TODAY.year}",
            "reason": "health",
            "initiated_by": "client",
            "description": "Asiakas ilmoitti, ettei jaksa tulla.",
        },
    )
    assert response.status_code == 302
    stop = Interruption.objects.get()
    assert stop.reported_by == people.place_supervisor
    event = AuditEvent.objects.filter(what="interruption").get()
    assert event.changes["reason"] == [None, "health"]
    read = AuditEvent.objects.filter(what="place interruption").latest("pk")
    assert read.basis == "place_supervisor"
    # The worker's work queue names it; from its start the client's days are not expected.
    client.force_login(people.worker)
    assert (
        "Keskeytyminen 19.3.2025 alkaen" in client.get(reverse("pathways:today")).content.decode()
    )
    next_monday = TODAY + dt.timedelta(days=5)
    assert cells(period, TODAY, next_monday)[next_monday] == CellKind.INTERRUPTED
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(period=period, day=TODAY, status="present"),
        )
    assert codes(error.value) == {"interrupted"}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("place_supervisor", 200),
        ("other_place_supervisor", 404),
        ("worker", 403),
        ("worker_other_unit", 403),
        ("decision_maker", 403),
        ("client", 403),
        ("manager", 403),
        ("anonymous", 302),
    ],
)
def test_who_may_open_the_places_page(
    client, people: People, period: Period, who: str, status: int
) -> None:
    if who == "other_place_supervisor":
        user = role_user(Role.PLACE_SUPERVISOR, PlaceFactory.create(parent=people.organiser))
        client.force_login(user)
    elif who != "anonymous":
        client.force_login(getattr(people, who))
    response = client.get(place_url(period))
    assert response.status_code == status
    assert (period.relationship.client.last_name in response.content.decode()) == (status == 200)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("worker", 200),
        ("worker_other_unit", 404),
        ("decision_maker", 404),
        ("place_supervisor", 403),
        ("client", 403),
        ("manager", 403),
    ],
)
def test_who_may_open_the_workers_pages(
    client, people: People, period: Period, who: str, status: int
) -> None:
    stop = interrupted(people, period, TODAY)
    client.force_login(getattr(people, who))
    for url in (
        reverse("attendance:interruption", args=[stop.pk]),
        reverse("attendance:interruption_new", args=[period.pk]),
    ):
        assert client.get(url).status_code == status


def test_the_worker_resolves_and_the_place_sees_only_the_shared_reason(
    client, people: People, period: Period
) -> None:
    stop = interrupted(people, period, TODAY)
    client.force_login(people.worker)
    url = reverse("attendance:interruption", args=[stop.pk])
    resume = TODAY + dt.timedelta(days=5)  # Monday 24.3.
    response = client.post(
        url,
        {
            "clarification": "Asiakkaalla on hammashoitoa, ei kerro muille.",
            "outcome": "resumed",
            "resolved_on": f"{resume.day}.{resume.month}.{resume.year}",
            "shared_with_place": "Terveydelliset syyt.",
            "version": str(stop.version),
        },
    )
    assert response.status_code == 302
    stop.refresh_from_db()
    assert stop.outcome == InterruptionOutcome.RESUMED
    assert stop.resolved_by == people.worker
    kinds = cells(period, TODAY, resume)
    assert kinds[TODAY] == CellKind.INTERRUPTED
    assert kinds[resume] == CellKind.EXPECTED  # expected again from the day it resumes
    client.force_login(people.place_supervisor)
    text = client.get(place_url(period)).content.decode()
    assert "Terveydelliset syyt." in text
    assert "hammashoitoa" not in text
    assert "Jakso jatkuu" in text


def test_ending_sets_the_last_day_and_frees_the_days_after_it(
    client, people: People, period: Period
) -> None:
    record_day = weekday_before(1)
    present(people, period, record_day)
    before = participation_days([period])
    stop = interrupted(people, period, TODAY)
    assert len(participation_days([period])) < len(before)  # open: the days after are free
    old_end = period.ends_on
    resolve(people, stop, outcome="ended", resolved_on=TODAY)
    period.refresh_from_db()
    assert period.ends_on == TODAY
    assert period.status == PeriodStatus.PLANNED  # its last day is today: it ends by its date
    event = AuditEvent.objects.filter(what="period ended by interruption").get()
    assert event.changes["ends_on"] == [old_end.isoformat(), TODAY.isoformat()]
    after = participation_days([period])
    assert record_day in after
    assert max(after) < TODAY
    assert len(after) < len(before)
    # The place sees the reason on the last day; from the next day the client is gone.
    client.force_login(people.place_supervisor)
    assert client.get(place_url(period)).status_code == 200
    with clock.frozen(moment(TODAY + dt.timedelta(days=1))):
        assert client.get(place_url(period)).status_code == 404


def test_ending_on_a_past_day_ends_the_period_now(people: People, period: Period) -> None:
    start = weekday_before(1)  # Tuesday 18.3., not recorded
    stop = interrupted(people, period, start)
    resolve(people, stop, outcome="ended", resolved_on=start)
    period.refresh_from_db()
    assert period.ends_on == start
    assert period.status == PeriodStatus.ENDED


def test_refusals_when_reporting(people: People, period: Period) -> None:
    present(people, period, weekday_before(1))
    with pytest.raises(ValidationError) as error:
        interrupted(people, period, weekday_before(1))
    assert codes(error.value) == {"day_has_attendance"}
    with pytest.raises(ValidationError) as error:
        interrupted(people, period, TODAY + dt.timedelta(days=1))
    assert codes(error.value) == {"future"}
    with pytest.raises(ValidationError) as error:
        interrupted(people, period, period.starts_on - dt.timedelta(days=1))
    assert codes(error.value) == {"outside_period"}
    with pytest.raises(ValidationError) as error:
        interruption_report(
            actor=people.worker, period=period, starts_on=TODAY, reason="", initiated_by=""
        )
    assert codes(error.value) == {"required"}
    interrupted(people, period, TODAY)
    with pytest.raises(ValidationError) as error:
        interrupted(people, period, TODAY)
    assert codes(error.value) == {"interruption_open"}


def test_who_may_report_and_resolve(people: People, period: Period) -> None:
    with pytest.raises(PermissionDenied):
        interruption_report(
            actor=client_login(period),
            period=period,
            starts_on=TODAY,
            reason="health",
            initiated_by="client",
        )
    with pytest.raises(PermissionDenied):
        interruption_report(
            actor=people.worker_other_unit,
            period=period,
            starts_on=TODAY,
            reason="health",
            initiated_by="client",
        )
    stop = interruption_report(
        actor=people.worker, period=period, starts_on=TODAY, reason="other", initiated_by="worker"
    )
    with pytest.raises(PermissionDenied):
        interruption_resolve(
            actor=people.place_supervisor,
            interruption=stop,
            version=stop.version,
            clarification="x",
            outcome="resumed",
            resolved_on=TODAY,
            shared_with_place="x",
        )


def test_refusals_when_resolving(people: People, period: Period) -> None:
    stop = interrupted(people, period, TODAY)
    with pytest.raises(ValidationError) as error:
        resolve(people, stop, clarification=" ", shared_with_place="")
    assert codes(error.value) == {"required"}
    with pytest.raises(ValidationError) as error:
        resolve(people, stop, resolved_on=TODAY - dt.timedelta(days=1))
    assert codes(error.value) == {"date_order"}
    with pytest.raises(ValidationError) as error:
        resolve(people, stop, resolved_on=period.ends_on + dt.timedelta(days=1))
    assert codes(error.value) == {"outside_period"}
    resolve(people, stop)
    with pytest.raises(ValidationError) as error:
        resolve(people, stop)
    assert codes(error.value) == {"interruption_closed"}
    # A new interruption may be reported once the first is resolved.
    again = interrupted(people, period, TODAY)
    assert again.pk != stop.pk
    assert again.outcome == ""


def test_the_worker_reports_from_the_period_page(client, people: People, period: Period) -> None:
    client.force_login(people.worker)
    url = reverse("attendance:interruption_new", args=[period.pk])
    response = client.post(
        url,
        {"starts_on": "", "reason": "absences", "initiated_by": "worker"},
    )
    assert response.status_code == 200
    assert not Interruption.objects.exists()
    response = client.post(
        url,
        {
            "starts_on": f"{TODAY.day}.{TODAY.month}.{TODAY.year}",
            "reason": "absences",
            "initiated_by": "worker",
        },
    )
    stop = Interruption.objects.get()
    assert response["Location"] == reverse("attendance:interruption", args=[stop.pk])
    page = client.get(reverse("attendance:period_attendance", args=[period.pk])).content.decode()
    assert "Selvitä ja ratkaise keskeytyminen" in page


def test_an_interruption_replaces_absences_reported_in_advance_and_says_so(
    client, people: People, period: Period
) -> None:
    """A client reported next Monday's absence in advance; the place then reports an
    interruption from today. The advance absence no longer blocks it: it is removed with a
    change event keeping what it said, and the page tells how many were removed."""
    next_monday = TODAY + dt.timedelta(days=5)
    advance = day_record(
        actor=people.place_supervisor,
        entry=DayEntry(
            period=period, day=next_monday, status="absent", reason="other", notice="in_advance"
        ),
    )
    client.force_login(people.place_supervisor)
    response = client.post(
        place_url(period),
        {
            "starts_on": f"{TODAY.day}.{TODAY.month}.{TODAY.year}",
            "reason": "health",
            "initiated_by": "client",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert Interruption.objects.filter(period=period).count() == 1
    assert not type(advance).objects.filter(pk=advance.pk).exists()
    removed = AuditEvent.objects.filter(what="attendance day", record_id=str(advance.pk)).latest(
        "pk"
    )
    assert removed.changes["status"] == ["absent", None]
    assert removed.changes["notice"] == ["in_advance", None]
    shown = [str(message) for message in response.context["messages"]]
    assert any("1 etukäteen ilmoitettu poissaolo" in text for text in shown)
    assert cells(period, TODAY, next_monday)[next_monday] == CellKind.INTERRUPTED


def test_a_recorded_past_or_present_day_still_blocks_an_interruption(
    people: People, period: Period
) -> None:
    present(people, period, TODAY)
    with pytest.raises(ValidationError) as error:
        interruption_report(
            actor=people.worker,
            period=period,
            starts_on=TODAY,
            reason="health",
            initiated_by="client",
        )
    assert codes(error.value) == {"day_has_attendance"}
