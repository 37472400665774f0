"""OmaPolku's attendance (issue 16, SPEC §4, §6): the client reports an absence from their
phone, one day or several, and reads their own days and the participation days left.

The clock is frozen on Wednesday 10.3.2027: the period (Monday, Tuesday, Wednesday, 6 hours)
began on Monday 8.2.2027; Easter Monday 29.3.2027 is a holiday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, DayStatus, Notice, Source
from polku.attendance.selectors import participation_of
from polku.attendance.services import DayEntry, day_record, place_close
from polku.attendance.tests.builders import running_period
from polku.audit.models import AuditEvent, EventKind
from polku.core import clock
from polku.placements.models import Period
from polku.portal import services
from tests.people import People, role_user

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = dt.datetime(2027, 3, 10, 9, 30, tzinfo=HELSINKI)
TODAY = dt.date(2027, 3, 10)  # a Wednesday
THURSDAY = dt.date(2027, 3, 11)
NEXT_MONDAY = dt.date(2027, 3, 15)
NEXT_FRIDAY = dt.date(2027, 3, 19)
EASTER_MONDAY = dt.date(2027, 3, 29)
REPORT = "portal:absence_report"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(NOW):
        yield


@pytest.fixture
def period(people: People) -> Period:
    return running_period(people, starts_on=dt.date(2027, 2, 8), weekdays="123")


@pytest.fixture
def me(period: Period) -> User:
    """The period's client, with an OmaPolku login."""
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit)
    person.save(update_fields=["user"])
    return person.user


def codes(error: ValidationError) -> set[str | None]:
    return {e.code for errors in error.error_dict.values() for e in errors}


def post(client, **data: str):
    return client.post(reverse(REPORT), {"reason": "own_illness", "note": "", **data})


def test_the_client_reports_a_coming_day_and_the_place_sees_it(
    client, people: People, period: Period, me: User
) -> None:
    client.force_login(me)
    form = client.get(reverse(REPORT))
    assert form.status_code == 200
    assert "Toimintakeskus Testi" in form.text  # where their days are
    assert "maanantai, tiistai, keskiviikko" in form.text
    response = post(client, first_day="15.3.2027", reason="employment", note="Työhaastattelu")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:client_start")
    record = AttendanceDay.objects.get()
    assert (record.day, record.status, record.reason) == (NEXT_MONDAY, "absent", "employment")
    assert record.notice == Notice.IN_ADVANCE
    assert record.note == "Työhaastattelu"
    assert record.reported_via == record.recorded_via == Source.CLIENT
    assert record.reported_by == me
    event = AuditEvent.objects.filter(kind=EventKind.CHANGE, what="attendance day").get()
    assert event.actor_id == me.pk
    assert event.client_id == period.relationship.client_id
    start = client.get(reverse("portal:client_start")).text
    assert "15.3.2027" in start
    assert "Sinut on merkitty poissaolevaksi näinä päivinä:" in start
    # The place's supervisor finds it as the day's record: a second mark is not silently
    # written over it.
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(
                period=period, day=NEXT_MONDAY, status="absent", reason="other", notice="in_advance"
            ),
        )
    assert {e.code for e in error.value.error_list} == {"already_recorded"}


def test_today_is_reported_on_the_day(client, period: Period, me: User) -> None:
    client.force_login(me)
    assert post(client, first_day="10.3.2027").status_code == 302
    assert AttendanceDay.objects.get().notice == Notice.ON_THE_DAY


def test_a_range_records_each_of_the_clients_days_in_one_go(
    client, period: Period, me: User
) -> None:
    """Monday to Friday next week: the client's Monday, Tuesday and Wednesday, one record a
    day; Thursday and Friday are not their days and are passed over."""
    client.force_login(me)
    response = post(client, first_day="15.3.2027", last_day="19.3.2027", note="Flunssa")
    assert response.status_code == 302
    days = list(AttendanceDay.objects.values_list("day", "reason", "reported_via"))
    assert days == [
        (NEXT_MONDAY + dt.timedelta(days=n), "own_illness", Source.CLIENT) for n in range(3)
    ]
    assert AuditEvent.objects.filter(what="attendance day").count() == 3
    page = client.get(reverse("portal:client_start")).text
    assert "15.3.2027, 16.3.2027, 17.3.2027" in page  # the thanks names the days


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first_day": "9.3.2027"}, "Voit ilmoittaa tämän päivän tai myöhemmän päivän."),
        ({"first_day": "11.3.2027"}, "11.3.2027 ei ole sinun työtoimintapäiväsi."),
        (
            {"first_day": "29.3.2027"},
            "Päivänä 29.3.2027 ei ole työtoimintaa (toinen pääsiäispäivä).",
        ),
        (
            {"first_day": "1.12.2027"},
            "1.12.2027 ei ole työtoimintajaksollasi. Jaksosi: 8.2.2027–7.8.2027.",
        ),
        (
            {"first_day": "30.11.2027", "last_day": "3.12.2027"},
            "30.11.2027 ei ole työtoimintajaksollasi. Jaksosi: 8.2.2027–7.8.2027.",
        ),
        ({"first_day": "19.3.2027", "last_day": "15.3.2027"}, "Viimeinen päivä on ennen"),
        ({"first_day": "15.3.2027", "reason": ""}, "Valitse syy."),
        ({"first_day": ""}, "Valitse päivä."),
        ({"first_day": "11.3.2027", "last_day": "12.3.2027"}, "11.3.2027 ja 12.3.2027"),
    ],
    ids=[
        "past",
        "not-my-day",
        "holiday",
        "after-the-period",
        "range-after-the-period",
        "order",
        "no-reason",
        "no-day",
        "none-in-range",
    ],
)
def test_a_refusal_is_in_plain_words_and_keeps_what_was_typed(
    client, period: Period, me: User, data: dict[str, str], message: str
) -> None:
    client.force_login(me)
    response = post(client, note="Menen lääkäriin kello 10.", **data)
    assert response.status_code == 200
    assert message in response.text
    assert "Menen lääkäriin kello 10." in response.text  # nothing typed is lost
    assert not AttendanceDay.objects.exists()


def test_an_empty_form_names_both_the_day_and_the_reason(client, period: Period, me: User) -> None:
    client.force_login(me)
    response = post(client, first_day="", reason="")
    assert response.status_code == 200
    assert "Valitse päivä." in response.text
    assert "Valitse syy." in response.text
    assert not AttendanceDay.objects.exists()


def test_the_error_summary_puts_no_colon_after_a_question(client, period: Period, me: User) -> None:
    """The summary joins the field's label and the error: "Minä päivänä olet poissa?: Valitse
    päivä." read badly; a label ending in a question mark or a full stop gets a space."""
    client.force_login(me)
    summary = post(client, first_day="", reason="").text
    assert "Minä päivänä olet poissa? Valitse päivä." in summary
    assert "?:" not in summary
    summary = post(client, first_day="15.3.2027", last_day="12.3.2027").text
    assert "Viimeinen päivä, jos olet poissa monta päivää: Viimeinen päivä" in summary


def test_a_closed_day_is_refused_with_the_places_reason(
    client, people: People, period: Period, me: User
) -> None:
    place_close(
        actor=people.place_supervisor,
        place=period.place,
        first_day=dt.date(2027, 3, 16),
        last_day=dt.date(2027, 3, 16),
        reason="Koulutuspäivä",
    )
    client.force_login(me)
    response = post(client, first_day="16.3.2027")
    assert "Päivänä 16.3.2027 ei ole työtoimintaa (Koulutuspäivä)." in response.text
    # In a range, the closed day is passed over.
    assert post(client, first_day="15.3.2027", last_day="17.3.2027").status_code == 302
    assert list(AttendanceDay.objects.values_list("day", flat=True)) == [
        NEXT_MONDAY,
        dt.date(2027, 3, 17),
    ]


def test_a_range_over_a_day_already_marked_marks_the_free_days_and_names_it(
    client, people: People, period: Period, me: User
) -> None:
    """A user test: a range with one day already marked was refused as a whole. The free
    days are marked now; the marked day is left as it was and named apart from the thanks."""
    supervisor = people.place_supervisor
    day_record(actor=supervisor, entry=DayEntry(period=period, day=TODAY, status="present"))
    client.force_login(me)
    response = post(client, first_day="10.3.2027", last_day="16.3.2027", note="Flunssa")
    assert response.status_code == 302
    records = {row.day: row for row in AttendanceDay.objects.all()}
    assert sorted(records) == [TODAY, NEXT_MONDAY, dt.date(2027, 3, 16)]
    kept = records[TODAY]
    assert (kept.status, kept.recorded_by, kept.version) == ("present", supervisor, 1)
    assert records[NEXT_MONDAY].reported_via == Source.CLIENT
    start = client.get(reverse("portal:client_start")).text
    assert "Kiitos. Poissaolosi on merkitty: 15.3.2027, 16.3.2027." in start
    place = period.place.name
    assert (
        '<p class="message message--warning">Nämä päivät oli jo merkitty, joten niitä ei '
        f"muutettu: 10.3.2027 ({place}). Jos jokin on väärin, kerro siitä "
        "työtoimintapaikkaan tai omalle työntekijällesi.</p>"
    ) in start
    # Nothing is written over: the day the place marked has no change event from the client.
    changes = AuditEvent.objects.filter(kind=EventKind.CHANGE, actor_id=me.pk)
    assert sorted(event.record_id for event in changes) == sorted(
        str(records[day].pk) for day in (NEXT_MONDAY, dt.date(2027, 3, 16))
    )


def test_a_range_of_days_all_marked_is_refused_naming_them(
    client, people: People, period: Period, me: User
) -> None:
    for day in (TODAY, NEXT_MONDAY):
        with clock.frozen(dt.datetime(2027, 3, 10, 9, 30, tzinfo=HELSINKI)):
            day_record(
                actor=people.worker,
                entry=DayEntry(
                    period=period,
                    day=day,
                    status="absent",
                    reason="own_illness",
                    notice=Notice.IN_ADVANCE,
                ),
            )
    client.force_login(me)
    one = post(client, first_day="10.3.2027", note="Kuume")
    assert one.status_code == 200
    assert "10.3.2027 on jo merkitty." in one.text
    assert "Kuume" in one.text  # nothing typed is lost
    both = post(client, first_day="10.3.2027", last_day="15.3.2027")
    assert both.status_code == 200
    assert "Nämä päivät on jo merkitty: 10.3.2027, 15.3.2027." in both.text
    assert AttendanceDay.objects.count() == 2
    client.cookies["polku_language"] = "sv"
    swedish = post(client, first_day="10.3.2027", last_day="15.3.2027")
    assert "De här dagarna är redan antecknade: 10.3.2027, 15.3.2027." in swedish.text


def test_a_childs_illness_over_four_days_is_refused_all_or_nothing(
    client, period: Period, me: User
) -> None:
    client.force_login(me)
    assert post(client, first_day="15.3.2027", reason="child_illness").status_code == 302
    response = post(client, first_day="16.3.2027", last_day="23.3.2027", reason="child_illness")
    assert response.status_code == 200
    assert "enintään 4 päivää peräkkäin" in response.text
    assert AttendanceDay.objects.count() == 1


def test_a_range_of_more_than_a_month_is_refused(client, period: Period, me: User) -> None:
    client.force_login(me)
    response = post(client, first_day="15.3.2027", last_day="30.4.2027")
    assert "enintään 31 päivää kerralla" in response.text


def test_only_the_client_themself_reports_here(people: People, period: Period, me: User) -> None:
    person = period.relationship.client
    for actor in (people.worker, people.place_supervisor, people.client):
        with pytest.raises(PermissionDenied):
            services.absence_report(
                actor=actor, client=person, first_day=NEXT_MONDAY, reason="own_illness"
            )
    assert not AttendanceDay.objects.exists()


def test_a_client_without_a_period_reports_nothing(client, people: People) -> None:
    client.force_login(people.client)
    page = client.get(reverse(REPORT)).text
    assert "Sinulla ei ole nyt työtoimintapäiviä" in page
    response = post(client, first_day="15.3.2027")
    assert response.status_code == 200
    assert "Sinulla ei ole nyt työtoimintapäiviä" in response.text
    assert not AttendanceDay.objects.exists()


def test_the_form_read_is_logged(client, period: Period, me: User) -> None:
    client.force_login(me)
    client.get(reverse(REPORT))
    event = AuditEvent.objects.filter(kind=EventKind.ACCESS, what="OmaPolku absence report").get()
    assert event.actor_id == me.pk
    assert event.client_id == period.relationship.client_id


def test_the_days_hint_gives_one_example_in_the_format_asked(
    client, period: Period, me: User
) -> None:
    """The hint once said "For example 9.3.2026." and then the date fields' own "In the format
    d.m.yyyy, for example 24.3.2026.": two examples, the first a past day."""
    client.force_login(me)
    for language, hint in (
        ("fi", "Tänään tai myöhemmin. Muodossa p.k.vvvv, esimerkiksi 24.3.2026."),
        ("sv", "I dag eller senare. I formen d.m.åååå, till exempel 24.3.2026."),
    ):
        client.cookies["polku_language"] = language
        form = client.get(reverse(REPORT)).text
        assert hint in form
        assert "9.3.2026" not in form


def test_the_form_gives_each_periods_dates_with_its_days(client, period: Period, me: User) -> None:
    """Two periods at one place read "Your days at X: Mon, Tue." twice, with nothing to tell
    them apart."""
    client.force_login(me)
    start, end = period.starts_on, period.ends_on
    dates = f"{start.day}.{start.month}.{start.year}–{end.day}.{end.month}.{end.year}"
    for language, text in (
        ("fi", f"Sinun päiväsi paikassa {period.place.name} {dates}: maanantai, tiistai"),
        ("sv", f"Dina dagar på {period.place.name} {dates}: måndag, tisdag"),
    ):
        client.cookies["polku_language"] = language
        assert text in client.get(reverse(REPORT)).text


# --- My days ---------------------------------------------------------------------------------


def test_my_days_show_this_month_the_last_a_link_away_and_the_days_left(
    client, people: People, period: Period, me: User
) -> None:
    supervisor = people.place_supervisor
    with clock.frozen(dt.datetime(2027, 2, 8, 15, tzinfo=HELSINKI)):
        day_record(
            actor=supervisor,
            entry=DayEntry(period=period, day=dt.date(2027, 2, 8), status="present"),
        )
    with clock.frozen(dt.datetime(2027, 3, 2, 15, tzinfo=HELSINKI)):
        day_record(
            actor=supervisor,
            entry=DayEntry(
                period=period, day=dt.date(2027, 3, 1), status="present", hours=Decimal("4.5")
            ),
        )
        day_record(
            actor=supervisor,
            entry=DayEntry(
                period=period,
                day=dt.date(2027, 3, 2),
                status="absent",
                reason="own_illness",
                notice="on_the_day",
            ),
        )
    place_close(
        actor=supervisor,
        place=period.place,
        first_day=dt.date(2027, 3, 3),
        last_day=dt.date(2027, 3, 3),
        reason="Koulutuspäivä",
    )
    day_record(
        actor=me,
        entry=DayEntry(period=period, day=NEXT_MONDAY, status="absent", reason="employment"),
    )
    client.force_login(me)
    response = client.get(reverse("portal:my_attendance"))
    assert response.status_code == 200
    page = response.text
    assert "Maaliskuu 2027" in page
    assert "ma 8.2.2027" not in page  # February is a month back
    assert '<a href="?kk=2027-02" rel="prev">Edellinen kuukausi: helmikuu 2027</a>' in page
    february = client.get(reverse("portal:my_attendance"), {"kk": "2027-02"}).text
    assert "Helmikuu 2027" in february
    assert "ma 8.2.2027" in february
    assert "Olit paikalla. Tunteja: 6." in february
    assert "Olit paikalla. Tunteja: 4,5." in page
    assert "Olit poissa: Sairaus." in page
    assert "Ei työtoimintaa: Koulutuspäivä." in page
    # The absence the client told for next Monday: still to come, so not "you were away"
    # and not among the month's days away (the illness of 2.3. is the one).
    assert "Kerroit, että olet poissa: Työhaastattelu tai muu työasia." in page
    assert "<dt>Päivät poissa</dt><dd>1</dd>" in page
    assert "Ei vielä merkitty." in page  # a past day of the schedule nobody marked
    assert "Tuleva päivä." in page  # the coming days of the next week
    # Today, one of their days not marked yet, is today, not a coming day.
    assert "<strong>ke 10.3.2027</strong>:\n            Tänään on työtoimintapäiväsi." in page
    assert "22.3.2027" not in page  # the coming days of the next week only
    assert "to 11.3.2027" not in page  # not one of their days
    # The 178-day rule as the worker's period page counts it (one function,
    # ``participation_of``): the days present, the past days of the schedule not marked and
    # the planned days to come, in the 12 months that hold the most of them.
    left = participation_of(period.relationship.client_id, today=TODAY)
    assert left.remaining == left.limit - left.count
    assert f'<p class="lead"><strong>{left.remaining}</strong></p>' in page
    events = AuditEvent.objects.filter(kind=EventKind.ACCESS, what="own attendance")
    assert [event.client_id for event in events] == [period.relationship.client_id] * 2


def test_my_days_show_only_my_own(client, people: People, period: Period, me: User) -> None:
    other = running_period(people, starts_on=dt.date(2027, 2, 8), weekdays="123")
    day_record(
        actor=people.place_supervisor,
        entry=DayEntry(
            period=other, day=TODAY, status="absent", reason="other", notice="not_reported"
        ),
    )
    client.force_login(me)
    page = client.get(reverse("portal:my_attendance")).text
    assert "Olit poissa" not in page
    assert other.relationship.client.last_name not in page


def test_my_days_cost_the_same_queries_with_more_days(
    client, people: People, period: Period, me: User, django_assert_max_num_queries
) -> None:
    client.force_login(me)
    client.get(reverse("portal:my_attendance"))
    for day in (dt.date(2027, 3, 1), dt.date(2027, 3, 2), dt.date(2027, 3, 8)):
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(period=period, day=day, status="present"),
        )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portal:my_attendance"))
    running_period(people, starts_on=dt.date(2027, 2, 8), weekdays="123")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("portal:my_attendance"))


def test_a_client_without_periods_sees_no_days(client, people: People) -> None:
    client.force_login(people.client)
    page = client.get(reverse("portal:my_attendance")).text
    assert "Sinulla ei ole työtoimintapäiviä." in page
    assert "Edellinen kuukausi" not in page
    assert "Seuraava kuukausi" not in page
    assert '<h2 id="left">Päiviä jäljellä</h2>\n  <p class="lead"><strong>178</strong></p>' in page


def test_the_status_of_a_period_day_stays_the_clients_report_after_a_correction(
    client, people: People, period: Period, me: User
) -> None:
    record = services.absence_report(
        actor=me, client=period.relationship.client, first_day=TODAY, reason="own_illness"
    ).days[0]
    day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period,
            day=TODAY,
            status="absent",
            reason="own_illness",
            notice="on_the_day",
            certificate_on=TODAY,
            version=record.version,
        ),
    )
    record.refresh_from_db()
    assert record.status == DayStatus.ABSENT
    assert record.reported_via == Source.CLIENT
    client.force_login(me)
    assert "Kerroit itse." in client.get(reverse("portal:my_attendance")).text


def test_the_pages_speak_plain_swedish(client, period: Period, me: User) -> None:
    client.force_login(me)
    client.cookies["polku_language"] = "sv"
    form = client.get(reverse(REPORT)).text
    assert "Anmäl frånvaro" in form
    assert "Sjukdom" in form
    assert "måndag, tisdag, onsdag" in form
    refused = post(client, first_day="11.3.2027").text
    assert "11.3.2027 är inte en av dina dagar i arbetsverksamheten." in refused
    after = post(
        client, first_day="1.12.2027", note="Jag går till läkaren."
    ).text  # after the period
    assert "1.12.2027 är inte under din period i arbetsverksamheten." in after
    assert "Din period: 8.2.2027–7.8.2027." in after
    assert "Jag går till läkaren." in after
    days = client.get(reverse("portal:my_attendance")).text
    assert "Dina dagar" in days
    assert "Dagar kvar" in days


def test_the_place_and_the_worker_see_the_report_at_once(
    client, people: People, period: Period, me: User
) -> None:
    """The client's report is the day's record: the place's day shows it as the client's with
    the message, and so does the responsible worker's page of the period."""
    client.force_login(me)
    post(client, first_day="10.3.2027", note="Kuumetta, menen lääkäriin.")
    client.force_login(people.place_supervisor)
    day = client.get(reverse("attendance:place_today", args=[period.place_id])).text
    assert "Asiakas ilmoitti" in day
    assert "Kuumetta, menen lääkäriin." in day
    client.force_login(people.worker)
    page = client.get(reverse("attendance:period_attendance", args=[period.pk])).text
    assert "Oma sairaus" in page
    assert f"<td>Asiakas ({me.get_full_name()})</td>" in page
    assert "Kuumetta, menen lääkäriin." in page


# --- My days, month by month -------------------------------------------------------------------

MY_DAYS = "portal:my_attendance"


def months_between(first: dt.date, last: dt.date) -> list[str]:
    result = []
    month = first.replace(day=1)
    while month <= last:
        result.append(f"{month:%Y-%m}")
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return result


def test_the_client_moves_month_by_month_over_the_whole_period(
    client, period: Period, me: User
) -> None:
    """A user test: only this and last month could be seen. The links go from the period's
    first month to its last and no further; the page says the dates in d.m.yyyy."""
    client.force_login(me)
    page = client.get(reverse(MY_DAYS)).text
    first, last = period.starts_on, period.ends_on
    assert (
        f"Voit katsoa päiviäsi ajalta {first.day}.{first.month}.{first.year}–"
        f"{last.day}.{last.month}.{last.year} kuukausi kerrallaan." in page
    )
    assert 'Maaliskuu 2027 <span class="tag">Tämä kuukausi</span>' in page
    # Backwards to the first month, then forwards to the last, by the links only.
    seen = ["2027-03"]
    while 'rel="prev"' in page:
        month = page.split('<a href="?kk=')[1].split('"')[0]
        seen.insert(0, month)
        page = client.get(reverse(MY_DAYS), {"kk": month}).text
    assert seen[0] == "2027-02"
    assert "Edellinen kuukausi" not in page
    assert "Seuraava kuukausi: maaliskuu 2027" in page
    seen = [seen[0]]
    while 'rel="next"' in page:
        month = page.split('rel="next"')[0].rsplit('<a href="?kk=', 1)[1].split('"')[0]
        seen.append(month)
        page = client.get(reverse(MY_DAYS), {"kk": month}).text
    assert seen == months_between(first, last)
    assert "Seuraava kuukausi" not in page
    assert "Tämä kuukausi" not in page


def test_a_month_still_to_come_lists_all_its_days(client, period: Period, me: User) -> None:
    """This month lists the coming days of the next week only; a later month lists each of
    its days, with a holiday and an absence told in advance."""
    day_record(
        actor=me,
        entry=DayEntry(period=period, day=dt.date(2027, 4, 20), status="absent", reason="other"),
    )
    client.force_login(me)
    assert "ma 22.3.2027" not in client.get(reverse(MY_DAYS)).text
    march = client.get(reverse(MY_DAYS), {"kk": "2027-03"}).text
    assert "ma 29.3.2027</strong>:\n            Ei työtoimintaa: toinen pääsiäispäivä." in march
    april = client.get(reverse(MY_DAYS), {"kk": "2027-04"}).text
    assert "<strong>ma 5.4.2027</strong>:\n            Tuleva päivä." in april
    assert "<strong>ke 28.4.2027</strong>:\n            Tuleva päivä." in april
    assert "<strong>ti 20.4.2027</strong>:\n            Kerroit, että olet poissa" in april
    assert "to 8.4.2027" not in april  # not one of their days
    assert "<dt>Päivät poissa</dt><dd>0</dd>" in april


def test_a_month_that_cannot_be_shown_says_so_plainly(
    client, people: People, period: Period, me: User
) -> None:
    client.force_login(me)
    for asked in ("huhtikuu", "2027-13", "2027-3", "2026-12", "2030-01", "2027-03-01"):
        response = client.get(reverse(MY_DAYS), {"kk": asked})
        assert response.status_code == 200, asked
        assert "Sitä kuukautta ei voi näyttää. Tässä on maaliskuu 2027." in response.text, asked
        assert "Maaliskuu 2027" in response.text
    for fine in ("2027-02", ""):
        page = client.get(reverse(MY_DAYS), {"kk": fine}).text
        assert "Sitä kuukautta ei voi näyttää" not in page, fine
    # A staff user gets no client's days, whatever month is asked.
    client.force_login(people.worker)
    assert client.get(reverse(MY_DAYS), {"kk": "2027-02"}).status_code == 403


def test_after_the_period_the_client_lands_on_its_last_month(
    client, period: Period, me: User
) -> None:
    end = period.ends_on
    client.force_login(me)
    with clock.frozen(dt.datetime(end.year + 1, 1, 15, 9, tzinfo=HELSINKI)):
        page = client.get(reverse(MY_DAYS)).text
    assert f"{end:%Y-%m}" not in page  # no link to the month shown
    assert "Seuraava kuukausi" not in page
    assert "Edellinen kuukausi" in page
    assert "Sitä kuukautta ei voi näyttää" not in page


def test_the_months_speak_swedish(client, period: Period, me: User) -> None:
    client.force_login(me)
    client.cookies["polku_language"] = "sv"
    page = client.get(reverse(MY_DAYS)).text
    assert '<a href="?kk=2027-02" rel="prev">Föregående månad: februari 2027</a>' in page
    assert '<a href="?kk=2027-04" rel="next">Nästa månad: april 2027</a>' in page
    assert "Du kan se dina dagar från 8.2.2027 till" in page
    refused = client.get(reverse(MY_DAYS), {"kk": "x"}).text
    assert "Den månaden kan inte visas. Här är mars 2027." in refused
