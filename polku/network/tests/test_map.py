"""The service map: places and partners on one page, searched by words, field, municipality
and the kind of help; names, never ids; a source registered later shows too; the query count
stays flat as rows grow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from polku.accounts.models import Unit, UnitKind
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.network import servicemap
from polku.network.tests.builders import opportunity, partner
from polku.placements.models import PlaceProfile
from tests.people import People

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> Unit:
    return Unit.objects.create(kind=UnitKind.MUNICIPALITY, name="Järvenkylän kaupunki")


def _map(client: HttpClient, **query: str) -> str:
    response = client.get(reverse("network:map"), query)
    assert response.status_code == 200
    return response.text


def test_the_map_finds_partners_and_opportunities_by_field_municipality_and_kind(
    client: HttpClient, people: People, town: Unit
) -> None:
    apaja = partner(people.manager, name="Osuuskunta Apaja", field="kierrätys", municipality=town)
    opportunity(people.manager, apaja, title="Työkokeilu lajittelussa", kind="work_trial")
    school = partner(
        people.manager, name="Ammattiopisto", field="koulutus", help_kinds=["coaching"]
    )
    opportunity(people.manager, school, title="Puuseppäkoulutus", kind="training")
    opportunity(people.manager, school, title="Mennyt kurssi", starts_in=-40, ends_in=-1)
    client.force_login(people.worker)
    everything = _map(client)
    assert "Osuuskunta Apaja" in everything
    assert "Ammattiopisto" in everything
    assert "Mennyt kurssi" not in everything  # ended: not on the map
    assert "Työkokeilut" in everything  # the kind of help by its label, in Finnish
    by_kind = _map(client, help="training")
    assert "Puuseppäkoulutus" in by_kind
    assert "Osuuskunta Apaja" not in by_kind
    coaching = _map(client, help="coaching")  # declared by the partner, not an opportunity
    assert "Ammattiopisto" in coaching
    assert "Osuuskunta Apaja" not in coaching
    by_town = _map(client, municipality="Järvenkylän kaupunki")
    assert "Osuuskunta Apaja" in by_town
    assert "Ammattiopisto" not in by_town
    assert f'value="{town.pk}"' not in by_town  # the municipality by name, not by id
    by_field = _map(client, field="Koulutus")
    assert "Ammattiopisto" in by_field
    assert "Osuuskunta Apaja" not in by_field
    by_words = _map(client, text="lajittelussa")
    assert "Osuuskunta Apaja" in by_words
    assert "Ammattiopisto" not in by_words
    assert AuditEvent.objects.filter(what="service map", basis="worker_desk").count() == 6


def test_the_map_lists_the_places_of_the_catalogue(client: HttpClient, people: People) -> None:
    PlaceProfile.objects.update_or_create(
        place=people.place, defaults={"field": "puutyöt", "tasks": "Huonekalujen kunnostus"}
    )
    client.force_login(people.worker)
    page = _map(client, help="work_activity")
    assert people.place.name in page
    assert "Huonekalujen kunnostus" in page


def test_a_bad_choice_is_refused_clearly_with_the_form_kept(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.worker)
    page = _map(client, help="flying", text="kahvila")
    assert "field__error" in page or "errorlist" in page
    assert 'value="kahvila"' in page


def test_a_source_registered_later_is_on_the_map(client: HttpClient, people: People) -> None:
    def groups(today: dt.date) -> Iterator[servicemap.MapEntry]:
        yield servicemap.MapEntry(
            source="group",
            source_label="Ryhmä",
            name="ATK-ryhmä",
            field="tietotekniikka",
            municipality="",
            help=("coaching",),
        )

    servicemap.register_source(groups)
    try:
        client.force_login(people.worker)
        assert "ATK-ryhmä" in _map(client, help="coaching")
    finally:
        servicemap._SOURCES.remove(groups)


def test_the_map_makes_as_many_queries_for_many_rows(client: HttpClient, people: People) -> None:
    apaja = partner(people.manager, name="Apaja")
    opportunity(people.manager, apaja)
    client.force_login(people.worker)
    _map(client)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _map(client, help="work_trial")
        return len(captured)

    few = queries()
    for n in range(15):
        more = partner(people.manager, name=f"Kumppani {n}", field=f"ala {n}")
        opportunity(people.manager, more, title=f"Työkokeilu {n}")
        opportunity(people.manager, more, title=f"Koulutus {n}", kind="training")
    assert queries() == few


def test_labels_are_in_the_viewers_language(client: HttpClient, people: People) -> None:
    apaja = partner(people.manager, name="Apaja")
    opportunity(people.manager, apaja, title="Prövning", kind="work_trial")
    client.force_login(people.worker)
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    page = _map(client)
    assert "Servicekarta" in page
    assert "Arbetsprövningar" in page
    assert "Samarbetspartner" in page


def test_the_groups_not_yet_ended_are_on_the_map(client: HttpClient, people: People) -> None:
    from polku.groups.tests.builders import a_group

    running = a_group(people)
    ended = a_group(
        people,
        starts_on=clock.today() - dt.timedelta(days=200),
        ends_on=clock.today() - dt.timedelta(days=10),
    )
    client.force_login(people.worker)
    page = _map(client, help="groups")
    assert running.name in page
    assert ended.name not in page
    assert "Vantaan aikuisopisto" in page  # the partner it is run with
    assert reverse("groups:detail", args=[running.pk]) in page
    assert "torstai" in page  # its weekday, in the viewer's language
    with CaptureQueriesContext(connection) as captured:
        _map(client, help="groups")
    few = len(captured)
    for _ in range(5):
        a_group(people)
    with CaptureQueriesContext(connection) as captured:
        _map(client, help="groups")
    assert len(captured) == few


def test_the_field_filter_offers_each_field_once_whatever_its_case(
    client: HttpClient, people: People
) -> None:
    partner(people.manager, name="Osuuskunta Apaja", field="kierrätys")
    partner(people.manager, name="Kierto ja Korjaus Oy", field="Kierrätys ")
    partner(people.manager, name="Ammattiopisto", field="koulutus")
    client.force_login(people.worker)
    page = _map(client)
    assert page.count('<option value="Kierrätys">') == 1
    assert '<option value="kierrätys">' not in page
    found = _map(client, field="Kierrätys")
    assert "Osuuskunta Apaja" in found
    assert "Kierto ja Korjaus Oy" in found
    assert "Ammattiopisto" not in found


def test_those_who_manage_the_network_use_the_map_without_the_desks_links(
    client: HttpClient, people: People
) -> None:
    """The manager and the administrator follow the map link of the partners' page: the map
    (no client data) with the partners' links, logged as the network manager's read; no link
    to the desk's place catalogue, which would answer 403."""
    saved = partner(people.manager, name="Osuuskunta Apaja", field="kierrätys")
    PlaceProfile.objects.update_or_create(place=people.place, defaults={"field": "puutyöt"})
    for user in (people.manager, people.administrator):
        client.force_login(user)
        partners = client.get(reverse("network:partners")).text
        assert reverse("network:map") in partners
        page = _map(client)
        assert reverse("network:partner", args=[saved.pk]) in page
        assert people.place.name in page
        assert reverse("placements:catalogue") not in page.split("<main")[1]
        assert AuditEvent.objects.filter(
            what="service map", actor_id=user.pk, basis="network_manager"
        ).exists()
    client.force_login(people.worker)
    assert reverse("placements:catalogue") + "?" in _map(client)
    client.force_login(people.place_supervisor)
    assert client.get(reverse("network:map")).status_code == 403


def test_jobs_and_training_now_are_those_started_and_not_ended(
    client: HttpClient, people: People
) -> None:
    """ "Avoinna nyt" on the map and its count on the partners' list: one started today and
    one running count; one starting in two weeks and one ended do not (the opportunities list
    still shows the coming one, with its start, so it can be applied for in time)."""
    saved = partner(people.manager, name="Osuuskunta Apaja")
    opportunity(people.manager, saved, title="Alkaa tänään")
    opportunity(people.manager, saved, title="Käynnissä", starts_in=-30, ends_in=None)
    opportunity(people.manager, saved, title="Alkaa kahden viikon päästä", starts_in=14)
    opportunity(people.manager, saved, title="Päättynyt", starts_in=-60, ends_in=-1)
    client.force_login(people.worker)
    [entry] = [e for e in servicemap.gather(clock.today()) if e.source == "partner"]
    assert [o.title for o in entry.opportunities] == ["Käynnissä", "Alkaa tänään"]
    page = _map(client)
    assert "Alkaa kahden viikon päästä" not in page
    [row] = client.get(reverse("network:partners")).context["partners"]
    assert row.current_count == 2
    assert "Alkaa kahden viikon päästä" in client.get(reverse("network:opportunities")).text
