"""A group's partner from the service network's register, or written in when not there."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client as HttpClient
from django.urls import reverse

from polku.core import clock
from polku.groups import services
from polku.groups.errors import GroupError
from polku.groups.models import Group, GroupKind
from polku.groups.servicemap import map_entries
from polku.groups.tests.builders import a_group
from polku.groups.tests.test_services import codes
from polku.network.tests.builders import partner
from tests.people import People

pytestmark = pytest.mark.django_db


def _create(people: People, **kwargs: object) -> Group:
    today = clock.today()
    values: dict[str, object] = {
        "actor": people.worker,
        "name": "Nuorten ryhmä",
        "kind": GroupKind.LOW_THRESHOLD,
        "organiser": people.unit,
        "weekdays": "2",
        "starts_at": dt.time(13),
        "ends_at": dt.time(15),
        "capacity": 8,
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=60),
    }
    values.update(kwargs)
    return services.group_create(**values)  # type: ignore[arg-type]


def test_the_partner_from_the_register_is_linked_and_shown(
    client: HttpClient, people: People
) -> None:
    youth = partner(people.manager, name="Koskimäen nuorisopalvelut")
    group = _create(people, partner=youth)
    assert group.partner == youth
    assert group.partner_label == "Koskimäen nuorisopalvelut"
    (entry,) = [e for e in map_entries(clock.today()) if e.name == group.name]
    assert "Koskimäen nuorisopalvelut" in entry.summary
    client.force_login(people.worker)
    page = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert reverse("network:partner", args=[youth.pk]) in page
    form = client.get(reverse("groups:new")).content.decode()
    assert f'<option value="{youth.pk}">Koskimäen nuorisopalvelut</option>' in form


def test_a_partner_is_chosen_once_and_active(people: People) -> None:
    youth = partner(people.manager, name="Nuorisopalvelut")
    with pytest.raises(ValidationError) as error:
        _create(people, partner=youth, partner_name="Nuorisopalvelut")
    assert codes(error) == {GroupError.PARTNER_TWICE}
    from polku.network import services as network

    network.partner_update(actor=people.manager, partner=youth, version=youth.version, active=False)
    with pytest.raises(ValidationError) as error:
        _create(people, partner=youth)
    assert codes(error) == {GroupError.PARTNER_INACTIVE}
    group = a_group(people)
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.filter(pk=group.pk).update(partner=youth)  # a name written in, and a link


def test_the_migration_links_a_written_name_to_the_register(people: People) -> None:
    migration = import_module("polku.groups.migrations.0004_group_partner_in_the_network")
    school = partner(people.manager, name="Vantaan aikuisopisto")
    group = a_group(people)  # written in as "Vantaan aikuisopisto"
    other = _create(people, partner_name="Joku muu yhdistys")
    migration.link_partners(django_apps, None)
    group.refresh_from_db()
    other.refresh_from_db()
    assert (group.partner, group.partner_name) == (school, "")
    assert (other.partner, other.partner_name) == (None, "Joku muu yhdistys")
