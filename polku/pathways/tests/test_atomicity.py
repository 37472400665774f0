"""Every pathway service writes its record and its audit event together or not at all."""

from __future__ import annotations

from typing import Any

import pytest

from polku.audit import services as audit_services
from polku.audit.models import AuditEvent
from polku.clients.events import ClientEvent
from polku.clients.models import ClientRelationship, Stage
from polku.pathways import services
from polku.pathways.models import ActivationPlan
from tests.builders import draft_plan, relationship_after_first_meeting
from tests.people import People

pytestmark = pytest.mark.django_db


class AuditDown(RuntimeError):
    """The audit store failing after the record was written."""


def _fail_on(monkeypatch: pytest.MonkeyPatch, what: str) -> None:
    record_change = audit_services.record_change

    def failing(**kwargs: Any) -> Any:
        if kwargs["what"] == what:
            raise AuditDown(what)
        return record_change(**kwargs)

    monkeypatch.setattr(audit_services, "record_change", failing)


def test_a_failed_stage_event_leaves_the_stage_as_it_was(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    relationship = ClientRelationship.objects.get(pk=plan.relationship_id)
    assert relationship.stage == Stage.S5_ACTIVATION_PLAN
    version, events = relationship.version, AuditEvent.objects.count()
    _fail_on(monkeypatch, ClientEvent.STAGE)
    with pytest.raises(AuditDown):
        services.transition(
            actor=people.worker, relationship=relationship, target=Stage.S4_ASSESSMENT
        )
    stored = ClientRelationship.objects.get(pk=relationship.pk)
    assert stored.stage == Stage.S5_ACTIVATION_PLAN
    assert stored.version == version
    assert AuditEvent.objects.count() == events


def test_a_failed_stage_event_leaves_no_started_plan(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plan_start writes the plan, its event, then moves the stage: all or nothing."""
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    stage, events = relationship.stage, AuditEvent.objects.count()
    _fail_on(monkeypatch, ClientEvent.STAGE)
    with pytest.raises(AuditDown):
        services.plan_start(actor=people.worker, relationship=relationship, plan_type="activation")
    assert not ActivationPlan.objects.filter(relationship=relationship).exists()
    assert (
        ClientRelationship.objects.get(pk=relationship.pk).stage == stage == Stage.S3_FIRST_MEETING
    )
    assert AuditEvent.objects.count() == events
