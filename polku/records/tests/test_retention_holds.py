"""Retention holds (703/2023 annex, SPEC §8): a pending log request, complaint (812/2000 §23)
or appeal holds a client's records back; the dry run lists exactly what the real run removes,
held clients left out. The clock is frozen: every cut-off is computed from one moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.utils import timezone

from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.core.rules import add_months
from polku.feedback.models import Complaint
from polku.feedback.services import complaint_handle, complaint_make
from polku.placements.models import Decision
from polku.placements.services.decisions import (
    decision_correct,
    decision_deadline,
    decision_deliver,
    decision_draft,
    decision_make,
)
from polku.records.models import RetentionRun
from polku.records.services import retention_destroy, retention_dry_run
from tests.people import People

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen() -> Iterator[dt.datetime]:
    at = clock.now().replace(microsecond=0)
    with clock.frozen(at):
        yield at


def at_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def end_ten_years_ago(*relationships: ClientRelationship) -> None:
    ended = add_months(clock.today(), -120)
    ClientRelationship.objects.filter(pk__in=[r.pk for r in relationships]).update(ended_on=ended)


def rows() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def destroy_and_compare(run: RetentionRun, people: People) -> None:
    """Destroying removes exactly the rows the dry run counted, kind by kind, and nothing else
    besides the old log events and the run's own record."""
    before = rows()
    retention_destroy(actor=people.administrator, run=run, confirmed=True)
    after = rows()
    for label, count in run.counts.items():
        assert before[label] - after[label] == count, label
    changed = {label for label in before if before[label] != after[label]}
    assert changed - set(run.counts) <= {"audit.AuditEvent", "records.RetentionRun"}


def complain(people: People) -> Complaint:
    return complaint_make(
        actor=people.client,
        client=people.client_record,
        what_happened="Minulle puhuttiin tylysti.",
        reply_by="omapolku",
    )


def test_an_unanswered_complaint_holds_the_client_and_the_other_goes(
    people: People, frozen: dt.datetime
) -> None:
    complaint = complain(people)
    end_ten_years_ago(people.relationship, people.other_relationship)
    run = retention_dry_run(actor=people.administrator)
    assert run.held == {"complaint": 1}
    assert run.relationships == 1
    assert run.counts["clients.Client"] == 1
    assert "feedback.Complaint" not in run.counts
    destroy_and_compare(run, people)
    # The held client's records are all kept; the other client's are gone.
    assert Client.objects.filter(pk=people.client_record.pk).exists()
    assert ClientRelationship.objects.filter(pk=people.relationship.pk).exists()
    assert Complaint.objects.filter(pk=complaint.pk).exists()
    assert not ClientRelationship.objects.filter(pk=people.other_relationship.pk).exists()


def test_a_complaint_in_hand_still_holds_and_an_answered_one_does_not(
    people: People, frozen: dt.datetime
) -> None:
    complaint = complain(people)
    end_ten_years_ago(people.relationship)
    complaint = complaint_handle(
        actor=people.manager, complaint=complaint, version=complaint.version, state="in_progress"
    )
    assert retention_dry_run(actor=people.administrator).held == {"complaint": 1}
    complaint_handle(
        actor=people.manager,
        complaint=complaint,
        version=complaint.version,
        state="answered",
        answer="Pahoittelemme.",
        answered_on=clock.today(),
    )
    run = retention_dry_run(actor=people.administrator)
    assert run.held == {}
    assert run.counts["feedback.Complaint"] == 1
    destroy_and_compare(run, people)
    assert not Client.objects.filter(pk=people.client_record.pk).exists()


def decided(people: People) -> Decision:
    """A travel-compensation decision of the client's relationship, made and sent electronically
    today (no period needed)."""
    draft = decision_draft(
        actor=people.worker,
        relationship=people.relationship,
        kind="matkakorvaus",
        period=None,
        decision_maker=people.decision_maker,
        grounds="Matkakulut korvataan halvimman kulkuneuvon mukaan.",
    )
    made = decision_make(
        actor=people.decision_maker, decision=draft, decided_on=clock.today(), version=draft.version
    )
    decision_deliver(actor=people.worker, decision=made, method="electronic", sent_on=clock.today())
    return made


def test_a_decision_open_to_appeal_holds_until_its_deadline(
    people: People, frozen: dt.datetime
) -> None:
    decision = decided(people)
    deadline = decision_deadline(decision)
    assert deadline is not None
    end_ten_years_ago(people.relationship)
    assert retention_dry_run(actor=people.administrator).held == {"appeal": 1}
    with clock.frozen(at_noon(deadline.deadline)):
        assert retention_dry_run(actor=people.administrator).held == {"appeal": 1}
    with clock.frozen(at_noon(deadline.deadline + dt.timedelta(days=1))):
        end_ten_years_ago(people.relationship)
        run = retention_dry_run(actor=people.administrator)
        assert run.held == {}
        assert run.counts["placements.Decision"] == 1
        destroy_and_compare(run, people)
    assert not Decision.objects.filter(pk=decision.pk).exists()


def test_a_correction_being_drafted_holds(people: People, frozen: dt.datetime) -> None:
    decision = decided(people)
    decision_correct(actor=people.worker, decision=decision, grounds="Oikaisuvaatimus saapui.")
    deadline = decision_deadline(decision)
    assert deadline is not None
    with clock.frozen(at_noon(deadline.deadline + dt.timedelta(days=1))):
        end_ten_years_ago(people.relationship)
        run = retention_dry_run(actor=people.administrator)
    assert run.held == {"appeal": 1}
    assert run.relationships == 0


def test_a_hold_that_comes_after_the_dry_run_makes_it_stale(
    people: People, frozen: dt.datetime
) -> None:
    end_ten_years_ago(people.relationship)
    run = retention_dry_run(actor=people.administrator)
    assert run.relationships == 1
    complain(people)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        retention_destroy(actor=people.administrator, run=run, confirmed=True)
    assert refused.value.code == "retention_stale"
    assert Client.objects.filter(pk=people.client_record.pk).exists()
