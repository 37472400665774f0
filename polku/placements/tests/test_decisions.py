"""Decisions: the worker drafts, the named decision maker makes and signs, the delivery trail
gives the appeal deadline; a made decision never changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from polku.audit.models import AuditEvent, EventKind
from polku.core import clock
from polku.core.errors import CommonError
from polku.placements import services
from polku.placements.errors import PlacementError
from polku.placements.models import Decision, DecisionKind, DecisionStatus, PeriodKind
from polku.placements.selectors import chosen_place
from polku.placements.tests.builders import at_s8
from tests.people import People

pytestmark = pytest.mark.django_db


def drafted(people: People) -> Decision:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    start = clock.today() + dt.timedelta(days=14)
    period = services.period_plan(
        actor=people.worker,
        relationship=relationship,
        place=place,
        kind=PeriodKind.FULL,
        starts_on=start,
        ends_on=start + dt.timedelta(days=180),
        weekdays="123",
        hours_per_day=Decimal(4),
        goal="Päivärytmi",
        description="Puutyöt",
        tasks="",
        support_and_guidance="Ohjaaja",
        other_services="Ei muita",
        evaluate_by=start + dt.timedelta(days=90),
    )
    return services.decision_draft(
        actor=people.worker,
        relationship=relationship,
        kind=DecisionKind.KUTY,
        period=period,
        decision_maker=people.decision_maker,
        grounds="Asiakas hyötyy säännöllisestä toiminnasta.",
    )


def test_the_decision_maker_makes_the_decision_and_it_never_changes(people: People) -> None:
    decision = drafted(people)
    assert decision.status == DecisionStatus.DRAFT
    with pytest.raises(PermissionDenied):
        services.decision_make(
            actor=people.worker,
            decision=decision,
            decided_on=clock.today(),
            version=decision.version,
        )
    services.decision_make(
        actor=people.decision_maker,
        decision=decision,
        decided_on=clock.today(),
        version=decision.version,
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DECIDED
    assert decision.appeal_text_version == services.decisions.APPEAL_TEXT_VERSION
    with pytest.raises(ValidationError) as again:
        services.decision_make(
            actor=people.decision_maker,
            decision=decision,
            decided_on=clock.today(),
            version=decision.version,
        )
    assert again.value.error_list[0].code == PlacementError.DECISION_MADE


def test_the_draft_needs_grounds_and_a_decision_maker_of_the_unit(people: People) -> None:
    decision = drafted(people)
    with pytest.raises(ValidationError) as refused:
        services.decision_draft(
            actor=people.worker,
            relationship=decision.relationship,
            kind=DecisionKind.KUTY,
            period=decision.period,
            decision_maker=people.worker_other_unit,
            grounds="Perustelu",
        )
    assert refused.value.error_dict["decision_maker"][0].code == PlacementError.NOT_A_DECISION_MAKER
    with pytest.raises(ValidationError) as refused:
        services.decision_draft(
            actor=people.worker,
            relationship=decision.relationship,
            kind=DecisionKind.KUTY,
            period=None,
            decision_maker=people.decision_maker,
            grounds=" ",
        )
    assert set(refused.value.error_dict) == {"grounds", "period"}
    assert refused.value.error_dict["grounds"][0].code == CommonError.REQUIRED


def test_a_letter_gives_the_deadline_and_a_returned_letter_voids_it(people: People) -> None:
    made_on = dt.date(2026, 11, 27)
    with clock.frozen(dt.datetime(2026, 11, 27, 10, tzinfo=dt.UTC)):
        decision = drafted(people)
    with clock.frozen(dt.datetime(2026, 12, 10, 12, tzinfo=dt.UTC)):
        services.decision_make(
            actor=people.decision_maker,
            decision=decision,
            decided_on=made_on,
            version=decision.version,
        )
        assert services.decision_deadline(decision) is None
        services.decision_deliver(
            actor=people.worker, decision=decision, method="letter", sent_on=dt.date(2026, 12, 4)
        )
        deadline = services.decision_deadline(decision)
        assert deadline is not None
        assert deadline.notified_on == dt.date(2026, 12, 11)
        assert deadline.deadline == dt.date(2027, 1, 11)  # the 30th day is a Sunday
        services.decision_deliver(
            actor=people.worker, decision=decision, method="returned", sent_on=dt.date(2026, 12, 9)
        )
        assert services.decision_deadline(decision) is None
        services.decision_deliver(
            actor=people.worker,
            decision=decision,
            method="handed_over",
            sent_on=dt.date(2026, 12, 10),
        )
    deadline = services.decision_deadline(decision)
    assert deadline is not None
    assert deadline.notified_on == dt.date(2026, 12, 10)
    disclosures = AuditEvent.objects.filter(kind=EventKind.DISCLOSURE, what="decision delivered")
    assert disclosures.count() == 2


def test_a_delivery_before_the_decision_or_a_receipt_before_sending_is_refused(
    people: People,
) -> None:
    decision = drafted(people)
    with pytest.raises(ValidationError) as refused:
        services.decision_deliver(
            actor=people.worker, decision=decision, method="letter", sent_on=clock.today()
        )
    assert refused.value.error_list[0].code == PlacementError.DECISION_NOT_MADE
    services.decision_make(
        actor=people.decision_maker,
        decision=decision,
        decided_on=clock.today(),
        version=decision.version,
    )
    with pytest.raises(ValidationError) as refused:
        services.decision_deliver(
            actor=people.worker,
            decision=decision,
            method="letter",
            sent_on=clock.today(),
            received_on=clock.today() - dt.timedelta(days=1),
        )
    assert refused.value.error_dict["received_on"][0].code == PlacementError.RECEIPT_BEFORE_SENDING


def test_a_correction_is_a_new_decision_that_refers_to_the_old(people: People) -> None:
    decision = drafted(people)
    with pytest.raises(ValidationError):
        services.decision_correct(actor=people.worker, decision=decision, grounds="Korjaus")
    services.decision_make(
        actor=people.decision_maker,
        decision=decision,
        decided_on=clock.today(),
        version=decision.version,
    )
    correction = services.decision_correct(
        actor=people.worker, decision=decision, grounds="Jakson päivät korjattu."
    )
    assert correction.corrects == decision
    assert correction.status == DecisionStatus.DRAFT
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DECIDED
    assert decision.grounds == "Asiakas hyötyy säännöllisestä toiminnasta."


def test_the_decision_maker_sees_drafts_waiting_in_the_work_queue(people: People) -> None:
    from polku.pathways.workqueue import work_queue

    decision = drafted(people)
    items = [i for i in work_queue(viewer=people.decision_maker) if i.kind == "decision"]
    assert [i.client_id for i in items] == [decision.relationship.client_id]
    event = AuditEvent.objects.filter(
        what="work queue",
        actor_id=people.decision_maker.pk,
        client_id=decision.relationship.client_id,
    ).get()
    assert event.basis == "decision_maker"
    services.decision_make(
        actor=people.decision_maker,
        decision=decision,
        decided_on=clock.today(),
        version=decision.version,
    )
    assert not [i for i in work_queue(viewer=people.decision_maker) if i.kind == "decision"]


def test_a_decision_is_not_dated_before_it_was_drafted(people: People) -> None:
    decision = drafted(people)
    with pytest.raises(ValidationError) as refused:
        services.decision_make(
            actor=people.decision_maker,
            decision=decision,
            decided_on=clock.today() - dt.timedelta(days=1),
            version=decision.version,
        )
    assert "decided_on" in refused.value.error_dict
