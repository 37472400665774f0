"""Refusals found by the stateful test: each has a code and writes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from polku.audit.models import AuditEvent
from polku.pathways import services
from polku.pathways.models import Assessment, ClientPlan
from tests.builders import relationship_after_first_meeting
from tests.people import People

pytestmark = pytest.mark.django_db


def test_a_nul_character_is_refused_on_its_field(people: People) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError) as error:
        services.document_save(
            actor=people.worker,
            model=Assessment,
            relationship=relationship,
            version=None,
            complete=False,
            fields={"summary": "a\x00b"},
        )
    assert error.value.error_dict["summary"][0].code == "null_characters"
    assert not Assessment.objects.filter(relationship=relationship).exists()


def test_an_empty_new_draft_is_a_change_event(people: People) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    before = AuditEvent.objects.count()
    doc = services.document_save(
        actor=people.worker,
        model=ClientPlan,
        relationship=relationship,
        version=None,
        complete=False,
        fields={},
    )
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert event is not None
    assert event.client_id == relationship.client_id
    assert doc.number == 1
