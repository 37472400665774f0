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

from polku.accounts.models import ProducerType, Unit, UnitKind
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.network import servicemap
from polku.network.tests.builders import opportunity, partner
from polku.placements import text as words_of
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


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"help": "work_trial"},
        {"text": "puuseppä", "field": "Kierrätys"},  # the words' search is on the entries
    ],
)
def test_the_map_makes_as_many_queries_for_many_rows(
    client: HttpClient, people: People, query: dict[str, str]
) -> None:
    """Partners, their opportunities and places grow fifteenfold; the map's queries do not
    (each source a fixed number, the search none)."""
    town = Unit.objects.create(kind=UnitKind.MUNICIPALITY, name="Koskimäki")
    apaja = partner(people.manager, name="Apaja", field="Kierrätys", municipality=town)
    opportunity(people.manager, apaja)
    _place(people, "Kiertokulku", field="Kierrätys ja myymälä", town=town, tasks="Lajittelu")
    client.force_login(people.worker)
    _map(client)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _map(client, **query)
        return len(captured)

    few = queries()
    for n in range(15):
        more = partner(
            people.manager,
            name=f"Kumppani {n}",
            field=f"Kierrätys {n}",
            offers="Puusepäntyöt",
            municipality=town,
        )
        opportunity(people.manager, more, title=f"Työkokeilu {n}")
        opportunity(people.manager, more, title=f"Puusepän koulutus {n}", kind="training")
        _place(people, f"Paja {n}", field=f"kierrätys {n}", town=town, tasks="Puusepäntyöt")
    assert queries() == few
    assert "Kumppani 14" in _map(client, **query)


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


def _place(
    people: People, name: str, *, field: str, town: Unit | None = None, tasks: str = ""
) -> Unit:
    place = Unit.objects.create(
        kind=UnitKind.WORK_ACTIVITY_PLACE,
        name=name,
        producer_type=ProducerType.ASSOCIATION,
        parent=people.organiser,
        municipality=town,
    )
    PlaceProfile.objects.create(place=place, field=field, tasks=tasks)
    return place


def test_the_field_filter_finds_a_field_by_its_words_in_any_case(
    client: HttpClient, people: People
) -> None:
    """The user test's case: "Kierrätys" and Koskimäki found nothing although the recycling
    centre in Koskimäki has the field "Kierrätys ja myymälä"."""
    koskimaki = Unit.objects.create(kind=UnitKind.MUNICIPALITY, name="Koskimäki")
    jarvenkyla = Unit.objects.create(kind=UnitKind.MUNICIPALITY, name="Järvenkylä")
    _place(people, "Kierrätyskeskus Kiertokulku ry", field="Kierrätys ja myymälä", town=koskimaki)
    _place(people, "Koskimäen tekninen toimi", field="Kiinteistönhoito", town=koskimaki)
    partner(people.manager, name="Kierto ja Korjaus Oy", field="kierrätys", municipality=jarvenkyla)
    partner(people.manager, name="Ammattiopisto", field="koulutus", municipality=koskimaki)
    client.force_login(people.worker)
    page = _map(client)
    assert page.count('<option value="Kierrätys">') == 1
    assert page.count('<option value="Kierrätys ja myymälä">') == 1
    found = _map(client, field="Kierrätys", municipality="Koskimäki")
    assert "Kierrätyskeskus Kiertokulku ry" in found
    assert "Kierto ja Korjaus Oy" not in found  # another municipality
    assert "Koskimäen tekninen toimi" not in found
    assert "Ammattiopisto" not in found
    every = _map(client, field="Kierrätys")
    assert "Kierrätyskeskus Kiertokulku ry" in every
    assert "Kierto ja Korjaus Oy" in every
    narrow = _map(client, field="Kierrätys ja myymälä")  # the longer field: not the shorter one
    assert "Kierrätyskeskus Kiertokulku ry" in narrow
    assert "Kierto ja Korjaus Oy" not in narrow
    saved_link = _map(client, field="kierrätys", municipality="koskimäki")  # any case
    assert "errorlist" not in saved_link
    assert "Kierrätyskeskus Kiertokulku ry" in saved_link
    assert "Kierto ja Korjaus Oy" not in saved_link
    assert 'value="Kierrätys" selected' in saved_link


@pytest.mark.parametrize(
    ("wanted", "field", "found"),
    [
        ("Kierrätys", "Kierrätys ja myymälä", True),
        ("Kierrätys", "kierrätys", True),
        ("Kierrätys", "  KIERRÄTYS ", True),
        ("Kierrätys", "Kierrätyskeskus", True),  # a part of a compound, by base form
        ("Kiinteistöhuolto", "Kiinteistönhoito", True),  # they share kiinteistö (partially)
        ("Kierrätys ja myymälä", "Kierrätys", False),  # myymälä is not there
        ("Koulutus", "Ravintola-ala", False),
        ("Puu- ja metallityöt", "Puusepäntyöt", False),
        ("Puutyöt", "Puutarha", False),  # the garden's puu is not wood (placements.text)
        ("Trädgård", "trädgård och kök", True),  # Swedish: as a word, case aside
        ("Trädgård", "Trädgårdsarbete", False),  # Swedish compounds are not split
        ("Kierrätys", "", False),
    ],
)
def test_a_field_matches_case_aside_and_by_word(wanted: str, field: str, found: bool) -> None:
    assert servicemap.field_matches(wanted, field) is found


def test_the_field_list_has_each_field_once_with_one_label() -> None:
    entries = [
        servicemap.MapEntry("place", "", name, field, "", ())
        for name, field in [
            ("a", "kierrätys"),
            ("b", "Kierrätys  "),
            ("c", "KIERRÄTYS"),
            ("d", "Kierrätys ja  myymälä"),
            ("e", "kierrätys ja myymälä"),
            ("f", ""),
        ]
    ]
    assert servicemap.field_choices(entries) == ["Kierrätys", "Kierrätys ja myymälä"]


def test_words_are_found_by_their_finnish_base_forms_and_compound_parts(
    client: HttpClient, people: People
) -> None:
    """The user test's case: "puuseppä" found nothing, "puu" found both."""
    carpenters = partner(people.manager, name="Puuverstas Oy", offers="Puusepäntyöt ja korjaukset")
    school = partner(people.manager, name="Ammattiopisto")
    opportunity(
        people.manager,
        school,
        title="Puusepän koulutus",
        title_sv="Snickarutbildning",
        kind="training",
    )
    partner(people.manager, name="Kahvila Kulma", offers="Kahvilan asiakaspalvelu")
    _place(people, "Puutarha Vihreä", field="Puutarha", tasks="Puutarhatyöt")
    client.force_login(people.worker)
    for words in ("puuseppä", "Puuseppää", "puusepän koulutus", "puuseppä,"):
        found = _map(client, text=words)
        assert "Ammattiopisto" in found, words
        assert "Kahvila Kulma" not in found, words
        assert "Puutarha Vihreä" not in found, words  # puutarha is not wood
    assert carpenters.name in _map(client, text="puuseppä")
    assert carpenters.name not in _map(client, text="puusepän koulutus")  # every word counts
    assert "Ammattiopisto" in _map(client, text="puu")  # as typed, anywhere, as before
    assert "Kahvila Kulma" in _map(client, text="kahvilassa")
    # Swedish: case aside, as typed, anywhere (no base forms).
    assert "Ammattiopisto" in _map(client, text="SNICKAR")
    assert "Ammattiopisto" not in _map(client, text="snickare")
    assert "Ammattiopisto" not in _map(client, text="puuseppä snickare")


def test_without_voikko_the_words_are_found_as_typed(
    client: HttpClient, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Voikko missing (``make run`` without the Debian packages: the system check warns), the
    map still searches, as typed, case aside."""

    def missing(word: str) -> None:
        raise words_of.AnalyserUnavailable("no Voikko")

    monkeypatch.setattr(words_of, "analyse_word", missing)
    partner(people.manager, name="Puuverstas Oy", field="kierrätys", offers="Puusepäntyöt")
    partner(people.manager, name="Kahvila Kulma", field="Kierrätys ja myymälä")
    client.force_login(people.worker)
    assert "Puuverstas Oy" in _map(client, text="PUUSEP")
    assert "Puuverstas Oy" not in _map(client, text="puuseppä")
    both = _map(client, field="Kierrätys")
    assert "Puuverstas Oy" in both
    assert "Kahvila Kulma" in both


def test_a_swedish_page_names_places_and_municipalities_in_swedish(
    client: HttpClient, people: People
) -> None:
    """One rule (``Unit.name_in``): the Swedish name on a Swedish page, the Finnish name on a
    Finnish one, the Finnish name where no Swedish one is recorded; the municipality filter
    offers and takes the names as shown."""
    town = Unit.objects.create(
        kind=UnitKind.MUNICIPALITY, name="Porin kaupunki", name_sv="Björneborgs stad"
    )
    place = _place(people, "Toimintakeskus Satama", field="Puutyöt", town=town)
    Unit.objects.filter(pk=place.pk).update(name_sv="Verksamhetscentret Hamnen")
    _place(people, "Kierrätyskeskus Kiertokulku ry", field="Kierrätys", town=town)
    apaja = partner(people.manager, name="Osuuskunta Apaja", municipality=town)
    opportunity(people.manager, apaja, title="Työkokeilu")
    client.force_login(people.worker)
    finnish = _map(client)
    assert "Toimintakeskus Satama" in finnish
    assert "Porin kaupunki" in finnish
    assert "Björneborgs stad" not in finnish
    assert "Verksamhetscentret Hamnen" not in finnish
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    swedish = _map(client)
    assert "Verksamhetscentret Hamnen" in swedish
    assert "Björneborgs stad" in swedish  # the places', the partner's and the filter's
    assert '<option value="Björneborgs stad"' in swedish
    assert "Kierrätyskeskus Kiertokulku ry" in swedish  # no Swedish name: the Finnish one
    for finnish_only in ("Toimintakeskus Satama", "Porin kaupunki"):
        assert finnish_only not in swedish
    by_town = _map(client, municipality="Björneborgs stad")
    assert "Verksamhetscentret Hamnen" in by_town
    assert "Osuuskunta Apaja" in by_town
    # A link made on a Finnish page names the municipality in Finnish: the same filter here,
    # chosen in the list by its Swedish name, not refused.
    linked = _map(client, municipality="porin  kaupunki")
    assert "Verksamhetscentret Hamnen" in linked
    assert "Osuuskunta Apaja" in linked
    assert '<option value="Björneborgs stad" selected>' in linked
    # The catalogue's municipality takes either name too.
    for name in ("Björneborgs stad", "Porin kaupunki"):
        catalogue = client.get(reverse("placements:catalogue"), {"municipality": name}).text
        assert "Verksamhetscentret Hamnen" in catalogue, name


def test_swedish_names_cost_no_queries_per_row(client: HttpClient, people: People) -> None:
    """The Swedish names come with the rows already read: as many queries in Swedish as in
    Finnish, however many places and municipalities."""
    client.force_login(people.worker)
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _map(client)
        return len(captured)

    def add(n: int) -> None:
        town = Unit.objects.create(
            kind=UnitKind.MUNICIPALITY, name=f"Kunta {n}", name_sv=f"Kommun {n}"
        )
        place = _place(people, f"Paja {n}", field="Puutyöt", town=town)
        Unit.objects.filter(pk=place.pk).update(name_sv=f"Verkstad {n}")
        opportunity(people.manager, partner(people.manager, name=f"K {n}", municipality=town))

    add(0)
    _map(client)
    few = queries()
    for n in range(1, 12):
        add(n)
    assert queries() == few
    assert "Verkstad 11" in _map(client)
    assert "Kommun 11" in _map(client)


def test_a_place_is_found_by_its_name_in_either_language(
    client: HttpClient, people: People
) -> None:
    place = _place(people, "Toimintakeskus Satama", field="Puutyöt")
    Unit.objects.filter(pk=place.pk).update(name_sv="Verksamhetscentret Hamnen")
    client.force_login(people.worker)
    assert "Toimintakeskus Satama" in _map(client, text="Hamnen")  # Finnish page, Swedish word
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    found = _map(client, text="Satama")  # Swedish page, the Finnish name
    assert "Verksamhetscentret Hamnen" in found
    assert "Toimintakeskus Satama" not in found  # shown by its Swedish name only
    catalogue = client.get(reverse("placements:catalogue"), {"text": "Satama"}).text
    assert "Verksamhetscentret Hamnen" in catalogue
