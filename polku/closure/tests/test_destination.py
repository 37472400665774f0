"""The end's destination (user test of the closure page): no destination is preselected on
the end form or the follow-up plan form (an empty "— choose —" first, required); the end form
starts from the follow-up plan's destination; the service refuses a destination that
contradicts the linked opportunity's kind, naming both, in the viewer's language, and keeps
everything typed; the date refusal says "ends" of a period still under way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from polku.closure import services
from polku.closure.models import (
    OPPORTUNITY_DESTINATIONS,
    TRACEABLE,
    Destination,
    FollowUpPlan,
    RelationshipEnd,
)
from polku.closure.tests.builders import ended_period, planned, ready_to_end
from polku.core import clock
from polku.core.rules import day_label
from polku.network.models import OpportunityKind
from polku.network.tests.builders import opportunity, partner
from tests.people import People

pytestmark = pytest.mark.django_db

EMPTY_CHOICE = '<option value="" selected>— valitse —</option>'


def _end(people: People, relationship: object, **overrides: object) -> RelationshipEnd:
    data: dict[str, object] = {
        "ended_on": clock.today(),
        "destination": "studies",
        "destination_detail": "",
        "no_further_need": True,
    } | overrides
    return services.relationship_end(
        actor=people.worker,
        relationship=relationship,  # type: ignore[arg-type]
        version=relationship.version,  # type: ignore[attr-defined]
        **data,  # type: ignore[arg-type]
    )


# No destination preselected; the end starts from the follow-up plan


def test_a_new_follow_up_plan_has_no_destination_chosen_and_requires_one(
    client: HttpClient, people: People
) -> None:
    period = ended_period(people, ended_days_ago=-20)
    client.force_login(people.worker)
    url = reverse("closure:follow_up_plan", args=[period.pk])
    page = client.get(url).text
    assert EMPTY_CHOICE in page
    assert 'value="open_market_work" selected' not in page
    response = client.post(
        url,
        {
            "destination": "",
            "next_step": "Haku ammatilliseen koulutukseen",
            "next_on": (clock.today() + dt.timedelta(days=7)).strftime("%d.%m.%Y"),
            "responsible": "Opinto-ohjaaja Outi",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["destination"]
    assert "Haku ammatilliseen koulutukseen" in response.text  # nothing typed is lost
    assert not FollowUpPlan.objects.filter(period=period).exists()


def test_a_stored_plan_keeps_its_destination_when_the_period_end_is_refused(
    client: HttpClient, people: People
) -> None:
    period = ended_period(people, ended_days_ago=-20)
    planned(people, period, destination="work_trial")
    client.force_login(people.worker)
    page = client.get(reverse("closure:follow_up_plan", args=[period.pk])).text
    assert '<option value="work_trial" selected>' in page
    refused = client.post(
        reverse("closure:period_end", args=[period.pk]),
        {"ended_on": "1.1.2000", "version": period.version},
    )
    assert refused.status_code == 200
    assert '<option value="work_trial" selected>' in refused.text
    assert EMPTY_CHOICE not in refused.text


def test_the_end_form_starts_from_the_follow_up_plans_destination(
    client: HttpClient, people: People
) -> None:
    period = ready_to_end(people)  # its plan says "studies"
    client.force_login(people.worker)
    page = client.get(reverse("closure:closure", args=[period.relationship.pk])).text
    assert '<option value="studies" selected>' in page
    assert 'value="open_market_work" selected' not in page


def test_without_a_plan_the_end_form_has_no_destination_and_requires_one(
    client: HttpClient, people: People
) -> None:
    relationship = ended_period(people, present_days=0).relationship
    client.force_login(people.worker)
    page = client.get(reverse("closure:closure", args=[relationship.pk])).text
    assert EMPTY_CHOICE in page
    response = client.post(
        reverse("closure:relationship_end", args=[relationship.pk]),
        {
            "ended_on": clock.today().strftime("%d.%m.%Y"),
            "destination": "",
            "destination_detail": "Muutti toiselle paikkakunnalle",
            "no_further_need": "on",
            "version": relationship.version,
        },
    )
    assert response.status_code == 200
    assert response.context["end_form"].errors["destination"]
    assert "Muutti toiselle paikkakunnalle" in response.text
    assert not RelationshipEnd.objects.exists()


# The destination matches the linked opportunity's kind


def test_every_kind_of_opportunity_leads_to_a_traceable_destination() -> None:
    assert set(OPPORTUNITY_DESTINATIONS) == set(OpportunityKind.values)
    assert len(set(OPPORTUNITY_DESTINATIONS.values())) == len(OpportunityKind.values)
    assert set(OPPORTUNITY_DESTINATIONS.values()) <= TRACEABLE


@pytest.mark.parametrize(("kind", "destination"), sorted(OPPORTUNITY_DESTINATIONS.items()))
def test_an_end_through_an_opportunity_has_the_destination_of_its_kind(
    people: People, kind: str, destination: str
) -> None:
    found = opportunity(people.manager, partner(people.manager), kind=kind)
    wrong = next(d for d in OPPORTUNITY_DESTINATIONS.values() if d != destination)
    relationship = ready_to_end(people).relationship
    with pytest.raises(ValidationError) as caught:
        _end(people, relationship, destination=wrong, opportunity=found)
    assert {f: [e.code for e in errors] for f, errors in caught.value.error_dict.items()} == {
        "destination": ["destination_not_kind"]
    }
    assert not RelationshipEnd.objects.exists()
    relationship.refresh_from_db()
    end = _end(people, relationship, destination=destination, opportunity=found)
    assert (end.destination, end.opportunity) == (destination, found)


def test_the_refusal_names_the_kind_and_the_destination_in_the_viewers_language(
    people: People,
) -> None:
    trial = opportunity(people.manager, partner(people.manager), title="Työkokeilu kahvilassa")
    relationship = ready_to_end(people).relationship
    messages = {}
    for language in ("fi", "sv"):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            _end(people, relationship, destination="open_market_work", opportunity=trial)
        messages[language] = caught.value.error_dict["destination"][0].messages[0]
    assert messages["fi"] == (
        "Mahdollisuuden ”Työkokeilu kahvilassa” laji on ”Työkokeilu”, joten jatkopaikka on "
        "”Työkokeilu”. Vaihda jatkopaikka tai poista liitos mahdollisuuteen."
    )
    assert "av typen ”Arbetsprövning”, så fortsättningen är ”Arbetsprövning”" in messages["sv"]


def test_the_closure_form_refuses_open_market_work_through_a_work_trial_and_keeps_the_input(
    client: HttpClient, people: People
) -> None:
    """The user test: ended as "open-market job" through a work-trial opportunity, and the
    manager's figures counted it."""
    trial = opportunity(people.manager, partner(people.manager), title="Työkokeilu kahvilassa")
    relationship = ready_to_end(people).relationship
    client.force_login(people.worker)
    data = {
        "ended_on": clock.today().strftime("%d.%m.%Y"),
        "destination": "open_market_work",
        "opportunity": trial.pk,
        "no_further_need": "on",
        "version": relationship.version,
    }
    refused = client.post(reverse("closure:relationship_end", args=[relationship.pk]), data)
    assert refused.status_code == 200
    assert "joten jatkopaikka on ”Työkokeilu”" in refused.text
    assert '<option value="open_market_work" selected>' in refused.text  # kept as typed
    assert f'<option value="{trial.pk}" selected>' in refused.text
    assert not RelationshipEnd.objects.exists()
    ok = client.post(
        reverse("closure:relationship_end", args=[relationship.pk]),
        data | {"destination": Destination.WORK_TRIAL},
    )
    assert ok.status_code == 302
    assert RelationshipEnd.objects.get().destination == Destination.WORK_TRIAL


def test_a_partner_alone_allows_any_traceable_destination(people: People) -> None:
    relationship = ready_to_end(people).relationship
    end = _end(
        people, relationship, destination="pay_subsidised_work", partner=partner(people.manager)
    )
    assert end.destination == "pay_subsidised_work"


# The date refusal in the right tense


def test_the_end_date_refusal_says_ends_of_a_period_under_way_and_ended_of_a_past_one(
    people: People,
) -> None:
    running = ended_period(people, ended_days_ago=-10, present_days=0)
    planned(people, running)
    running.relationship.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        _end(people, running.relationship)
    message = caught.value.error_dict["ended_on"][0].messages[0]
    assert message == (
        f"Päivä ei voi olla ennen {day_label(running.ends_on)}, jolloin viimeinen jakso "
        "päättyy. Jos jakso päättyy aiemmin, päätä jakso ensin."
    )
    past = ready_to_end(people, ended_days_ago=3)
    with pytest.raises(ValidationError) as caught:
        _end(people, past.relationship, ended_on=past.ends_on - dt.timedelta(days=1))
    message = caught.value.error_dict["ended_on"][0].messages[0]
    assert message == (
        f"Päivä ei voi olla ennen {day_label(past.ends_on)}, jolloin viimeinen jakso päättyi."
    )
