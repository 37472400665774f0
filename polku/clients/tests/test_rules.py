"""The clients app's rules are pure functions with codes (STYLE.md §6, §8): no database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from polku.clients import rules
from polku.clients.errors import ClientError
from polku.clients.models import (
    ClientRelationship,
    HandoverStatus,
    InformingTopic,
    Meeting,
    MeetingStatus,
    Outcome,
    WorkerAssignment,
)
from polku.core.errors import CommonError

TODAY = dt.date(2026, 6, 15)
STARTED = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
EVERYTHING_TOLD = {topic: (True, "") for topic in InformingTopic.values}


def _code(error: ValidationError, field: str) -> str | None:
    return error.error_dict[field][0].code


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_a_past_event_lies_between_the_start_of_the_relationship_and_today(day: dt.date) -> None:
    relationship = ClientRelationship(started_on=STARTED)
    if STARTED <= day <= TODAY:
        rules.date_in_relationship("contacted_on", day, relationship=relationship, today=TODAY)
        return
    with pytest.raises(ValidationError) as refused:
        rules.date_in_relationship("contacted_on", day, relationship=relationship, today=TODAY)
    expected = ClientError.BEFORE_RELATIONSHIP if day < STARTED else CommonError.FUTURE
    assert _code(refused.value, "contacted_on") == expected


def test_the_bound_is_named_in_finnish() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.not_before_relationship(
            "held_on", dt.date(2026, 1, 1), relationship=ClientRelationship(started_on=STARTED)
        )
    assert refused.value.messages == [
        "Päivämäärä ei voi olla ennen 2.3.2026, jolloin asiakkuus alkoi."
    ]


def test_a_relationship_begins_by_today_and_after_the_previous_one_ended() -> None:
    previous = ClientRelationship(started_on=dt.date(2025, 1, 1), ended_on=STARTED)
    rules.relationship_start(STARTED, previous=previous, today=TODAY)
    rules.relationship_start(STARTED, previous=None, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        rules.relationship_start(STARTED - dt.timedelta(days=1), previous=previous, today=TODAY)
    assert _code(refused.value, "started_on") == ClientError.BEFORE_PREVIOUS_END
    with pytest.raises(ValidationError) as refused:
        rules.relationship_start(TODAY + dt.timedelta(days=1), previous=None, today=TODAY)
    assert _code(refused.value, "started_on") == CommonError.FUTURE
    with pytest.raises(ValidationError) as refused:
        rules.no_open_relationship(ClientRelationship(started_on=STARTED))
    assert refused.value.code == ClientError.ALREADY_OPEN
    assert "2.3.2026" in refused.value.messages[0]


def test_an_ended_relationship_or_one_without_a_worker_takes_no_meetings() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.meeting_bookable(ClientRelationship(started_on=STARTED, ended_on=TODAY))
    assert refused.value.code == CommonError.ENDED
    with pytest.raises(ValidationError) as refused:
        rules.meeting_bookable(ClientRelationship(started_on=STARTED))
    assert refused.value.code == ClientError.NO_WORKER


@given(st.integers(-600, 600))
def test_a_meeting_overlaps_exactly_when_the_times_intersect(offset: int) -> None:
    other = Meeting(starts_at=NOW, duration_minutes=60, status=MeetingStatus.BOOKED)
    starts_at = NOW + dt.timedelta(minutes=offset)
    overlaps = starts_at < other.ends_at and starts_at + dt.timedelta(minutes=30) > NOW
    if not overlaps:
        rules.no_overlap(worker_name="S", starts_at=starts_at, duration=30, others=[other])
        return
    with pytest.raises(ValidationError) as refused:
        rules.no_overlap(worker_name="S", starts_at=starts_at, duration=30, others=[other])
    assert _code(refused.value, "starts_at") == ClientError.OVERLAP


def test_a_meeting_is_booked_ahead() -> None:
    rules.meeting_time_ahead(NOW + dt.timedelta(minutes=1), now=NOW)
    with pytest.raises(ValidationError) as refused:
        rules.meeting_time_ahead(NOW, now=NOW)
    assert _code(refused.value, "starts_at") == CommonError.PAST


def test_marking_a_meeting_held_gives_every_reason_at_once() -> None:
    meeting = Meeting(starts_at=NOW, is_first=True, outcome="", overall_situation="")
    informing = EVERYTHING_TOLD | {InformingTopic.BENEFITS.value: (False, "  ")}
    with pytest.raises(ValidationError) as refused:
        rules.meeting_holdable(meeting, informing, now=NOW - dt.timedelta(hours=1))
    assert [leaf.code for leaf in refused.value.error_list] == [ClientError.NOT_HELD] * 3
    assert rules.informing_missing(informing) == [str(InformingTopic.BENEFITS.label)]
    meeting.outcome = Outcome.ACTIVATION_PLAN
    with pytest.raises(ValidationError) as refused:
        rules.meeting_holdable(meeting, EVERYTHING_TOLD, now=NOW)
    assert "kokonaistilanne" in refused.value.messages[0]
    meeting.overall_situation = "Kartoitettu."
    rules.meeting_holdable(meeting, EVERYTHING_TOLD, now=NOW)


def test_meeting_and_hand_over_states() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.meeting_not_cancelled(Meeting(status=MeetingStatus.CANCELLED))
    assert refused.value.code == ClientError.MEETING_CANCELLED
    with pytest.raises(ValidationError) as refused:
        rules.meeting_cancellable(Meeting(status=MeetingStatus.HELD))
    assert refused.value.code == ClientError.MEETING_NOT_BOOKED
    rules.meeting_cancellable(Meeting(status=MeetingStatus.BOOKED))
    with pytest.raises(ValidationError) as refused:
        rules.handover_undecided(WorkerAssignment(status=HandoverStatus.ACCEPTED))
    assert refused.value.code == ClientError.HANDOVER_HANDLED
    rules.handover_undecided(WorkerAssignment(status=HandoverStatus.PENDING))


def test_texts_the_step_needs() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.required_text("reason", " \n", "Kirjoita syy.")
    assert _code(refused.value, "reason") == CommonError.REQUIRED
    with pytest.raises(ValidationError) as refused:
        rules.cover_purpose("loma")
    assert _code(refused.value, "purpose") == CommonError.REQUIRED
    rules.cover_purpose("Lomasijaisuus")


@pytest.mark.parametrize(
    ("born", "warned"),
    [(dt.date(2009, 6, 16), True), (dt.date(2009, 6, 15), False), (dt.date(1957, 6, 15), True)],
)
def test_the_age_warning_outside_17_to_68(born: dt.date, warned: bool) -> None:
    assert bool(rules.age_warning(born, today=TODAY)) == warned
