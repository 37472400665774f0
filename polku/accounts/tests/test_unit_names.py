"""A unit's Swedish name (``Unit.name_sv``): one rule for every page, choice, export and
document (``Unit.name_in``), and the configuration site edits it as it edits the name."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from polku.accounts.models import Unit, UnitKind, unit_name_in
from polku.audit.models import AuditEvent
from tests.people import People

pytestmark = pytest.mark.django_db


def _town(name_sv: str = "Helsingfors stad") -> Unit:
    return Unit(kind=UnitKind.MUNICIPALITY, name="Helsingin kaupunki", name_sv=name_sv)


@pytest.mark.parametrize(
    ("language", "name_sv", "shown"),
    [
        ("sv", "Helsingfors stad", "Helsingfors stad"),
        ("sv", "", "Helsingin kaupunki"),  # no Swedish name: the Finnish one
        ("fi", "Helsingfors stad", "Helsingin kaupunki"),
        ("en", "Helsingfors stad", "Helsingin kaupunki"),  # English pages use the Finnish name
    ],
)
def test_the_name_follows_the_language_in_force(language: str, name_sv: str, shown: str) -> None:
    town = _town(name_sv)
    with translation.override(language):
        assert town.display_name == shown
        assert str(town) == shown  # choices and {{ unit }} follow the same rule
        assert unit_name_in(town.name, town.name_sv) == shown
    assert town.name_in(language) == shown  # a document's language, whatever is in force


def test_a_documents_language_wins_over_the_pages() -> None:
    town = _town()
    with translation.override("fi"):
        assert town.name_in("sv") == "Helsingfors stad"
        assert town.name_in("sv-fi") == "Helsingfors stad"
    with translation.override("sv"):
        assert town.name_in("fi") == "Helsingin kaupunki"


def test_the_header_names_the_users_units_in_the_pages_language(
    client: HttpClient, people: People, settings: object
) -> None:
    Unit.objects.filter(pk=people.unit.pk).update(name_sv="Vuxensocialarbete, Testilä")
    client.force_login(people.worker)
    finnish = client.get(reverse("accounts:unit_list")).text
    assert "Aikuissosiaalityö, Testilä" in finnish
    assert "Vuxensocialarbete, Testilä" not in finnish
    client.cookies["polku_language"] = "sv"
    swedish = client.get(reverse("accounts:unit_list")).text
    assert "Vuxensocialarbete, Testilä" in swedish
    # One unit, one name on a Swedish page: the header, the list and the detail alike.
    assert "Aikuissosiaalityö, Testilä" not in swedish
    detail = client.get(reverse("accounts:unit_detail", args=[people.unit.pk])).text
    assert "<h1>Vuxensocialarbete, Testilä</h1>" in detail
    assert "Aikuissosiaalityö, Testilä" not in detail


def _unit_form(unit: Unit, **changes: str) -> dict[str, str]:
    data = {
        "kind": unit.kind,
        "name": unit.name,
        "name_sv": unit.name_sv,
        "producer_type": unit.producer_type,
        "parent": str(unit.parent_id or ""),
        "street_address": unit.street_address,
        "postal_code": unit.postal_code,
        "city": unit.city,
        "active": "on",
    }
    return data | changes


def test_the_configuration_site_saves_the_swedish_name_audited(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.administrator)
    url = reverse("admin:accounts_unit_change", args=[people.place.pk])
    form = client.get(url).text
    assert 'name="name_sv"' in form
    assert "Ruotsinkielinen nimi" in form  # the label, in the page's language
    response = client.post(url, _unit_form(people.place, name_sv="  Verksamhetscentret Test  "))
    assert response.status_code == 302, response.text[:2000]
    people.place.refresh_from_db()
    assert people.place.name_sv == "Verksamhetscentret Test"  # trimmed as the name is
    event = AuditEvent.objects.get(kind="change", record_type="accounts.Unit")
    assert event.changes["name_sv"] == ["", "Verksamhetscentret Test"]
    # A Swedish administrator finds the unit by its Swedish name; the list shows both names,
    # each in its labelled column (the site edits the names, it does not choose one).
    client.cookies["polku_language"] = "sv"
    found = client.get(reverse("admin:accounts_unit_changelist"), {"q": "Verksamhetscentret"})
    assert "Namn på svenska" in found.text
    assert '<td class="field-name_sv">Verksamhetscentret Test</td>' in found.text
    assert "Toimintakeskus Testi</a>" in found.text


def test_the_swedish_name_may_be_left_empty(client: HttpClient, people: People) -> None:
    Unit.objects.filter(pk=people.place.pk).update(name_sv="Verksamhetscentret Test")
    people.place.refresh_from_db()
    client.force_login(people.administrator)
    url = reverse("admin:accounts_unit_change", args=[people.place.pk])
    response = client.post(url, _unit_form(people.place, name_sv=""))
    assert response.status_code == 302, response.text[:2000]
    people.place.refresh_from_db()
    assert people.place.name_sv == ""


def test_a_too_long_swedish_name_is_refused_as_the_name_is_and_nothing_is_lost(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.administrator)
    url = reverse("admin:accounts_unit_change", args=[people.place.pk])
    too_long = "Å" * 201
    for field in ("name", "name_sv"):
        response = client.post(url, _unit_form(people.place, **{field: too_long}))
        assert response.status_code == 200
        assert "Tämän arvon tulee olla enintään 200 merkkiä pitkä" in response.text
        assert too_long in response.text  # what was typed stays in the form
    people.place.refresh_from_db()
    assert people.place.name == "Toimintakeskus Testi"
    assert people.place.name_sv == ""
    assert not AuditEvent.objects.filter(kind="change", record_type="accounts.Unit").exists()


def test_lists_follow_the_names_the_reader_sees(people: People) -> None:
    """A Swedish reader's lists go by the Swedish names where recorded (the Finnish name
    where not), a Finnish reader's by the Finnish names; a list made distinct too (a
    supervisor's places, PostgreSQL's DISTINCT with an ordering expression)."""
    from polku.accounts.models import RoleAssignment
    from polku.accounts.roles import Role
    from polku.attendance.selectors.place import supervised_places

    names = [("Aaltola", "Östervik"), ("Bertta", ""), ("Cedar", "Alby")]
    made = [
        Unit.objects.create(
            kind=UnitKind.WORK_ACTIVITY_PLACE,
            name=name,
            name_sv=name_sv,
            parent=people.organiser,
            producer_type="association",
        )
        for name, name_sv in names
    ]
    for place in made:
        RoleAssignment.objects.create(
            user=people.place_supervisor, role=Role.PLACE_SUPERVISOR, unit=place
        )
    ours = Unit.objects.filter(pk__in=[u.pk for u in made])
    with translation.override("fi"):
        assert [u.name for u in ours.by_name()] == ["Aaltola", "Bertta", "Cedar"]
    with translation.override("sv"):
        assert [u.display_name for u in ours.by_name()] == ["Alby", "Bertta", "Östervik"]
        shown = [u.display_name for u in supervised_places(viewer=people.place_supervisor)]
        assert [n for n in shown if n in {"Alby", "Bertta", "Östervik"}] == [
            "Alby",
            "Bertta",
            "Östervik",
        ]
