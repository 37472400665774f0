"""Who works with the client: naming the responsible worker (S2), hand-overs and team cover."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, User
from polku.audit import services as audit
from polku.clients import rules
from polku.clients.access import is_unit_worker, require_responsible_worker
from polku.clients.errors import ClientError
from polku.clients.events import ClientEvent
from polku.clients.models import (
    ClientRelationship,
    CoverGrant,
    HandoverStatus,
    Stage,
    WorkerAssignment,
)
from polku.clients.services.relationships import _set_stage
from polku.core import clock
from polku.core.errors import CommonError


@transaction.atomic
def worker_assign(
    *, actor: User, relationship: ClientRelationship, worker: User
) -> WorkerAssignment:
    """S2: name the responsible worker of an unassigned relationship (self or a colleague)."""
    if not is_unit_worker(actor, relationship.unit) or not is_unit_worker(
        worker, relationship.unit
    ):
        raise ValidationError(
            _("The responsible worker must be a worker of the unit %(unit)s.")
            % {"unit": relationship.unit.display_name},
            code=ClientError.NOT_IN_UNIT,
        )
    now = clock.now()
    # One conditional UPDATE: two workers naming at once cannot both succeed.
    named = ClientRelationship.objects.filter(
        pk=relationship.pk, responsible_worker__isnull=True
    ).update(responsible_worker=worker, updated_at=now)
    if named != 1:
        raise ValidationError(
            _("A responsible worker has already been named. Use a hand-over instead."),
            code=ClientError.ASSIGNED,
        )
    relationship.responsible_worker = worker
    assignment = WorkerAssignment.objects.create(
        relationship=relationship,
        worker=worker,
        assigned_by=actor,
        assigned_at=now,
        status=HandoverStatus.ACCEPTED,
        decided_at=now,
    )
    audit.record_change(
        actor=actor,
        record=relationship,
        client=relationship.client,
        what=ClientEvent.RESPONSIBLE_WORKER,
        changes={"responsible_worker": (None, worker.get_full_name())},
    )
    _set_stage(actor=actor, relationship=relationship, stage=Stage.S2_RESPONSIBLE_WORKER)
    return assignment


@transaction.atomic
def handover_propose(
    *, actor: User, relationship: ClientRelationship, worker: User, note: str
) -> WorkerAssignment:
    """Hand the client over to another worker of the unit, with a note; they must accept."""
    require_responsible_worker(actor, relationship)
    if worker.pk == actor.pk or not is_unit_worker(worker, relationship.unit):
        raise ValidationError(
            _("Choose another worker of the unit %(unit)s.")
            % {"unit": relationship.unit.display_name},
            code=ClientError.NOT_IN_UNIT,
        )
    if not note.strip():
        raise ValidationError(
            _("Write a hand-over note for the new worker."), code=CommonError.REQUIRED
        )
    if relationship.assignments.filter(status=HandoverStatus.PENDING).exists():
        raise ValidationError(
            _("A hand-over is already waiting for acceptance."), code=ClientError.HANDOVER_PENDING
        )
    assignment = WorkerAssignment.objects.create(
        relationship=relationship,
        worker=worker,
        assigned_by=actor,
        assigned_at=clock.now(),
        note=note,
        status=HandoverStatus.PENDING,
    )
    audit.record_change(
        actor=actor,
        record=assignment,
        client=relationship.client,
        what=ClientEvent.HANDOVER_PROPOSED,
        changes={"worker": (None, worker.get_full_name()), "note": (None, note)},
    )
    return assignment


@transaction.atomic
def handover_decide(*, actor: User, assignment: WorkerAssignment, accept: bool) -> WorkerAssignment:
    """The receiving worker accepts or declines. On acceptance the previous worker loses
    access unless they still have another verified relationship with the client."""
    assignment = WorkerAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.worker_id != actor.pk:
        raise PermissionDenied
    rules.handover_undecided(assignment)
    relationship = assignment.relationship
    assignment.status = HandoverStatus.ACCEPTED if accept else HandoverStatus.DECLINED
    assignment.decided_at = clock.now()
    assignment.save(update_fields=["status", "decided_at"])
    audit.record_change(
        actor=actor,
        record=assignment,
        client=relationship.client,
        what=ClientEvent.HANDOVER_ACCEPTED if accept else ClientEvent.HANDOVER_DECLINED,
        changes={"status": (HandoverStatus.PENDING, assignment.status)},
    )
    if accept:
        previous = relationship.responsible_worker
        relationship.responsible_worker = actor
        relationship.save(update_fields=["responsible_worker", "updated_at"])
        audit.record_change(
            actor=actor,
            record=relationship,
            client=relationship.client,
            what=ClientEvent.RESPONSIBLE_WORKER,
            changes={
                "responsible_worker": (
                    previous.get_full_name() if previous else None,
                    actor.get_full_name(),
                )
            },
        )
    return assignment


@transaction.atomic
def cover_start(*, actor: User, colleague: User, unit: Unit | None, purpose: str) -> CoverGrant:
    """Team cover: a worker covers for a colleague of the same unit and says why (``unit``:
    the unit they share, ``selectors.cover_unit``; None when they share none)."""
    if (
        unit is None
        or colleague.pk == actor.pk
        or not is_unit_worker(actor, unit)
        or not is_unit_worker(colleague, unit)
    ):
        raise ValidationError(
            _("You can cover only for a colleague of your own unit."),
            code=ClientError.NOT_IN_UNIT,
        )
    rules.cover_purpose(purpose)
    now = clock.now()
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=0)
    grant = CoverGrant.objects.create(
        user=actor,
        covered_worker=colleague,
        unit=unit,
        purpose=purpose.strip(),
        started_at=now,
        expires_at=end_of_day,
    )
    audit.record_change(
        actor=actor,
        record=grant,
        what=ClientEvent.COVER_STARTED,
        changes={
            "covered_worker": (None, colleague.get_full_name()),
            "purpose": (None, grant.purpose),
        },
    )
    return grant
