"""S8, the introductory visit: recorded with the hand-over summary, or skipped; the stepper and
the state machine follow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.clients.models import Stage
from polku.clients.selectors import stepper
from polku.core import clock
from polku.core.errors import CommonError
from polku.pathways import machine
from polku.placements import services
from polku.placements.errors import PlacementError
from polku.placements.models import IntroductoryVisit, VisitStatus
from polku.placements.selectors import chosen_place
from polku.placements.tests.builders import at_s8
from tests.people import People

pytestmark = pytest.mark.django_db


def visit_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "visited_on": clock.today(),
        "participants": "Asiakas, vastuutyöntekijä, ohjaaja",
        "worker_present": True,
        "place_contact": "Olli Ohjaaja",
        "agreed_hours": "ma–to 8–14",
        "agreed_tasks": "Puutyöt ja kalusteiden kunnostus",
        "handover_summary": "Tarvitsee selkeät ohjeet; tauot tärkeitä.",
        "reviewed_with_client": True,
    }
    data |= changes
    return data


def codes(error: ValidationError) -> dict[str, list[str | None]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_the_visit_is_recorded_audited_and_opens_s9_for_its_part(people: People) -> None:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    assert len(machine.missing_for(relationship, Stage.S9_KUTY_STARTS)) == 3
    visit = services.visit_record(
        actor=people.worker, relationship=relationship, place=place, **visit_data()
    )
    assert visit.status == VisitStatus.RECORDED
    missing = machine.missing_for(relationship, Stage.S9_KUTY_STARTS)
    assert len(missing) == 2  # the decision and the steward notice are still missing
    event = AuditEvent.objects.get(
        record_type="placements.IntroductoryVisit", record_id=str(visit.pk)
    )
    assert event.what == "introductory visit"
    assert event.changes["handover_summary"][1].startswith("Tarvitsee")


def test_the_visit_needs_its_content_and_names_what_is_missing(people: People) -> None:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    with pytest.raises(ValidationError) as refused:
        services.visit_record(
            actor=people.worker,
            relationship=relationship,
            place=place,
            **visit_data(visited_on=None, agreed_tasks=" ", handover_summary=""),
        )
    assert codes(refused.value) == {
        "visited_on": [CommonError.REQUIRED],
        "agreed_tasks": [CommonError.REQUIRED],
        "handover_summary": [CommonError.REQUIRED],
    }
    with pytest.raises(ValidationError) as refused:
        services.visit_record(
            actor=people.worker,
            relationship=relationship,
            place=place,
            **visit_data(worker_present=False, reviewed_with_client=False),
        )
    assert set(codes(refused.value)) == {"worker_present", "reviewed_with_client"}
    assert not IntroductoryVisit.objects.exists()


def test_the_visit_date_is_bounded_by_the_choice_and_today(people: People) -> None:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    with pytest.raises(ValidationError) as refused:
        services.visit_record(
            actor=people.worker,
            relationship=relationship,
            place=place,
            **visit_data(visited_on=clock.today() + dt.timedelta(days=1)),
        )
    assert codes(refused.value) == {"visited_on": [CommonError.FUTURE]}
    with pytest.raises(ValidationError) as refused:
        services.visit_record(
            actor=people.worker,
            relationship=relationship,
            place=place,
            **visit_data(visited_on=relationship.started_on - dt.timedelta(days=1)),
        )
    assert "visited_on" in codes(refused.value)


def test_only_the_caseworker_records_the_visit(people: People) -> None:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    with pytest.raises(PermissionDenied):
        services.visit_record(
            actor=people.worker_other_unit, relationship=relationship, place=place, **visit_data()
        )


def test_a_skipped_visit_shows_as_skipped_and_needs_a_reason(people: People) -> None:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    with pytest.raises(ValidationError) as refused:
        services.visit_skip(actor=people.worker, relationship=relationship, place=place, reason=" ")
    assert codes(refused.value) == {"skip_reason": [CommonError.REQUIRED]}
    services.visit_skip(
        actor=people.worker, relationship=relationship, place=place, reason="Tuttu paikka S6:sta"
    )
    assert "The introductory visit has not been recorded yet." not in machine.missing_for(
        relationship, Stage.S9_KUTY_STARTS
    )
    relationship.stage = Stage.S9_KUTY_STARTS  # as if moved on: S8 is passed
    states = {step.stage: step.state for step in stepper(relationship)}
    assert states[Stage.S8_INTRODUCTORY_VISIT] == "skipped"
    relationship.stage = Stage.S8_INTRODUCTORY_VISIT
    with pytest.raises(ValidationError) as again:
        services.visit_record(
            actor=people.worker, relationship=relationship, place=place, **visit_data()
        )
    assert again.value.error_list[0].code == PlacementError.VISIT_RECORDED


def test_the_visit_is_not_recorded_before_s8(people: People) -> None:
    relationship = people.relationship
    with pytest.raises(ValidationError) as refused:
        services.visit_record(
            actor=people.worker, relationship=relationship, place=people.place, **visit_data()
        )
    assert refused.value.error_list[0].code == PlacementError.WRONG_STAGE


def test_the_placement_page_records_a_visit_and_keeps_bad_input(
    client: HttpClient, people: People
) -> None:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    client.force_login(people.worker)
    url = reverse("placements:placement", args=[relationship.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert place.name in page.content.decode()
    post = reverse("placements:visit_record", args=[relationship.pk])
    bad = client.post(
        post,
        {"place": place.pk, "visited_on": "", "agreed_tasks": "Puutyöt", "handover_summary": ""},
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Puutyöt" in text
    assert "Täytä tämä, jotta käynti voidaan kirjata." in text
    good = client.post(
        post,
        {
            "place": place.pk,
            "visited_on": clock.today().strftime("%d.%m.%Y"),
            "worker_present": "on",
            "agreed_tasks": "Puutyöt",
            "handover_summary": "Selkeät ohjeet",
            "reviewed_with_client": "on",
        },
    )
    assert good.status_code == 302
    assert "Selkeät ohjeet" in client.get(url).content.decode()


def test_the_placement_page_is_404_without_a_basis(client: HttpClient, people: People) -> None:
    relationship = at_s8(people)
    client.force_login(people.worker_other_unit)
    response = client.get(reverse("placements:placement", args=[relationship.pk]))
    assert response.status_code == 404
    assert relationship.client.last_name not in response.content.decode()
