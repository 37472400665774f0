"""Clients, intake and the responsible worker (S1–S3): services and views."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from polku.accounts.roles import Role
from polku.audit.models import AuditEvent, EventKind
from polku.clients import identity, services
from polku.clients.errors import ClientError
from polku.clients.models import ClientRelationship, InformingTopic, Meeting, Stage
from polku.core import clock
from tests.factories import ClientFactory, role_user
from tests.people import People, build_relationship
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def intake_data(people: People, **overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Ville",
        "last_name": "Uusiasiakas",
        "identity_code": identity.build_code(dt.date(1988, 4, 12), 955, sign="Y"),
        "birth_date": "",
        "language": "fi",
        "phone": "040 123 4567",
        "street_address": "Kotikatu 1",
        "postal_code": "40100",
        "city": "Testilä",
        "unit": str(people.unit.pk),
        "started_on": clock.today().strftime("%d.%m.%Y"),
        "source": "employment_authority",
        "reason": "Työttömyys pitkittynyt.",
    }
    data.update(overrides)
    return data


def test_intake_creates_client_and_relationship_into_the_queue(client, people: People) -> None:
    client.force_login(people.worker)
    response = client.post(reverse("clients:intake_new"), intake_data(people))
    assert response.status_code == 302
    relationship = ClientRelationship.objects.get(client__last_name="Uusiasiakas")
    assert relationship.stage == Stage.S1_STARTED
    assert relationship.responsible_worker is None
    assert relationship.received_by == people.worker
    assert relationship.client.birth_date == dt.date(1988, 4, 12)
    queue = client.get(reverse("clients:intake_queue")).text
    assert "Uusiasiakas" in queue
    event = AuditEvent.objects.get(what="relationship opened", client_id=relationship.client_id)
    assert event.changes["source"] == [None, "employment_authority"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("010594Z9502", "vuosisadan"),
        ("310294-9503", "syntymäaika ei ole todellinen"),
        ("010594Y95", "11 merkkiä"),
    ],
)
def test_invalid_identity_code_names_the_problem_and_keeps_the_input(
    client, people: People, code: str, message: str
) -> None:
    client.force_login(people.worker)
    response = client.post(reverse("clients:intake_new"), intake_data(people, identity_code=code))
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Uusiasiakas"' in response.text
    assert "Työttömyys pitkittynyt." in response.text
    assert not ClientRelationship.objects.filter(client__last_name="Uusiasiakas").exists()


def test_wrong_check_character_is_named(client, people: People) -> None:
    client.force_login(people.worker)
    good = identity.build_code(dt.date(1988, 4, 12), 955, sign="Y")
    bad = good[:-1] + ("A" if good[-1] != "A" else "B")
    response = client.post(reverse("clients:intake_new"), intake_data(people, identity_code=bad))
    assert "Tarkistusmerkki" in response.text


def test_duplicate_identity_code_offers_a_new_relationship_instead(client, people: People) -> None:
    existing = people.client_record
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:intake_new"),
        intake_data(people, identity_code=existing.identity_code or ""),
    )
    assert response.status_code == 200
    assert "on jo olemassa" in response.text
    assert f'name="choose" value="{existing.pk}"' in response.text
    assert ClientRelationship.objects.filter(client=existing).count() == 1


def test_same_name_and_birth_date_warns_until_confirmed(client, people: People) -> None:
    existing = ClientFactory.create(
        last_name="Virtanen",
        first_name="Ville",
        identity_code=None,
        temporary_id="T-1",
        birth_date=dt.date(1990, 1, 1),
    )
    client.force_login(people.worker)
    data = intake_data(
        people, last_name="Virtanen", identity_code="", temporary_id="T-2", birth_date="1.1.1990"
    )
    first = client.post(reverse("clients:intake_new"), data)
    assert first.status_code == 200
    assert "Samalla nimellä ja syntymäajalla" in first.text
    assert f'value="{existing.pk}"' in first.text
    second = client.post(reverse("clients:intake_new"), data | {"confirm_not_duplicate": "on"})
    assert second.status_code == 302
    assert ClientRelationship.objects.filter(client__temporary_id="T-2").exists()


def test_reentry_links_the_earlier_relationship(client, people: People) -> None:
    person = ClientFactory.create()
    first = build_relationship(worker=people.worker, unit=people.unit, client=person, days_ago=400)
    ClientRelationship.objects.filter(pk=first.pk).update(
        ended_on=clock.today() - dt.timedelta(days=100)
    )
    client.force_login(people.worker)
    client.post(reverse("clients:search"), {"identity_code": person.identity_code})
    client.post(reverse("clients:intake_existing"), {"choose": str(person.pk)})
    response = client.post(
        reverse("clients:intake_existing"),
        {
            "unit": people.unit.pk,
            "started_on": clock.today().strftime("%d.%m.%Y"),
            "source": "self",
            "reason": "Uusi yhteydenotto.",
        },
    )
    assert response.status_code == 302
    newest = person.relationships.order_by("-pk")[0]
    assert newest.previous_id == first.pk


def test_choosing_a_client_needs_a_search_hit(client, people: People) -> None:
    stranger = ClientFactory.create()
    client.force_login(people.worker)
    response = client.post(reverse("clients:intake_existing"), {"choose": str(stranger.pk)})
    assert response.status_code == 404


def test_open_relationship_cannot_be_opened_twice(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        services.relationship_open(
            actor=people.worker,
            client=people.client_record,
            unit=people.unit,
            started_on=clock.today(),
            source="self",
            reason="x",
        )
    assert error.value.code == ClientError.ALREADY_OPEN


def test_search_by_identity_code_is_a_post_and_logged(client, people: People) -> None:
    client.force_login(people.worker_other_unit)
    response = client.post(
        reverse("clients:search"), {"identity_code": people.client_record.identity_code}
    )
    assert "Asiakas Kalle" in response.text
    results = response.text.split('id="hits-title"', 1)[1]
    assert people.client_record.masked_identity_code in results
    assert people.client_record.identity_code not in results
    assert AuditEvent.objects.filter(
        what="intake search", actor_id=people.worker_other_unit.pk
    ).exists()


def test_queue_is_scoped_to_own_units_and_oldest_first(client, people: People) -> None:
    older = build_relationship(worker=None, unit=people.unit, days_ago=9)
    newer = build_relationship(worker=None, unit=people.unit, days_ago=1)
    elsewhere = build_relationship(worker=None, unit=people.other_unit, days_ago=5)
    client.force_login(people.worker)
    page = client.get(reverse("clients:intake_queue")).text
    assert page.index(older.client.last_name) < page.index(newer.client.last_name)
    assert elsewhere.client.last_name not in page
    assert '<strong class="tag tag--warn">9</strong>' in page  # days waited, highlighted


def test_assign_self_and_the_previous_stage_is_on_the_timeline(client, people: People) -> None:
    relationship = build_relationship(worker=None, unit=people.unit)
    client.force_login(people.decision_maker)
    response = client.post(
        reverse("clients:assign", args=[relationship.pk]), {"worker": people.decision_maker.pk}
    )
    assert response.status_code == 302
    relationship.refresh_from_db()
    assert relationship.responsible_worker == people.decision_maker
    assert relationship.stage == Stage.S2_RESPONSIBLE_WORKER
    page = client.get(reverse("clients:detail", args=[relationship.client_id])).text
    assert "Vastuutyöntekijän nimeäminen" in page


def test_second_naming_is_refused(people: People) -> None:
    relationship = build_relationship(worker=None, unit=people.unit)
    services.worker_assign(actor=people.worker, relationship=relationship, worker=people.worker)
    stale = ClientRelationship.objects.get(pk=relationship.pk)
    stale.responsible_worker = None
    with pytest.raises(ValidationError) as error:
        services.worker_assign(
            actor=people.decision_maker, relationship=stale, worker=people.decision_maker
        )
    assert error.value.code == ClientError.ASSIGNED


def test_worker_of_another_unit_cannot_be_named(people: People) -> None:
    relationship = build_relationship(worker=None, unit=people.unit)
    with pytest.raises(ValidationError) as error:
        services.worker_assign(
            actor=people.worker, relationship=relationship, worker=people.worker_other_unit
        )
    assert error.value.code == ClientError.NOT_IN_UNIT


def test_handover_moves_access_when_accepted(client, people: People) -> None:
    colleague = role_user(Role.WORKER, people.unit)
    services.handover_propose(
        actor=people.worker,
        relationship=people.relationship,
        worker=colleague,
        note="Lomasijaisuus.",
    )
    url = reverse("clients:detail", args=[people.client_record.pk])
    client.force_login(people.worker)
    assert client.get(url).status_code == 200  # still responsible until accepted
    client.force_login(colleague)
    assignment = people.relationship.assignments.get(worker=colleague)
    decide = client.get(reverse("clients:handover_decide", args=[assignment.pk]))
    assert "Lomasijaisuus." in decide.text
    client.post(reverse("clients:handover_decide", args=[assignment.pk]), {"decision": "accept"})
    assert client.get(url).status_code == 200
    client.force_login(people.worker)
    assert client.get(url).status_code == 404
    history = list(people.relationship.assignments.values_list("status", flat=True))
    assert sorted(history) == ["accepted", "accepted"]


def test_declined_handover_keeps_the_worker(client, people: People) -> None:
    colleague = role_user(Role.WORKER, people.unit)
    assignment = services.handover_propose(
        actor=people.worker, relationship=people.relationship, worker=colleague, note="x"
    )
    client.force_login(colleague)
    client.post(reverse("clients:handover_decide", args=[assignment.pk]), {"decision": "decline"})
    people.relationship.refresh_from_db()
    assert people.relationship.responsible_worker == people.worker
    assert client.get(reverse("clients:detail", args=[people.client_record.pk])).status_code == 404


def test_team_cover_needs_a_purpose_and_logs_it(client, people: People) -> None:
    colleague = role_user(Role.WORKER, people.unit)
    url = reverse("clients:detail", args=[people.client_record.pk])
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    refused = client.post(reverse("clients:cover"), {"colleague": people.worker.pk, "purpose": ""})
    assert refused.status_code == 200
    client.post(
        reverse("clients:cover"),
        {"colleague": people.worker.pk, "purpose": "Sanna lomalla, kiireellinen asia"},
    )
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.filter(actor_id=colleague.pk, what="client page").latest("pk")
    assert (event.basis, event.purpose) == ("team_cover", "Sanna lomalla, kiireellinen asia")
    covered = client.get(reverse("clients:covered") + f"?worker={people.worker.pk}")
    assert people.client_record.last_name in covered.text


def test_cover_expires_at_the_end_of_the_day(client, people: People) -> None:
    colleague = role_user(Role.WORKER, people.unit)
    services.cover_start(
        actor=colleague, colleague=people.worker, unit=people.unit, purpose="Päivystys tänään"
    )
    client.force_login(colleague)
    with clock.frozen(clock.now() + dt.timedelta(days=1, hours=1)):
        assert (
            client.get(reverse("clients:detail", args=[people.client_record.pk])).status_code == 404
        )


def test_non_disclosure_hides_the_address_from_a_covering_colleague(client, people: People) -> None:
    person = people.client_record
    person.street_address, person.non_disclosure = "Salainen tie 3", True
    person.save()
    client.force_login(people.worker)
    assert "Salainen tie 3" in client.get(reverse("clients:detail", args=[person.pk])).text
    colleague = role_user(Role.WORKER, people.unit)
    services.cover_start(
        actor=colleague, colleague=people.worker, unit=people.unit, purpose="Sijaisuus tänään"
    )
    client.force_login(colleague)
    page = client.get(reverse("clients:detail", args=[person.pk])).text
    assert "Salainen tie 3" not in page
    assert "Turvakielto" in page


def meeting_form(day: dt.date, time: str = "10.00", **extra: str) -> dict[str, str]:
    return {
        "date": day.strftime("%d.%m.%Y"),
        "time": time,
        "duration_minutes": "60",
        "channel": "phone",
        "location": "",
        "participants": "",
    } | extra


def test_meeting_in_the_past_is_refused_and_input_kept(client, people: People) -> None:
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:meeting_new", args=[people.relationship.pk]),
        meeting_form(clock.today() - dt.timedelta(days=1), participants="Tukihenkilö Maija"),
    )
    assert response.status_code == 200
    assert "Tapaamisaika on jo mennyt" in response.text
    assert "Tukihenkilö Maija" in response.text


def test_overlapping_meeting_is_refused(client, people: People) -> None:
    existing = timezone.localtime(people.meeting.starts_at)
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:meeting_new", args=[people.relationship.pk]),
        meeting_form(existing.date(), (existing + dt.timedelta(minutes=30)).strftime("%H.%M")),
    )
    assert response.status_code == 200
    assert "päällekkäin" in response.text
    assert Meeting.objects.filter(relationship=people.relationship).count() == 1


def record_data(meeting: Meeting, **extra: str) -> dict[str, str]:
    data = {
        "version": str(meeting.version),
        "overall_situation": "Asuu yksin.",
        "service_need": "Arjen tuki.",
        "client_wishes": "Haluan tehdä jotain käsillä.",
        "outcome": "activation_plan",
        "outcome_note": "",
        "mark_held": "on",
    }
    for topic in InformingTopic.values:
        data[f"informed_{topic}"] = "on"
    data.update(extra)
    return data


def held_meeting(people: People) -> tuple[Meeting, dt.datetime]:
    """The people fixture's first meeting, and a moment after it was held."""
    return people.meeting, people.meeting.starts_at + dt.timedelta(hours=2)


def test_first_meeting_cannot_be_held_with_an_incomplete_checklist(client, people: People) -> None:
    meeting, later = held_meeting(people)
    client.force_login(people.worker)
    data = record_data(meeting)
    del data["informed_benefits"]
    with clock.frozen(later):
        response = client.post(reverse("clients:meeting_record", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "Tuet" in response.text
    assert "Haluan tehdä jotain käsillä." in response.text
    meeting.refresh_from_db()
    assert meeting.status == "booked"
    # Marked not relevant with a reason, the item counts as done.
    data["reason_benefits"] = "Asiakas saa jo kaikki tuet, käyty läpi viime viikolla."
    with clock.frozen(later):
        ok = client.post(reverse("clients:meeting_record", args=[meeting.pk]), data)
    assert ok.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held"
    assert meeting.informing.get(topic="benefits").not_relevant_reason.startswith("Asiakas saa")


def test_activation_plan_branch_needs_the_overall_situation(people: People) -> None:
    meeting, later = held_meeting(people)
    with clock.frozen(later), pytest.raises(ValidationError) as error:
        services.meeting_record(
            actor=people.worker,
            meeting=meeting,
            version=meeting.version,
            informing={t: (True, "") for t in InformingTopic.values},
            mark_held=True,
            overall_situation="",
            outcome="activation_plan",
        )
    assert "kokonaistilanne" in " ".join(error.value.messages).lower()
    assert {leaf.code for leaf in error.value.error_list} == {ClientError.NOT_HELD}


def test_next_step_follows_the_outcome(client, people: People) -> None:
    meeting, later = held_meeting(people)
    client.force_login(people.worker)
    with clock.frozen(later):
        client.post(reverse("clients:meeting_record", args=[meeting.pk]), record_data(meeting))
        page = client.get(reverse("clients:detail", args=[people.client_record.pk])).text
    assert "aktivointisuunnitelma" in page.lower()


def test_concurrent_edit_is_refused_and_keeps_the_input(client, people: People) -> None:
    person = people.client_record
    client.force_login(people.worker)
    form = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "identity_code": person.identity_code,
        "birth_date": "",
        "language": "fi",
        "phone": "040 999 0000",
        "version": str(person.version),
    }
    services.client_update(
        actor=people.worker, client=person, version=person.version, phone="050 1"
    )
    response = client.post(reverse("clients:edit", args=[person.pk]), form)
    assert response.status_code == 200
    assert "Joku muu" in response.text
    assert "040 999 0000" in response.text
    person.refresh_from_db()
    assert person.phone == "050 1"
    # The form now carries the new version: saving again on purpose succeeds.
    assert f'value="{person.version}"' in response.text
    again = client.post(
        reverse("clients:edit", args=[person.pk]), form | {"version": str(person.version)}
    )
    assert again.status_code == 302


def test_client_page_masks_the_code_and_logs_the_reveal(client, people: People) -> None:
    person = people.client_record
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[person.pk])).text
    assert person.masked_identity_code in page
    assert person.identity_code not in page
    revealed = client.post(
        reverse("clients:reveal_identity_code", args=[person.pk]), HTTP_HX_REQUEST="true"
    )
    assert person.identity_code in revealed.text
    assert "<html" not in revealed.text
    assert AuditEvent.objects.filter(
        what="identity code revealed", client_id=person.pk, actor_id=people.worker.pk
    ).exists()


def test_timeline_shows_who_when_and_old_to_new(client, people: People) -> None:
    person = people.client_record
    services.client_update(
        actor=people.worker, client=person, version=person.version, phone="040 555 1234"
    )
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[person.pk])).text
    assert "Asiakkaan tiedot muuttuivat" in page or "040 555 1234" in page
    assert "<ins>040 555 1234</ins>" in page
    assert "Sanna Ohjaaja" in page
    assert person.identity_code not in page  # the creation event shows it masked


def test_invitation_pdf_in_the_clients_language_and_sending_is_a_disclosure(
    client, people: People
) -> None:
    person = people.client_record
    person.language, person.street_address, person.non_disclosure = "sv", "Hemligvägen 1", True
    person.save()
    worker = people.meeting.worker
    worker.title, worker.title_sv = "sosiaaliohjaaja", "socialhandledare"
    worker.save(update_fields=["title", "title_sv"])
    client.force_login(people.worker)
    response = client.get(reverse("clients:meeting_invitation", args=[people.meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="kallelse.pdf"' in response["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Kallelse till möte" in text
    assert "socialhandledare" in text  # the worker's title in the letter's language
    assert "sosiaaliohjaaja" not in text
    assert person.full_name in text
    assert "Hemligvägen" not in text
    assert timezone.localtime(people.meeting.starts_at).strftime("%-d.%-m.%Y") in text
    client.post(reverse("clients:meeting_invitation", args=[people.meeting.pk]))
    event = AuditEvent.objects.get(kind=EventKind.DISCLOSURE, client_id=person.pk)
    assert event.what == "meeting invitation letter"
    assert people.relationship.contacts.filter(kind="letter", outcome="sent").exists()


def test_contact_log_with_outcome(client, people: People) -> None:
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:contact_new", args=[people.relationship.pk]),
        {
            "kind": "phone",
            "contacted_on": clock.today().strftime("%d.%m.%Y"),
            "outcome": "not_reached",
            "note": "Ei vastannut",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("clients:detail", args=[people.client_record.pk])).text
    assert "Ei tavoitettu" in page


def test_age_outside_the_usual_range_warns(client, people: People) -> None:
    client.force_login(people.worker)
    young = identity.build_code(dt.date(clock.today().year - 16, 1, 1), 950, sign="A")
    response = client.post(
        reverse("clients:intake_new"), intake_data(people, identity_code=young), follow=True
    )
    assert "16-vuotias" in response.text


def test_client_role_sees_the_named_worker_on_omapolku(client, people: People) -> None:
    client.force_login(people.client)
    page = client.get(reverse("portal:client_start")).text
    assert "Sanna Ohjaaja" in page


@pytest.mark.parametrize("url_name", ["clients:caseload", "clients:intake_queue"])
def test_lists_use_a_constant_number_of_queries(client, people: People, url_name: str) -> None:
    """One client on the list, then fifty: the same number of queries."""
    worker = people.worker if url_name == "clients:caseload" else None
    build_relationship(worker=worker, unit=people.unit)

    def grow() -> None:
        for _ in range(49):
            build_relationship(worker=worker, unit=people.unit)

    client.force_login(people.worker)
    assert_flat_queries(client, reverse(url_name), grow=grow)


def test_caseload_filters_and_sorting(client, people: People) -> None:
    waiting = build_relationship(
        worker=people.worker, unit=people.unit, client=ClientFactory.create(last_name="Odottava")
    )
    client.force_login(people.worker)
    none = client.get(reverse("clients:caseload"), {"meeting": "none"}).text
    assert "Odottava" in none
    assert "Asiakas Kalle" not in none
    week = client.get(reverse("clients:caseload"), {"meeting": "week"}).text
    assert people.client_record.last_name in week
    s3 = client.get(reverse("clients:caseload"), {"stage": "s3"}).text
    assert waiting.client.last_name not in s3
    by_name = client.get(reverse("clients:caseload"), {"sort": "-name"}).text
    table = by_name.split("<tbody>", 1)[1]
    assert table.index("Odottava") < table.index("Asiakas Kalle")


def test_caseload_pages_keep_the_filters(client, people: People) -> None:
    for _ in range(51):
        build_relationship(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    first = client.get(reverse("clients:caseload"), {"meeting": "none", "sort": "-name"}).text
    assert "meeting=none&amp;sort=-name&amp;page=2" in first
    second = client.get(
        reverse("clients:caseload"), {"meeting": "none", "sort": "-name", "page": "2"}
    )
    assert second.status_code == 200
    assert "Sivu 2 / 2" in second.text


def test_cancelling_a_meeting_keeps_it_on_the_timeline(client, people: People) -> None:
    client.force_login(people.worker)
    url = reverse("clients:meeting_cancel", args=[people.meeting.pk])
    stale = client.post(url, {"version": str(people.meeting.version + 5)}, follow=True)
    assert "Joku muu" in stale.text
    client.post(url, {"version": str(people.meeting.version)})
    people.meeting.refresh_from_db()
    assert people.meeting.status == "cancelled"
    page = client.get(reverse("clients:detail", args=[people.client_record.pk])).text
    assert "Tapaaminen peruttu" in page  # the timeline entry
    assert "Peruttu" in page  # the meeting row


def test_non_disclosure_address_stays_off_the_timeline_and_edit_form_for_a_colleague(
    client, people: People
) -> None:
    person = people.client_record
    services.client_update(
        actor=people.worker,
        client=person,
        version=person.version,
        street_address="Salainenkatu 7",
        non_disclosure=True,
    )
    colleague = role_user(Role.WORKER, people.unit)
    services.cover_start(
        actor=colleague, colleague=people.worker, unit=people.unit, purpose="Sijaisuus tänään"
    )
    client.force_login(colleague)
    page = client.get(reverse("clients:detail", args=[person.pk])).text
    assert "Salainenkatu" not in page
    edit = client.get(reverse("clients:edit", args=[person.pk])).text
    assert "Salainenkatu" not in edit
    assert 'name="street_address"' not in edit
    # The responsible worker still sees and edits it.
    client.force_login(people.worker)
    assert "Salainenkatu" in client.get(reverse("clients:detail", args=[person.pk])).text


def test_cover_lists_only_worker_colleagues(client, people: People) -> None:
    client.force_login(people.decision_maker)
    page = client.get(reverse("clients:cover")).text
    assert people.worker.last_name in page
    assert "Asiakas" not in page.split('id="id_colleague"', 1)[1].split("</select>", 1)[0]


def test_refused_intake_leaves_no_client_behind(client, people: People) -> None:
    from polku.clients.models import Client

    before = Client.objects.count()
    client.force_login(people.worker)
    future = (clock.today() + dt.timedelta(days=3)).strftime("%d.%m.%Y")
    response = client.post(reverse("clients:intake_new"), intake_data(people, started_on=future))
    assert response.status_code == 200
    assert "tulevaisuudessa" in response.text
    assert Client.objects.count() == before


def test_pending_handovers_shown_in_the_queue_are_logged(client, people: People) -> None:
    client.force_login(people.worker)
    page = client.get(reverse("clients:intake_queue")).text
    assert people.other_relationship.client.last_name in page
    assert AuditEvent.objects.filter(
        what="hand-overs waiting",
        actor_id=people.worker.pk,
        client_id=people.other_relationship.client_id,
    ).exists()


@pytest.mark.parametrize("worker", ["1" + "0" * 30, "-5", "x"])
def test_covered_list_with_a_bad_worker_id_is_a_404(client, people: People, worker: str) -> None:
    client.force_login(people.worker)
    assert client.get(reverse("clients:covered"), {"worker": worker}).status_code == 404


def test_a_date_far_in_the_future_is_a_form_error(client, people: People) -> None:
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:meeting_new", args=[people.relationship.pk]),
        meeting_form(dt.date(9999, 12, 31), "23.00"),
    )
    assert response.status_code == 200
    assert "1900" in response.text
