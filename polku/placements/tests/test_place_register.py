"""The place register on the configuration site: an administrator keeps each place's profile
and closed days; every change is audited; free places are derived, never typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import ProducerType
from polku.audit.models import AuditEvent
from polku.placements.models import ClosedDay, PlaceProfile
from tests.people import People

pytestmark = pytest.mark.django_db


def profile_form(people: People, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "place": str(people.place.pk),
        "field": "Puutyöt",
        "level": "Sopii aloittelijalle",
        "tasks": "Puusepäntyöt\nKalusteiden kunnostus",
        "weekdays": ["1", "2", "3", "4"],
        "opens_at": "08:00",
        "closes_at": "15:00",
        "capacity": "6",
        "accessibility": ["wheelchair"],
        "accessibility_notes": "",
        "latitude": "60.98",
        "longitude": "25.66",
        "contact_name": "Olli Ohjaaja",
        "contact_phone": "040 111 2222",
        "contact_email": "olli@example.org",
        "steward_name": "Pirjo Pääluottamusmies",
        "steward_email": "pirjo@example.org",
        "steward_address": "Liitonkatu 1, 15100 Lahti",
        "closed_days-TOTAL_FORMS": "0",
        "closed_days-INITIAL_FORMS": "0",
        "closed_days-MIN_NUM_FORMS": "0",
        "closed_days-MAX_NUM_FORMS": "1000",
    }
    data |= changes
    return data


def test_an_administrator_registers_a_place_profile_and_it_is_audited(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.administrator)
    response = client.post(reverse("admin:placements_placeprofile_add"), profile_form(people))
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = PlaceProfile.objects.get(place=people.place)
    assert profile.weekdays == "1234"
    assert profile.accessibility == ["wheelchair"]
    event = AuditEvent.objects.get(record_type="placements.PlaceProfile", record_id=str(profile.pk))
    assert event.what == "configuration"
    assert event.changes["capacity"] == [None, 6]


def test_closed_days_are_added_on_the_place_and_audited_as_days(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.administrator)
    client.post(reverse("admin:placements_placeprofile_add"), profile_form(people))
    profile = PlaceProfile.objects.get(place=people.place)
    url = reverse("admin:placements_placeprofile_change", args=[profile.pk])
    response = client.post(
        url,
        profile_form(
            people,
            **{
                "closed_days-TOTAL_FORMS": "1",
                "closed_days-0-day": "24.12.2026",
                "closed_days-0-reason": "Jouluaatto",
            },
        ),
    )
    assert response.status_code == 302
    assert list(ClosedDay.objects.filter(profile=profile).values_list("reason", flat=True)) == [
        "Jouluaatto"
    ]
    event = AuditEvent.objects.filter(
        record_type="accounts.Unit", record_id=str(people.place.pk)
    ).latest("pk")
    assert event.changes == {"closed_days": [[], ["2026-12-24"]]}


def test_bad_input_keeps_what_was_typed(client: HttpClient, people: People) -> None:
    client.force_login(people.administrator)
    response = client.post(
        reverse("admin:placements_placeprofile_add"),
        profile_form(people, opens_at="16:00", closes_at="08:00", latitude="61.0", longitude=""),
    )
    assert response.status_code == 200
    assert not PlaceProfile.objects.exists()
    assert "Kalusteiden kunnostus" in response.content.decode()


def test_the_register_lists_free_places_derived_from_capacity(
    client: HttpClient, people: People
) -> None:
    PlaceProfile.objects.create(place=people.place, capacity=4, field="Puutyöt")
    client.force_login(people.administrator)
    response = client.get(reverse("admin:placements_placeprofile_changelist"))
    assert response.status_code == 200
    text = response.content.decode()
    assert people.place.name in text
    assert "Puutyöt" in text


def test_the_place_field_offers_only_work_activity_places(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.administrator)
    response = client.get(reverse("admin:placements_placeprofile_add"))
    text = response.content.decode()
    assert people.unit.name not in text.split('name="place"')[1].split("</select>")[0]
    assert people.company_place.producer_type == ProducerType.COMPANY


@pytest.mark.parametrize("who", ["worker", "decision_maker", "place_supervisor", "manager"])
def test_only_administrators_reach_the_register(
    client: HttpClient, people: People, who: str
) -> None:
    client.force_login(getattr(people, who))
    response = client.get(reverse("admin:placements_placeprofile_changelist"))
    assert response.status_code in (302, 403)


def test_empty_coordinates_are_filled_from_the_places_postal_code(
    client: HttpClient, people: People
) -> None:
    from decimal import Decimal

    from polku.placements.geo import coordinates_for

    people.place.postal_code = "15100"  # Lahti
    people.place.save()
    lahti = coordinates_for("15100")
    assert lahti is not None
    client.force_login(people.administrator)
    form = client.get(reverse("admin:placements_placeprofile_add")).content.decode()
    assert "postinumeron" in form  # the help says where empty coordinates come from
    response = client.post(
        reverse("admin:placements_placeprofile_add"),
        profile_form(people, latitude="", longitude=""),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = PlaceProfile.objects.get(place=people.place)
    assert (profile.latitude, profile.longitude) == (
        Decimal(f"{lahti[0]:.5f}"),
        Decimal(f"{lahti[1]:.5f}"),
    )
    event = AuditEvent.objects.get(record_type="placements.PlaceProfile", record_id=str(profile.pk))
    assert event.changes["latitude"] == [None, f"{lahti[0]:.5f}"]

    # A typed point wins over the postal code's, on a change too.
    url = reverse("admin:placements_placeprofile_change", args=[profile.pk])
    response = client.post(url, profile_form(people, latitude="61.1", longitude="25.5"))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.latitude, profile.longitude) == (Decimal("61.1"), Decimal("25.5"))


def test_coordinates_stay_empty_without_a_known_postal_code(
    client: HttpClient, people: People
) -> None:
    for code in ("", "00000"):
        people.place.postal_code = code
        people.place.save()
        PlaceProfile.objects.filter(place=people.place).delete()
        client.force_login(people.administrator)
        response = client.post(
            reverse("admin:placements_placeprofile_add"),
            profile_form(people, latitude="", longitude=""),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        profile = PlaceProfile.objects.get(place=people.place)
        assert (profile.latitude, profile.longitude) == (None, None)
