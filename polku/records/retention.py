"""Retention (703/2023 annex, SPEC §8): what a run would destroy, and destroying it.

**What goes.** A client relationship that ended ten years ago or more (``RECORD_YEARS``), with
every record that belongs to it; the client's own record too when all of the client's
relationships go in the same run. Access, change and disclosure events older than twelve years
(``AUDIT_YEARS``). Nothing else, and never any other way: the app's code deletes client records
nowhere else, and the audit table refuses deletion except here.

**Holds.** A relationship is held back while something is pending for its client: each app
registers a hold (:func:`register_hold`) that names the relationships it holds and why; the
records app holds the clients with a log request not yet answered.

**Which rows.** Found generically, so that an app added later cannot be forgotten: from the
relationships (and the clients that go), every model that points at a collected row through a
foreign key is collected in turn (its rows that point at collected rows), until nothing new is
found; many-to-many rows of collected rows go with them. The rows are deleted in one
transaction without Django's ``on_delete`` checks; the database's foreign keys (deferred to the
commit on both PostgreSQL and SQLite) then refuse the whole destruction if any row still points
at a deleted one, so a gap in the walk can never leave a half-destroyed record.

**Stale dry runs.** A run stores a fingerprint of exactly the rows it counted; destroying
recomputes it and refuses when the data changed since (a relationship reopened, a new
document), so what an approver saw is what goes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, models
from django.db.models import Exists, ForeignObjectRel, OuterRef

from polku.audit.database import deletion_allowed
from polku.audit.models import AuditEvent
from polku.clients.models import Client, ClientRelationship
from polku.core.rules import add_months

RECORD_YEARS = 10
AUDIT_YEARS = 12


@dataclass(frozen=True)
class Hold:
    """Something pending that holds relationships back: given the ids due, those it holds."""

    key: str
    label: Any
    held: Callable[[set[int]], set[int]]


_HOLDS: dict[str, Hold] = {}


def register_hold(key: str, label: Any, held: Callable[[set[int]], set[int]]) -> None:
    _HOLDS.setdefault(key, Hold(key, label, held))


def hold_label(key: str) -> str:
    hold = _HOLDS.get(key)
    return str(hold.label) if hold is not None else key


@dataclass
class Plan:
    """What one run would destroy: the rows by model, in the order they were found."""

    records_before: dt.date
    audit_before: dt.date
    relationship_ids: list[int]
    client_ids: list[int]
    held: dict[str, int]
    rows: dict[type[models.Model], set[Any]] = field(default_factory=dict)
    through: dict[type[models.Model], set[Any]] = field(default_factory=dict)
    audit_events: int = 0

    def counts(self) -> dict[str, int]:
        """Rows by model label (``app_label.ModelName``), the through tables left out."""
        return {model._meta.label: len(pks) for model, pks in self.rows.items() if pks}

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for label, pks in sorted(
            (model._meta.label, sorted(map(str, pks))) for model, pks in self.rows.items()
        ):
            digest.update(label.encode())
            digest.update(",".join(pks).encode())
        digest.update(f"audit:{self.audit_before}:{self.audit_events}".encode())
        return digest.hexdigest()


def cutoffs(today: dt.date) -> tuple[dt.date, dt.date]:
    return add_months(today, -12 * RECORD_YEARS), add_months(today, -12 * AUDIT_YEARS)


def plan(records_before: dt.date, audit_before: dt.date) -> Plan:
    """Everything a run with these cutoffs would destroy (no writes)."""
    due = set(
        ClientRelationship.objects.filter(
            ended_on__isnull=False, ended_on__lte=records_before
        ).values_list("pk", flat=True)
    )
    held: dict[str, int] = defaultdict(int)
    kept: set[int] = set()
    for hold in _HOLDS.values():
        for relationship_id in hold.held(due) & due:
            if relationship_id not in kept:
                kept.add(relationship_id)
                held[hold.key] += 1
    going = sorted(due - kept)
    # A client goes with its last relationship: none of theirs may stay.
    staying = ClientRelationship.objects.filter(client_id=OuterRef("pk")).exclude(pk__in=going)
    clients = sorted(
        Client.objects.filter(relationships__pk__in=going)
        .exclude(Exists(staying))
        .values_list("pk", flat=True)
        .distinct()
    )
    result = Plan(
        records_before=records_before,
        audit_before=audit_before,
        relationship_ids=going,
        client_ids=clients,
        held=dict(held),
    )
    _collect(result, ClientRelationship, set(going))
    _collect(result, Client, set(clients))
    result.audit_events = AuditEvent.objects.filter(occurred_at__date__lte=audit_before).count()
    return result


def _concrete_models() -> Iterable[type[models.Model]]:
    return [m for m in apps.get_models() if not m._meta.proxy and m._meta.managed]


def _reverse_relations(model: type[models.Model]) -> list[ForeignObjectRel]:
    """Every relation pointing at ``model``, the hidden ones too: ``_meta.related_objects``
    leaves out a foreign key declared with ``related_name="+"`` (a complaint's, a log
    request's), and its rows would be missed."""
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if isinstance(field, ForeignObjectRel)
    ]


def _collect(result: Plan, model: type[models.Model], pks: set[Any]) -> None:
    """Add ``pks`` of ``model`` and, in turn, every row that points at them."""
    pending: list[tuple[type[models.Model], set[Any]]] = [(model, pks)]
    while pending:
        current, keys = pending.pop()
        new = keys - result.rows.setdefault(current, set())
        if not new:
            continue
        result.rows[current] |= new
        for relation in _reverse_relations(current):
            if relation.many_to_many:
                through = relation.through  # type: ignore[attr-defined]
                _collect_through(result, through, current, new)
                continue
            related = relation.related_model
            if related is None or not isinstance(related, type):
                continue
            name = relation.field.name
            found = set(
                related._base_manager.filter(**{f"{name}__in": list(new)}).values_list(
                    "pk", flat=True
                )
            )
            if found:
                pending.append((related, found))
        for m2m in current._meta.many_to_many:
            through = m2m.remote_field.through
            if isinstance(through, type):
                _collect_through(result, through, current, new)


def _collect_through(
    result: Plan, through: type[models.Model], model: type[models.Model], pks: set[Any]
) -> None:
    for fk in through._meta.fields:
        if getattr(fk, "related_model", None) is model:
            found = set(
                through._base_manager.filter(**{f"{fk.name}__in": list(pks)}).values_list(
                    "pk", flat=True
                )
            )
            result.through.setdefault(through, set()).update(found)


def destroy(result: Plan) -> None:
    """Delete the rows of ``result`` and the old log events (the caller's transaction)."""
    for model, pks in [*result.through.items(), *reversed(list(result.rows.items()))]:
        keys = list(pks)
        for start in range(0, len(keys), 500):
            model._base_manager.filter(pk__in=keys[start : start + 500])._raw_delete(
                using="default"
            )
    if result.audit_events:
        _destroy_audit(result.audit_before)


def _destroy_audit(before: dt.date) -> None:
    old = AuditEvent.objects.filter(occurred_at__date__lte=before)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
            old._raw_delete(using="default")
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
    else:
        with deletion_allowed():
            old._raw_delete(using="default")
