"""Template tags for the configuration site (Django admin)."""

from typing import Any

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def result_count(changelist: Any) -> str:
    """ "12 käyttäjää", not "12 käyttäjät": a count needs its own plural forms per language.

    The model admin's ``count_label(count)`` gives them; Django's own pagination puts the count
    before the plural verbose name, which is wrong in Finnish.
    """
    count: int = changelist.result_count
    label = getattr(changelist.model_admin, "count_label", None)
    if label is not None:
        return str(label(count))
    return ngettext("%(count)s row", "%(count)s rows", count) % {"count": count}
