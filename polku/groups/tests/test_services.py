"""Groups, sessions, enrolments and session attendance: the rules of the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from polku.attendance.models import AbsenceReason, Notice
from polku.attendance.selectors.worker import participation_of
from polku.attendance.tests.builders import monday_of, running_period
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.core.errors import CommonError
from polku.core.models import StatutoryValue
from polku.groups import services
from polku.groups.errors import GroupError
from polku.groups.events import GroupEvent
from polku.groups.models import Enrolment, GroupKind, LegalStatus, SessionStatus
from polku.groups.selectors import group_page
from polku.groups.services import MarkEntry
from polku.groups.tests.builders import a_group, a_session, enrol, first_meeting
from tests.builders import signed_plan
from tests.people import People

pytestmark = pytest.mark.django_db


def codes(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    value = error.value
    items = (
        [i for items in value.error_dict.values() for i in items]
        if hasattr(value, "error_dict")
        else value.error_list
    )
    return {str(i.code) for i in items}


def test_a_group_is_created_and_audited(people: People) -> None:
    group = a_group(people)
    assert list(group.instructors.all()) == [people.place_supervisor]
    event = AuditEvent.objects.get(what=GroupEvent.GROUP.value, record_id=str(group.pk))
    assert event.changes["name"] == [None, "ATK-kurssi 1"]


def test_a_double_submit_makes_no_second_group(people: People) -> None:
    group = a_group(people)
    with pytest.raises(ValidationError) as error:
        services.group_create(
            actor=people.worker,
            name=group.name,
            kind=group.kind,
            organiser=group.organiser,
            weekdays=group.weekdays,
            starts_at=group.starts_at,
            ends_at=group.ends_at,
            capacity=group.capacity,
            starts_on=group.starts_on,
            ends_on=group.ends_on,
        )
    assert codes(error) == {CommonError.DUPLICATE}


def test_a_group_ending_before_it_starts_is_refused(people: People) -> None:
    today = clock.today()
    with pytest.raises(ValidationError) as error:
        a_group(people, starts_on=today, ends_on=today - dt.timedelta(days=1))
    assert codes(error) == {GroupError.ENDS_BEFORE_START}


def test_only_a_worker_of_the_unit_organises_a_group(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        services.group_create(
            actor=people.worker_other_unit,
            name="Ryhmä",
            kind=GroupKind.LOW_THRESHOLD,
            organiser=people.unit,
            weekdays="1",
            starts_at=dt.time(9),
            ends_at=dt.time(12),
            capacity=5,
            starts_on=clock.today(),
            ends_on=clock.today(),
        )
    assert codes(error) == {GroupError.NOT_ORGANISER_WORKER}
    with pytest.raises(PermissionDenied):
        services.group_create(
            actor=people.place_supervisor,
            name="Ryhmä",
            kind=GroupKind.LOW_THRESHOLD,
            organiser=people.place,
            weekdays="1",
            starts_at=dt.time(9),
            ends_at=dt.time(12),
            capacity=5,
            starts_on=clock.today(),
            ends_on=clock.today(),
        )


def test_a_session_outside_the_groups_dates_is_refused(people: People) -> None:
    group = a_group(people, weekdays="1234567")
    with pytest.raises(ValidationError) as error:
        a_session(people, group, group.ends_on + dt.timedelta(days=1))
    assert codes(error) == {GroupError.SESSION_OUTSIDE_GROUP}
    with pytest.raises(ValidationError) as error:
        a_session(people, group, group.starts_on - dt.timedelta(days=1))
    assert codes(error) == {GroupError.SESSION_OUTSIDE_GROUP}
    session = a_session(people, group, group.starts_on)
    assert session.theme == "Tekstinkäsittely"
    with pytest.raises(ValidationError) as error:
        a_session(people, group, group.starts_on)  # the same time again
    assert codes(error) == {CommonError.DUPLICATE}


def test_a_session_on_a_day_the_group_does_not_meet_is_refused(people: People) -> None:
    """A Monday and Wednesday group: a Tuesday or a Saturday is refused, naming the group's
    weekdays; with no theme and an end before the start too, every refusal at once."""
    group = a_group(people, weekdays="13")
    monday = first_meeting(group)
    for day in (monday + dt.timedelta(days=1), monday + dt.timedelta(days=5)):
        with pytest.raises(ValidationError) as error:
            a_session(people, group, day)
        assert codes(error) == {GroupError.NOT_A_GROUP_WEEKDAY}
        assert "maanantai, keskiviikko" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.session_add(
            actor=people.worker,
            group=group,
            day=monday + dt.timedelta(days=1),
            starts_at=dt.time(12),
            ends_at=dt.time(10),
            theme=" ",
        )
    assert set(error.value.error_dict) == {"day", "ends_at", "theme"}
    assert not group.sessions.exists()
    assert a_session(people, group, monday + dt.timedelta(days=2)).day.isoweekday() == 3


def test_a_stranger_adds_no_session(people: People) -> None:
    group = a_group(people)
    with pytest.raises(PermissionDenied):
        services.session_add(
            actor=people.worker_other_unit,
            group=group,
            day=group.starts_on,
            starts_at=dt.time(9),
            ends_at=dt.time(10),
            theme="X",
        )


def test_enrolment_beyond_capacity_is_refused(people: People) -> None:
    group = a_group(people, capacity=2)
    enrol(people, group)
    enrol(people, group)
    with pytest.raises(ValidationError) as error:
        enrol(people, group)
    assert codes(error) == {GroupError.CAPACITY_FULL}
    assert Enrolment.objects.filter(group=group).count() == 2


def test_double_enrolment_is_refused_by_the_service_and_the_database(people: People) -> None:
    group = a_group(people)
    first = enrol(people, group, people.relationship)
    with pytest.raises(ValidationError) as error:
        enrol(people, group, people.relationship)
    assert codes(error) == {GroupError.ALREADY_ENROLLED}
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            group=group,
            client=first.client,
            relationship=first.relationship,
            status=LegalStatus.OTHER_SERVICE,
            other_service="X",
            responsible_worker=people.worker,
            agreed_on=first.agreed_on,
            agreement="X",
            starts_on=first.starts_on,
        )


def test_kuty_status_needs_a_kuty_group_and_a_signed_plan(people: People) -> None:
    low = a_group(people, kind=GroupKind.LOW_THRESHOLD)
    plan = signed_plan(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError) as error:
        enrol(people, low, plan.relationship, status=LegalStatus.KUTY)
    assert codes(error) == {GroupError.KUTY_NOT_IN_GROUP}
    kuty = a_group(people)
    with pytest.raises(ValidationError) as error:
        enrol(people, kuty, people.relationship, status=LegalStatus.KUTY)
    assert codes(error) == {GroupError.PLAN_NEEDED}
    enrolment = enrol(people, kuty, plan.relationship, status=LegalStatus.KUTY)
    assert enrolment.plan == plan
    assert enrolment.responsible_worker == people.worker


def test_only_the_caseworker_enrols_a_client(people: People) -> None:
    group = a_group(people)
    with pytest.raises(PermissionDenied):
        enrol(people, group, people.relationship, actor=people.worker_other_unit)


def test_an_agreement_in_the_future_is_refused(people: People) -> None:
    group = a_group(people)
    with pytest.raises(ValidationError) as error:
        services.enrolment_add(
            actor=people.worker,
            group=group,
            relationship=people.relationship,
            status=LegalStatus.OTHER_SERVICE,
            other_service="Sosiaalinen kuntoutus",
            agreed_on=clock.today() + dt.timedelta(days=1),
            agreement="X",
            starts_on=clock.today(),
        )
    assert codes(error) == {CommonError.FUTURE}


def test_an_enrolment_names_every_refusal_at_once(people: People) -> None:
    """Kuty without a plan, an agreement in the future and a start outside the group's dates:
    three refusals together; another service not named and a start outside: two."""
    group = a_group(people)
    before = group.starts_on - dt.timedelta(days=7)
    with pytest.raises(ValidationError) as error:
        services.enrolment_add(
            actor=people.worker,
            group=group,
            relationship=people.relationship,
            status=LegalStatus.KUTY,
            agreed_on=clock.today() + dt.timedelta(days=1),
            agreement="Kerran viikossa",
            starts_on=before,
        )
    assert codes(error) == {
        GroupError.PLAN_NEEDED,
        CommonError.FUTURE,
        GroupError.ENROLMENT_OUTSIDE_GROUP,
    }
    assert set(error.value.error_dict) == {"status", "agreed_on", "starts_on"}
    with pytest.raises(ValidationError) as error:
        services.enrolment_add(
            actor=people.worker,
            group=group,
            relationship=people.relationship,
            status=LegalStatus.OTHER_SERVICE,
            other_service=" ",
            agreed_on=clock.today(),
            agreement="Kerran viikossa",
            starts_on=before,
        )
    assert codes(error) == {CommonError.REQUIRED, GroupError.ENROLMENT_OUTSIDE_GROUP}
    assert set(error.value.error_dict) == {"other_service", "starts_on"}
    assert not Enrolment.objects.filter(group=group).exists()


def _past_thursday() -> dt.date:
    return monday_of(clock.today()) - dt.timedelta(days=11)  # Thursday two weeks ago


def test_session_attendance_and_compensation(people: People) -> None:
    group = a_group(people)
    plan = signed_plan(worker=people.worker, unit=people.unit)
    kuty = enrol(people, group, plan.relationship, status=LegalStatus.KUTY)
    other = enrol(people, group)
    thursday = _past_thursday()
    first = a_session(people, group, thursday)
    second = a_session(people, group, thursday + dt.timedelta(days=7), theme="Sähköposti")
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=first,
        entries=[
            MarkEntry(kuty, SessionStatus.PRESENT),
            MarkEntry(other, SessionStatus.PRESENT, hours=Decimal(2)),
        ],
    )
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=second,
        entries=[
            MarkEntry(
                kuty,
                SessionStatus.ABSENT,
                reason=AbsenceReason.OWN_ILLNESS,
                notice=Notice.ON_THE_DAY,
            ),
            MarkEntry(other, SessionStatus.PRESENT),
        ],
    )
    page = group_page(viewer=people.worker, group=group)
    figures = {row.enrolment.pk: row.figures for row in page.rows}
    mine = figures[kuty.pk]
    assert (mine.present, mine.hours, mine.absent, mine.excused, mine.own_illness) == (
        1,
        Decimal(4),
        1,
        1,
        1,
    )
    # The same arithmetic as at a place: 9 € toimintaraha and the state compensation a day.
    assert mine.allowance_days == 1
    assert mine.allowance_amount == Decimal("9.00")
    assert mine.state_days == 1
    assert mine.state_amount > 0
    theirs = figures[other.pk]
    assert (theirs.present, theirs.hours) == (2, Decimal(6))
    assert (theirs.allowance_days, theirs.state_days, theirs.state_amount) == (0, 0, 0)
    assert AuditEvent.objects.filter(what=GroupEvent.ATTENDANCE.value).count() == 4


def test_only_instructors_record_and_nothing_is_overwritten(people: People) -> None:
    group = a_group(people)
    member = enrol(people, group)
    session = a_session(people, group, _past_thursday())
    with pytest.raises(PermissionDenied):
        services.session_attendance_record(
            actor=people.worker, session=session, entries=[MarkEntry(member, SessionStatus.PRESENT)]
        )
    [mark] = services.session_attendance_record(
        actor=people.place_supervisor,
        session=session,
        entries=[MarkEntry(member, SessionStatus.PRESENT)],
    )
    with pytest.raises(ValidationError) as error:
        services.session_attendance_record(
            actor=people.place_supervisor,
            session=session,
            entries=[
                MarkEntry(member, SessionStatus.ABSENT, reason="other", notice="not_reported")
            ],
        )
    assert codes(error) == {CommonError.EDIT_CONFLICT}
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=session,
        entries=[
            MarkEntry(
                member, SessionStatus.ABSENT, reason="other", notice="not_reported", version=1
            )
        ],
    )
    mark.refresh_from_db()
    assert (mark.status, mark.version) == (SessionStatus.ABSENT, 2)


def test_present_is_not_recorded_for_a_future_session(people: People) -> None:
    group = a_group(people, starts_on=clock.today())
    member = enrol(people, group)
    session = a_session(people, group, first_meeting(group, clock.today() + dt.timedelta(days=1)))
    with pytest.raises(ValidationError) as error:
        services.session_attendance_record(
            actor=people.place_supervisor,
            session=session,
            entries=[MarkEntry(member, SessionStatus.PRESENT)],
        )
    assert codes(error) == {GroupError.FUTURE_SESSION}


def test_kuty_rules_count_group_days_with_place_days(people: People) -> None:
    """The client is at the place Monday to Wednesday and enrolled, while five days a week
    were allowed (as before 1.7.2015), in a Thursday and Friday group. Once four are the
    limit, a Thursday session makes the fourth day of the week, a Friday one a fifth, refused
    when it is recorded; a non-kuty participant is not judged."""
    period = running_period(people)  # Monday to Wednesday, 6 hours
    thursday = monday_of(period.starts_on) + dt.timedelta(days=7 + 3)
    for value, valid_from in ((5, clock.today() - dt.timedelta(days=400)), (4, thursday)):
        StatutoryValue.objects.create(
            key="max_days_per_week",
            value=Decimal(value),
            valid_from=valid_from,
            legal_basis="189/2001 §13 b",
        )
    group = a_group(people, weekdays="45")
    kuty = enrol(people, group, period.relationship, status=LegalStatus.KUTY)
    other = enrol(people, group)
    before = participation_of(period.relationship.client_id, today=clock.today()).count
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=a_session(people, group, thursday),
        entries=[MarkEntry(kuty, SessionStatus.PRESENT)],
    )
    # The group day now counts in the place's count of the 178 days too.
    after = participation_of(period.relationship.client_id, today=clock.today()).count
    assert after == before + 1
    friday = a_session(people, group, thursday + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        services.session_attendance_record(
            actor=people.place_supervisor,
            session=friday,
            entries=[
                MarkEntry(other, SessionStatus.PRESENT),
                MarkEntry(kuty, SessionStatus.PRESENT),
            ],
        )
    assert codes(error) == {GroupError.TOO_MANY_DAYS_A_WEEK}
    assert "189/2001" in str(error.value)
    assert period.relationship.client.first_name in str(error.value)
    assert not friday.marks.exists()  # all or nothing
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=friday,
        entries=[MarkEntry(other, SessionStatus.PRESENT)],
    )


def test_a_kuty_enrolment_beyond_the_days_of_a_week_is_refused(people: People) -> None:
    """At the place Monday to Wednesday: a Thursday and Friday group would make five days in
    each week of the participation, refused at enrolment with the week, the count and the
    section; a Thursday group makes four; a participant of another service is not judged."""
    period = running_period(people)  # Monday to Wednesday
    relationship = period.relationship
    two_days = a_group(people, weekdays="45")
    with pytest.raises(ValidationError) as error:
        enrol(people, two_days, relationship, status=LegalStatus.KUTY)
    assert codes(error) == {GroupError.TOO_MANY_DAYS_A_WEEK}
    message = str(error.value)
    first_week = max(monday_of(two_days.starts_on), monday_of(period.starts_on))
    assert first_week.strftime("%-d.%-m.%Y") in message
    assert " 5 " in message
    assert "189/2001" in message
    assert not Enrolment.objects.filter(group=two_days).exists()
    # The same client through another service is not judged by the kuty rules.
    relationship.refresh_from_db()
    enrol(people, two_days, relationship, status=LegalStatus.OTHER_SERVICE)
    one_day = a_group(people, weekdays="4")
    assert enrol(people, one_day, relationship, status=LegalStatus.KUTY).is_kuty


def test_the_week_rule_of_an_enrolment_judges_the_weeks_with_a_group_day() -> None:
    """DB-free: the group's days and the other planned days per calendar week; a week over
    the limit without a group day is not the enrolment's doing; the same day counts once."""
    from polku.groups.rules import check_enrolment_weeks
    from polku.placements.rules import PeriodLimits

    monday = dt.date(2026, 3, 2)
    week = [monday + dt.timedelta(days=n) for n in range(7)]
    limits = PeriodLimits()
    place = [week[0], week[1], week[2]]
    check_enrolment_weeks(place, [week[3]], limits=limits)  # four days
    check_enrolment_weeks(place, [week[2]], limits=limits)  # the same Wednesday: three
    later = [day + dt.timedelta(days=7) for day in week[:5]]
    check_enrolment_weeks([*place, *later], [week[3]], limits=limits)  # five, but no group day
    with pytest.raises(ValidationError) as error:
        check_enrolment_weeks(
            [*place, *later], [week[3], week[5] + dt.timedelta(days=7)], limits=limits
        )
    assert codes(error) == {GroupError.TOO_MANY_DAYS_A_WEEK}
    assert "9.3.2026" in str(error.value)
    assert " 6 " in str(error.value)


def test_hours_of_a_day_count_the_place_and_the_group(people: People) -> None:
    """A session on a place day: 6 hours at the place and 3 in the group make 9 > 8."""
    period = running_period(people)
    group = a_group(people, weekdays="1")
    kuty = enrol(people, group, period.relationship, status=LegalStatus.KUTY)
    monday = monday_of(period.starts_on) + dt.timedelta(days=7)
    from polku.attendance.services import DayEntry, day_record

    day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period,
            day=monday,
            status="present",
            hours=Decimal(6),
            correction_reason="Kirjattu jälkikäteen",
        ),
    )
    session = a_session(people, group, monday)
    with pytest.raises(ValidationError) as error:
        services.session_attendance_record(
            actor=people.place_supervisor,
            session=session,
            entries=[MarkEntry(kuty, SessionStatus.PRESENT, hours=Decimal(3))],
        )
    assert codes(error) == {GroupError.TOO_MANY_HOURS}
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=session,
        entries=[MarkEntry(kuty, SessionStatus.PRESENT, hours=Decimal(2))],
    )
    # The day is paid once, at the place.
    row = next(r for r in group_page(viewer=people.worker, group=group).rows)
    assert (row.figures.present, row.figures.allowance_days, row.figures.state_days) == (1, 0, 0)


def test_the_place_counts_the_group_hours_of_the_day_too(people: People) -> None:
    """The other order: 3 hours in the group first, then the place may record at most 5."""
    period = running_period(people)
    group = a_group(people, weekdays="1")
    kuty = enrol(people, group, period.relationship, status=LegalStatus.KUTY)
    monday = monday_of(period.starts_on) + dt.timedelta(days=7)
    from polku.attendance.errors import AttendanceError
    from polku.attendance.services import DayEntry, day_record

    session = a_session(people, group, monday)
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=session,
        entries=[MarkEntry(kuty, SessionStatus.PRESENT, hours=Decimal(3))],
    )
    entry = DayEntry(
        period=period,
        day=monday,
        status="present",
        hours=Decimal(6),
        correction_reason="Kirjattu jälkikäteen",
    )
    with pytest.raises(ValidationError) as error:
        day_record(actor=people.worker, entry=entry)
    assert codes(error) == {AttendanceError.TOO_MANY_HOURS}
    assert "ryhmässä 3 tuntia" in str(error.value)  # the group's hours are named
    day_record(actor=people.worker, entry=replace(entry, hours=Decimal(5)))


def test_the_178_days_count_group_days_with_place_days(people: People) -> None:
    """With the limit lowered to the place's days so far, a group day on a free weekday is
    the one too many (the rule and its section named)."""
    period = running_period(people)
    group = a_group(people, weekdays="4")
    kuty = enrol(people, group, period.relationship, status=LegalStatus.KUTY)
    thursday = monday_of(period.starts_on) + dt.timedelta(days=3)
    place_days = participation_of(period.relationship.client_id, today=thursday).count
    StatutoryValue.objects.create(
        key="max_participation_days",
        value=Decimal(place_days),
        valid_from=period.starts_on - dt.timedelta(days=1),
        legal_basis="189/2001 §14 1 mom",
    )
    session = a_session(people, group, thursday)
    with pytest.raises(ValidationError) as error:
        services.session_attendance_record(
            actor=people.place_supervisor,
            session=session,
            entries=[MarkEntry(kuty, SessionStatus.PRESENT)],
        )
    assert codes(error) == {GroupError.PARTICIPATION_DAYS}
    assert "189/2001" in str(error.value)


def test_planning_a_place_period_counts_the_kuty_group_sessions_of_its_weeks(
    people: People,
) -> None:
    """A kuty participant with a Friday session: a place period Monday to Thursday would make
    five days in that week (189/2001 §13 b), refused; Monday to Wednesday makes four."""
    from decimal import Decimal

    from polku.placements import services as placements
    from polku.placements.errors import PlacementError
    from polku.placements.models import PeriodKind
    from polku.placements.selectors import chosen_place
    from polku.placements.tests.builders import at_s8

    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    group = a_group(people, weekdays="5", ends_on=clock.today() + dt.timedelta(days=90))
    enrol(people, group, relationship, status=LegalStatus.KUTY)
    start = monday_of(clock.today()) + dt.timedelta(days=14)
    a_session(people, group, start + dt.timedelta(days=4))  # that week's Friday

    def plan(weekdays: str) -> object:
        return placements.period_plan(
            actor=people.worker,
            relationship=relationship,
            place=place,
            kind=PeriodKind.FULL,
            starts_on=start,
            ends_on=start + dt.timedelta(days=180),
            weekdays=weekdays,
            hours_per_day=Decimal(4),
            goal="Päivärytmi",
            description="Puutyöt",
            tasks="",
            support_and_guidance="Ohjaaja",
            other_services="Ryhmä perjantaisin",
            evaluate_by=start + dt.timedelta(days=90),
        )

    with pytest.raises(ValidationError) as error:
        plan("1234")
    assert codes(error) == {PlacementError.TOO_MANY_DAYS_A_WEEK}
    assert "5" in str(error.value)
    assert plan("123") is not None
