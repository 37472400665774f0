"""Helpers for putting a service's decision onto the form the user sent (STYLE.md §6)."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.Form, error: ValidationError, *, field_map: Mapping[str, str] | None = None
) -> None:
    """Attach a service's ValidationError to the form: field errors to their fields (renamed by
    ``field_map`` when the form names them differently), the rest to the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            name = (field_map or {}).get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
