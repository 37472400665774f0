"""The end's destination traced back to the service network: an opportunity or a partner,
one of them, only for work, a work trial, pay-subsidised work or studies (the rule and the
database's constraints), shown on the closure page by name and audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.closure import services
from polku.closure.models import RelationshipEnd
from polku.closure.tests.builders import ready_to_end
from polku.core import clock
from polku.network.tests.builders import opportunity, partner
from tests.people import People

pytestmark = pytest.mark.django_db


def _end(people: People, **overrides: object) -> RelationshipEnd:
    relationship = ready_to_end(people).relationship
    data: dict[str, object] = {
        "ended_on": clock.today(),
        "destination": "work_trial",
        "destination_detail": "",
        "no_further_need": True,
    } | overrides
    return services.relationship_end(
        actor=people.worker,
        relationship=relationship,
        version=relationship.version,
        **data,  # type: ignore[arg-type]
    )


def test_an_end_links_its_destination_to_an_opportunity_and_the_change_says_so(
    people: People,
) -> None:
    trial = opportunity(people.manager, partner(people.manager), title="Työkokeilu kahvilassa")
    end = _end(people, opportunity=trial)
    assert end.opportunity == trial
    assert end.partner is None
    event = AuditEvent.objects.get(what="relationship ended", record_type="closure.RelationshipEnd")
    assert event.changes["opportunity"] == [None, trial.pk]


@pytest.mark.parametrize(
    ("destination", "both", "code"),
    [("pension", False, "not_traceable"), ("work_trial", True, "traced_twice")],
)
def test_a_link_that_does_not_fit_is_refused(
    people: People, destination: str, both: bool, code: str
) -> None:
    source = partner(people.manager)
    trial = opportunity(people.manager, source)
    links = {"opportunity": trial, "partner": source} if both else {"opportunity": trial}
    with pytest.raises(ValidationError) as caught:
        _end(people, destination=destination, **links)
    assert code in {e.code for errors in caught.value.error_dict.values() for e in errors}
    assert not RelationshipEnd.objects.exists()


def test_the_database_refuses_links_that_do_not_fit(people: People) -> None:
    source = partner(people.manager)
    end = _end(people, destination="studies", partner=source)
    trial = opportunity(people.manager, source)
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationshipEnd.objects.filter(pk=end.pk).update(opportunity=trial)
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationshipEnd.objects.filter(pk=end.pk).update(destination="pension")


def test_the_closure_form_links_by_name_and_shows_the_link(
    client: HttpClient, people: People
) -> None:
    employer = partner(people.manager, name="Osuuskunta Apaja")
    relationship = ready_to_end(people).relationship
    client.force_login(people.worker)
    page = client.get(reverse("closure:closure", args=[relationship.pk])).text
    assert "Osuuskunta Apaja" in page
    bad = client.post(
        reverse("closure:relationship_end", args=[relationship.pk]),
        {
            "ended_on": clock.today().strftime("%d.%m.%Y"),
            "destination": "pension",
            "partner": employer.pk,
            "no_further_need": "on",
            "version": relationship.version,
        },
    )
    assert bad.status_code == 200
    assert f'<option value="{employer.pk}" selected>' in bad.text  # the choice is kept
    response = client.post(
        reverse("closure:relationship_end", args=[relationship.pk]),
        {
            "ended_on": clock.today().strftime("%d.%m.%Y"),
            "destination": "pay_subsidised_work",
            "partner": employer.pk,
            "no_further_need": "on",
            "version": relationship.version,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("closure:closure", args=[relationship.pk])).text
    assert "Osuuskunta Apaja" in page
    assert RelationshipEnd.objects.get().partner == employer
