"""The group's feedback rounds at the mid-point and at the end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.core import clock
from polku.core.errors import CommonError
from polku.groups import services
from polku.groups.errors import GroupError
from polku.groups.events import GroupEvent
from polku.groups.models import FeedbackKind, Group, GroupFeedback
from polku.groups.tests.builders import a_group, a_session, first_meeting, last_meeting_before
from polku.groups.tests.test_services import codes
from tests.people import People

pytestmark = pytest.mark.django_db

TEXTS = {
    "said": "Ryhmä koki kerrat hyödyllisiksi.",
    "works": "Pienet tehtävät.",
    "change": "Ei muutoksia.",
}


def _record(
    people: People, group: Group, kind: str, day: dt.date, **kwargs: object
) -> GroupFeedback:
    values: dict[str, object] = {**TEXTS, "version": None, **kwargs}
    return services.feedback_record(
        actor=people.place_supervisor,
        group=group,
        kind=kind,
        given_on=day,
        **values,  # type: ignore[arg-type]
    )


def test_the_mid_point_feedback_is_recorded_edited_and_audited(people: People) -> None:
    group = a_group(people)
    first = a_session(people, group, first_meeting(group) + dt.timedelta(days=7))
    saved = _record(people, group, FeedbackKind.MID, first.day)
    assert saved.said == TEXTS["said"]
    created = AuditEvent.objects.get(what=GroupEvent.FEEDBACK.value, record_id=str(saved.pk))
    assert created.changes["kind"] == [None, "mid"]
    edited = _record(people, group, FeedbackKind.MID, first.day, works="Parityö.", version=1)
    assert edited.version == 2
    assert GroupFeedback.objects.get(pk=saved.pk).works == "Parityö."
    last = AuditEvent.objects.filter(what=GroupEvent.FEEDBACK.value).order_by("-pk").first()
    assert last is not None
    assert last.changes["works"] == ["Pienet tehtävät.", "Parityö."]


def test_a_stale_version_is_refused_and_nothing_is_overwritten(people: People) -> None:
    group = a_group(people)
    first = a_session(people, group, first_meeting(group))
    _record(people, group, FeedbackKind.MID, first.day)
    _record(people, group, FeedbackKind.MID, first.day, said="Toinen.", version=1)
    with pytest.raises(ValidationError) as error:
        _record(people, group, FeedbackKind.MID, first.day, said="Kolmas.", version=1)
    assert codes(error) == {CommonError.EDIT_CONFLICT}
    # Someone who saw no round at all does not overwrite the one saved meanwhile.
    with pytest.raises(ValidationError) as error:
        _record(people, group, FeedbackKind.MID, first.day, said="Neljäs.", version=None)
    assert codes(error) == {CommonError.EDIT_CONFLICT}
    assert GroupFeedback.objects.get(group=group).said == "Toinen."


def test_empty_parts_are_all_named_at_once(people: People) -> None:
    group = a_group(people)
    a_session(people, group, first_meeting(group))
    with pytest.raises(ValidationError) as error:
        _record(people, group, FeedbackKind.MID, None, said=" ", works="", change="")  # type: ignore[arg-type]
    assert set(error.value.error_dict) == {"given_on", "said", "works", "change"}
    assert codes(error) == {CommonError.REQUIRED}


def test_the_dates_of_the_rounds(people: People) -> None:
    today = clock.today()
    group = a_group(
        people,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=30),
        weekdays=str(today.isoweekday()),
    )
    # No session yet: no mid-point feedback.
    with pytest.raises(ValidationError) as error:
        _record(people, group, FeedbackKind.MID, today)
    assert codes(error) == {GroupError.FEEDBACK_TOO_EARLY}
    first = a_session(people, group, today - dt.timedelta(days=14))
    last = a_session(people, group, today + dt.timedelta(days=14))
    with pytest.raises(ValidationError) as error:
        _record(people, group, FeedbackKind.MID, first.day - dt.timedelta(days=1))
    assert codes(error) == {GroupError.FEEDBACK_TOO_EARLY}
    with pytest.raises(ValidationError) as error:
        _record(people, group, FeedbackKind.MID, today + dt.timedelta(days=1))
    assert codes(error) == {CommonError.FUTURE}
    _record(people, group, FeedbackKind.MID, first.day)
    # The end feedback waits for the last session.
    with pytest.raises(ValidationError) as error:
        _record(people, group, FeedbackKind.END, today)
    assert codes(error) == {GroupError.FEEDBACK_TOO_EARLY}
    assert f"{last.day.day}.{last.day.month}.{last.day.year}" in str(error.value)


def test_the_end_feedback_after_the_last_session(people: People) -> None:
    group = a_group(people)
    held = a_session(people, group, last_meeting_before(group, clock.today()))
    saved = _record(people, group, FeedbackKind.END, held.day)
    assert saved.kind == FeedbackKind.END


def test_one_round_of_each_kind_per_group_in_the_database(people: People) -> None:
    group = a_group(people)
    a_session(people, group, first_meeting(group))
    _record(people, group, FeedbackKind.MID, first_meeting(group))
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupFeedback.objects.create(
            group=group,
            kind=FeedbackKind.MID,
            given_on=first_meeting(group),
            recorded_by=people.worker,
            **TEXTS,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupFeedback.objects.create(
            group=group,
            kind=FeedbackKind.END,
            given_on=first_meeting(group),
            recorded_by=people.worker,
            said="",
            works="x",
            change="x",
        )


def test_only_an_instructor_or_a_worker_of_the_organiser_records(people: People) -> None:
    group = a_group(people)
    a_session(people, group, first_meeting(group))
    with pytest.raises(PermissionDenied):
        services.feedback_record(
            actor=people.worker_other_unit,
            group=group,
            kind=FeedbackKind.MID,
            given_on=first_meeting(group),
            version=None,
            **TEXTS,
        )
    saved = services.feedback_record(
        actor=people.worker,
        group=group,
        kind=FeedbackKind.MID,
        given_on=first_meeting(group),
        version=None,
        **TEXTS,
    )
    assert saved.recorded_by == people.worker


def test_the_feedback_page_saves_and_the_group_page_shows_it(
    client: HttpClient, people: People
) -> None:
    group = a_group(people)
    a_session(people, group, first_meeting(group))
    client.force_login(people.place_supervisor)
    url = reverse("groups:feedback", args=[group.pk, "mid"])
    empty = client.post(url, {"given_on": "", "said": "", "works": "", "change": "", "version": ""})
    assert empty.status_code == 200
    text = empty.content.decode()
    for message in ("Kirjoita, mitä osallistujat sanoivat.", "Kirjoita, mikä ryhmässä toimii."):
        assert message in text
    day = first_meeting(group)
    response = client.post(
        url, {"given_on": f"{day.day}.{day.month}.{day.year}", **TEXTS, "version": ""}
    )
    assert response.status_code == 302
    page = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert "Välipalaute" in page
    assert "Mitä osallistujat sanoivat" in page
    assert TEXTS["said"] in page
    assert client.get(reverse("groups:feedback", args=[group.pk, "other"])).status_code == 404
