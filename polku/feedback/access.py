"""Who reads what in the feedback app.

- The feedback box and complaints go to the **managers of the client's unit**: a user holding
  the manager role in the unit the message or complaint is addressed to, or in the unit above
  it (the organiser), as ``Unit.objects.visible_to`` scopes managers. The client's own worker
  never reads them (403: a worker role has no handler pages). ``accounts.roles`` has no
  "feedback handler" role yet; when one is added, :func:`handler_unit_ids` is the one place
  that changes.
- The survey's results go to the supervisor of the place (their places) and to the managers
  of the place or of the organiser above it, aggregated only (``selectors.results``).

Reads of a message or a complaint are logged with the client and the basis
``feedback_handler``; the log is the client's, not readable by the handler.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from polku.accounts.models import RoleAssignment, Unit, User
from polku.accounts.roles import Role, roles_of
from polku.clients.access import access_record
from polku.feedback.models import Complaint, FeedbackMessage

HANDLER = "feedback_handler"


def handler_unit_ids(user: User | AnonymousUser) -> set[int]:
    """The units whose feedback and complaints ``user`` handles: where they hold the manager
    role, and the units directly below those."""
    if not user.is_authenticated:
        return set()
    managed = set(
        RoleAssignment.objects.filter(user_id=user.pk, role=Role.MANAGER).values_list(
            "unit_id", flat=True
        )
    )
    if not managed:
        return set()
    below = Unit.objects.filter(parent_id__in=managed).values_list("pk", flat=True)
    return managed | set(below)


def require_handler(user: User | AnonymousUser) -> set[int]:
    """403 unless the user is a manager somewhere; else the units they handle."""
    if Role.MANAGER not in roles_of(user):
        raise PermissionDenied
    return handler_unit_ids(user)


def messages_for(user: User | AnonymousUser) -> QuerySet[FeedbackMessage]:
    return FeedbackMessage.objects.filter(unit_id__in=require_handler(user))


def complaints_for(user: User | AnonymousUser) -> QuerySet[Complaint]:
    return Complaint.objects.filter(unit_id__in=require_handler(user))


def access_message(user: User | AnonymousUser, message_id: int) -> FeedbackMessage:
    """A message addressed to a unit the user handles, or 404; the read is logged."""
    from polku.feedback.events import FeedbackRead

    rows = messages_for(user).select_related("client", "unit", "place", "handled_by")
    return access_record(
        user,
        rows,
        message_id,
        client_of=lambda m: m.client,
        what=FeedbackRead.MESSAGE,
        need=None,
        basis=HANDLER,
    )


def access_complaint(user: User | AnonymousUser, complaint_id: int) -> Complaint:
    """A complaint addressed to a unit the user handles, or 404; the read is logged."""
    from polku.feedback.events import FeedbackRead

    rows = complaints_for(user).select_related("client", "unit", "helped_by", "handler")
    return access_record(
        user,
        rows,
        complaint_id,
        client_of=lambda c: c.client,
        what=FeedbackRead.COMPLAINT,
        need=None,
        basis=HANDLER,
    )


def result_places(user: User | AnonymousUser) -> tuple[QuerySet[Unit], bool]:
    """The places whose survey results the user may see, and whether they see them as a
    manager (who also sees the producer types). 403 for every other role."""
    held = roles_of(user)
    if not held & {Role.PLACE_SUPERVISOR, Role.MANAGER}:
        raise PermissionDenied
    assert isinstance(user, User)  # noqa: S101
    supervised = RoleAssignment.objects.filter(user_id=user.pk, role=Role.PLACE_SUPERVISOR).values(
        "unit_id"
    )
    managed = RoleAssignment.objects.filter(user_id=user.pk, role=Role.MANAGER).values("unit_id")
    places = Unit.objects.places().filter(
        Q(pk__in=supervised) | Q(pk__in=managed) | Q(parent_id__in=managed)
    )
    return places.by_name(), Role.MANAGER in held
