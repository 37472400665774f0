"""The audit API: services, selectors and access helpers call these explicitly (no signals).

Only the caller knows the actor, the purpose and the legal basis. ``what`` is a registered
event type (polku.audit.events): a member of an app's enum, whose key is stored and whose label
is shown in the reader's language; an unregistered key is refused. A change event is written in
the caller's transaction, so a rolled-back write leaves no event and a written one always has it.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser
from django.db import models

from polku.audit.events import key_of
from polku.audit.models import AuditEvent, EventKind
from polku.core import clock
from polku.core.models import Versioned
from polku.core.versioning import save_versioned


class HasPk(Protocol):
    pk: Any


Actor = models.Model | AnonymousUser | None


def _actor(actor: Actor) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, ""
    return actor.pk, str(getattr(actor, "username", "") or actor.pk)


def _record(record: models.Model | None) -> tuple[str, str]:
    if record is None:
        return "", ""
    return record._meta.label, str(record.pk)


def record_access(
    *,
    actor: Actor,
    client: HasPk | None,
    what: str,
    basis: str = "",
    purpose: str = "",
    record: models.Model | None = None,
) -> AuditEvent:
    """Log a read of one client's data: who, which client, what was read, on what basis.
    ``client`` is None for a read of records that are no client's (the service network's
    partners and their contact persons)."""
    actor_id, actor_name = _actor(actor)
    record_type, record_id = _record(record)
    return AuditEvent.objects.create(
        kind=EventKind.ACCESS,
        occurred_at=clock.now(),
        actor_id=actor_id,
        actor_name=actor_name,
        client_id=client.pk if client is not None else None,
        record_type=record_type,
        record_id=record_id,
        what=key_of(what),
        basis=basis,
        purpose=purpose,
    )


def record_access_many(
    *,
    actor: Actor,
    client_ids: Iterable[int],
    what: str,
    basis: str = "",
    purpose: str = "",
) -> list[AuditEvent]:
    """Log a list page that shows several clients: one event per client, one INSERT."""
    actor_id, actor_name = _actor(actor)
    now = clock.now()
    key = key_of(what)
    events = [
        AuditEvent(
            kind=EventKind.ACCESS,
            occurred_at=now,
            actor_id=actor_id,
            actor_name=actor_name,
            client_id=client_id,
            what=key,
            basis=basis,
            purpose=purpose,
        )
        for client_id in dict.fromkeys(client_ids)
    ]
    return AuditEvent.objects.bulk_create(events)


def record_change(
    *,
    actor: Actor,
    record: models.Model,
    changes: Mapping[str, tuple[Any, Any]],
    what: str,
    client: HasPk | None = None,
) -> AuditEvent | None:
    """Log a write: the record, and each changed field with its old and new value.

    Nothing is written when ``changes`` is empty (a save that changed nothing).
    """
    if not changes:
        return None
    actor_id, actor_name = _actor(actor)
    record_type, record_id = _record(record)
    return AuditEvent.objects.create(
        kind=EventKind.CHANGE,
        occurred_at=clock.now(),
        actor_id=actor_id,
        actor_name=actor_name,
        client_id=client.pk if client is not None else None,
        record_type=record_type,
        record_id=record_id,
        what=key_of(what),
        changes={name: [_jsonable(old), _jsonable(new)] for name, (old, new) in changes.items()},
    )


def record_disclosure(
    *,
    actor: Actor,
    client: HasPk | None,
    what: str,
    recipient: str,
    purpose: str,
    legal_basis: str,
    record: models.Model | None = None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
) -> AuditEvent:
    """Log a disclosure (luovutus): what was given, to whom, why and on what legal basis.

    ``recipient`` is a stable key (``client``, ``employment_authority``, ``print``), never a
    name or a label; ``changes`` names what the key does not, as fields of ``record`` with
    their values given out, e.g. the authority by reference:
    ``{"employment_authority": (None, unit)}``.
    """
    actor_id, actor_name = _actor(actor)
    record_type, record_id = _record(record)
    return AuditEvent.objects.create(
        kind=EventKind.DISCLOSURE,
        occurred_at=clock.now(),
        actor_id=actor_id,
        actor_name=actor_name,
        client_id=client.pk if client is not None else None,
        record_type=record_type,
        record_id=record_id,
        what=key_of(what),
        recipient=recipient,
        purpose=purpose,
        legal_basis=legal_basis,
        changes={
            name: [_jsonable(old), _jsonable(new)] for name, (old, new) in (changes or {}).items()
        },
    )


def record_disclosure_many(
    *,
    actor: Actor,
    records: Iterable[tuple[int, models.Model]],
    what: str,
    recipient: str,
    purpose: str,
    legal_basis: str,
    basis: str = "",
) -> list[AuditEvent]:
    """Log a document that gives out several clients' rows (a report): one disclosure per
    ``(client_id, record)``, in one INSERT; otherwise as :func:`record_disclosure`."""
    actor_id, actor_name = _actor(actor)
    now = clock.now()
    key = key_of(what)
    events = []
    for client_id, record in records:
        record_type, record_id = _record(record)
        events.append(
            AuditEvent(
                kind=EventKind.DISCLOSURE,
                occurred_at=now,
                actor_id=actor_id,
                actor_name=actor_name,
                client_id=client_id,
                record_type=record_type,
                record_id=record_id,
                what=key,
                recipient=recipient,
                purpose=purpose,
                legal_basis=legal_basis,
                basis=basis,
            )
        )
    return AuditEvent.objects.bulk_create(events)


def model_update(
    *,
    actor: Actor,
    obj: Versioned,
    version: int,
    data: Mapping[str, Any],
    what: str,
    client: HasPk | None = None,
    clean: bool = True,
    clean_exclude: Sequence[str] = (),
) -> dict[str, tuple[Any, Any]]:
    """The one update routine of every service that edits a versioned record:
    snapshot → set → ``full_clean()`` → diff → ``save_versioned`` → ``record_change``.

    Saves the fields of ``data`` only if the stored version is still ``version``
    (:class:`~polku.core.versioning.EditConflict` otherwise, nothing written) and returns the
    changes it audited, ``{}`` when nothing changed (then no event is written). Runs in the
    caller's transaction; the service is ``@transaction.atomic``.
    """
    names = list(data)
    before = snapshot(obj, names)
    for name, value in data.items():
        setattr(obj, name, value)
    if clean:
        obj.full_clean(exclude=list(clean_exclude))
    changes = diff(before, obj, names)
    save_versioned(obj, expected=version, fields=names)
    record_change(actor=actor, record=obj, client=client, what=what, changes=changes)
    return changes


def diff(
    before: Mapping[str, Any], obj: object, fields: Sequence[str]
) -> dict[str, tuple[Any, Any]]:
    """Fields of ``obj`` whose value differs from ``before`` (a snapshot taken before editing)."""
    result: dict[str, tuple[Any, Any]] = {}
    for name in fields:
        new = getattr(obj, name)
        if before.get(name) != new:
            result[name] = (before.get(name), new)
    return result


def snapshot(obj: object, fields: Sequence[str]) -> dict[str, Any]:
    """The current values of ``fields``, for :func:`diff` after the edit."""
    return {name: getattr(obj, name) for name in fields}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return str(value)
