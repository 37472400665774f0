"""The access pattern on units: one SQL rule for lists and details, 403 and 404, flat queries."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from polku.accounts.access import access_unit
from polku.accounts.models import RoleAssignment, Unit
from polku.accounts.roles import ROLES, Capability, Role, capabilities_of, has_capability
from polku.audit.models import AuditEvent
from tests.factories import UnitFactory, role_user
from tests.people import People
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def test_every_role_has_a_start_page_and_a_description() -> None:
    assert set(ROLES) == set(Role)
    for info in ROLES.values():
        assert reverse(info.start_url)
        assert len(info.description) > 40


def test_administrator_has_no_client_capabilities(people: People) -> None:
    caps = capabilities_of(people.administrator)
    assert Capability.MANAGE_CONFIGURATION in caps
    assert not caps & {Capability.ACT_AS_RESPONSIBLE_WORKER, Capability.USE_PLACE_PORTAL}


def test_several_roles_combine(people: People) -> None:
    role_user(Role.PLACE_SUPERVISOR, people.place, username="kaksi")
    from polku.accounts.models import RoleAssignment, User

    user = User.objects.get(username="kaksi")
    RoleAssignment.objects.create(user=user, role=Role.WORKER, unit=people.unit)
    assert has_capability(user, Capability.RECORD_ATTENDANCE)
    assert has_capability(user, Capability.OPEN_RELATIONSHIP)


def test_list_and_detail_agree(people: People) -> None:
    for user in (people.worker, people.worker_other_unit, people.manager, people.place_supervisor):
        visible = set(Unit.objects.visible_to(user))
        for unit in Unit.objects.all():
            if unit in visible:
                assert access_unit(user, unit.pk) == unit
            else:
                with pytest.raises(Http404):
                    access_unit(user, unit.pk)


def test_manager_sees_units_below_the_organiser(people: People) -> None:
    visible = set(Unit.objects.visible_to(people.manager))
    assert {people.unit, people.other_unit, people.place, people.organiser} <= visible
    assert people.employment_authority not in visible


def test_worker_sees_own_unit_only(client, people: People) -> None:
    client.force_login(people.worker)
    page = client.get(reverse("accounts:unit_list")).text
    assert people.unit.name in page
    assert people.other_unit.name not in page
    missing = client.get(reverse("accounts:unit_detail", args=[99999999]))
    forbidden = client.get(reverse("accounts:unit_detail", args=[people.other_unit.pk]))
    assert missing.status_code == forbidden.status_code == 404
    assert people.other_unit.name not in forbidden.text


def test_unit_page_lists_staff_not_clients(client, people: People) -> None:
    client.force_login(people.worker)
    page = client.get(reverse("accounts:unit_detail", args=[people.unit.pk])).text
    assert people.worker.last_name in page
    assert people.decision_maker.last_name in page
    assert "Asiakas" not in page.split("<main", 1)[1].split("Henkilöstö", 1)[1]


def test_unit_list_filter_and_htmx_partial(client, people: People) -> None:
    client.force_login(people.manager)
    response = client.get(
        reverse("accounts:unit_list"), {"kind": "work_activity_place"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.text
    assert people.place.name in response.text
    assert people.unit.name not in response.text
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("url_name", ["accounts:unit_list", "accounts:manager_start"])
def test_unit_lists_use_a_constant_number_of_queries(client, people: People, url_name: str) -> None:
    def grow() -> None:
        for _ in range(40):
            role_user(Role.WORKER, UnitFactory.create(parent=people.organiser))

    client.force_login(people.manager)
    assert_flat_queries(client, reverse(url_name), grow=grow)


def test_unit_detail_staff_queries_stay_flat(client, people: People) -> None:
    def grow() -> None:
        for _ in range(30):
            role_user(Role.WORKER, people.unit)

    client.force_login(people.worker)
    assert_flat_queries(client, reverse("accounts:unit_detail", args=[people.unit.pk]), grow=grow)


def test_client_start_page_logs_the_read(client, people: People) -> None:
    client.force_login(people.client)
    page = client.get(reverse("portal:client_start"))
    assert page.status_code == 200
    assert people.client_record.masked_identity_code in page.text
    assert people.client_record.identity_code not in page.text
    event = AuditEvent.objects.get(client_id=people.client_record.pk, what="OmaPolku start page")
    assert (event.actor_id, event.basis) == (people.client.pk, "self")


def test_admin_changes_are_audited(client, people: People) -> None:
    client.force_login(people.administrator)
    url = reverse("admin:accounts_unit_change", args=[people.place.pk])
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "kind": people.place.kind,
            "name": "Toimintakeskus Uusi",
            "producer_type": people.place.producer_type,
            "parent": people.organiser.pk,
            "street_address": people.place.street_address,
            "postal_code": people.place.postal_code,
            "city": people.place.city,
            "active": "on",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    event = AuditEvent.objects.get(kind="change", record_type="accounts.Unit")
    assert event.changes["name"] == ["Toimintakeskus Testi", "Toimintakeskus Uusi"]
    assert event.actor_id == people.administrator.pk


def test_unit_staff_count_counts_staff_only(client, people: People) -> None:
    """Clients and inactive users are not staff: the list's count is what the unit page lists."""
    from polku.accounts import selectors

    role_user(Role.CLIENT, people.unit, username="toinen-asiakas")
    role_user(Role.WORKER, people.unit, username="lopettanut", is_active=False)
    colleague = role_user(Role.WORKER, people.unit, username="myos-asiakas")
    RoleAssignment.objects.create(user=colleague, role=Role.CLIENT, unit=people.other_unit)

    listed = list(selectors.unit_staff(unit=people.unit))
    assert colleague in listed
    assert people.client not in listed
    page = selectors.unit_list_page(viewer=people.administrator, page=1)
    counts = {unit.pk: unit.staff_count for unit in page}
    assert counts[people.unit.pk] == len(listed)

    client.force_login(people.worker)
    response = client.get(reverse("accounts:unit_list"))
    assert f'<td class="num">{len(listed)}</td>' in response.text
