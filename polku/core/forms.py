"""Helpers for putting a service's decision onto the form the user sent (STYLE.md §6), and a
widget for long lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


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


def _attributes(attrs: Mapping[str, Any]) -> SafeString:
    """An element's attributes as Django's widget template writes them: in their order, a True
    one bare, a False one left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class LongSelect(forms.Select):
    """A select of hundreds or thousands of options (the metrics' work-activity places): the same
    HTML as Django's ``Select`` (no option groups), its options joined in Python rather than
    rendered one template each, which took about a tenth of a millisecond an option (3,000
    places: a quarter of a second of every page load; docs/performance.md)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        if any(isinstance(label, list | tuple) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups: Django's own
        chosen = set(self.format_value(value))
        options = []
        for option, label in self.choices:
            text = "" if option is None else str(option)
            selected = text in chosen
            if selected:
                chosen = set()  # one option selected, as Django's select of one value
            options.append((text, " selected" if selected else "", label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            _attributes(self.build_attrs(self.attrs, attrs)),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )
