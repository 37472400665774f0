"""The language of a document offered for download, said on the page when it differs from
the page's: ``{{ code|written_in }}`` gives "suomeksi" / "på finska" / "in Finnish", or
nothing when the document is in the page's language (docs/subsystems/i18n.md)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language, pgettext

register = template.Library()


def _in_language(code: str) -> str:
    if code == "sv":
        return pgettext("document language", "in Swedish")
    if code == "en":
        return pgettext("document language", "in English")
    return pgettext("document language", "in Finnish")


@register.filter
def written_in(code: str | None) -> str:
    """The document's language in the page's words, or "" when it is the page's own."""
    document = (code or "fi").split("-")[0]
    page = (get_language() or "fi").split("-")[0]
    return "" if document == page else _in_language(document)
