"""The audit API: services, selectors and access helpers call these explicitly (no signals).

Only the caller knows the actor, the purpose and the legal basis. A change event is written in
the caller's transaction, so a rolled-back write leaves no event and a written one always has it.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from polku.audit.models import AuditEvent, EventKind
from polku.core import clock


class HasPk(Protocol):
    pk: Any


Actor = models.Model | AnonymousUser | None


def _actor(actor: Actor) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, ""
    return actor.pk, str(getattr(actor, "username", "") or actor.pk)


def _key(what: str | Promise) -> str:
    """The stable key stored as "what": a lazy translation is stored as its English source.

    Events are shown in the reader's language, so the store keeps the untranslated text
    (STYLE.md §4); storing ``str(_("..."))`` would freeze the writer's language into the log.
    """
    if isinstance(what, Promise):
        with translation.override(None):
            return str(what)
    return what


def _record(record: models.Model | None) -> tuple[str, str]:
    if record is None:
        return "", ""
    return record._meta.label, str(record.pk)


def record_access(
    *,
    actor: Actor,
    client: HasPk,
    what: str | Promise,
    basis: str = "",
    purpose: str = "",
    record: models.Model | None = None,
) -> AuditEvent:
    """Log a read of one client's data: who, which client, what was read, on what basis."""
    actor_id, actor_name = _actor(actor)
    record_type, record_id = _record(record)
    return AuditEvent.objects.create(
        kind=EventKind.ACCESS,
        occurred_at=clock.now(),
        actor_id=actor_id,
        actor_name=actor_name,
        client_id=client.pk,
        record_type=record_type,
        record_id=record_id,
        what=_key(what),
        basis=basis,
        purpose=purpose,
    )


def record_access_many(
    *,
    actor: Actor,
    client_ids: Iterable[int],
    what: str | Promise,
    basis: str = "",
    purpose: str = "",
) -> list[AuditEvent]:
    """Log a list page that shows several clients: one event per client, one INSERT."""
    actor_id, actor_name = _actor(actor)
    now = clock.now()
    key = _key(what)
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
    what: str | Promise = "",
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
        what=_key(what) or record_type,
        changes={name: [_jsonable(old), _jsonable(new)] for name, (old, new) in changes.items()},
    )


def record_disclosure(
    *,
    actor: Actor,
    client: HasPk | None,
    what: str | Promise,
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
        what=_key(what),
        recipient=recipient,
        purpose=purpose,
        legal_basis=legal_basis,
        changes={
            name: [_jsonable(old), _jsonable(new)] for name, (old, new) in (changes or {}).items()
        },
    )


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
