from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from polku.accounts.models import ProducerType, Unit, UnitKind, User
from polku.attendance.days import CellKind
from polku.attendance.models import AbsenceReason, AttendanceDay, DayStatus, Notice, Source
from polku.audit.models import AuditEvent, EventKind
from polku.clients import identity
from polku.clients.models import Client, ClientRelationship, MeetingStatus, Stage
from polku.closure.models import RelationshipEnd
from polku.core import clock
from polku.core.rules import add_months
from polku.demo.attendance import TRAINING_DAY
from polku.demo.placements import PLACEMENTS, PLACES
from polku.placements import geo
from polku.placements.matching import AccessibilityFeature, ClientNeeds, ReasonKind, suggest
from polku.placements.models import (
    ClosedDay,
    DecisionKind,
    DecisionStatus,
    Period,
    PeriodKind,
    PlaceProfile,
    StewardNotice,
    VisitStatus,
)
from polku.placements.selectors import home_of, place_facts
from polku.portal.selectors import period_days

pytestmark = pytest.mark.django_db

PLACE_NAMES = {place.key: place.name for place in PLACES}
PLACE_CLIENT_NAMES = [spec.last for spec in PLACEMENTS]


def run() -> str:
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def test_demo_organisations(demo: str) -> None:
    assert Unit.objects.filter(kind=UnitKind.ORGANISER).count() == 1
    assert Unit.objects.filter(kind=UnitKind.MUNICIPALITY).count() == 2
    assert Unit.objects.filter(kind=UnitKind.EMPLOYMENT_AUTHORITY).count() == 1
    assert Unit.objects.filter(kind=UnitKind.SOCIAL_SERVICES).count() == 2
    places = Unit.objects.filter(kind=UnitKind.WORK_ACTIVITY_PLACE)
    assert sorted(places.values_list("producer_type", flat=True)) == sorted(ProducerType.values)
    assert not places.get(producer_type=ProducerType.COMPANY).may_produce_kuty


def test_demo_identity_codes_are_valid_and_artificial(demo: str) -> None:
    for code in Client.objects.exclude(identity_code=None).values_list("identity_code", flat=True):
        assert code is not None
        assert identity.validate_identity_code(code) == code
        assert identity.is_temporary(code)


def test_demo_has_clients_at_each_early_stage(demo: str) -> None:
    stages = set(ClientRelationship.objects.values_list("stage", flat=True))
    assert {
        Stage.S1_STARTED,
        Stage.S2_RESPONSIBLE_WORKER,
        Stage.S3_FIRST_MEETING,
        Stage.S4_ASSESSMENT,
        Stage.S5_ACTIVATION_PLAN,
        Stage.S6_REFLECTION,
        Stage.S7_SECOND_PLAN,
    } <= stages
    assert ClientRelationship.objects.unassigned().count() >= 3
    held = ClientRelationship.objects.filter(meetings__status=MeetingStatus.HELD)
    assert held.exists()


def test_demo_has_a_returning_client_whose_earlier_relationship_elsewhere_has_ended(
    demo: str, client
) -> None:
    """The purpose-of-use flow can be tried: Sanna's client had an earlier relationship at
    Koskimäki that has ended; she is asked for a purpose before reading it."""
    output = demo
    assert "returning client" in output
    person = Client.objects.get(last_name="Hakala")
    earlier, current = person.relationships.order_by("started_on")
    assert earlier.unit.name == "Aikuissosiaalityö, Koskimäki"
    assert earlier.ended_on is not None
    assert earlier.ended_on <= current.started_on
    assert current.previous == earlier
    assert current.ended_on is None
    assert current.responsible_worker is not None
    assert current.responsible_worker.username == "sanna.virtanen"
    assert earlier.meetings.filter(status=MeetingStatus.HELD).exists()
    # The earlier relationship was ended through the closure services, not a direct update:
    # the end with its destination and the follow-up contact one month later (S15).
    assert earlier.stage == Stage.S15_FOLLOW_UP_CALL
    end = RelationshipEnd.objects.get(relationship=earlier)
    assert (end.destination, end.ended_on) == ("moved_away", earlier.ended_on)
    assert end.calls.filter(outcome="reached", need="no_need").exists()
    assert AuditEvent.objects.filter(
        client_id=person.pk, what="relationship ended", record_type="closure.RelationshipEnd"
    ).exists()
    assert "Closing a relationship (S14) is built by a later issue" not in output
    client.force_login(User.objects.get(username="sanna.virtanen"))
    page = client.get(reverse("clients:detail", args=[person.pk])).text
    purpose = reverse("clients:relationship_purpose", args=[person.pk, earlier.pk])
    assert purpose in page
    assert "Muutti Järvenkylään; tuki jatkuu" not in page  # the earlier record stays closed
    assert client.get(purpose).status_code == 200


def test_demo_places_of_every_producer_type_have_profiles_to_match_on(demo: str) -> None:
    profiles = PlaceProfile.objects.select_related("place").prefetch_related("closed_days")
    assert {p.place.producer_type for p in profiles} == set(ProducerType.values)
    assert profiles.count() == Unit.objects.filter(kind=UnitKind.WORK_ACTIVITY_PLACE).count()
    tasks: set[str] = set()
    for profile in profiles:
        lines = profile.tasks.splitlines()
        assert 3 <= len(lines) <= 6, profile
        tasks |= set(lines)
        assert profile.field
        assert profile.level
        assert 3 <= profile.capacity <= 10
        assert profile.opens_at is not None
        assert profile.closes_at is not None
        assert profile.weekdays
        assert set(profile.weekdays) <= set("12345")
        assert profile.accessibility
        assert set(profile.accessibility) <= set(AccessibilityFeature.values)
        assert profile.contact_name
        assert profile.steward_name
        assert profile.steward_email
        point = geo.coordinates_for(profile.place.postal_code)
        assert point is not None
        assert profile.latitude is not None
        assert profile.longitude is not None
        assert (float(profile.latitude), float(profile.longitude)) == pytest.approx(point)
        closed = {(day.day.month, day.day.day) for day in profile.closed_days.all()}
        assert (12, 24) in closed
        assert len([d for d in profile.closed_days.all() if d.day.month == 7]) == 5
    assert len(tasks) >= 30  # varied, so that matching has something to rank
    company = Unit.objects.get(producer_type=ProducerType.COMPANY)
    assert not Period.objects.filter(place=company).exists()


def _relationship(last_name: str) -> ClientRelationship:
    return ClientRelationship.objects.get(client__last_name=last_name, ended_on=None)


def test_demo_has_clients_at_s8_to_s11_walked_through_in_date_order(demo: str) -> None:
    today = clock.today()
    stages = {spec.username or spec.last: _relationship(spec.last).stage for spec in PLACEMENTS}
    assert stages == {
        "emma.salo": Stage.S8_INTRODUCTORY_VISIT,
        "Nurmi": Stage.S8_INTRODUCTORY_VISIT,
        "aino.makinen": Stage.S9_KUTY_STARTS,
        "johan.lindqvist": Stage.S10_INTRODUCTORY_PERIOD,
        "mikko.korhonen": Stage.S11_PERIOD,
    }
    maker = User.objects.get(username="paivi.nieminen")
    for spec in PLACEMENTS:
        relationship = _relationship(spec.last)
        assert relationship.client.postal_code == spec.postal_code
        for period in relationship.periods.all():
            assert period.distance_km is not None
            assert period.distance_km < 40
            for decision in period.decisions.filter(status=DecisionStatus.DECIDED):
                assert decision.decision_maker == maker
                assert decision.deliveries.exists()
                assert decision.decided_on is not None
                notice = period.steward_notices.get()  # a decided period is notified
                assert relationship.started_on <= decision.decided_on <= notice.sent_on
                assert notice.sent_on < period.starts_on

    emma = _relationship("Salo")
    assert not emma.introductory_visits.exists()
    assert not emma.periods.exists()
    # Ready for the decision maker: a drafted kuty decision, the steward not yet notified.
    laura = _relationship("Nurmi")
    assert laura.introductory_visits.filter(status=VisitStatus.RECORDED).exists()
    assert laura.decisions.get().status == DecisionStatus.DRAFT
    assert not StewardNotice.objects.filter(period__relationship=laura).exists()
    aino = _relationship("Mäkinen")
    assert aino.periods.get().starts_on > today
    drafts = aino.decisions.filter(status=DecisionStatus.DRAFT, decision_maker=maker)
    assert list(drafts.values_list("kind", flat=True)) == [DecisionKind.MATKAKORVAUS]
    johan = _relationship("Lindqvist")
    intro = johan.periods.get(kind=PeriodKind.INTRODUCTORY)
    assert intro.starts_on <= today <= intro.ends_on
    assert intro.decisions.get().status == DecisionStatus.DECIDED
    # The Swedish-speaking client's plan is written in Swedish: the steward notice and the
    # decision in Swedish carry no Finnish text inside Swedish labels.
    assert johan.client.language == "sv"
    for johans in johan.periods.all():
        assert johans.description.startswith("Arbetsverksamhet i rehabiliteringssyfte")
        assert "Kuntouttava" not in johans.description + johans.goal + johans.other_services
    mikko = _relationship("Korhonen")
    period = mikko.periods.get()
    assert period.starts_on < today < period.ends_on
    assert mikko.client.user is not None
    assert mikko.client.user.username == "mikko.korhonen"


def test_the_s11_client_is_on_the_place_supervisors_page(demo: str, client) -> None:
    client.force_login(User.objects.get(username="marko.heikkinen"))
    page = client.get(reverse("placements:place_clients")).text
    assert "Mikko Korhonen" in page
    assert "Johan Lindqvist" not in page
    client.force_login(User.objects.get(username="leena.koskinen"))
    page = client.get(reverse("placements:place_clients")).text
    assert "Johan Lindqvist" in page  # the introductory period under way at Kiertokulku
    assert "Mikko Korhonen" not in page


def test_the_demo_pages_of_the_placement_stages_open(demo: str, client) -> None:
    output = demo
    client.force_login(User.objects.get(username="sanna.virtanen"))
    for spec in PLACEMENTS:
        if spec.worker != "sanna.virtanen":
            continue
        relationship = _relationship(spec.last)
        page = client.get(reverse("placements:placement", args=[relationship.pk]))
        assert page.status_code == 200
        assert PLACE_NAMES[spec.place] in page.text
    draft = _relationship("Nurmi").decisions.get()
    assert reverse("placements:decision", args=[draft.pk]) in output  # where to make it
    client.force_login(User.objects.get(username="paivi.nieminen"))
    page = client.get(reverse("placements:decision", args=[draft.pk]))
    assert page.status_code == 200
    assert "Nurmi Laura" in page.text
    assert reverse("placements:decision_make", args=[draft.pk]) in page.text  # hers to make


def test_matching_ranks_a_place_with_a_task_match_first_for_each_demo_client(demo: str) -> None:
    facts = place_facts()
    for spec in PLACEMENTS:
        needs = ClientNeeds(interests=spec.interests, home=home_of(_relationship(spec.last)))
        first, *others = suggest(needs, facts)
        assert first.available
        assert any(reason.kind == ReasonKind.TASK_MATCH for reason in first.reasons), spec.last
        assert first.place.id == Unit.objects.get(name=PLACE_NAMES[spec.place]).pk
        assert first.score > others[0].score


def _attendance(last_name: str) -> list[AttendanceDay]:
    return list(
        AttendanceDay.objects.filter(relationship__client__last_name=last_name).order_by("day")
    )


def test_the_placed_clients_have_weeks_of_attendance_recorded_through_the_services(
    demo: str,
) -> None:
    output = demo
    assert "Attendance: mikko.korhonen" in output
    today = clock.today()
    mikko = _attendance("Korhonen")
    past = [row for row in mikko if row.day < today]
    assert len(past) >= 12
    assert past[0].day - past[-1].day <= -dt.timedelta(days=28)  # several weeks
    statuses = Counter(row.status for row in past)
    assert statuses[DayStatus.PRESENT] > statuses[DayStatus.ABSENT] >= 4
    assert statuses[DayStatus.MOVED] == 1
    absences = {row.reason: row for row in past if row.status == DayStatus.ABSENT}
    assert absences[AbsenceReason.OWN_ILLNESS].notice == Notice.ON_THE_DAY
    assert any(
        row.certificate_on is not None for row in past if row.reason == AbsenceReason.OWN_ILLNESS
    )
    assert AbsenceReason.CHILD_ILLNESS in absences
    assert absences[AbsenceReason.OTHER].notice == Notice.NOT_REPORTED
    assert not absences[AbsenceReason.OTHER].excused
    interview = absences[AbsenceReason.EMPLOYMENT]
    assert (interview.reported_via, interview.notice) == (Source.CLIENT, Notice.IN_ADVANCE)
    moved = next(row for row in past if row.status == DayStatus.MOVED)
    assert moved.moved_to is not None
    assert any(row.day == moved.moved_to and row.status == DayStatus.PRESENT for row in past)
    assert {row.hours for row in past if row.status == DayStatus.PRESENT} >= {Decimal(5)}
    # The next of his days he reported from OmaPolku today.
    coming = [row for row in mikko if row.day > today]
    assert [(row.status, row.reported_via) for row in coming] == [("absent", Source.CLIENT)]
    # A training day closed the place on one of his days; nothing is recorded on it.
    period = _relationship("Korhonen").periods.get()
    training = ClosedDay.objects.get(profile__place=period.place, reason=TRAINING_DAY)
    assert period.starts_on < training.day < today
    assert training.day.isoweekday() in period.weekday_numbers
    assert training.day not in {row.day for row in mikko}
    # Every record has its change event, by the supervisor of the place or the client.
    events = AuditEvent.objects.filter(kind=EventKind.CHANGE, what="attendance day")
    assert events.count() == AttendanceDay.objects.count()
    actors = set(events.values_list("actor_id", flat=True))
    assert actors == set(
        User.objects.filter(
            username__in=["marko.heikkinen", "leena.koskinen", "mikko.korhonen"]
        ).values_list("pk", flat=True)
    )


def test_the_introductory_period_leaves_the_latest_day_unrecorded(demo: str) -> None:
    """Kiertokulku has recorded Johan's days but the latest one before today (yesterday when
    yesterday was his), for the "not recorded" alert."""
    today = clock.today()
    period = _relationship("Lindqvist").periods.get(kind=PeriodKind.INTRODUCTORY)
    expected = [
        cell.day
        for cell in period_days([period], period.starts_on, today - dt.timedelta(days=1))[0].cells
        if cell.kind == CellKind.EXPECTED
    ]
    recorded = [row.day for row in _attendance("Lindqvist")]
    assert expected
    assert recorded
    assert expected == [max(recorded + expected)]
    assert max(recorded) < expected[0]


def test_the_demo_client_sees_their_days_and_the_absence_they_reported(demo: str, client) -> None:
    client.force_login(User.objects.get(username="mikko.korhonen"))
    start = client.get(reverse("portal:client_start")).text
    assert "Sinut on merkitty poissaolevaksi näinä päivinä:" in start
    page = client.get(reverse("portal:my_attendance"))
    assert page.status_code == 200
    # "My days" shows a month at a time: this month and the previous one, a link away.
    before = add_months(clock.today().replace(day=1), -1)
    assert f'<a href="?kk={before:%Y-%m}" rel="prev">' in page.text
    text = page.text + client.get(reverse("portal:my_attendance"), {"kk": f"{before:%Y-%m}"}).text
    # The absence he reported: gone by ("you told about it") or still to come ("you told you
    # will be away"), whichever of his reports falls in this or the last month.
    assert "Kerroit itse" in text or "Kerroit, että olet poissa" in text
    assert "Olit paikalla. Tunteja: 5." in text
    # He is in the ATK course too: its sessions are among his days.
    assert "ryhmä ATK-kurssi klo" in text
    assert client.get(reverse("portal:absence_report")).status_code == 200


def test_the_demo_attendance_raises_the_workers_alerts(demo: str, client) -> None:
    """Jukka Lehtonen is told that Kiertokulku has not recorded Johan's latest day; Sanna
    Virtanen that Mikko had a first unexcused absence."""
    johan = _attendance("Lindqvist")
    period = _relationship("Lindqvist").periods.get(kind=PeriodKind.INTRODUCTORY)
    unrecorded = [
        cell.day
        for cell in period_days([period], period.starts_on, clock.today() - dt.timedelta(days=1))[
            0
        ].cells
        if cell.kind == CellKind.EXPECTED
    ]
    assert johan
    client.force_login(User.objects.get(username="jukka.lehtonen"))
    page = client.get(reverse("pathways:today")).text
    assert (
        f"Kierrätyskeskus Kiertokulku ry ei ole kirjannut läsnäoloja päivältä "
        f"{unrecorded[0].day}.{unrecorded[0].month}.{unrecorded[0].year}"
    ) in page
    client.force_login(User.objects.get(username="sanna.virtanen"))
    page = client.get(reverse("pathways:today")).text
    unexcused = next(row for row in _attendance("Korhonen") if row.reason == AbsenceReason.OTHER)
    assert f"{unexcused.day.day}.{unexcused.day.month}.{unexcused.day.year}" in page


def test_the_demo_has_log_requests_and_a_retention_dry_run(demo: str, client) -> None:
    """One log request waits for its report in Sanna Virtanen's work queue, one is answered
    with its PDF; the administrator finds the first retention dry run."""
    from polku.records.models import LogRequest, RetentionRun

    waiting, answered = LogRequest.objects.order_by("pk")
    assert waiting.produced_at is None
    assert answered.produced_at is not None
    assert answered.document
    client.force_login(User.objects.get(username="sanna.virtanen"))
    page = client.get(reverse("pathways:today")).text
    assert "Lokitietopyyntö" in page
    assert RetentionRun.objects.count() == 1
    client.force_login(User.objects.get(username="ville.paakayttaja"))
    assert client.get(reverse("records:retention_runs")).status_code == 200


def test_the_demo_clients_are_recorded_before_their_relationships_began(demo: str) -> None:
    """A log request may not be older than the client's record: a demo client's record is
    never younger than their first relationship, so any day of it can be used in the demo."""
    for person in Client.objects.all():
        first = min(person.relationships.values_list("started_on", flat=True), default=None)
        if first is not None:
            assert timezone.localdate(person.created_at) <= first, person


def test_the_daily_notice_reaches_the_demo_staff(demo: str, mailoutbox) -> None:
    """The demo's staff have e-mail addresses, so the daily notice job sends them counts."""
    from polku.jobs.tasks import daily_notices

    result = daily_notices()
    assert result["notices"] >= 2
    to = {address for message in mailoutbox for address in message.to}
    assert "sanna.virtanen@jarvilaakso.example" in to
