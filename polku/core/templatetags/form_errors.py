"""The error summary's view of a form's hidden fields (``core/_form_errors.html``).

A hidden field the user never saw (a one-time form token, a version number) refused by the
form's own validation was sent stale or altered: the summary says so in one plain sentence,
not with the field's raw name and Django's message ("Submission: Enter a valid UUID."). A
service's refusal put on a hidden field (the day a calendar button sent) is the user's
business and is shown as any field's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms, template

register = template.Library()

# The codes of Django's own field validation: a hidden field refused with one of these was not
# filled in by the user.
FIELD_VALIDATION_CODES = frozenset(
    {
        "invalid",
        "required",
        "invalid_choice",
        "invalid_list",
        "invalid_pk_value",
        "max_value",
        "min_value",
        "step_size",
        "max_length",
        "min_length",
        "max_digits",
        "max_decimal_places",
        "max_whole_digits",
        "null_characters_not_allowed",
    }
)


@dataclass
class HiddenErrors:
    stale: bool = False  # some hidden field failed the form's own validation
    errors: list[tuple[Any, str]] = field(default_factory=list)  # (bound field, message)


@register.simple_tag
def hidden_field_errors(form: forms.BaseForm) -> HiddenErrors:
    result = HiddenErrors()
    for bound in form.hidden_fields():
        for error in form.errors.as_data().get(bound.name, []):
            if error.code in FIELD_VALIDATION_CODES or error.code is None:
                result.stale = True
            else:
                result.errors.extend((bound, message) for message in error.messages)
    return result
