"""The placement items of the worker's work queue, and the S9 → S11 check of the start order."""

from __future__ import annotations

import datetime as dt

import pytest

from polku.clients.models import Stage
from polku.core import clock
from polku.pathways import machine
from polku.pathways.workqueue import work_queue
from polku.placements import services
from polku.placements.models import PlaceProfile
from tests.people import People
from tests.url_matrix import decision_of, period_of

pytestmark = pytest.mark.django_db


def kinds(people: People) -> list[str]:
    return [item.kind for item in work_queue(viewer=people.worker)]


def test_a_period_starting_soon_without_a_notice_shows_until_the_notice_is_sent(
    people: People,
) -> None:
    period = period_of(people)  # starts in three weeks
    assert "steward_notice" not in kinds(people)
    with clock.frozen(clock.now() + dt.timedelta(days=10)):
        assert "steward_notice" in kinds(people)
    PlaceProfile.objects.update_or_create(place=period.place, defaults={"steward_name": "P. P."})
    services.steward_notice_send(
        actor=people.worker, period=period, sent_on=clock.today(), method="letter"
    )
    with clock.frozen(clock.now() + dt.timedelta(days=10)):
        assert "steward_notice" not in kinds(people)
    with clock.frozen(clock.now() + dt.timedelta(days=18)):
        assert "period_starts" in kinds(people)


def test_the_period_starts_only_after_the_decision_and_the_notice(people: People) -> None:
    decision = decision_of(people)
    period = decision.period
    assert period is not None
    relationship = period.relationship
    relationship.stage = Stage.S9_KUTY_STARTS
    later = clock.now() + dt.timedelta(days=22)
    with clock.frozen(later):
        missing = machine.missing_for(relationship, Stage.S11_PERIOD)
        assert len(missing) == 2  # neither the decision nor the notice
    services.decision_make(
        actor=people.decision_maker,
        decision=decision,
        decided_on=clock.today(),
        version=decision.version,
    )
    PlaceProfile.objects.update_or_create(place=period.place, defaults={"steward_name": "P. P."})
    services.steward_notice_send(
        actor=people.worker, period=period, sent_on=clock.today(), method="letter"
    )
    with clock.frozen(later):
        assert machine.missing_for(relationship, Stage.S11_PERIOD) == []
