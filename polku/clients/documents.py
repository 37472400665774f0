"""The header every letter to a client carries: organiser, producer, client, author, date.

One place for it, so the invitation, the joint-meeting invitation, the information notice and the
plan cannot drift apart in what they say about who writes to whom.
"""

from __future__ import annotations

from typing import Any

from polku.accounts.models import Unit, UnitKind, User
from polku.clients.models import ClientRelationship
from polku.core import clock


def letter_context(
    *,
    relationship: ClientRelationship,
    title: str,
    author: User,
    identity: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The letter's header fields; ``identity`` overrides the masked identity code. Every
    letter is rendered in the client's language, and so is the author's title (not the
    language of whoever opens the letter)."""
    person = relationship.client
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).first()
    return {
        "document_name": title,
        "organiser_name": (organiser or relationship.unit).name_in(person.language or "fi"),
        "producer_name": relationship.unit.name_in(person.language or "fi"),
        "client_name": person.full_name,
        "client_identity_code": person.masked_identity_code if identity is None else identity,
        "author_name": author.get_full_name(),
        "author_title": author.title_in(person.language or "fi"),
        "created_at": clock.now(),
        "person": person,
        **extra,
    }
