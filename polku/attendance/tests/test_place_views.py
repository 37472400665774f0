"""The place portal (SPEC §4, §6): my place today, the week grid, closures; who may use them,
what they show and log, and that a refusal or a conflict loses nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from polku.accounts.models import RoleAssignment
from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, DayStatus, Notice, Source
from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.builders import running_period
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.placements.models import ClosedDay
from tests.factories import PlaceFactory, role_user
from tests.people import People

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2026, 3, 11)  # no holiday near it


@pytest.fixture(autouse=True)
def _a_wednesday() -> Iterator[None]:
    with clock.frozen(timezone.make_aware(dt.datetime.combine(WEDNESDAY, dt.time(9)))):
        yield


@pytest.fixture
def period(people: People):
    return running_period(people, weekdays="123")


@pytest.fixture
def place_client(client: Client, people: People) -> Client:
    client.force_login(people.place_supervisor)
    return client


def today_url(people: People) -> str:
    return reverse("attendance:place_today", args=[people.place.pk])


def record_url(people: People, period) -> str:
    return reverse("attendance:place_day_record", args=[people.place.pk, period.pk])


def week_url(people: People, day: dt.date | None = None) -> str:
    url = reverse("attendance:place_week", args=[people.place.pk])
    return url + (f"?viikko={day.isoformat()}" if day else "")


def client_login(period):
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit)
    person.save(update_fields=["user"])
    return person.user


# --- My place today ------------------------------------------------------------------------


def test_today_lists_the_expected_clients_with_name_and_hours_only(
    place_client: Client, people: People, period
) -> None:
    not_today = running_period(people, weekdays="45")
    response = place_client.get(today_url(people))
    text = response.content.decode()
    assert response.status_code == 200
    assert period.relationship.client.full_name in text
    assert not_today.relationship.client.full_name not in text
    assert "Sovittu 6 h päivässä" in text
    assert "9–15" in text  # the agreed working time of the introductory visit
    assert "keskiviikko 11.3.2026" in text  # today is marked
    assert period.relationship.client.masked_identity_code not in text
    assert reverse("placements:place_clients") in text
    # Each row leads to reporting an interruption of that client's period.
    assert reverse("attendance:place_interruption", args=[period.pk]) in text
    assert reverse("attendance:place_interruption", args=[not_today.pk]) not in text
    event = AuditEvent.objects.filter(what="place day").get()
    assert (event.client_id, event.basis) == (period.relationship.client_id, "place_supervisor")


def test_a_tap_records_present_with_the_period_hours_as_an_htmx_row(
    place_client: Client, people: People, period
) -> None:
    response = place_client.post(
        record_url(people, period),
        {f"p{period.pk}-status": "present", f"p{period.pk}-hours": "5,5"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.lstrip().startswith("<li")
    assert "Läsnä · 5,5 h" in text
    assert 'hx-swap-oob="innerHTML:#today-status"' in text
    record = AttendanceDay.objects.get()
    assert (record.day, record.status, record.hours) == (WEDNESDAY, "present", Decimal("5.5"))
    assert record.reported_via == Source.PLACE


def test_without_javascript_the_row_saves_and_returns_to_the_page(
    place_client: Client, people: People, period
) -> None:
    response = place_client.post(
        record_url(people, period),
        {
            f"p{period.pk}-status": "absent",
            f"p{period.pk}-reason": "own_illness",
            f"p{period.pk}-notice": "not_reported",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#row-{period.pk}")
    record = AttendanceDay.objects.get()
    assert (record.status, record.reason, record.notice) == (
        "absent",
        "own_illness",
        "not_reported",
    )
    page = place_client.get(response["Location"]).content.decode()
    assert "Oma sairaus, ei ilmoitettu" in page


def test_an_absence_without_a_reason_is_refused_and_what_was_typed_stays(
    place_client: Client, people: People, period
) -> None:
    response = place_client.post(
        record_url(people, period),
        {
            f"p{period.pk}-status": "absent",
            f"p{period.pk}-hours": "4",
            f"p{period.pk}-notice": "in_advance",
        },
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert "Valitse poissaolon syy." in text
    assert f'id="id_p{period.pk}-reason_error"' in text
    assert 'value="in_advance" selected' in text
    assert f'name="p{period.pk}-hours" value="4"' in text
    assert AttendanceDay.objects.count() == 0


def test_hours_over_the_daily_maximum_are_refused(
    place_client: Client, people: People, period
) -> None:
    response = place_client.post(
        record_url(people, period),
        {f"p{period.pk}-status": "present", f"p{period.pk}-hours": "9"},
    )
    assert response.status_code == 200
    assert "enintään 8 tuntia" in response.content.decode()
    assert AttendanceDay.objects.count() == 0


def test_a_day_the_client_reported_meanwhile_is_shown_and_not_overwritten(
    place_client: Client, people: People, period
) -> None:
    client_user = client_login(period)
    day_record(
        actor=client_user,
        entry=DayEntry(period=period, day=WEDNESDAY, status="absent", reason="child_illness"),
    )
    # The supervisor's page was opened before: the form carries no version.
    response = place_client.post(
        record_url(people, period),
        {f"p{period.pk}-status": "present", f"p{period.pk}-hours": "5"},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert "Mitään ei kirjoitettu yli" in text
    assert "Lapsen sairaus" in text
    assert "Asiakas ilmoitti" in text
    assert f'name="p{period.pk}-hours" value="5"' in text  # what was typed stays
    record = AttendanceDay.objects.get()
    assert record.status == DayStatus.ABSENT
    assert f'name="p{period.pk}-version" value="{record.version}"' in text
    # Saving again after seeing it is a deliberate correction; the report stays the client's.
    place_client.post(
        record_url(people, period),
        {
            f"p{period.pk}-status": "present",
            f"p{period.pk}-hours": "5",
            f"p{period.pk}-version": str(record.version),
        },
        HTTP_HX_REQUEST="true",
    )
    record.refresh_from_db()
    assert (record.status, record.reported_via, record.recorded_via) == (
        "present",
        Source.CLIENT,
        Source.PLACE,
    )


def test_a_recorded_row_shows_who_reported_and_can_be_changed(
    place_client: Client, people: People, period
) -> None:
    client_user = client_login(period)
    day_record(
        actor=client_user,
        entry=DayEntry(
            period=period, day=WEDNESDAY, status="absent", reason="own_illness", note="Kuumetta"
        ),
    )
    text = place_client.get(today_url(people)).content.decode()
    assert "Asiakas ilmoitti" in text
    assert "Viesti: Kuumetta" in text
    assert "<summary>Muuta" in text


def test_a_supervisor_of_several_places_chooses_the_place(
    client: Client, people: People, period
) -> None:
    client.force_login(people.place_supervisor)
    response = client.get(reverse("attendance:place_today_home"))
    assert response.status_code == 302
    assert response["Location"] == today_url(people)
    other = PlaceFactory.create(name="Toinen paikka", parent=people.organiser)
    RoleAssignment.objects.create(
        user=people.place_supervisor, unit=other, role=Role.PLACE_SUPERVISOR
    )
    response = client.get(reverse("attendance:place_week_home"))
    text = response.content.decode()
    assert response.status_code == 200
    assert reverse("attendance:place_week", args=[other.pk]) in text
    assert week_url(people) in text


# --- Access --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("place_supervisor", 200),
        ("other_place_supervisor", 404),
        ("worker", 403),
        ("worker_other_unit", 403),
        ("client", 403),
        ("manager", 403),
    ],
)
@pytest.mark.parametrize("name", ["place_today", "place_week", "place_close"])
def test_only_the_supervisor_of_the_place_uses_its_pages(
    client: Client, people: People, period, who: str, status: int, name: str
) -> None:
    if who == "other_place_supervisor":
        other = PlaceFactory.create(name="Muu paikka", parent=people.organiser)
        user = role_user(Role.PLACE_SUPERVISOR, other)
    elif who == "client":
        user = client_login(period)
    else:
        user = getattr(people, who)
    client.force_login(user)
    response = client.get(reverse(f"attendance:{name}", args=[people.place.pk]))
    assert response.status_code == status
    if status != 200:
        assert period.relationship.client.last_name not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_place_supervisor", 404), ("worker", 403), ("client", 403), ("manager", 403)],
)
def test_only_the_supervisor_of_the_place_records(
    client: Client, people: People, period, who: str, status: int
) -> None:
    if who == "other_place_supervisor":
        other = PlaceFactory.create(name="Muu paikka", parent=people.organiser)
        user = role_user(Role.PLACE_SUPERVISOR, other)
        client.force_login(user)
        # Neither this place nor this client's period through the other place's address.
        assert (
            client.post(
                reverse("attendance:place_day_record", args=[other.pk, period.pk]),
                {f"p{period.pk}-status": "present"},
            ).status_code
            == 404
        )
    else:
        client.force_login(client_login(period) if who == "client" else getattr(people, who))
    response = client.post(record_url(people, period), {f"p{period.pk}-status": "present"})
    assert response.status_code == status
    response = client.post(week_url(people), {})
    assert response.status_code == status
    assert AttendanceDay.objects.count() == 0


def test_a_period_that_has_not_started_is_not_the_places_yet(
    place_client: Client, people: People
) -> None:
    later = running_period(people, starts_on=WEDNESDAY + dt.timedelta(days=14))
    response = place_client.post(record_url(people, later), {f"p{later.pk}-status": "present"})
    assert response.status_code == 404


# --- The week grid -------------------------------------------------------------------------


def cell(period, day: dt.date) -> str:
    return f"{period.pk}-{day:%Y%m%d}"


def test_the_week_shows_each_days_kind(place_client: Client, people: People, period) -> None:
    monday = WEDNESDAY - dt.timedelta(days=2)
    day_record(
        actor=people.place_supervisor,
        entry=DayEntry(period=period, day=monday, status="present"),
    )
    from polku.attendance.services import place_close

    place_close(
        actor=people.place_supervisor,
        place=people.place,
        first_day=WEDNESDAY + dt.timedelta(days=2),
        last_day=WEDNESDAY + dt.timedelta(days=2),
        reason="Koulutuspäivä",
    )
    text = place_client.get(week_url(people)).content.decode()
    assert "Viikko 11: 9.3.–15.3.2026" in text
    assert "<table" in text
    assert 'scope="row"' in text
    assert 'scope="col"' in text
    assert f'aria-labelledby="r-{period.pk} d-1"' in text
    assert f'name="w-{cell(period, monday)}" value="present"' in text  # recorded
    assert f'name="c-{cell(period, WEDNESDAY)}"' in text  # expected today, editable
    assert "Tänään" in text
    assert "Koulutuspäivä" in text  # the closure, not organised
    assert "Ei asiakkaan päivä" in text  # Thursday is not one of the client's days
    for key in ("<kbd>L</kbd> Läsnä", "<kbd>S</kbd> Oma sairaus", "<kbd>Enter</kbd>"):
        assert key in text
    event = AuditEvent.objects.filter(what="place week").get()
    assert event.basis == "place_supervisor"


def test_the_week_is_saved_in_one_request_and_only_changed_days(
    place_client: Client, people: People, period
) -> None:
    monday = WEDNESDAY - dt.timedelta(days=2)
    tuesday = monday + dt.timedelta(days=1)
    next_monday = monday + dt.timedelta(days=7)
    response = place_client.post(
        week_url(people, monday),
        {
            f"c-{cell(period, monday)}": "present",
            f"w-{cell(period, monday)}": "",
            f"c-{cell(period, tuesday)}": "absent:own_illness:not_reported",
            f"w-{cell(period, tuesday)}": "",
            f"c-{cell(period, WEDNESDAY)}": "",  # unchanged
            f"w-{cell(period, WEDNESDAY)}": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == week_url(people, monday)
    rows = {row.day: row for row in AttendanceDay.objects.all()}
    assert set(rows) == {monday, tuesday}
    assert rows[tuesday].notice == Notice.NOT_REPORTED
    # An absence reported in advance for next week; present is not offered for the future.
    response = place_client.post(
        week_url(people, next_monday),
        {f"c-{cell(period, next_monday)}": "present", f"w-{cell(period, next_monday)}": ""},
    )
    assert response.status_code == 200
    assert "jota paikka ei voi valita" in response.content.decode()
    response = place_client.post(
        week_url(people, next_monday),
        {
            f"c-{cell(period, next_monday)}": "absent:employment:in_advance",
            f"w-{cell(period, next_monday)}": "",
        },
    )
    assert response.status_code == 302
    assert AttendanceDay.objects.get(day=next_monday).notice == Notice.IN_ADVANCE


def test_a_refused_week_saves_nothing_and_keeps_every_change(
    place_client: Client, people: People, period
) -> None:
    monday = WEDNESDAY - dt.timedelta(days=2)
    tuesday = monday + dt.timedelta(days=1)
    record = day_record(
        actor=people.place_supervisor,
        entry=DayEntry(period=period, day=monday, status="present"),
    )
    data = {
        f"c-{cell(period, tuesday)}": "present",
        f"w-{cell(period, tuesday)}": "",
        # A correction of a past day without a reason.
        f"c-{cell(period, monday)}": "absent:other:not_reported",
        f"w-{cell(period, monday)}": "present",
        f"v-{cell(period, monday)}": str(record.version),
    }
    response = place_client.post(week_url(people, monday), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Viikkoa ei tallennettu" in text
    assert "Kerro, miksi päivän 9.3.2026 kirjausta korjataan." in text
    # The refusal names the client as the grid's row does: first name first.
    assert f"{period.relationship.client.full_name}, 9.3.2026: Kerro" in text
    assert '<option value="absent:other:not_reported" selected>' in text
    assert '<option value="present" selected>' in text
    assert AttendanceDay.objects.count() == 1
    data["correction_reason"] = "Merkitty väärälle asiakkaalle"
    response = place_client.post(week_url(people, monday), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.correction_reason) == ("absent", "Merkitty väärälle asiakkaalle")
    assert AttendanceDay.objects.get(day=tuesday).status == "present"


def test_a_day_someone_recorded_meanwhile_is_not_overwritten_by_the_week(
    place_client: Client, people: People, period
) -> None:
    monday = WEDNESDAY - dt.timedelta(days=2)
    day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period,
            day=monday,
            status="absent",
            reason="employment",
            notice="in_advance",
            correction_reason="",
        ),
    )
    response = place_client.post(
        week_url(people, monday),
        {f"c-{cell(period, monday)}": "present", f"w-{cell(period, monday)}": ""},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Mitään ei kirjoitettu yli" in text
    assert "Tallennettu nyt:" in text
    assert AttendanceDay.objects.get().status == "absent"


def test_days_older_than_14_days_are_read_only_for_the_place(
    place_client: Client, people: People, period
) -> None:
    old_monday = WEDNESDAY - dt.timedelta(days=23)  # Monday 16.2.
    text = place_client.get(week_url(people, old_monday)).content.decode()
    assert "vastuutyöntekijä korjaa" in text
    assert f'name="c-{cell(period, old_monday)}"' not in text
    assert f'name="c-{cell(period, old_monday + dt.timedelta(days=9))}"' not in text
    response = place_client.post(
        week_url(people, old_monday),
        {f"c-{cell(period, old_monday)}": "present", f"w-{cell(period, old_monday)}": ""},
    )
    assert response.status_code == 302  # nothing the place may change was sent
    assert AttendanceDay.objects.count() == 0


def test_week_navigation(place_client: Client, people: People, period) -> None:
    text = place_client.get(week_url(people, WEDNESDAY + dt.timedelta(days=7))).content.decode()
    assert f"?viikko={WEDNESDAY - dt.timedelta(days=2):%Y-%m-%d}" in text  # previous
    assert f"?viikko={WEDNESDAY + dt.timedelta(days=12):%Y-%m-%d}" in text  # next
    assert "Tämä viikko" in text
    assert place_client.get(week_url(people) + "?viikko=x").status_code == 200


# --- Closures ------------------------------------------------------------------------------


def test_a_closure_is_marked_for_the_whole_place_and_shown_as_not_organised(
    place_client: Client, people: People, period
) -> None:
    response = place_client.post(
        reverse("attendance:place_close", args=[people.place.pk]),
        {"first_day": "16.3.2026", "last_day": "20.3.2026", "reason": "Remontti"},
    )
    assert response.status_code == 302
    assert ClosedDay.objects.count() == 5
    text = place_client.get(response["Location"]).content.decode()
    assert "5 päivää merkittiin suljetuiksi" in text
    assert "Ei järjestetä" in text
    assert "Remontti" in text
    assert f'name="c-{cell(period, dt.date(2026, 3, 16))}"' not in text


def test_a_closure_over_recorded_days_is_refused_on_the_form(
    place_client: Client, people: People, period
) -> None:
    day_record(
        actor=people.place_supervisor,
        entry=DayEntry(period=period, day=WEDNESDAY, status="present"),
    )
    response = place_client.post(
        reverse("attendance:place_close", args=[people.place.pk]),
        {"first_day": "11.3.2026", "last_day": "13.3.2026", "reason": "Remontti"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "11.3.2026" in text
    assert "Remontti" in text
    assert ClosedDay.objects.count() == 0


def test_every_aria_describedby_of_the_place_pages_points_at_an_element(
    place_client: Client, people: People, period
) -> None:
    from tests.test_aria_describedby import dangling

    refused_row = place_client.post(
        record_url(people, period),
        {f"p{period.pk}-status": "absent", f"p{period.pk}-hours": "x"},
    ).content.decode()
    assert f'id="id_p{period.pk}-hours_error"' in refused_row
    pages = [
        refused_row,
        place_client.get(today_url(people)).content.decode(),
        place_client.get(week_url(people)).content.decode(),
        place_client.post(
            reverse("attendance:place_close", args=[people.place.pk]), {"first_day": "x"}
        ).content.decode(),
    ]
    for html in pages:
        assert dangling(html) == []
    assert all("aria-describedby" in pages[n] for n in (0, 2, 3))


def test_the_grid_keys_and_statuses_are_in_the_viewers_language(
    place_client: Client, people: People, period
) -> None:
    place_client.cookies["polku_language"] = "sv"
    text = place_client.get(week_url(people)).content.decode()
    assert 'data-grid-key="N" data-code="present"' in text
    assert 'data-grid-key="B" data-code="absent:child_illness"' in text
    assert "Spara veckan" in text
    assert "Egen sjukdom, inte anmäld" in text
    text = place_client.get(today_url(people)).content.decode()
    assert 'data-key-present="N" data-key-absent="F"' in text
