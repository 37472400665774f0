"""Outcomes traced back to the service network, per partner and per place, with known answers
and the same small-cell suppression as every figure (the clock frozen at 1.7.2026)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from polku.closure.models import RelationshipEnd
from polku.core import clock
from polku.metrics import dashboard
from polku.metrics.access import access_metrics
from polku.metrics.figures import Filters, Selection, traced
from polku.metrics.tests import builders as b
from polku.network.models import Opportunity, Partner
from tests.people import People

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 7, 1)
PERIOD = Filters(D(2026, 1, 1), D(2026, 6, 30))


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(b.at(TODAY, 12)):
        yield


def _closed(people: People, *, destination: str, place: bool, **link: object) -> None:
    made = b.pathway(
        unit=people.unit,
        worker=people.worker,
        contact=D(2025, 10, 1),
        place=people.place if place else None,
        start=D(2025, 11, 3) if place else None,
        end=D(2026, 2, 27) if place else None,
    )
    end = b.close(made["relationship"], people.worker, on=D(2026, 3, 2), destination=destination)
    RelationshipEnd.objects.filter(pk=end.pk).update(**link)


def test_outcomes_per_partner_and_per_place(people: People) -> None:
    a = Partner.objects.create(name="Apaja Oy", created_by=people.manager)
    other = Partner.objects.create(name="Bistro Oy", created_by=people.manager)
    course = Opportunity.objects.create(
        kind="training",
        partner=a,
        title="Puuseppäkoulutus",
        starts_on=D(2026, 1, 1),
        created_by=people.manager,
    )
    for _i in range(5):  # five at the place, through the partner A
        _closed(people, destination="work_trial", place=True, partner=a)
    _closed(people, destination="studies", place=True, opportunity=course)  # A's opportunity
    for _i in range(2):  # two without a period, through B
        _closed(people, destination="open_market_work", place=False, partner=other)
    _closed(people, destination="pension", place=True)  # not traced: not counted
    sel = Selection(frozenset({people.unit.pk, people.other_unit.pk}), PERIOD, TODAY)
    result = traced(sel)
    assert result.partners == {a.pk: 6, other.pk: 2}
    assert result.places == {people.place.pk: 6, None: 2}

    board = dashboard.build(scope=access_metrics(people.manager), filters=PERIOD, today=TODAY)
    partners = board.table("traced_partners")
    assert [(r.label, [c.text() for c in r.cells]) for r in partners.rows] == [
        ("Apaja Oy", ["6", "6"]),
        ("Bistro Oy", ["<5", "<5"]),
    ]
    places = board.table("traced_places")
    rows = [(r.label, [c.text() for c in r.cells]) for r in places.rows]
    assert rows[0] == (people.place.name, ["6", "6"])
    assert rows[1][1] == ["<5", "<5"]  # no work-activity period: two persons, suppressed
    assert places.rows[1].cells[0].export() == "<5"


def test_no_traced_end_no_rows(people: People) -> None:
    _closed(people, destination="studies", place=True)
    sel = Selection(frozenset({people.unit.pk}), PERIOD, TODAY)
    assert traced(sel).partners == {}
    assert traced(sel).places == {}
