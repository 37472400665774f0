"""OmaPolku's template words: ``{{ absence.reason|plain_reason }}`` (``portal.reasons``)."""

from __future__ import annotations

from django import template

from polku.portal import reasons

register = template.Library()


@register.filter
def plain_reason(code: str) -> str:
    return reasons.plain_reason(code)
