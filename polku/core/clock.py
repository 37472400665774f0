"""The project clock: the only source of "now" and "today" (tests freeze it).

Code never calls ``timezone.now()`` or ``date.today()`` directly; ruff's banned-api enforces it.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current aware time."""
    if _frozen is not None:
        return _frozen
    return dt.datetime.now(tz=dt.UTC)  # noqa: TID251 - the one allowed call


def today() -> dt.date:
    """Today's date in Europe/Helsinki (the current time zone)."""
    return timezone.localdate(now())


@contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    """Freeze the clock at an aware moment for the duration of the block (tests, commands)."""
    global _frozen
    if timezone.is_naive(at):
        raise ValueError("frozen() needs an aware datetime")
    previous, _frozen = _frozen, at
    try:
        yield
    finally:
        _frozen = previous
