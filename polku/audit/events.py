"""Audit event types: one enum per app, registered from its ``AppConfig.ready()``.

An event's ``what`` is a stable key from one of these enums, never free text and never a
translated string: the key is what the store keeps, the label is what a reader sees, in the
reader's language. The audit API refuses a key no app has registered, so an event cannot be
written that no page can name (docs/subsystems/audit.md).

```python
class ClientEvent(EventType):
    CLIENT_CREATED = "client created", _("Client created")

class ClientsConfig(AppConfig):
    def ready(self) -> None:
        events.register_types(ClientEvent)
```

Keys are the event's English name as stored since the first events were written; a key is
never renamed, because old events keep it.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise


class EventType(models.TextChoices):
    """The base of every app's event-type enum (a ``TextChoices``: key and translated label)."""


class UnregisteredEventType(ImproperlyConfigured):
    """An event was written with a key that no app has registered."""


_TYPES: dict[str, EventType] = {}


def register_types(*enums: type[EventType]) -> None:
    """Register an app's event types; a key registered by another enum is refused."""
    for enum in enums:
        for member in enum:
            known = _TYPES.get(member.value)
            if known is not None and type(known) is not enum:
                raise ImproperlyConfigured(
                    f"Audit event key {member.value!r} is registered by both "
                    f"{type(known).__qualname__} and {enum.__qualname__}."
                )
            _TYPES[member.value] = member


def key_of(what: str) -> str:
    """The stored key of ``what``: a registered member or key; anything else is refused."""
    if isinstance(what, Promise) or str(what) not in _TYPES:
        raise UnregisteredEventType(
            f"Audit event type {str(what)!r} is not registered: add it to the app's "
            "events.py enum and register it in AppConfig.ready()."
        )
    return str(what)


def is_registered(key: str) -> bool:
    return key in _TYPES


def event_type(key: str) -> EventType | None:
    return _TYPES.get(key)


def label(key: str) -> str:
    """The label of a stored key in the active language; an unknown key is shown as it is."""
    member = _TYPES.get(key)
    return str(member.label) if member is not None else key


def registered() -> dict[str, EventType]:
    return dict(_TYPES)
