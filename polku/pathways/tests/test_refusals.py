"""Refusals: each has a code from an enum, and a refused write writes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from polku.audit.models import AuditEvent
from polku.core import clock
from polku.core.errors import CommonError
from polku.pathways import services
from polku.pathways.errors import PathwayError
from polku.pathways.models import Assessment, ClientPlan
from tests.builders import draft_plan, relationship_after_first_meeting
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
    assert error.value.error_dict["summary"][0].code == CommonError.NULL_CHARACTERS
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


def test_still_a_draft_and_not_signed_are_two_codes(people: People) -> None:
    """ "draft" once meant both: a document still a draft (it is edited, not revised) and a plan
    not signed (it cannot be corrected). Each meaning has its own code now."""
    assert PathwayError.DRAFT != PathwayError.NOT_SIGNED
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    doc = services.document_save(
        actor=people.worker,
        model=Assessment,
        relationship=relationship,
        version=None,
        complete=False,
        fields={"summary": "Luonnos"},
    )
    with pytest.raises(ValidationError) as revised:
        services.document_revise(actor=people.worker, doc=doc, reason="Korjaus")
    assert revised.value.code == PathwayError.DRAFT
    assert revised.value.messages == ["Luonnosta voi muokata sellaisenaan."]
    plan = draft_plan(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError) as corrected:
        services.plan_correct(actor=people.worker, plan=plan, reason="Korjaus")
    assert corrected.value.code == PathwayError.NOT_SIGNED
    with pytest.raises(ValidationError) as reflected:
        services.plan_reflection(actor=people.worker, plan=plan, reflection_due=clock.today())
    assert reflected.value.code == PathwayError.NOT_SIGNED


def test_the_plan_goes_only_to_its_parties_or_the_file(people: People) -> None:
    """A steward or a place gets its own document (the notice, the info package), never the
    activation plan (703/2023 data minimisation; 189/2001 §16)."""
    from polku.audit.models import AuditEvent, EventKind
    from polku.pathways.forms import DisclosureForm

    plan = draft_plan(worker=people.worker, unit=people.unit)
    offered = {value for value, _label in DisclosureForm().fields["recipient"].choices}  # type: ignore[attr-defined]
    assert offered == {"client", "employment_authority", "print"}
    before = AuditEvent.objects.filter(kind=EventKind.DISCLOSURE).count()
    for recipient in ("chief_shop_steward", "work_activity_place"):
        with pytest.raises(ValidationError) as refused:
            services.plan_disclose(actor=people.worker, plan=plan, recipient=recipient)
        assert refused.value.error_dict["recipient"][0].code == PathwayError.NOT_A_PLAN_RECIPIENT
    assert AuditEvent.objects.filter(kind=EventKind.DISCLOSURE).count() == before
