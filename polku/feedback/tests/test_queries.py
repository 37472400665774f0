"""The handlers' lists and the results page make as many queries with more rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.accounts.roles import Role
from polku.feedback import services
from polku.feedback.tests.builders import load
from tests.factories import ClientFactory, PlaceFactory, role_user
from tests.people import build_relationship
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def another_client(people, n: int):
    user = role_user(Role.CLIENT, people.unit, username=f"asiakas.{n}")
    person = ClientFactory.create(user=user)
    build_relationship(worker=people.worker, client=person, unit=people.unit)
    return user, person


def test_the_handlers_lists_stay_flat(client, people):
    services.message_send(actor=people.client, client=people.client_record, text="1")
    services.complaint_make(
        actor=people.client, client=people.client_record, what_happened="1", reply_by="omapolku"
    )

    people_more = [another_client(people, n) for n in range(3)]

    def more_messages() -> None:
        for user, person in people_more:
            services.message_send(actor=user, client=person, text="viesti")

    def more_complaints() -> None:
        for user, person in people_more:
            services.complaint_make(
                actor=user, client=person, what_happened="muistutus", reply_by="omapolku"
            )

    client.force_login(people.manager)
    assert_flat_queries(client, reverse("feedback:message_list"), grow=more_messages)
    assert_flat_queries(client, reverse("feedback:complaint_list"), grow=more_complaints)


def test_the_results_page_stays_flat(client, people):
    load(people.place, 7)
    client.force_login(people.manager)

    def grow() -> None:
        for n in range(3):
            load(PlaceFactory.create(name=f"Paikka {n}", parent=people.organiser), 8)

    assert_flat_queries(client, reverse("feedback:results"), grow=grow)
