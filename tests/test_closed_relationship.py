"""After the end of the relationship (S14) only what the law still allows is offered and
written: the follow-up contact one month later, reading the record, reopening or a new
relationship. The client page offers no booking, contact, details edit or invitation, and the
services refuse those writes (one check, ``clients.rules.relationship_not_ended``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from polku.clients import services
from polku.clients.models import ContactLog
from polku.closure.tests.builders import ended, moment
from polku.core import clock
from polku.eligibility import services as eligibility
from polku.eligibility.models import EligibilityCheck
from tests.people import People, build_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> People:
    return build_people()


def test_the_client_page_of_an_ended_relationship_offers_only_what_is_still_allowed(
    client: HttpClient, people: People
) -> None:
    relationship = ended(people, days_ago=40)
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[relationship.client_id])).text
    for gone in ("clients:meeting_new", "clients:contact_new"):
        assert reverse(gone, args=[relationship.pk]) not in page
    assert reverse("clients:edit", args=[relationship.client_id]) not in page
    assert "Varaa tapaaminen" not in page
    # The follow-up contact stays: the closure page, and the page says what is left to do.
    assert reverse("closure:closure", args=[relationship.pk]) in page
    ended_on = relationship.ended_on
    assert ended_on is not None
    assert f"Asiakkuus päättyi {ended_on.day}.{ended_on.month}.{ended_on.year}" in page
    assert "kuukauden kuluttua" in page
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    page = client.get(reverse("clients:detail", args=[relationship.client_id])).text
    assert "Klientrelationen upphörde" in page
    # The eligibility page shows the checks but no form to save new inputs.
    page = client.get(reverse("eligibility:eligibility", args=[relationship.pk])).text
    assert 'name="subsidy_days_total"' not in page


def test_an_open_relationship_still_offers_them(client: HttpClient, people: People) -> None:
    from polku.closure.tests.builders import ready_to_end

    relationship = ready_to_end(people).relationship
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[relationship.client_id])).text
    assert reverse("clients:meeting_new", args=[relationship.pk]) in page
    assert reverse("clients:contact_new", args=[relationship.pk]) in page


def test_the_services_refuse_writes_after_the_end(client: HttpClient, people: People) -> None:
    relationship = ended(people, days_ago=40)
    with pytest.raises(ValidationError) as error:
        services.contact_log(
            actor=people.worker,
            relationship=relationship,
            kind="phone",
            contacted_on=clock.today(),
            outcome="reached",
        )
    assert error.value.code == "ended"
    assert "vain kuukauden kuluttua tehtävä yhteydenotto" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        services.meeting_book(
            actor=people.worker,
            relationship=relationship,
            # 16.00 local two days ahead: the refusal is for the end, not an overlap with the
            # shared deployment's 10.00 meeting that day.
            starts_at=moment(clock.today() + dt.timedelta(days=2), 16),
            duration_minutes=60,
            channel="phone",
        )
    assert error.value.code == "ended"
    with pytest.raises(ValidationError) as error:
        eligibility.eligibility_check_record(
            actor=people.worker,
            relationship=relationship,
            assessed_on=clock.today(),
            subsidy_days_total=0,
            subsidy_days_12m=0,
            social_assistance_main_income=True,
            employment_plan="none",
        )
    assert error.value.code == "ended"
    assert not ContactLog.objects.filter(relationship=relationship, contacted_on=clock.today())
    assert not EligibilityCheck.objects.filter(relationship=relationship).exists()
    # The contact form posted anyway: refused on the page, what was typed kept.
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:contact_new", args=[relationship.pk]),
        {
            "kind": "phone",
            "contacted_on": clock.today().strftime("%d.%m.%Y"),
            "outcome": "reached",
            "note": "Soitto kuulumisista",
        },
    )
    assert response.status_code == 200
    assert "Soitto kuulumisista" in response.text
    assert "päättyi" in response.text


def test_an_invitation_is_not_sent_after_the_end_but_the_meeting_can_be_cancelled(
    people: People,
) -> None:
    from polku.closure import services as closure_services
    from polku.closure.tests.builders import ready_to_end

    relationship = ready_to_end(people).relationship
    # 16.00 local two days ahead: the builders' meetings are at 10.00, whatever the hour now.
    meeting = services.meeting_book(
        actor=people.worker,
        relationship=relationship,
        starts_at=moment(clock.today() + dt.timedelta(days=2), 16),
        duration_minutes=60,
        channel="phone",
    )
    relationship.refresh_from_db()
    closure_services.relationship_end(
        actor=people.worker,
        relationship=relationship,
        version=relationship.version,
        ended_on=clock.today(),
        destination="studies",
        destination_detail="",
        no_further_need=True,
    )
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.invitation_send(actor=people.worker, meeting=meeting)
    assert error.value.code == "ended"
    # A meeting left booked is still cancelled, so the client is not expected.
    services.meeting_cancel(actor=people.worker, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
