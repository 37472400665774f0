"""A later app plugs into the pathway through registries, without touching pathways or clients:
a transition check, a work-queue item, and audit event types with their timeline labels
(docs/architecture.md, "Registries")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import translation
from django.utils.translation import pgettext_lazy

from polku.accounts.models import User
from polku.audit import events
from polku.audit import services as audit
from polku.clients.models import ClientRelationship, Stage
from polku.clients.selectors import timeline_entries
from polku.pathways import machine, workqueue
from polku.pathways.workqueue import WorkItem
from tests.builders import pathway_through_s7
from tests.people import People

pytestmark = pytest.mark.django_db


class LaterEvent(events.EventType):
    """What a later app (placements, say) would declare in its events.py."""

    DECIDED = "later app decision", pgettext_lazy("audit event", "Client created")


@pytest.fixture
def restored_registries() -> Iterator[None]:
    checks = {key: list(value) for key, value in machine._CHECKS.items()}
    providers = list(workqueue._PROVIDERS)
    types = dict(events._TYPES)
    yield
    machine._CHECKS.clear()
    machine._CHECKS.update(checks)
    workqueue._PROVIDERS[:] = providers
    events._TYPES.clear()
    events._TYPES.update(types)


def _decided(relationship: ClientRelationship) -> list[str]:
    return ["No decision yet (from the later app)."]


def test_a_transition_waits_with_its_pending_needs_until_an_app_registers_a_check(
    people: People, restored_registries: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = pathway_through_s7(
        worker=people.worker, unit=people.unit, authority=people.employment_authority
    )
    relationship = plan.relationship
    relationship.stage = Stage.S11_PERIOD
    # As before the evaluation app existed: S11 → S12 with its pending words and no check.
    graph = tuple(
        machine.Transition(t.source, t.target, (pgettext_lazy("test", "Not due yet."),))
        if (t.source, t.target) == (Stage.S11_PERIOD, Stage.S12_EVALUATION)
        else t
        for t in machine.GRAPH
    )
    monkeypatch.setattr(machine, "GRAPH", graph)
    machine._CHECKS.pop((Stage.S11_PERIOD, Stage.S12_EVALUATION), None)
    assert not machine.registered_checks(Stage.S11_PERIOD, Stage.S12_EVALUATION)
    with translation.override("en"):
        assert machine.missing_for(relationship, Stage.S12_EVALUATION) == ["Not due yet."]
        machine.register_check(Stage.S11_PERIOD, Stage.S12_EVALUATION, _decided)
        assert machine.missing_for(relationship, Stage.S12_EVALUATION) == [
            "No decision yet (from the later app)."
        ]
    assert machine.registered_checks(Stage.S11_PERIOD, Stage.S12_EVALUATION) == (_decided,)


def test_the_evaluation_steps_have_their_checks_and_no_pending_words() -> None:
    transitions = machine.transitions()
    for pair in (
        (Stage.S11_PERIOD, Stage.S12_EVALUATION),
        (Stage.S12_EVALUATION, Stage.S13_CERTIFICATE),
    ):
        assert machine.registered_checks(*pair), pair
        assert transitions[pair].pending == (), pair


def test_a_check_on_a_transition_the_graph_lacks_is_refused(restored_registries: None) -> None:
    with pytest.raises(ValueError, match="no transition"):
        machine.register_check(Stage.S1_STARTED, Stage.S14_CLOSED, _decided)


def test_every_pathway_step_of_s1_to_s7_has_its_check_registered() -> None:
    order = list(Stage)
    s1_to_s7 = [
        (source, target)
        for source, target in machine.transitions()
        if order.index(source) <= order.index(Stage.S7_SECOND_PLAN)
    ]
    assert len(s1_to_s7) == 11
    assert [pair for pair in s1_to_s7 if not machine.registered_checks(*pair)] == []


def test_a_later_app_adds_a_work_queue_item(people: People, restored_registries: None) -> None:
    def later_items(viewer: User, today: dt.date) -> list[WorkItem]:
        return [WorkItem("later", "Attendance not recorded", None, "", "/", today)]

    workqueue.register(later_items)
    workqueue.register(later_items)  # registering twice adds it once
    items = workqueue.work_queue(viewer=people.worker)
    assert [item.kind for item in items].count("later") == 1


def test_providers_share_a_read_within_one_work_queue(
    people: People, restored_registries: None
) -> None:
    loads: list[int] = []

    def load() -> list[int]:
        loads.append(1)
        return [1, 2, 3]

    def odd(viewer: User, today: dt.date) -> list[WorkItem]:
        rows = workqueue.shared(("test.rows", viewer.pk), load)
        return [WorkItem("odd", str(n), None, "", "/", today) for n in rows if n % 2]

    def even(viewer: User, today: dt.date) -> list[WorkItem]:
        rows = workqueue.shared(("test.rows", viewer.pk), load)
        return [WorkItem("even", str(n), None, "", "/", today) for n in rows if not n % 2]

    workqueue.register(odd, even)
    items = workqueue.work_queue(viewer=people.worker)
    assert sorted(i.label for i in items if i.kind in ("odd", "even")) == ["1", "2", "3"]
    assert len(loads) == 1  # read once for both providers
    workqueue.work_queue(viewer=people.worker)
    assert len(loads) == 2  # and again on the next page, never kept across requests
    odd(people.worker, dt.date(2025, 1, 1))
    odd(people.worker, dt.date(2025, 1, 1))
    assert len(loads) == 4  # a provider called alone reads each time


def test_a_later_app_adds_event_types_and_the_timeline_shows_their_labels(
    people: People, restored_registries: None
) -> None:
    with pytest.raises(events.UnregisteredEventType):
        audit.record_change(
            actor=people.worker,
            record=people.relationship,
            client=people.client_record,
            what=LaterEvent.DECIDED,
            changes={"stage": ("a", "b")},
        )
    events.register_types(LaterEvent)
    event = audit.record_change(
        actor=people.worker,
        record=people.relationship,
        client=people.client_record,
        what=LaterEvent.DECIDED,
        changes={"stage": ("a", "b")},
    )
    assert event is not None
    with translation.override("fi"):
        [entry] = timeline_entries([event], show_address=False)
    assert entry.label == "Asiakas luotu"
