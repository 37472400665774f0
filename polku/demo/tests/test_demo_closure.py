"""The demo's clients at S13–S15 (polku.demo.closure): each at its stage, with what the work
queue must show."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from polku.accounts.models import User
from polku.audit.models import AuditEvent
from polku.clients.models import ClientRelationship, Stage
from polku.closure.models import CertificateStatus, FollowUpCall
from polku.demo.closure import CLOSURES
from polku.evaluation.models import EvaluationSection, EvaluationStatus
from polku.pathways.workqueue import work_queue

pytestmark = pytest.mark.django_db


def test_demo_clients_at_s13_s14_and_s15_with_calls_done_and_due() -> None:
    call_command("demo_data", stdout=io.StringIO())
    by_name = {
        spec.placement.last: ClientRelationship.objects.select_related("client")
        .filter(client__last_name=spec.placement.last)
        .get()
        for spec in CLOSURES
    }
    for relationship in by_name.values():
        # S11 → S13 walked through the evaluation app: goals, both evaluations finished at the
        # joint meeting with every party's section complete, the stage moved by the finish.
        assert relationship.goals.count() == 3
        statuses = dict(relationship.evaluations.values_list("kind", "status"))
        assert statuses == {"mid": EvaluationStatus.FINISHED, "final": EvaluationStatus.FINISHED}
        sections = EvaluationSection.objects.filter(evaluation__relationship=relationship)
        assert sections.count() == sections.filter(complete=True).count() == 6
        final = relationship.evaluations.get(kind="final")
        assert final.met_on is not None
        assert final.met_on < relationship.periods.get().ends_on
        stages = [
            e.changes["stage"][1]
            for e in AuditEvent.objects.filter(
                client_id=relationship.client_id, changes__has_key="stage"
            ).order_by("pk")
        ]
        assert stages[stages.index("s11") :][:3] == ["s11", "s12", "s13"]
    assert by_name["Aaltonen"].stage == Stage.S13_CERTIFICATE
    assert by_name["Aaltonen"].is_open
    assert by_name["Backman"].stage == Stage.S14_CLOSED
    assert by_name["Kinnunen"].stage == Stage.S14_CLOSED
    assert by_name["Rautio"].stage == Stage.S15_FOLLOW_UP_CALL
    assert all(not by_name[n].is_open for n in ("Backman", "Kinnunen", "Peltonen", "Rautio"))
    assert by_name["Peltonen"].stage == Stage.S14_CLOSED  # not reached: no contact made yet
    outcomes = {
        name: list(
            FollowUpCall.objects.filter(end__relationship=by_name[name])
            .order_by("called_on")
            .values_list("outcome", flat=True)
        )
        for name in ("Kinnunen", "Peltonen", "Rautio")
    }
    assert outcomes == {
        "Kinnunen": [],
        "Peltonen": ["not_reached"],
        "Rautio": ["not_reached", "reached"],
    }
    backman = by_name["Backman"].periods.get()
    assert backman.certificate.status == CertificateStatus.GIVEN
    assert backman.certificate.language == "sv"
    items = work_queue(viewer=User.objects.get(username="sanna.virtanen"))
    kinds = {(i.kind, i.client_name.split(" ")[0]) for i in items}
    assert ("follow_up_plan", "Aaltonen") in kinds
    assert ("certificate", "Aaltonen") in kinds
    assert ("follow_up_call", "Kinnunen") in kinds
    assert ("follow_up_call_again", "Peltonen") in kinds
    assert not {k for k in kinds if k[1] in ("Backman", "Rautio")}
