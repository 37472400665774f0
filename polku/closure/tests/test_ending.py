"""The follow-up plan, the normal end of a period, the end of the relationship (S14) with its
destination, the follow-up contact one month later (S15), reopening and a new relationship
linked to the history; the pathway's checks and the work queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import ClientRelationship, Stage
from polku.clients.selectors import stepper
from polku.closure import rules, services
from polku.closure.models import FollowUpCall, RelationshipEnd
from polku.closure.tests.builders import (
    ended,
    ended_period,
    given,
    moment,
    planned,
    ready_to_end,
)
from polku.core import clock
from polku.core.rules import add_months
from polku.pathways import machine, workqueue
from polku.pathways import services as pathway_services
from polku.placements.models import PeriodStatus
from tests.people import People

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str | None]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def _end(people: People, relationship: ClientRelationship, **overrides: object) -> RelationshipEnd:
    data: dict[str, object] = {
        "ended_on": clock.today(),
        "destination": "studies",
        "destination_detail": "",
        "no_further_need": True,
    }
    data.update(overrides)
    return services.relationship_end(
        actor=people.worker,
        relationship=relationship,
        version=relationship.version,
        **data,  # type: ignore[arg-type]
    )


def _kinds(people: People) -> list[str]:
    return [item.kind for item in workqueue.work_queue(viewer=people.worker)]


# The follow-up plan and the end of a period


def test_a_period_does_not_end_without_a_follow_up_plan(people: People) -> None:
    period = ended_period(people, ended_days_ago=-3)
    with pytest.raises(ValidationError) as error:
        services.period_end(
            actor=people.worker, period=period, version=period.version, ended_on=clock.today()
        )
    assert codes(error.value) == {"follow_up_plan_missing"}
    period.refresh_from_db()
    assert period.status != PeriodStatus.ENDED
    planned(people, period)
    services.period_end(
        actor=people.worker, period=period, version=period.version, ended_on=clock.today()
    )
    period.refresh_from_db()
    assert (period.status, period.ends_on) == (PeriodStatus.ENDED, clock.today())
    assert AuditEvent.objects.filter(kind=EventKind.CHANGE, what="period ended").exists()


def test_a_period_ends_not_before_a_recorded_day_nor_in_the_future(people: People) -> None:
    period = ended_period(people, ended_days_ago=-3)
    planned(people, period)
    for day, code in (
        (period.starts_on, "days_after_end"),
        (clock.today() + dt.timedelta(1), "future"),
    ):
        with pytest.raises(ValidationError) as error:
            services.period_end(
                actor=people.worker, period=period, version=period.version, ended_on=day
            )
        assert codes(error.value) == {code}


@pytest.mark.parametrize(("destination", "detail"), [("no_suitable_plan", ""), ("other", " ")])
def test_some_destinations_need_words(people: People, destination: str, detail: str) -> None:
    period = ended_period(people)
    with pytest.raises(ValidationError) as error:
        services.follow_up_plan_save(
            actor=people.worker,
            period=period,
            version=None,
            destination=destination,
            destination_detail=detail,
            next_step="Tapaaminen",
            next_on=clock.today(),
            responsible="Sanna",
        )
    assert codes(error.value) == {"detail_needed"}


def test_the_work_queue_reminds_of_the_plan_two_weeks_before_and_of_the_certificate(
    people: People,
) -> None:
    period = ended_period(people, ended_days_ago=-20)
    assert "follow_up_plan" not in _kinds(people)
    with clock.frozen(moment(clock.today() + dt.timedelta(days=7))):
        kinds = _kinds(people)
        assert "follow_up_plan" in kinds
        assert "certificate" in kinds
        planned(people, period)
        kinds = _kinds(people)
        assert "follow_up_plan" not in kinds
        assert "certificate" in kinds
    # Without a final evaluation the certificate is given once the period has ended.
    with clock.frozen(moment(period.ends_on)):
        given(people, period)
        assert "certificate" not in _kinds(people)


# The end of the relationship (S14)


def test_the_end_waits_for_the_certificate_and_the_follow_up_plan(people: People) -> None:
    period = ended_period(people)
    relationship = period.relationship
    with pytest.raises(ValidationError) as error:
        _end(people, relationship)
    assert codes(error.value) == {"missing"}
    assert set(error.value.messages) == {
        "Todistusta ei ole vielä annettu.",
        "Jatkosuunnitelmaa ei ole vielä tehty.",
    }
    assert not RelationshipEnd.objects.exists()  # nothing half-written
    relationship.refresh_from_db()
    assert relationship.is_open


def test_the_bare_stage_button_does_not_end_the_relationship(people: People) -> None:
    period = ready_to_end(people)
    relationship = period.relationship
    with pytest.raises(ValidationError) as error:
        pathway_services.transition(
            actor=people.worker, relationship=relationship, target=Stage.S14_CLOSED
        )
    assert error.value.messages == [
        "Asiakkuuden päättymistä ja jatkopaikkaa ei ole vielä kirjattu."
    ]


def test_no_certificate_is_needed_without_participation_days(people: People) -> None:
    period = ended_period(people, present_days=0)
    planned(people, period)
    relationship = period.relationship
    relationship.refresh_from_db()
    _end(people, relationship, destination="health_or_rehabilitation")
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S14_CLOSED


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"no_further_need": False}, "not_confirmed"),
        ({"destination": "no_suitable_plan"}, "detail_needed"),
        ({"destination": "other"}, "detail_needed"),
        ({"ended_on": "future"}, "future"),
        ({"ended_on": "before_period_end"}, "before_pathway_event"),
    ],
)
def test_bad_ends_are_refused(people: People, overrides: dict[str, object], code: str) -> None:
    period = ready_to_end(people)
    if overrides.get("ended_on") == "future":
        overrides["ended_on"] = clock.today() + dt.timedelta(days=1)
    elif overrides.get("ended_on") == "before_period_end":
        overrides["ended_on"] = period.ends_on - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        _end(people, period.relationship, **overrides)
    assert codes(error.value) == {code}


def test_a_bad_end_names_every_field_to_correct_at_once(people: People) -> None:
    # Found trying it: unconfirmed, "other" without the description and a date before the
    # period's end came back one refusal at a time, three rounds for one form.
    period = ready_to_end(people)
    with pytest.raises(ValidationError) as error:
        _end(
            people,
            period.relationship,
            no_further_need=False,
            destination="other",
            ended_on=period.ends_on - dt.timedelta(days=1),
        )
    by_field = {field: [e.code for e in errors] for field, errors in error.value.error_dict.items()}
    assert by_field == {
        "no_further_need": ["not_confirmed"],
        "destination_detail": ["detail_needed"],
        "ended_on": ["before_pathway_event"],
    }
    assert not RelationshipEnd.objects.exists()


def test_ending_closes_the_relationship_and_the_stepper_marks_s13_and_s14(
    client: HttpClient, people: People
) -> None:
    period = ready_to_end(people, ended_days_ago=3)
    relationship = period.relationship
    client.force_login(people.worker)
    page = client.get(reverse("closure:closure", args=[relationship.pk])).text
    assert "asiakkuus poistuu asiakaslistaltasi" in page
    assert "Ennen kuin asiakkuus voi päättyä" not in page  # the period has ended
    response = client.post(
        reverse("closure:relationship_end", args=[relationship.pk]),
        {
            "ended_on": clock.today().strftime("%d.%m.%Y"),
            "destination": "pay_subsidised_work",
            "no_further_need": "on",
            "version": relationship.version,
        },
    )
    assert response.status_code == 302
    relationship.refresh_from_db()
    assert (relationship.ended_on, relationship.stage) == (clock.today(), Stage.S14_CLOSED)
    states = {s.stage: s.state for s in stepper(relationship)}
    assert states[Stage.S13_CERTIFICATE] == "done"
    assert states[Stage.S14_CLOSED] == "current"
    caseload = client.get(reverse("clients:caseload")).text
    assert relationship.client.last_name not in caseload
    # The place supervisor's certificate pages close with the relationship.
    client.force_login(people.place_supervisor)
    assert client.get(reverse("closure:certificate", args=[period.pk])).status_code == 404


# The follow-up contact one month later (S15)


def test_the_call_is_due_one_month_after_the_end_and_moves_to_s15(people: People) -> None:
    relationship = ended(people)
    due = add_months(clock.today(), 1)
    assert "follow_up_call" not in _kinds(people)
    with pytest.raises(ValidationError) as error:
        services.follow_up_call_record(
            actor=people.worker,
            relationship=relationship,
            called_on=clock.today(),
            outcome="reached",
            need="no_need",
        )
    assert codes(error.value) == {"call_not_due"}
    assert machine.missing_for(relationship, Stage.S15_FOLLOW_UP_CALL) == [
        "Asiakkuuden päättymisestä ei ole vielä kulunut kuukautta.",
        "Yhteydenottoa ei ole vielä kirjattu.",
    ]
    with clock.frozen(moment(due - dt.timedelta(days=1))):
        assert "follow_up_call" not in _kinds(people)
    with clock.frozen(moment(due)):
        assert "follow_up_call" in _kinds(people)
        services.follow_up_call_record(
            actor=people.worker,
            relationship=relationship,
            called_on=due,
            outcome="reached",
            need="no_need",
            note="Opinnot alkaneet.",
        )
        assert "follow_up_call" not in _kinds(people)
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S15_FOLLOW_UP_CALL
    assert not relationship.is_open
    assert FollowUpCall.objects.get().need == "no_need"


def test_a_reached_client_needs_a_recorded_need(people: People) -> None:
    relationship = ended(people, days_ago=40)
    with pytest.raises(ValidationError) as error:
        services.follow_up_call_record(
            actor=people.worker,
            relationship=relationship,
            called_on=clock.today(),
            outcome="reached",
        )
    assert codes(error.value) == {"need_required"}


def test_a_need_reopens_the_relationship(people: People) -> None:
    relationship = ended(people, days_ago=40)
    services.follow_up_call_record(
        actor=people.worker,
        relationship=relationship,
        called_on=clock.today(),
        outcome="reached",
        need="reopen",
        note="Opinnot keskeytyivät.",
    )
    relationship.refresh_from_db()
    assert relationship.is_open
    assert relationship.stage == Stage.S4_ASSESSMENT
    end = RelationshipEnd.objects.get(relationship=relationship)
    assert (end.reopened_on, end.reopen_reason) == (clock.today(), "Opinnot keskeytyivät.")
    assert AuditEvent.objects.filter(what="relationship reopened").count() == 2


def test_a_need_opens_a_new_relationship_linked_to_the_history(
    client: HttpClient, people: People
) -> None:
    relationship = ended(people, days_ago=40)
    client.force_login(people.worker)
    response = client.post(
        reverse("closure:follow_up_call", args=[relationship.pk]),
        {
            "called_on": clock.today().strftime("%d.%m.%Y"),
            "outcome": "reached",
            "need": "new_relationship",
            "note": "Haluaa uuden jakson.",
        },
    )
    assert response.status_code == 302
    new = ClientRelationship.objects.get(client=relationship.client, ended_on__isnull=True)
    assert new.previous_id == relationship.pk
    assert new.responsible_worker_id == people.worker.pk
    assert new.stage == Stage.S2_RESPONSIBLE_WORKER
    # Nothing is stored in the worker's language: the client page names the earlier
    # relationship in the viewer's (a Swedish page shows no Finnish words).
    assert new.source_detail == ""
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    page = client.get(reverse("clients:detail", args=[new.client_id])).text
    started = relationship.started_on
    assert "Fortsätter den tidigare klientrelationen" in page
    assert f"{started.day}.{started.month}.{started.year}–" in page
    assert "Yhteydenotto aiemman" not in page


def _call(people: People, relationship: ClientRelationship, **data: object) -> FollowUpCall:
    return services.follow_up_call_record(
        actor=people.worker,
        relationship=relationship,
        **data,  # type: ignore[arg-type]
    )


def _due(people: People) -> dict[str, dt.date | None]:
    return {
        item.kind: item.due
        for item in workqueue.work_queue(viewer=people.worker)
        if item.kind.startswith("follow_up_call")
    }


def test_call_again_is_the_third_working_day_after_the_attempt() -> None:
    assert rules.call_again_on(dt.date(2026, 12, 2)) == dt.date(2026, 12, 7)  # Wed → Mon
    # Thu 30.4 (1), Fri 1.5 May Day, the weekend, Mon 4.5 (2), Tue 5.5 (3)
    assert rules.call_again_on(dt.date(2026, 4, 29)) == dt.date(2026, 5, 5)


def test_not_reached_is_no_contact_made_the_queue_reminds_to_call_again(
    people: People,
) -> None:
    relationship = ended(people, days_ago=40)
    today = clock.today()
    assert relationship.ended_on is not None
    assert _due(people) == {"follow_up_call": rules.call_due_on(relationship.ended_on)}
    call = _call(
        people,
        relationship,
        called_on=today,
        outcome="not_reached",
        need="reopen",  # ignored: nobody was reached
        note="Ei vastannut, jätin viestin.",
    )
    assert call.need == ""
    relationship.refresh_from_db()
    assert not relationship.is_open
    assert relationship.stage == Stage.S14_CLOSED  # not reached is not the contact made
    assert machine.missing_for(relationship, Stage.S15_FOLLOW_UP_CALL) == [
        "Asiakasta ei ole tavoitettu: soita uudelleen tai kirjaa, ettei uusia yrityksiä tehdä."
    ]
    again = rules.call_again_on(today)
    assert _due(people) == {}  # the attempt was today: the repeat call is not due yet
    with clock.frozen(moment(again - dt.timedelta(days=1))):
        assert _due(people) == {}
    with clock.frozen(moment(again)):
        items = [
            i for i in workqueue.work_queue(viewer=people.worker) if i.kind.startswith("follow")
        ]
        assert [(i.kind, i.due) for i in items] == [("follow_up_call_again", again)]
        assert f"{today.day}.{today.month}.{today.year}" in items[0].label
        with pytest.raises(ValidationError) as error:
            _call(people, relationship, called_on=today - dt.timedelta(days=1), outcome="reached")
        assert codes(error.value) == {"past"}  # before the last attempt
        _call(people, relationship, called_on=again, outcome="reached", need="no_need")
        assert _due(people) == {}
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S15_FOLLOW_UP_CALL
    events = AuditEvent.objects.filter(what="follow-up call").order_by("pk")
    assert [e.changes["outcome"][1] for e in events] == ["not_reached", "reached"]


def test_no_more_attempts_concludes_the_contact_only_with_a_reason(people: People) -> None:
    relationship = ended(people, days_ago=40)
    today = clock.today()
    _call(people, relationship, called_on=today, outcome="not_reached")
    with pytest.raises(ValidationError) as error:
        _call(people, relationship, called_on=today, outcome="no_more_attempts", stop_reason=" ")
    assert codes(error.value) == {"required"}
    assert FollowUpCall.objects.count() == 1
    _call(
        people,
        relationship,
        called_on=today,
        outcome="no_more_attempts",
        need="reopen",  # ignored: nobody was reached
        stop_reason="Puhelinnumero ei ole enää käytössä; kirje lähetetty.",
    )
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S15_FOLLOW_UP_CALL
    assert not relationship.is_open
    with clock.frozen(moment(rules.call_again_on(today))):
        assert _due(people) == {}
    event = AuditEvent.objects.filter(what="follow-up call").latest("pk")
    assert event.changes["stop_reason"][1].startswith("Puhelinnumero")
    # Concluded: no further attempt is recorded, whatever its outcome.
    for outcome in ("not_reached", "reached", "no_more_attempts"):
        with pytest.raises(ValidationError) as error:
            _call(people, relationship, called_on=today, outcome=outcome, need="no_need")
        assert codes(error.value) == {"call_concluded"}


def test_the_database_keeps_one_concluding_call_and_the_reason(people: People) -> None:
    relationship = ended(people, days_ago=40)
    end = RelationshipEnd.objects.get(relationship=relationship)
    row = {"end": end, "called_on": clock.today(), "recorded_by": people.worker}
    with transaction.atomic(), pytest.raises(IntegrityError):
        FollowUpCall.objects.create(**row, outcome="no_more_attempts", stop_reason="")
    with transaction.atomic(), pytest.raises(IntegrityError):
        FollowUpCall.objects.create(**row, outcome="not_reached", stop_reason="Miksi")
    FollowUpCall.objects.create(**row, outcome="not_reached")
    FollowUpCall.objects.create(**row, outcome="not_reached")  # attempts may repeat
    FollowUpCall.objects.create(**row, outcome="reached", need="no_need")
    with transaction.atomic(), pytest.raises(IntegrityError):
        FollowUpCall.objects.create(**row, outcome="no_more_attempts", stop_reason="Ei vastaa")


def test_the_closure_page_says_to_call_again(client: HttpClient, people: People) -> None:
    relationship = ended(people, days_ago=40)
    client.force_login(people.worker)
    url = reverse("closure:follow_up_call", args=[relationship.pk])
    today = clock.today().strftime("%d.%m.%Y")
    refused = client.post(url, {"called_on": today, "outcome": "no_more_attempts"})
    assert "Kirjoita, miksi asiakasta ei enää yritetä tavoittaa." in refused.text
    client.post(url, {"called_on": today, "outcome": "not_reached"})
    page = client.get(reverse("closure:closure", args=[relationship.pk])).text
    assert "Ei tavoitettu: yritän uudelleen" in page
    assert "Asiakasta ei ole tavoitettu: soita uudelleen" in page
    assert "Kirjaa yhteydenotto" in page  # the next attempt
    client.post(
        url,
        {"called_on": today, "outcome": "no_more_attempts", "stop_reason": "Muuttanut pois."},
    )
    page = client.get(reverse("closure:closure", args=[relationship.pk])).text
    assert "Ei tavoitettu: uusia yrityksiä ei tehdä: Muuttanut pois." in page
    assert "Kirjaa yhteydenotto" not in page


def test_a_closed_relationship_is_reopened_with_a_reason_only(
    client: HttpClient, people: People
) -> None:
    relationship = ended(people, days_ago=2)
    client.force_login(people.worker)
    url = reverse("closure:reopen", args=[relationship.pk])
    refused = client.post(url, {"reopen-reason": "", "reopen-version": relationship.version})
    assert refused.status_code == 200
    relationship.refresh_from_db()
    assert not relationship.is_open
    client.post(url, {"reopen-reason": "Uusi tarve", "reopen-version": relationship.version})
    relationship.refresh_from_db()
    assert relationship.is_open
    with pytest.raises(ValidationError) as error:
        services.relationship_reopen(
            actor=people.worker, relationship=relationship, version=relationship.version, reason="x"
        )
    assert codes(error.value) == {"not_ended"}


def test_the_whole_closure_pages_render(client: HttpClient, people: People) -> None:
    relationship = ended(people, days_ago=40)
    client.force_login(people.worker)
    page = client.get(reverse("closure:closure", args=[relationship.pk])).text
    assert "Yhteydenotto kuukauden kuluttua" in page
    assert "Kirjaa yhteydenotto" in page
    assert "Opinnot aloitettu tai haettu" in page
    with pytest.raises(AssertionError):
        assert "Päätä asiakkuus" in page  # no second end


def test_no_step_from_s13_on_waits_with_a_pending_text() -> None:
    order = list(Stage)
    later = [
        (source, target)
        for (source, target), transition in machine.transitions().items()
        if order.index(source) >= order.index(Stage.S13_CERTIFICATE)
    ]
    assert later == [
        (Stage.S13_CERTIFICATE, Stage.S14_CLOSED),
        (Stage.S14_CLOSED, Stage.S15_FOLLOW_UP_CALL),
    ]
    for pair in later:
        assert machine.transitions()[pair].pending == ()
        assert machine.registered_checks(*pair)


def test_the_closure_page_says_a_period_still_running_must_end_first(
    client: HttpClient, people: People
) -> None:
    """At S13 with the certificate and the follow-up plan but the period still running, the
    page names the period and its last day among what the end still needs (no date the form
    offers could be accepted before it)."""
    period = ready_to_end(people)
    # The certificate given after the final evaluation, the period then extended (as its own
    # page allows while it runs): it now runs 20 days more.
    type(period).objects.filter(pk=period.pk).update(
        ends_on=clock.today() + dt.timedelta(days=20), status=PeriodStatus.ACTIVE
    )
    period.refresh_from_db()
    relationship = period.relationship
    client.force_login(people.worker)
    page = client.get(reverse("closure:closure", args=[relationship.pk])).text
    last_day = f"{period.ends_on.day}.{period.ends_on.month}.{period.ends_on.year}"
    assert f"Jakso paikassa {people.place.name} jatkuu {last_day} asti" in page
