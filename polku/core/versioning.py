"""Optimistic locking that works the same on SQLite and PostgreSQL (STYLE.md §5)."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from polku.core import clock
from polku.core.errors import CommonError
from polku.core.models import Versioned


class EditConflict(ValidationError):
    """Someone else saved the record after this user opened it."""

    def __init__(self, obj: Versioned) -> None:
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. Your changes have "
                "not been saved; they are still in the form. Check the current information and "
                "save again."
            ),
            code=CommonError.EDIT_CONFLICT,
        )
        self.obj = obj


def save_versioned(obj: Versioned, *, expected: int, fields: Sequence[str]) -> None:
    """Save ``fields`` of ``obj`` only if its stored version is still ``expected``.

    The check and the write are one conditional UPDATE, so no lock is needed. On success the
    version grows by one; on conflict :class:`EditConflict` is raised and nothing is written.
    """
    now = clock.now()
    values = {name: getattr(obj, name) for name in fields}
    rows = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected)
        .update(version=F("version") + 1, updated_at=now, **values)
    )
    if rows != 1:
        raise EditConflict(obj)
    obj.version = expected + 1
    obj.updated_at = now


def with_version(data: Any, version: int) -> Any:
    """Submitted form data with the current version, so that after a conflict the user can
    check the current record and save again on purpose (their input is kept)."""
    data = data.copy()
    data["version"] = str(version)
    return data
