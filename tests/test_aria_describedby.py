"""Every aria-describedby on a form page points at an element of the page (help and errors).

Django 5.2 names a field's help ``<id>_helptext`` and its errors ``<id>_error``; the shared field
templates (``core/_field.html``, ``core/_check.html``) give those ids.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from tests.people import People
from tests.url_matrix import joint_plan_of, plan_of

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for target in (values.get("aria-describedby") or "").split():
            self.described_by.append((str(values.get("name") or tag), target))


def dangling(html: str) -> list[tuple[str, str]]:
    parser = _Ids()
    parser.feed(html)
    return [(name, target) for name, target in parser.described_by if target not in parser.ids]


PAGES: dict[str, tuple[Callable[[People], str], dict[str, Any] | None]] = {
    "new client": (lambda p: reverse("clients:intake_new"), None),
    "new client, errors": (lambda p: reverse("clients:intake_new"), {"postal_code": "ABCDE"}),
    "search": (lambda p: reverse("clients:search"), None),
    "edit client": (lambda p: reverse("clients:edit", args=[p.client_record.pk]), None),
    "edit client, errors": (
        lambda p: reverse("clients:edit", args=[p.client_record.pk]),
        {"first_name": "", "version": "1"},
    ),
    "meeting record": (lambda p: reverse("clients:meeting_record", args=[p.meeting.pk]), None),
    "meeting record, errors": (
        lambda p: reverse("clients:meeting_record", args=[p.meeting.pk]),
        {"version": "x", "mark_held": "on"},
    ),
    "contact, errors": (
        lambda p: reverse("clients:contact_new", args=[p.relationship.pk]),
        {"contacted_on": "1.1.2020", "kind": "phone", "outcome": "reached"},
    ),
    "new meeting": (lambda p: reverse("clients:meeting_new", args=[p.relationship.pk]), None),
    "plan": (lambda p: reverse("pathways:plan", args=[plan_of(p).pk]), None),
    "plan, errors": (
        lambda p: reverse("pathways:plan", args=[plan_of(p).pk]),
        {"version": "1", "notice_given_on": "x"},
    ),
    "assessment": (
        lambda p: reverse("pathways:document", args=[plan_of(p).relationship_id, "arviointi"]),
        None,
    ),
    "joint meeting held, errors": (
        lambda p: reverse("pathways:joint_meeting_held", args=[joint_plan_of(p).pk]),
        {"held_on": "x", "version": "1"},
    ),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_aria_describedby_points_at_an_element_of_the_page(
    client, people: People, page: str
) -> None:
    url, data = PAGES[page]
    client.force_login(people.worker)
    path = url(people)
    response = client.get(path) if data is None else client.post(path, data)
    assert response.status_code == 200
    html = response.text
    assert "aria-describedby" in html or data is None
    assert dangling(html) == []
